"""What a reviewer reads about a change: the two texts, what each is, and the redline between them.

``policypress diff`` compares two versions of a document, its newest version with the one before,
its uncommitted draft with its newest version, or what merging a pull request would publish with
what is published (``proposal``). A ``Review`` is written for a terminal (``heading`` over
``terminal``'s redline) or, for GitHub's job summary, as Markdown (``markdown``): a heading per
document, a table of what the two texts are, the notice check's verdict, and the changed blocks
with ``<del>`` and ``<ins>``, editor text escaped so that it can only ever read as text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from . import notices, redline
from .document import Document
from .errors import Finding, plural
from .proposal import Proposal
from .redline import HEADINGS, Redline, Status
from .render import RenderVersion
from .settings import Settings
from .terminal import Lines
from .timeline import Timeline
from .version import Version

SUMMARY_LIMIT = 900_000
"""Bytes of Markdown at most: GitHub refuses a job summary over 1 MiB, and other steps may add to it."""


class Kind(StrEnum):
    """What one side of a comparison is."""

    VERSION = "version"
    """A version in the history."""
    DRAFT = "draft"
    """Uncommitted edits, as the version they would be if committed today (the preview's rule)."""
    PROPOSED = "proposed"
    """A pull request's text, as the version it would be if merged today."""


@dataclass(frozen=True)
class Side:
    """One text of a comparison and what it is."""

    version: Version
    kind: Kind
    standing: str
    """In force, upcoming, superseded or never in force, as the timeline says on the review's day."""
    effective_note: str | None = None
    """Why it takes effect later than it lands without saying so itself: a pending change before it."""

    @property
    def label(self) -> str:
        if self.kind is Kind.DRAFT:
            return "draft"
        return f"{self.version.number} if merged today" if self.kind is Kind.PROPOSED else self.version.number

    def describe(self) -> str:
        """``2026-11-28 (material, effective 2027-01-01, upcoming)``: the side in one phrase."""
        standing = "not committed" if self.kind is Kind.DRAFT else self.standing
        return f"{self.label} ({self.version.kind}, effective {self.version.effective}, {standing})"


@dataclass(frozen=True)
class Verdict:
    """The notice check on the newer text of a comparison."""

    passed: bool
    message: str


@dataclass(frozen=True)
class Comparison:
    """A document's older and newer text, and what changed between them."""

    slug: str
    title: str
    before: Side | None
    """None when the newer text is the document's first."""
    after: Side
    redline: Redline
    notice: Verdict
    note: str | None = None
    """Said before the comparison, e.g. that the versions were named newest first and are swapped."""
    findings: tuple[Finding, ...] = ()
    """What the check finds in the newer text that it did not find before (pull requests)."""


@dataclass(frozen=True)
class Review:
    """Everything one ``policypress diff`` shows."""

    comparisons: tuple[Comparison, ...]
    timezone: str
    """The IANA zone whose days number the versions."""
    intro: str | None = None
    """What the comparisons are against, for a pull request."""
    notes: tuple[str, ...] = ()
    """Said after the comparisons: documents without changes, or why there is nothing to compare."""
    error: str | None = None
    """Why the build would stop: the review is incomplete and the command fails."""


# Choosing what to compare


def newest_changes(document: Document, settings: Settings, render: RenderVersion) -> list[Comparison]:
    """The newest version against the one before it, whether it is in force or upcoming, and the
    uncommitted draft against the newest version; empty for one version and no draft."""
    comparisons = []
    newest = document.versions[-1]
    previous = document.previous(newest)
    if previous is not None:
        comparisons.append(compare(document, previous, newest, settings, render))
    if document.draft_version is not None:
        draft = document.draft_version
        after = Side(draft, Kind.DRAFT, "draft", _inherited(document.versions, draft))
        comparisons.append(_comparison(document, _side(document, newest), after, settings, render))
    return comparisons


def compare(document: Document, old: Version, new: Version, settings: Settings,
            render: RenderVersion) -> Comparison:
    """Two versions, the older first whichever order they were named in: a redline always shows
    what the newer text deleted and inserted, never a newer text as deleted."""
    note = None
    if old.landed_on > new.landed_on:
        old, new = new, old
        note = f"Showing {old.number} → {new.number}: the older version first."
    return _comparison(document, _side(document, old), _side(document, new), settings, render, note)


def _side(document: Document, version: Version) -> Side:
    return Side(version, Kind.VERSION, document.status(version).value, _inherited(document.versions, version))


def _comparison(document: Document, before: Side | None, after: Side, settings: Settings,
                render: RenderVersion, note: str | None = None,
                findings: tuple[Finding, ...] = ()) -> Comparison:
    changes = redline.redline(render(before.version).html if before else "", render(after.version).html)
    return Comparison(document.slug, document.title, before, after, changes,
                      notice_verdict(document, after.version, settings), note, findings)


def _proposed(published: Document | None, proposed: Document, version: Version, settings: Settings,
              render: RenderVersion, findings: tuple[Finding, ...], uncommitted: bool) -> Comparison:
    """What is published (the newest version at the base) against what merging would publish."""
    before = _side(published, published.versions[-1]) if published else None
    after = Side(version, Kind.PROPOSED, proposed.status(version).value, _inherited(proposed.versions, version))
    note = "The text includes edits that are not committed yet." if uncommitted else None
    return _comparison(proposed, before, after, settings, render, note, findings)


def of_merge(merge: Proposal, settings: Settings, render: RenderVersion) -> Review:
    """The review of a pull request: each document it changes, against what the base publishes."""
    comparisons = tuple(
        _proposed(change.published, change.proposed, change.version, settings, render, change.findings,
                  change.uncommitted)
        for change in merge.changes
    )
    intro = (f"What merging this branch would publish, compared with {merge.base} (commit "
             f"{merge.base_commit[:12]}). Version numbers are the days changes land, in {settings.timezone.key}.")
    notes = [f"Not changed: {', '.join(merge.unchanged)}."] if merge.unchanged and comparisons else []
    notes += [f"No new version of the {title}: its file changes, but not its text (front matter or spacing "
              "only)." for title in merge.same_text]
    if not comparisons and merge.error is None:
        notes.insert(0, "Merging changes no document's text, so it publishes no new version.")
    return Review(comparisons, settings.timezone.key, intro, tuple(notes), str(merge.error) if merge.error else None)


def _inherited(versions: Sequence[Version], version: Version) -> str | None:
    """The pending version whose effective date ``version`` takes, having none of its own."""
    explicit = (version.front_matter.get("revision") or {}).get("effective")
    if explicit or version.effective <= version.landed_on:
        return None
    earlier = [v for v in versions if v.landed_on < version.landed_on]
    source = None
    for candidate in reversed(earlier):
        if candidate.effective != version.effective:
            break
        source = candidate
    return f"inherited from the pending version {source.number}" if source else None


def notice_verdict(document: Document, version: Version, settings: Settings) -> Verdict:
    """The notice check on ``version`` as the newest text of ``document`` (the engine decides)."""
    line = document.timeline
    if not any(v is version for v in line.versions):  # a draft: the timeline with it as the newest text
        line = Timeline((*line.versions, version))
    if line.versions[0] is version:
        return Verdict(True, "not needed: the document's first version")
    if not version.material:
        return Verdict(True, "not needed: an editorial change")
    short = line.short_notice(settings.notice_period_days)
    findings = notices.notice_period_findings((replace(document, timeline=line),), settings)
    for (failing, _), finding in zip(short, findings, strict=True):
        if failing is version:
            return Verdict(False, f"{finding.problem} To fix: {finding.fix}")
    if version.immediate:
        return Verdict(True, f"pass: takes effect at once ({version.immediate})")
    if version.notice_waived:
        return Verdict(True, f"pass: took effect without the usual notice ({version.notice_waived})")
    days = (version.effective - version.landed_on).days
    notice = f"{days} day's" if days == 1 else f"{days} days'"
    return Verdict(True, f"pass: {notice} notice (the notice period is {plural(settings.notice_period_days, 'day')})")


# For a terminal


def heading(comparison: Comparison) -> str:
    """``Privacy Statement: 2024-09-10 (…) → 2026-11-28 (…): 3 changes``."""
    before = comparison.before.describe() if comparison.before else "nothing (a new document)"
    return (f"{comparison.title}: {before} → {comparison.after.describe()}: "
            f"{plural(comparison.redline.count, 'change')}")


def landing(comparison: Comparison, timezone: str) -> str | None:
    """For a pull request: the version number merging would give, which depends on the day."""
    after = comparison.after
    if after.kind is not Kind.PROPOSED:
        return None
    folded = comparison.before is not None and comparison.before.version.landed_on == after.version.landed_on
    also = ", together with the change already published that day: one version holds a day's changes" if folded \
        else ""
    return f"Lands as version {after.version.number} if merged today ({timezone} time){also}."


# For GitHub: Markdown


_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;",
                           **{character: f"&#{ord(character)};" for character in "\\`*_[]|~$"}})
"""Characters that HTML or GitHub's Markdown would read as markup (``~`` strikes, ``$`` starts math)."""
_BLOCK_START = re.compile(r"^(?:(\d{1,9})([.)])|([-+=#]))")
"""What would start a list, a heading or a heading underline at the start of a line."""
_SPACE = re.compile(r"\s+")


def escape(text: str) -> str:
    """Plain text as GitHub's Markdown shows it literally, on one line: every character that could
    be markup is written as a character reference, which Markdown never reads as markup."""
    return _SPACE.sub(" ", text.translate(_ENTITIES)).strip()


class _Markdown(Lines):
    """The redline's blocks as GitHub's Markdown, with inline ``<del>`` and ``<ins>``."""

    def __init__(self) -> None:
        super().__init__({Status.DELETED: ("<del>", "</del>"), Status.INSERTED: ("<ins>", "</ins>")})

    def escape(self, text: str) -> str:
        return text.translate(_ENTITIES)

    def void(self, tag) -> str:
        return "<br>" if tag.name == "br" else super().void(tag)

    def flow(self, text: str) -> str:
        return _SPACE.sub(" ", text).strip()

    def paragraph(self, text: str) -> str:
        def literal(match: re.Match) -> str:
            digits, mark, other = match.groups()
            return f"{digits}&#{ord(mark)};" if digits else f"&#{ord(other)};"

        return _BLOCK_START.sub(literal, text, count=1)

    def heading(self, level: int, text: str) -> str:
        # The summary's own headings are levels 1 and 2; the document's sit below them.
        return f"{'#' * min(level + 2, 6)} {text}"

    def rule(self) -> str:
        return "&#42; &#42; &#42;"

    def preformatted(self, text: str) -> list[str]:
        return ["<br>".join(self.paragraph(line.strip()) for line in text.rstrip("\n").split("\n"))]

    def table(self, rows: list[str]) -> list[str]:
        if not rows:
            return rows
        columns = rows[0].count(" | ") + 1
        return [rows[0], "|" + " --- |" * columns, *rows[1:]]


def markdown(review: Review, limit: int = SUMMARY_LIMIT) -> str:
    """The review as Markdown for a pull request's job summary, at most ``limit`` bytes of UTF-8:
    past that, redlines are left out with a note saying how to see them."""
    top = ["# Privacy policy review", ""]
    if review.error:
        top += [f"> **The build would stop:** {escape(review.error)}", ""]
    if review.intro:
        top += [escape(review.intro), ""]
    sections = [(_summary_lines(review, comparison), _redline_chunks(comparison)) for comparison in review.comparisons]
    tail = [escape(note) for note in review.notes]
    # Room for the redlines once everything else, and a note for each redline left out, is written.
    notes = [line for comparison in review.comparisons for line in (_left_out(comparison.slug, cut=True), "")]
    budget = limit - sum(_size(lines) for lines, _ in sections) - _size(top) - 2 * _size(tail) - _size(notes)
    out = list(top)
    for (lines, chunks), comparison in zip(sections, review.comparisons, strict=True):
        out += lines
        for index, chunk in enumerate(chunks):
            if _size(chunk) > budget:
                out += [_left_out(comparison.slug, cut=index > 0), ""]
                budget = -1
                break
            budget -= _size(chunk)
            out += chunk
    out += [line for note in tail for line in (note, "")]
    return "\n".join(out).rstrip("\n") + "\n"


def _summary_lines(review: Review, comparison: Comparison) -> list[str]:
    before, after = comparison.before, comparison.after
    columns = {Kind.PROPOSED: ("Published", "This pull request"), Kind.DRAFT: ("Newest committed", "Draft")}
    first, second = columns.get(after.kind, ("Before", "After"))
    lines = [f"## {escape(comparison.title)}", ""]
    if comparison.note:
        lines += [escape(comparison.note), ""]
    lands = landing(comparison, review.timezone)
    if lands:
        lines += [escape(lands), ""]
    rows = [
        ("Version", before.label if before else "none: a new document", after.label),
        ("Kind", before.version.kind if before else "", after.version.kind),
        ("Effective", _effective(before) if before else "", _effective(after)),
        ("Status", before.standing if before else "", "not committed" if after.kind is Kind.DRAFT else after.standing),
        ("Summary", before.version.summary if before else "", after.version.summary),
    ]
    lines += [f"| | {first} | {second} |", "| --- | --- | --- |"]
    lines += [f"| {' | '.join(escape(cell) or '–' for cell in row)} |" for row in rows]
    verdict = comparison.notice
    lines += ["", f"**Notice check:** {escape(verdict.message)}" if verdict.passed else
              f"**Notice check fails:** {escape(verdict.message)}", ""]
    for finding in comparison.findings:
        fix = f" To fix: {finding.fix}" if finding.fix else ""
        lines += [f"**Check {finding.severity}:** {escape(finding.problem + fix)}", ""]
    count = comparison.redline.count
    if count:
        lines += [f"**{plural(count, 'change')}.** Unchanged text is left out; each change is shown under "
                  "the heading of its section.", ""]
    else:
        lines += ["The text does not change; only what is said about it does.", ""]
    return lines


def _effective(side: Side) -> str:
    when = side.version.effective.isoformat()
    return f"{when}, {side.effective_note}" if side.effective_note else when


def _redline_chunks(comparison: Comparison) -> list[list[str]]:
    """The changed blocks, each after the heading of its section: chunks of complete lines, so
    the summary can stop between any two without leaving a mark open."""
    writer = _Markdown()
    chunks, section, shown = [], None, None
    for item in comparison.redline.blocks:
        if item.block.tag in HEADINGS:
            section = item
        if item.status is Status.UNCHANGED:
            continue
        if section is not None and section is not shown and section is not item:
            chunks.append([*writer.block(section), ""])
        shown = section
        chunks.append([*writer.block(item), ""])
    return chunks


def _left_out(slug: str, cut: bool = False) -> str:
    what = "The rest of this redline is" if cut else "This redline is"
    return (f"*{what} left out: GitHub shows at most 1 MiB of a job summary. Run `policypress diff {slug}` "
            "to see all of it.*")


def _size(lines: list[str]) -> int:
    return sum(len(line.encode("utf-8")) + 1 for line in lines)
