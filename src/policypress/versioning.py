"""From Git history to versions: one version per day a document's text changed.

    commits (history)  ->  the document's revisions, followed back through renames
                       ->  one Landed per local day, folding every change of that day
                       ->  the timeline, which decides when each takes effect (timeline)
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from datetime import date, datetime

from . import frontmatter, imported, timeline, words
from .document import Document, DocumentSpec
from .errors import Finding, PolicyError
from .history import Commit, Edit, History
from .settings import Settings
from .version import ChangeNote, Landed, Origin, Version, fold


@dataclass(frozen=True)
class Record:
    """The record read from history: every versioned document, and what the editors should be told."""

    documents: tuple[Document, ...]
    findings: tuple[Finding, ...]
    head: str | None
    head_time: int | None
    """When HEAD was committed (Unix seconds): the date a reproducible build stamps."""
    unpublished: tuple[str, ...] = ()
    """Sources whose working-tree text differs from the last commit (not published)."""


def read_record(settings: Settings, *, now: datetime | None = None, with_drafts: bool = False) -> Record:
    """Read Git and versions/ into documents; raises PolicyError on input it cannot publish.

    A build publishes what is committed; ``with_drafts`` (the live preview) also shows uncommitted
    edits, labelled as drafts, and reads versions/ from the working tree."""
    now = now or datetime.now(settings.timezone)
    history = History(settings.root)
    commits = history.commits(_docs_folder(settings, history), settings.timezone, now)
    folders = imported.read_folders(settings.root, [spec.slug for spec in settings.documents], history,
                                    committed=not with_drafts)
    documents, findings, unpublished = [], [], []
    for spec in settings.documents:
        reader = _Reader(settings, spec, history)
        landed, found = reader.landed(_revisions(settings, spec, commits), folders[spec.slug])
        findings += found
        document_timeline = timeline.resolve(landed, spec.title)
        draft = _draft(settings, spec, landed[-1])
        if draft is not None:
            unpublished.append(settings.source_path(spec))
        shown = draft if with_drafts else None
        documents.append(Document(spec, document_timeline, settings.day_today(), shown and shown.text,
                                  _as_if_landed_today(settings, landed, shown, spec)))
    _check_translations(settings, documents)
    unpublished += imported.uncommitted(settings.root, history)
    head = history.head
    head_time = history.committed_time(head) if head else None
    return Record(tuple(documents), tuple(findings), head, head_time, tuple(unpublished))


def _check_translations(settings: Settings, documents: list[Document]) -> None:
    """Every version of a translation names a version of its original that had landed by then."""
    by_slug = {document.slug: document for document in documents}
    language = words.of(settings.language).language  # named as the editors read it: "the Spanish translation"
    for document in documents:
        original = by_slug.get(document.spec.translation_of)
        if original is None:  # no translation, or read without its original (a command about it alone)
            continue
        numbers = [version.number for version in original.versions]
        for version in document.versions:
            where = imported.written_in(version, settings.source_path(document.spec))
            if version.commit:
                where += f" (commit {version.commit[:12]}, version {version.number})"
            correction = imported.correction_file(document.slug, version.number)
            published = (f"If version {version.number} is already published, add {correction} with 'translates: "
                         f"<version date>' instead.")
            said = version.translates and version.translates.isoformat()
            if said is None:
                problem = f"it does not say which version of the {original.title} it translates"
            elif said not in numbers:
                problem = f"it says 'translates: {said}', but the {original.title} has no version of that date"
            elif version.translates > version.landed_on:
                problem = (f"it says 'translates: {said}', a version of the {original.title} that landed after this "
                           f"translation did ({version.number})")
            else:
                continue
            landed = [number for number in numbers if number <= version.number]
            choose = (f"(one of {', '.join(landed)})" if landed else
                      f"(the {original.title} had no version yet on {version.number}: date the translation after one)")
            raise PolicyError(
                f"this is the {language(document.spec.lang)} translation of the {original.title}, but {problem}.",
                where=where,
                fix=f"add 'translates: YYYY-MM-DD' to its front matter, the version date of the text you translated "
                f"{choose}. {published}",
            )


def _docs_folder(settings: Settings, history: History) -> str:
    # Git names paths from the top of the work tree, which may sit above the config file.
    folder = settings.docs_dir.relative_to(history.top.resolve()).as_posix()
    return "" if folder == "." else folder


# Following a document back through its renames


def _revisions(settings: Settings, spec: DocumentSpec, commits: list[Commit]) -> list[Edit]:
    """The commits that wrote the document's text, oldest first. Walking back from today, the
    document is at its declared source until a commit renamed it there; before that commit, it is
    at the old path. A file that appears at an old path later is another file."""
    path, found = spec.source, []
    for index in range(len(commits) - 1, -1, -1):
        commit = commits[index]
        change = _change_to(commit, path)
        if change is None or change.blob is None:
            continue
        found.append(Edit(commit.id, commit.landed_at, path, change.blob))
        if change.status == "R":
            if change.renamed_from not in spec.previous_paths:
                raise _unfollowed_rename(settings, spec, commit, change.renamed_from, path)
            path = change.renamed_from
        elif change.status == "A":
            earlier = _earlier_path(spec, commits, index, path)
            if earlier is None:
                break
            path = earlier
    found.reverse()
    return found


def _change_to(commit: Commit, path: str):
    return next((change for change in commit.changes if change.path == path), None)


def _earlier_path(spec: DocumentSpec, commits: list[Commit], index: int, path: str) -> str | None:
    """Where the document was before commit ``index`` added it at ``path``: the same path if it
    had been deleted there earlier, or a previous path deleted in that commit or before it."""
    deleted_at: dict[str, int] = {}
    for candidate in (path, *spec.previous_paths):
        for earlier in range(index if candidate != path else index - 1, -1, -1):
            change = next((c for c in commits[earlier].changes if candidate in (c.path, c.renamed_from)), None)
            if change is not None:
                if change.path == candidate and change.status == "D":
                    deleted_at[candidate] = earlier
                break
    if path in deleted_at:
        return path
    previous = {p: i for p, i in deleted_at.items() if p != path}
    return max(previous, key=previous.get) if previous else None


def _unfollowed_rename(settings: Settings, spec: DocumentSpec, commit: Commit, old: str, new: str) -> PolicyError:
    key = settings.key_of(spec)
    listed = ", ".join([*spec.previous_paths, old])
    return PolicyError(
        f"commit {commit.id[:12]} renamed {old} to {new}. The versions from before that commit are versions "
        f"of the {spec.title}, but '{old}' is not in its previous_paths, so they would be lost from the archive.",
        where=f"{settings.config_file.name}, extra.policypress.{key}",
        fix=f"add the old path to the document: previous_paths: [{listed}]",
    )


# One version per day


class _Reader:
    """Reads one document's revisions and versions/ files into the versions that landed."""

    def __init__(self, settings: Settings, spec: DocumentSpec, history: History):
        self.settings, self.spec, self.history = settings, spec, history

    def landed(self, revisions: list[Edit], folder: imported.VersionsFolder) -> tuple[list[Landed], list[Finding]]:
        texts = {text.landed_on: text for text in folder.texts}
        first_git_day = revisions[0].landed_at.date() if revisions else None
        versions = [self._imported(text) for text in folder.texts if first_git_day is None or
                    text.landed_on < first_git_day]
        block_before = versions[-1].front_matter.get("revision") if versions else None
        findings, replaced = [], set()
        for landed_on, group in itertools.groupby(revisions, key=lambda r: r.landed_at.date()):
            day = list(group)
            parsed_texts = self._parsed_texts(day, landed_on, texts.get(landed_on))
            if parsed_texts is None:  # not publishable from Git: the replacement in versions/ stands in
                replaced.add(landed_on)
                versions.append(self._imported(texts[landed_on], commit=day[-1].commit))
                block_before = versions[-1].front_matter.get("revision")
                continue
            version, found = self._day(landed_on, day, parsed_texts, versions, block_before, folder.corrections)
            findings += found
            block_before = parsed_texts[-1][0].front_matter.get("revision")
            if version is not None:
                versions.append(version)
        self._check_texts(folder, first_git_day, replaced, {v.landed_on for v in versions})
        if not versions:
            raise PolicyError(
                "this document has no published version yet: it has never been committed.",
                where=self.settings.source_path(self.spec),
                fix="commit the file (git add, git commit) so it gets its first version date.",
            )
        return _apply_corrections(versions, folder.corrections), findings

    def _parsed_texts(self, day: list[Edit], landed_on: date,
                 replacement: imported.FolderText | None) -> list[tuple[frontmatter.Parsed, Edit]] | None:
        """Each revision's text, or None when one cannot be published and versions/ replaces the day."""
        parsed_texts = []
        for revision in day:
            where = self._where(revision, landed_on)
            raw = self.history.read_blob(revision.blob)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                if replacement is not None:
                    return None
                raise self._unpublishable(where, landed_on, f"is not valid UTF-8 text ({error.reason} at byte "
                                          f"{error.start})") from None
            parsed = frontmatter.parse(text, where)
            if not parsed.body.strip():
                if replacement is not None:
                    return None
                raise self._unpublishable(where, landed_on, "has no text below its front matter")
            parsed_texts.append((parsed, revision))
        return parsed_texts

    def _day(self, landed_on: date, day: list[Edit], parsed_texts: list, versions: list[Landed],
             block_before: object, corrections: dict) -> tuple[Landed | None, list[Finding]]:
        """Fold one day's revisions into its version; None when the text ended the day unchanged."""
        body_before = versions[-1].body if versions else None
        final = parsed_texts[-1][0]
        if final.body == body_before:
            return None, []  # front matter, whitespace or line endings only, or undone the same day
        # Each change of text, with the front matter as it stood before the next one (a same-day
        # fix of the summary belongs to the change it describes).
        changes: list[list] = []
        running = body_before
        for parsed, revision in parsed_texts:
            if parsed.body != running:
                changes.append([parsed, revision])
                running = parsed.body
            elif changes:
                changes[-1][0] = parsed
        correction = corrections.get(landed_on)
        notes = [self._note(parsed, correction) for parsed, _ in changes]
        # The change whose date decides the version's is where an editor fixes that date.
        dated = [(note.effective or date.min, index) for index, note in enumerate(notes)]
        timing = changes[max(dated)[1]][0]
        findings = [self._unclassified(revision, landed_on, parsed) for parsed, revision in changes
                    if versions and parsed.front_matter.get("revision") == block_before]
        reverted = next((v for v in versions if v.body == final.body
                         and v.front_matter.get("revision") == final.front_matter.get("revision")), None)
        if reverted is not None and not findings:
            findings.append(self._reverted(day[-1], landed_on, final, reverted))
        note = fold(notes)
        version = Landed(
            self.spec.slug, landed_on, note, final.body, final.text, Origin.GIT, timing.at("revision.effective"),
            day[-1].commit, front_matter=final.front_matter, translates=self._translates(final),
        )
        return version, findings

    def _note(self, parsed: frontmatter.Parsed, correction: imported.Correction | None) -> ChangeNote:
        try:
            return frontmatter.change_note(parsed)
        except PolicyError:
            # A published version whose front matter was wrong is rescued by a correction, not a rewrite.
            if correction and correction.material is not None and correction.summary:
                return ChangeNote(correction.material, correction.summary, correction.effective)
            raise

    def _imported(self, text: imported.FolderText, commit: str | None = None) -> Landed:
        parsed = frontmatter.parse(text.text, text.where)
        if not parsed.body.strip():
            raise PolicyError("this version has no text below its front matter.", where=text.where,
                              fix="put the version's full text below the front matter.")
        note = frontmatter.change_note(parsed)
        return Landed(self.spec.slug, text.landed_on, note, parsed.body, parsed.text,
                      Origin.GIT if commit else Origin.IMPORTED, parsed.at("revision.effective"), commit,
                      front_matter=parsed.front_matter, translates=self._translates(parsed))

    def _translates(self, parsed: frontmatter.Parsed):
        # Only a translation says which version of its original it renders (checked by _check_translations).
        return frontmatter.translates(parsed) if self.spec.is_translation else None

    def _check_texts(self, folder: imported.VersionsFolder, first_git_day: date | None, replaced: set[date],
                     days: set[date]) -> None:
        for text in folder.texts:
            if first_git_day is None or text.landed_on < first_git_day or text.landed_on in replaced:
                continue
            git_has_it = text.landed_on in days
            raise PolicyError(
                f"this file gives a text for {text.landed_on}, but "
                + ("Git has a publishable text for that day, and a published text is never replaced."
                   if git_has_it else f"that day is not older than the first Git revision ({first_git_day}) and "
                   "no version landed on it."),
                where=text.where,
                fix="imported versions are for history from before Git, and a replacement text is only for a "
                "day whose committed text cannot be published: remove the file or fix its date. To change "
                "what a published version says about itself, use a correction file (.yml) instead.",
            )

    def _where(self, revision: Edit, landed_on: date) -> str:
        path = (self.settings.docs_dir / revision.path).relative_to(self.settings.root).as_posix()
        return f"{path} (commit {revision.commit[:12]}, landed {landed_on})"

    def _unpublishable(self, where: str, landed_on: date, problem: str) -> PolicyError:
        return PolicyError(
            f"the committed text {problem}, so this version cannot be published.",
            where=where,
            fix=f"if the commit is not published yet, correct the file and amend the commit. If it is, keep the "
            f"history as it is and put the text that should be published, with its front matter, in "
            f"{imported.text_file(self.spec.slug, landed_on)}: it stands in for that day's commits.",
        )

    def _unclassified(self, revision: Edit, landed_on: date, parsed: frontmatter.Parsed) -> Finding:
        return Finding(
            f"the text of the {self.spec.title} changed on {landed_on} (commit {revision.commit[:12]}), but its "
            "'revision' block is the same as the previous version's, so the change is not classified.",
            where=self.settings.source_path(self.spec),
            line=parsed.line_of("revision"),
            fix="update 'revision.material' and 'revision.summary' to describe this change. If it is already "
            f"published, add {imported.correction_file(self.spec.slug, landed_on)} with 'material:' and 'summary:' "
            "instead.",
        )

    def _reverted(self, revision: Edit, landed_on: date, source: frontmatter.Parsed, reverted: Landed) -> Finding:
        return Finding(
            f"on {landed_on} (commit {revision.commit[:12]}) the {self.spec.title} went back to the text of version "
            f"{reverted.landed_on}, 'revision' block included, so the change is described as version "
            f"{reverted.landed_on} was. A revert needs its own description.",
            where=self.settings.source_path(self.spec),
            line=source.line_of("revision"),
            fix="write a new 'revision.summary' saying what the revert undoes, and set 'revision.material' for "
            f"that change. If it is already published, add {imported.correction_file(self.spec.slug, landed_on)} with "
            "'material:' and 'summary:' instead.",
        )


def _apply_corrections(versions: list[Landed], corrections: dict) -> list[Landed]:
    by_day = {v.landed_on: v for v in versions}
    for landed_on, correction in corrections.items():
        if landed_on not in by_day:
            raise PolicyError(
                f"there is no version dated {landed_on} to correct.",
                where=correction.where,
                fix=f"rename the file after an existing version date: {', '.join(sorted(map(str, by_day)))}.",
            )
        version = by_day[landed_on]
        note = version.note
        changed = any(value is not None for value in (correction.material, correction.summary, correction.effective,
                                                      correction.translates))
        by_day[landed_on] = replace(
            version,
            note=replace(
                note,
                material=note.material if correction.material is None else correction.material,
                summary=correction.summary or note.summary,
                effective=correction.effective or note.effective,
                editorial_reason=correction.editorial_reason or note.editorial_reason,
            ),
            where=correction.where if correction.effective else version.where,
            corrected=version.corrected or changed,
            notice_waived=correction.notice_waived,
            translates=correction.translates or version.translates,
        )
    return [by_day[v.landed_on] for v in versions]


def _draft(settings: Settings, spec: DocumentSpec, published: Landed) -> frontmatter.Parsed | None:
    path = settings.docs_dir / spec.source
    source = frontmatter.parse(path.read_text("utf-8"), settings.source_path(spec))
    return source if source.body != published.body else None


def _as_if_landed_today(settings: Settings, landed: list[Landed], draft: frontmatter.Parsed | None,
                        spec: DocumentSpec) -> Version | None:
    """The uncommitted text as the version it would be if it landed today, by the timeline's own
    rules, for the preview; its description is the one the editor is writing (or the last one)."""
    if draft is None:
        return None
    try:
        note = frontmatter.change_note(draft)
    except PolicyError:
        note = landed[-1].note
    preview = Landed(spec.slug, max(settings.day_today(), landed[-1].landed_on), note, draft.body, draft.text,
                     Origin.GIT, draft.at("revision.effective"))
    try:
        return timeline.resolve([*landed, preview], spec.title).versions[-1]
    except PolicyError:
        # An effective date the rules refuse is reported once committed; the preview inherits one.
        return timeline.resolve([*landed, replace(preview, note=replace(note, effective=None))],
                                spec.title).versions[-1]

