"""What merging a pull request would publish, worked out by the engine itself.

A reviewer needs to know what merging would publish: under which version number, material or
editorial, taking effect when, with enough notice. Rather than repeat the engine's rules (the
day's changes fold into one version, a pending effective date is inherited …), the site is read
by ``versioning.read_record`` twice, in a scratch repository in a temporary folder that borrows the
real one's objects (Git's alternates) and writes only its own, so that nothing in the real
repository, its working tree or its index changes:

    HEAD = the base                                        ->  what is published
    HEAD = a commit landing now on the base, holding the   ->  what merging would publish
           base merged with HEAD (and uncommitted edits
           to the documents)

In CI, HEAD is the pull request's merge commit and the base is the pull request's base commit.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from datetime import datetime, time
from pathlib import Path

import git

from . import frontmatter, versioning
from .document import Document, DocumentSpec
from .errors import Finding, PolicyError
from .history import History
from .settings import Settings
from .version import Version

DEFAULT_BASES = ("origin/main", "HEAD^1")
"""The base when none is named: the published branch as last fetched, or else HEAD's first parent."""
_LANDER = {"GIT_AUTHOR_NAME": "policypress", "GIT_AUTHOR_EMAIL": "policypress@localhost",
           "GIT_COMMITTER_NAME": "policypress", "GIT_COMMITTER_EMAIL": "policypress@localhost"}


@dataclass(frozen=True)
class Change:
    """One document as published at the base, and the version merging would make of it."""

    published: Document | None
    """None when the document is not published at the base yet."""
    proposed: Document
    version: Version
    findings: tuple[Finding, ...]
    """What the check finds about the document once merged that it does not find at the base."""
    uncommitted: bool
    """The text includes edits not committed yet."""


@dataclass(frozen=True)
class Proposal:
    """What merging HEAD into the base would publish, had it landed at ``landing``."""

    base: str
    """The base as it was named (``origin/main``, a commit id …)."""
    base_commit: str
    landing: datetime
    changes: tuple[Change, ...]
    unchanged: tuple[str, ...]
    """Titles of the documents merging leaves as they are."""
    same_text: tuple[str, ...]
    """Titles of the documents whose file changes but not its text (front matter or spacing): no new version."""
    error: PolicyError | None = None
    """Why the build would stop once merged; ``changes`` is then empty."""


def read(settings: Settings, base: str | None = None, *, now: datetime | None = None) -> Proposal:
    """Merge HEAD into ``base`` (default: ``DEFAULT_BASES``) as if it landed now, and read both sites."""
    history = History(settings.root)  # refuses a folder that is no repository, or a shallow clone
    real, head = history.repo, history.head
    if head is None:
        raise PolicyError("nothing is committed yet, so there is no change to review.", where=str(history.top),
                          fix="commit the documents first.")
    base, base_commit = _base(real, base, history.top)
    now = now or datetime.now(settings.timezone)
    landing = _landing(settings, now)
    with tempfile.TemporaryDirectory(prefix="policypress-review-") as folder, \
            _Scratch(Path(folder).resolve(), real, history.top.resolve(), settings) as scratch:
        at_base = [found for spec in settings.documents if (found := scratch.as_at(base_commit, spec))]
        published = scratch.read_record(base_commit, at_base, max(now, landing))
        drafts = {spec: text for spec in settings.documents if (text := _draft(settings, spec, scratch, head))}
        landed = scratch.land(scratch.merged(base_commit, head, drafts), base_commit, landing)
        try:
            proposed = scratch.read_record(landed, settings.documents, max(now, landing))
        except PolicyError as error:
            return Proposal(base, base_commit, landing, (), (), (), error)
        file_changed = [spec.title for spec in settings.documents
                        if scratch.text(base_commit, spec) != scratch.text(landed, spec)]
    changes = _changes(settings, published, proposed, landed, drafts)
    changed = {change.proposed.title for change in changes}
    return Proposal(base, base_commit, landing, changes,
                    tuple(d.title for d in proposed.documents if d.title not in changed),
                    tuple(title for title in file_changed if title not in changed))


def _base(repo: git.Repo, base: str | None, top: Path) -> tuple[str, str]:
    """The base's name and commit: the one named, or the first of ``DEFAULT_BASES`` there is."""
    for name in (base,) if base else DEFAULT_BASES:
        try:
            return name, repo.git.rev_parse("--verify", "--quiet", f"{name}^{{commit}}")
        except git.GitCommandError:
            continue
    if base:
        raise PolicyError(f"there is no commit {base!r} in this repository.", where=str(top),
                          fix="name a branch, tag or commit with --base. In CI, check out with 'fetch-depth: 0' "
                          "so that the base is fetched.")
    raise PolicyError("there is no base to compare with: no origin/main, and HEAD has no parent.", where=str(top),
                      fix="name the base with --base REV (a branch, tag or commit).")


def _changes(settings: Settings, published: versioning.Record, proposed: versioning.Record, landed: str,
             drafts: dict[DocumentSpec, bytes]) -> tuple[Change, ...]:
    """Each document whose newest version, once merged, is the merge's: the ones it changes."""
    seen = {(finding.problem, finding.where) for finding in published.findings}
    new_findings = [finding for finding in proposed.findings if (finding.problem, finding.where) not in seen]
    before = {document.slug: document for document in published.documents}
    return tuple(
        Change(before.get(document.slug), document, document.versions[-1],
               tuple(f for f in new_findings if f.where == settings.source_path(document.spec)),
               document.spec in drafts)
        for document in proposed.documents if document.versions[-1].commit == landed
    )


def _landing(settings: Settings, now: datetime) -> datetime:
    """When the merge lands: now, or late on the pinned "today" (POLICYPRESS_TODAY) if there is one."""
    if settings.today is None or settings.today == now.date():
        return now
    return datetime.combine(settings.today, time(23, 59), settings.timezone)


def _draft(settings: Settings, spec: DocumentSpec, scratch: _Scratch, head: str) -> bytes | None:
    """The document's working-tree text when its text differs from HEAD's: an edit not committed yet."""
    path = settings.docs_dir / spec.source
    committed = scratch.text(head, spec)
    if not path.is_file() or committed is None:
        return None
    working = path.read_bytes()
    where = settings.source_path(spec)
    try:
        different = frontmatter.parse(working.decode("utf-8"), where).body != \
            frontmatter.parse(committed.decode("utf-8"), where).body
    except (UnicodeDecodeError, PolicyError):
        different = working != committed
    return working if different else None


class _Scratch:
    """A repository in a temporary folder that reads the real one's objects and writes only its own."""

    def __init__(self, folder: Path, real: git.Repo, top: Path, settings: Settings):
        self.repo = git.Repo.init(folder)
        alternates = Path(self.repo.git_dir) / "objects" / "info" / "alternates"
        alternates.write_text(f"{Path(real.common_dir).resolve() / 'objects'}\n", "utf-8")
        self.folder = folder
        self.docs = settings.docs_dir.relative_to(top)
        self.settings = replace(settings, root=folder / settings.root.relative_to(top), docs_dir=folder / self.docs)

    def path(self, spec: DocumentSpec) -> str:
        """The document's path in a commit's tree."""
        return (self.docs / spec.source).as_posix()

    def __enter__(self) -> _Scratch:
        return self

    def __exit__(self, *exception) -> None:
        self.repo.close()  # its git processes, before the folder goes

    def as_at(self, commit: str, spec: DocumentSpec) -> DocumentSpec | None:
        """The document as it is declared at ``commit``: at its path, or at a previous one if a pull
        request renames it; None when the commit does not have it yet."""
        for path in (spec.source, *spec.previous_paths):
            found = replace(spec, source=path)
            if self.text(commit, found) is not None:
                return found
        return None

    def text(self, commit: str, spec: DocumentSpec) -> bytes | None:
        try:
            return (git.Commit(self.repo, bytes.fromhex(commit)).tree / self.path(spec)).data_stream.read()
        except KeyError:
            return None

    def read_record(self, commit: str, specs: list[DocumentSpec], now: datetime) -> versioning.Record:
        """The site as the engine reads it with HEAD at ``commit`` and its documents as committed."""
        (Path(self.repo.git_dir) / "HEAD").write_text(f"{commit}\n", "utf-8")
        for spec in specs:
            text = self.text(commit, spec)
            if text is not None:
                self._write(self.path(spec), text)
        return versioning.read_record(replace(self.settings, documents=tuple(specs)), now=now)

    def merged(self, base: str, head: str, drafts: dict[DocumentSpec, bytes]) -> str:
        """The tree of ``head`` merged into ``base``, with the documents' uncommitted edits."""
        status, tree, error = self.repo.git.execute(["git", "merge-tree", "--write-tree", base, head],
                                                    with_extended_output=True, with_exceptions=False)
        if status != 0:
            conflict = "it conflicts with" if status == 1 else f"Git could not merge it into ({error.strip()})"
            raise PolicyError(
                f"this branch does not merge cleanly into {base[:12]}: {conflict} the base.", where=str(self.folder),
                fix="merge the base into the branch and resolve the conflicts (Git 2.38 or later is needed).",
            )
        tree = tree.split("\n", 1)[0]
        if not drafts:
            return tree
        self.repo.git.read_tree(tree)
        for spec, text in drafts.items():
            self._write(self.path(spec), text)
        self.repo.git.update_index("--add", "--", *(self.path(spec) for spec in drafts))
        return self.repo.git.write_tree()

    def land(self, tree: str, parent: str, landing: datetime) -> str:
        """A commit of ``tree`` on ``parent``, dated ``landing``: the merge as if made then."""
        when = f"{int(landing.timestamp())} {landing:%z}"
        return self.repo.git.commit_tree(tree, "-p", parent, "-m", "policypress review: the merge, as if made now",
                                         env={**_LANDER, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})

    def _write(self, path: str, text: bytes) -> None:
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text)
