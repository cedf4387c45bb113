"""Git history: the first-parent commits that touched each document, read in two git processes.

One ``git log`` lists every commit on the published branch with the blobs it wrote; one
long-lived ``git cat-file --batch`` (GitPython's object database) reads those blobs.
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
class Revision:
    """A first-parent commit that wrote a new blob for a document's source."""

    commit: str
    committed_at: datetime
    """Committer time, in the organization's time zone."""
    path: str
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

    def revisions(self, paths: Iterable[str], timezone: ZoneInfo, now: datetime) -> list[Revision]:
        """Revisions of the given paths, oldest first, following renames between them."""
        paths = sorted(set(paths))
        if self.head is None or not paths:
            return []
        output = self.repo.git.log(
            "--first-parent", "--diff-merges=first-parent", "-z", "--raw", "--no-abbrev",
            "-M", "--format=%x01%H %ct", "HEAD", "--", *paths,
            strip_newline_in_stdout=False,
        )
        revisions = []
        for record in output.split("\x01")[1:]:
            header, _, changes = record.partition("\0")
            commit, timestamp = header.split()
            committed_at = datetime.fromtimestamp(int(timestamp), timezone)
            if committed_at > now + CLOCK_SKEW_TOLERANCE:
                raise PolicyError(
                    f"commit {commit[:12]} is dated {committed_at.isoformat()}, which is in the future.",
                    where=", ".join(paths),
                    fix="the clock of the computer that made the commit was wrong; amend the commit "
                    "with the correct date (git commit --amend --date=now) before publishing.",
                )
            for path, blob in _written_blobs(changes):
                if path in paths and blob != _NO_BLOB:
                    revisions.append(Revision(commit, committed_at, path, blob))
        revisions.reverse()
        return revisions

    def committed_time(self, commit: str) -> int:
        """A commit's committer time in Unix seconds, read by the cat-file process that reads blobs."""
        return git.Commit(self.repo, bytes.fromhex(commit)).committed_date

    def read_blob(self, blob: str) -> str:
        return self.repo.odb.stream(bytes.fromhex(blob)).read().decode("utf-8")


def head_commit(repo: git.Repo) -> str | None:
    """HEAD's commit id, read from the ref files (no git process); None before the first commit."""
    try:
        return git.SymbolicReference.dereference_recursive(repo, "HEAD")
    except ValueError:
        return None


def _written_blobs(changes: str) -> Iterable[tuple[str, str]]:
    # Raw records: ":mode mode old new STATUS\0path\0", with two paths for renames and copies.
    fields = changes.lstrip("\n").split("\0")
    i = 0
    while i < len(fields) and fields[i].startswith(":"):
        meta = fields[i].split()
        status, new_blob = meta[-1], meta[3]
        i += 3 if status[0] in "RC" else 2
        yield fields[i - 1], new_blob


def refs_to_watch(root: Path) -> list[Path]:
    """Files that change when a commit lands, so a live preview can rebuild on commit."""
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return []
    git_dir, common = Path(repo.git_dir), Path(repo.common_dir)
    return [p for p in (git_dir / "HEAD", common / "refs" / "heads") if p.exists()]
