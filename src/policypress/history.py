"""Git history: the commits on the published branch, read in two git processes.

One ``git log`` lists every first-parent commit with what it changed under the docs folder; one
long-lived ``git cat-file --batch`` (GitPython's object database) reads the blobs and trees.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import git

from .errors import PolicyError

# Commits stamped further ahead than this are clock skew, not a small drift between machines.
CLOCK_SKEW_TOLERANCE = timedelta(minutes=10)
_NO_BLOB = "0" * 40


@dataclass(frozen=True)
class Change:
    """What a commit did to one file under the docs folder."""

    path: str
    """The file's path relative to the docs folder, after the commit."""
    status: str
    """A (added), M (modified), D (deleted), R (renamed) or T (type changed), as Git says."""
    blob: str | None
    """The file's new content, or None when the commit deleted it."""
    renamed_from: str | None = None
    """For a rename: the path the file had before (relative to the docs folder)."""


@dataclass(frozen=True)
class Commit:
    """A commit on the published branch (first parent), with its changes under the docs folder."""

    id: str
    landed_at: datetime
    """When it landed, in the organization's time zone: its committer time, never before its parent's."""
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Edit:
    """A commit on the published branch that wrote a new text for a document."""

    commit: str
    landed_at: datetime
    """When it landed, in the organization's time zone."""
    path: str
    """Relative to the docs folder."""
    blob: str


class History:
    """An open repository: its revisions and the blobs behind them."""

    def __init__(self, root: Path):
        try:
            self.repo = git.Repo(root, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise PolicyError(
                "this folder is not a Git repository, and every version date comes from Git history.",
                where=str(root),
                fix="build from a clone of the repository (git clone …), not from a downloaded archive.",
            ) from None
        if (Path(self.repo.common_dir) / "shallow").exists():
            raise PolicyError(
                "this is a shallow clone: older commits are missing, so version dates cannot be known.",
                where=str(root),
                fix="run 'git fetch --unshallow', or in CI check out with 'fetch-depth: 0'.",
            )
        self.top = Path(self.repo.working_tree_dir)

    @property
    def head(self) -> str | None:
        return head_commit(self.repo)

    def commits(self, folder: str, timezone: ZoneInfo, now: datetime) -> list[Commit]:
        """Every commit on the published branch, oldest first, with its changes under ``folder``
        (relative to the top of the work tree; renames inside it are detected)."""
        if self.head is None:
            return []
        relative = [f"--relative={folder}"] if folder else []
        output = self._git(
            "log", "--first-parent", "--diff-merges=first-parent", "-z", "--raw", "--no-abbrev", "-M",
            *relative, "--format=%x01%H %ct", "HEAD",
        )
        commits: list[Commit] = []
        for record in reversed(output.split("\x01")[1:]):
            header, _, changes = record.partition("\0")
            commit, timestamp = header.split()
            committed_at = datetime.fromtimestamp(int(timestamp), timezone)
            if committed_at > now + CLOCK_SKEW_TOLERANCE:
                raise PolicyError(
                    f"commit {commit[:12]} is dated {committed_at.isoformat()}, which is in the future.",
                    where=str(self.top),
                    fix="the clock of the computer that made the commit was wrong; amend the commit "
                    "with the correct date (git commit --amend --date=now) before publishing.",
                )
            commits.append(Commit(commit, _landed_at(commit, committed_at, commits[-1] if commits else None),
                                  tuple(_changes(changes))))
        return commits

    def _git(self, *args: str) -> str:
        try:
            return self.repo.git.execute(["git", *args], strip_newline_in_stdout=False)
        except git.GitCommandError as error:
            raise _git_failure(error, self.top) from None

    def committed_time(self, commit: str) -> int:
        """A commit's committer time in Unix seconds, read by the cat-file process that reads blobs."""
        return git.Commit(self.repo, bytes.fromhex(commit)).committed_date

    def read_blob(self, blob: str) -> bytes:
        try:
            return self.repo.odb.stream(bytes.fromhex(blob)).read()
        except (ValueError, OSError, git.GitError) as error:
            raise _missing_object(blob, self.top, error) from None

    def committed_files(self, folder: str) -> list[CommittedFile]:
        """Everything but folders that HEAD's tree holds below ``folder`` (from the repository top),
        by path; empty before the first commit or when HEAD has no such folder.

        Read through the cat-file process (``odb.stream``), so no git process is started for it.
        """
        head = self.head
        if head is None:
            return []
        tree = git.Commit(self.repo, bytes.fromhex(head)).tree  # not repo.head.commit: that asks --batch-check
        try:
            found = tree / folder if folder not in ("", ".") else tree
        except KeyError:
            return []
        items = found.traverse() if found.type == "tree" else [found]
        files = [CommittedFile(item.path, item.mode, item) for item in items if item.type != "tree"]
        return sorted(files, key=lambda file: file.path)


def head_commit(repo: git.Repo) -> str | None:
    """HEAD's commit id, read from the ref files (no git process); None before the first commit."""
    try:
        return git.SymbolicReference.dereference_recursive(repo, "HEAD")
    except ValueError:
        return None


def _changes(raw: str) -> Iterable[Change]:
    # Raw records: ":mode mode old new STATUS\0path\0", with two paths for renames and copies.
    fields = raw.lstrip("\n").split("\0")
    i = 0
    while i < len(fields) and fields[i].startswith(":"):
        meta = fields[i].split()
        status, new_blob = meta[-1], meta[3]
        if status[0] in "RC":
            old, new = fields[i + 1], fields[i + 2]
            i += 3
            yield Change(new, "R" if status[0] == "R" else "A", new_blob, old if status[0] == "R" else None)
        else:
            i += 2
            yield Change(fields[i - 1], status[0], None if status[0] == "D" or new_blob == _NO_BLOB else new_blob)


def _landed_at(commit: str, committed_at: datetime, parent: Commit | None) -> datetime:
    """A commit lands after its parent. A clock a few minutes slow is ordinary drift between
    machines, and the commit counts as landing with its parent; more than that is an error."""
    if parent is None or committed_at >= parent.landed_at:
        return committed_at
    if committed_at >= parent.landed_at - CLOCK_SKEW_TOLERANCE:
        return parent.landed_at
    raise PolicyError(
        f"commit {commit[:12]} is dated {committed_at:%Y-%m-%d %H:%M %z}, before the commit it follows on the "
        f"published branch, {parent.id[:12]} ({parent.landed_at:%Y-%m-%d %H:%M %z}). Versions are dated by the "
        "day their commit landed, and a commit cannot land before its parent, so this date is wrong.",
        where=f"commit {commit[:12]}",
        fix="this happens when a computer's clock was wrong, or when a branch was rebased with "
        "--committer-date-is-author-date. If the commit is not published yet, give it the real date: "
        f"'git rebase --ignore-date {parent.id[:12]}' re-dates every commit after {parent.id[:12]}, then push. "
        "Publish through merge commits or your Git host's merge or squash button, which date a change "
        "when it lands.",
    )


def _git_failure(error: git.GitCommandError, top: Path) -> PolicyError:
    message = str(error.stderr or error).strip()
    if "dubious ownership" in message:
        return PolicyError(
            "Git refuses to read this repository because its folder belongs to another user.",
            where=str(top),
            fix=f"mark the folder as safe with: git config --global --add safe.directory {top}",
        )
    if "promisor" in message or "could not fetch" in message:
        return _missing_object("", top, error)
    return PolicyError(f"Git could not read the history ({message}).", where=str(top),
                       fix="check that this is a complete clone of the repository ('git status' works).")


def _missing_object(blob: str, top: Path, error: Exception) -> PolicyError:
    what = f"the text {blob[:12]}" if blob else "part of the history"
    return PolicyError(
        f"{what} is not in this clone and could not be fetched ({str(error).strip()[:200]}).",
        where=str(top),
        fix="this is a partial clone whose remote cannot be reached. Make a full clone (git clone without "
        "--filter), or in CI check out with 'fetch-depth: 0' and no 'filter:'.",
    )


def refs_to_watch(root: Path) -> list[Path]:
    """Files that change when a commit lands, so a live preview can rebuild on commit."""
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return []
    git_dir, common = Path(repo.git_dir), Path(repo.common_dir)
    return [p for p in (git_dir / "HEAD", common / "refs" / "heads") if p.exists()]


@dataclass(frozen=True)
class CommittedFile:
    """A file in HEAD's tree, read through the cat-file process that reads every blob."""

    path: str
    """From the repository top, as Git names it."""
    mode: int
    """Git's file mode: 0o100644 a file, 0o120000 a symbolic link, 0o160000 a submodule."""
    _object: git.objects.base.IndexObject

    def read_bytes(self) -> bytes:
        return self._object.data_stream.read()
