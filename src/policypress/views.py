"""Views: the finished values templates lay out, typed.

Every date here is already formatted, every classification and label already decided, every
address already taken from the address book (``urls``), every list already in its order. A
template holds no ``if`` that compares dates or classifications.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from itertools import groupby
from typing import TYPE_CHECKING

from . import redline
from .dates import long_date
from .document import Document
from .timeline import Status
from .urls import Urls
from .version import Version

if TYPE_CHECKING:
    from .settings import Settings

KIND_LABELS = {"material": "Material", "editorial": "Editorial"}
"""How a version's kind reads in tables and on changes pages."""

STATUS_LABELS = {Status.IN_FORCE: "In force", Status.UPCOMING: "Upcoming", Status.SUPERSEDED: "Superseded",
                 Status.NEVER_IN_FORCE: "Never in force"}
"""How a version's status reads in the archive."""


@dataclass(frozen=True)
class Link:
    """A link after a sentence: the words it shows and where it leads."""

    label: str
    url: str


@dataclass(frozen=True)
class StatusSentence:
    """One sentence of a page's status line, with the links that follow it."""

    text: str
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class ChangeLink:
    """A link to one change on a changes page: its anchor and the words the list shows."""

    anchor: str
    label: str


@dataclass(frozen=True)
class ChangedSection:
    """The changes under one heading, for the list at the top of a changes page."""

    title: str
    section_id: str | None
    changes: tuple[ChangeLink, ...]


@dataclass(frozen=True)
class Body:
    """A page's rendered text, split after its own first heading when it has one, so that the
    version line goes under the heading. Each piece is marked (``redline.text_markers``): the
    compare view reads a version's text back from its archived page, byte for byte."""

    heading: str | None
    """The HTML up to the end of the first ``<h1>``; None when the text has no heading of its own."""
    rest: str

    @classmethod
    def of(cls, html: str) -> Body:
        start, stop = redline.text_markers(html)
        before, end, after = html.partition("</h1>")
        if end and "<h1" in before:
            return cls(f"{start}{before}{end}{stop}", f"{start}{after}{stop}")
        return cls(None, f"{start}{html}{stop}")


@dataclass(frozen=True)
class RedlineView:
    count: int
    sections: tuple[ChangedSection, ...]
    sentence: str
    """"3 changes in 2 sections", or that the texts are identical."""


@dataclass(frozen=True)
class VersionView:
    """A version as a visitor sees it in version lines, notices and lists."""

    number: str
    landed: str
    effective: str | None
    """The long effective date when it differs from the version date."""
    effective_on: str
    kind: str
    kind_label: str
    """"Material" or "Editorial", as tables and the changes page show it."""
    summary: str
    corrected: bool
    origin: str
    """git or imported: where the text comes from."""
    url: str
    changes_url: str | None
    is_upcoming: bool = False
    """Landed, but takes effect after today."""
    status: str = ""
    """Where the version stands today, in words: in force, upcoming, superseded or never in force."""
    notice: str | None = None
    """Why a material change took effect without the usual notice, when it did."""
    editorial_note: str | None = None
    """Why an editorial change to a section listed as material alters no meaning, when its editors said."""
    status_label: str = ""
    """The status as the archive shows it: "In force", "Upcoming", "Superseded" or "Never in force"."""
    is_in_force: bool = False
    """The version in force today, which the archive marks."""
    dates: str = ""
    """Its version date and effective date in one phrase, as the archive lists them."""


@dataclass(frozen=True)
class VersionYear:
    """The versions dated in one year, newest first: one section of the archive."""

    year: str
    versions: tuple[VersionView, ...]


@dataclass(frozen=True)
class PageView:
    """What a template needs to show one of a document's pages."""

    kind: str
    """current, draft, upcoming, archive, archived, changes or compare."""
    title: str
    slug: str
    current_url: str
    archive_url: str
    version: VersionView | None = None
    versions: tuple[VersionView, ...] = ()
    upcoming: VersionView | None = None
    applied: str | None = None
    """For an archived version: the sentence saying when it applied."""
    is_current: bool = False
    compare_url: str | None = None
    previous: VersionView | None = None
    """For a changes page: the version the changes are measured from."""
    redline: RedlineView | None = None
    """For a changes page: what changed, by section."""
    what_changes_url: str | None = None
    """For an upcoming text: the redline from the version in force to it; for a draft, its redline."""
    is_draft: bool = False
    """Shows uncommitted edits (a local preview only)."""
    redline_pattern: str | None = None
    """For the compare view: the address of a version's redline.json, with ``{version}`` for its number."""
    text_pattern: str | None = None
    """For the compare view: the address of a version's archived page, whose text it redlines."""
    years: tuple[VersionYear, ...] = ()
    """For the archive: every version, grouped by the year of its version date, newest first."""
    status_line: tuple[StatusSentence, ...] = ()
    """Where the page's version stands today, and what takes effect next, in sentences."""
    print_header: str | None = None
    """What heads every printed page: the title, the version and its permanent address."""
    feed_url: str | None = None
    """The document's Atom feed, for the archive's "Follow changes" link."""

    @property
    def shows_banner(self) -> bool:
        """The site's change-notice banner shows on every page but an archived version's, which has its
        own notice saying when it applied."""
        return not (self.kind == "archived" and not self.is_current)


def version_view(document: Document, version: Version, urls: Urls) -> VersionView:
    has_previous = document.previous(version) is not None
    status = document.status(version)
    return VersionView(
        number=version.number,
        landed=long_date(version.landed_on),
        effective=long_date(version.effective) if version.takes_effect_later else None,
        effective_on=long_date(version.effective),
        kind=version.kind,
        kind_label=KIND_LABELS[version.kind],
        summary=version.summary,
        corrected=version.corrected,
        origin=version.origin.value,
        url=urls.version(document.slug, version.number),
        changes_url=urls.changes(document.slug, version.number) if has_previous else None,
        is_upcoming=status is Status.UPCOMING,
        status=status.value,
        notice=notice_note(version),
        editorial_note=editorial_note(version),
        status_label=STATUS_LABELS[status],
        is_in_force=status is Status.IN_FORCE,
        dates=(f"Revised {long_date(version.landed_on)}, effective {long_date(version.effective)}"
               if version.takes_effect_later else f"Revised and effective {long_date(version.landed_on)}"),
    )


def version_views(document: Document, urls: Urls) -> dict[Version, VersionView]:
    """Every version of the document as its pages show it; made once per build for all of them."""
    return {version: version_view(document, version, urls) for version in document.versions}


def page_base(document: Document, urls: Urls) -> dict:
    """What every page of a document knows: its title and slug, and where its text, archive and compare
    view are (``PageView``'s fields of those names)."""
    slug = document.slug
    return dict(title=document.title, slug=slug, current_url=urls.current(slug), archive_url=urls.archive(slug),
                compare_url=urls.compare(slug))


def version_years(document: Document, views: dict[Version, VersionView]) -> tuple[VersionYear, ...]:
    """The archive's sections: versions by the year of their version date, newest year first."""
    by_year = groupby(document.newest_first(), lambda version: version.landed_on.year)
    return tuple(VersionYear(str(year), tuple(views[v] for v in group)) for year, group in by_year)


def status_line(document: Document, version: Version | None, urls: Urls) -> tuple[StatusSentence, ...]:
    """Where ``version`` stands today and, while one is upcoming, when the next text takes effect; for
    no version (the archive before any is in force), only the latter."""
    if version is None:
        return next_version_line(document, urls)
    status = document.status(version)
    start = long_date(version.effective)
    following = document.following(version)
    if status is Status.UPCOMING and following and document.timeline.replaced_before_effective(version):
        return (StatusSentence(f"Version {version.number} will not apply on its own: version {following.number}, "
                               f"which includes its changes, takes effect in its place on {start}",
                               _read(document, following, urls)),)
    if status is Status.UPCOMING:
        return (StatusSentence(f"Version {version.number} is not yet in force: it takes effect on {start}."),)
    if status is Status.SUPERSEDED:
        successor = document.timeline.in_force(version.effective_to)
        return (StatusSentence(f"Version {version.number} was in force from {start} until it was superseded on "
                               f"{long_date(version.effective_to)} by version {successor.number}",
                               _read(document, successor, urls)),)
    if status is Status.NEVER_IN_FORCE:
        successor = document.timeline.in_force(version.effective)
        return (StatusSentence(f"Version {version.number} was never in force: version {successor.number}, which "
                               f"includes its changes, took effect in its place on {start}",
                               _read(document, successor, urls)),)
    return (StatusSentence(f"Version {version.number} in force since {start}."), *next_version_line(document, urls))


def _read(document: Document, version: Version, urls: Urls) -> tuple[Link, ...]:
    return (Link(f"read version {version.number}", urls.version(document.slug, version.number)),)


def next_version_line(document: Document, urls: Urls) -> tuple[StatusSentence, ...]:
    """While a version is upcoming: when it takes effect, with links to read it and to what changes."""
    upcoming = document.upcoming
    if upcoming is None:
        return ()
    links = [Link("read it", urls.upcoming(document.slug))]
    what_changes = redline_url(document, document.current, upcoming, urls)
    if what_changes:
        links.append(Link("see what changes", what_changes))
    which = "A new version" if document.current else f"The {document.title}"
    return (StatusSentence(f"{which} takes effect on {long_date(upcoming.effective)}", tuple(links)),)


def print_header(document: Document, version: Version | None, urls: Urls) -> str:
    """The running header of a printed page: which document, which version, and where it is kept."""
    if version is None:
        return f"{document.title}: all versions · {urls.absolute(urls.archive(document.slug))}"
    return (f"{document.title} · Version {version.number} · "
            f"{urls.absolute(urls.version(document.slug, version.number))}")


def redline_url(document: Document, old: Version | None, new: Version, urls: Urls) -> str | None:
    """Where a visitor reads what changes from ``old`` to ``new``: the pre-rendered changes page when
    they are consecutive, else the compare view."""
    if old is None or old == new:
        return urls.changes(document.slug, new.number) if document.previous(new) else None
    if old == document.previous(new):
        return urls.changes(document.slug, new.number)
    return urls.comparison(document.slug, old.number, new.number)


def notice_note(version: Version) -> str | None:
    """Why a material change took effect without the usual notice, in the archive's words."""
    if version.immediate:
        return f"Took effect at once, without the usual notice: {version.immediate}"
    if version.notice_waived:
        return f"Took effect without the usual notice: {version.notice_waived}"
    return None


def editorial_note(version: Version) -> str | None:
    """Why an editorial version that edits a section listed as material changes no meaning, in the archive's
    words."""
    if version.editorial_reason and not version.material:
        return ("Editorial, although it edits a section whose changes are usually material: "
                f"{version.editorial_reason}")
    return None


def draft_view(document: Document, draft: Version, urls: Urls, base: dict) -> PageView:
    """A preview of uncommitted edits, with when they would take effect if they landed today."""
    return PageView("draft", applied=f"If these edits landed today, they would take effect on "
                                     f"{long_date(draft.effective)}.",
                    what_changes_url=urls.draft_changes(document.slug), **base)


def draft_version_view(document: Document, draft: Version, urls: Urls) -> VersionView:
    """The uncommitted text, as the "to" side of its preview redline."""
    newest = document.versions[-1]
    return VersionView(
        number="uncommitted edits", landed="not committed yet",
        effective=long_date(draft.effective), effective_on=long_date(draft.effective), kind=draft.kind,
        kind_label=KIND_LABELS[draft.kind],
        summary=draft.summary if draft.summary != newest.summary else "(not described yet)", corrected=False,
        origin="draft", url=urls.upcoming(document.slug) if document.upcoming else urls.current(document.slug),
        changes_url=urls.draft_changes(document.slug),
    )


def applied(document: Document, version: Version) -> str:
    """When the version applies, in one sentence, as the timeline places it today."""
    start = long_date(version.effective)
    status = document.status(version)
    following = document.following(version)
    if status is Status.UPCOMING:
        if following is not None and document.timeline.replaced_before_effective(version):
            return (f"This version will not apply on its own: version {following.number}, which includes its "
                    f"changes, takes effect in its place on {start}.")
        if document.current is None:
            return f"The {document.title} takes effect on {start}. Until then, no version of it is in force."
        return f"This version of the {document.title} takes effect on {start}."
    if status is Status.IN_FORCE:
        if version.effective_to is not None:
            return (f"This version has applied since {start} and is the version in force until "
                    f"{long_date(version.effective_to)}, when version {following.number} takes effect.")
        return f"This version has applied since {start} and is the version in force."
    if status is Status.SUPERSEDED:
        return f"This version applied from {start} until {long_date(version.effective_to)}."
    return f"This version was replaced before it took effect on {start}."


def changes_title(document: Document, version: Version) -> str:
    """A changes page's title: the day readers see the change, which for a pending version is ahead."""
    if document.status(version) is Status.UPCOMING:
        return f"{document.title}: what will change on {long_date(version.effective)}"
    return f"{document.title}: what changed on {long_date(version.effective)}"


def redline_view(result: redline.Redline) -> RedlineView:
    """What changed, by section, with a numbered link to each change."""
    sections: list[ChangedSection] = []
    for number, change in enumerate(result.changes, 1):
        link = ChangeLink(change.anchor, f"change {number}")
        if sections and sections[-1].section_id == change.section_id:
            last = sections[-1]
            sections[-1] = ChangedSection(last.title, last.section_id, (*last.changes, link))
        else:
            sections.append(ChangedSection(change.section_title or "Beginning of the document", change.section_id,
                                           (link,)))
    if result.is_empty:
        sentence = "No differences in the text: the two versions differ only in markup the redline does not show."
    else:
        places = "1 change" if result.count == 1 else f"{result.count} changes"
        where = "1 section" if len(sections) == 1 else f"{len(sections)} sections"
        sentence = f"{places} in {where}."
    return RedlineView(result.count, tuple(sections), sentence)


# How search engines are told to treat each page: its canonical address, noindex, and its sitemap entry


class Listing(Enum):
    """Where a page stands for search engines, highest first; the value is its sitemap priority."""

    CURRENT = "1.0"
    """A document's text at /S/: what a search should find."""
    PAGE = "0.8"
    """Another page of the site (the home page)."""
    ARCHIVE = "0.5"
    """A document's archive list and its upcoming text."""
    HISTORY = "0.1"
    """An archived version, a changes page, the compare view: kept for the record, not for search."""


@dataclass(frozen=True)
class SearchHints:
    """What a page's head tells search engines: its own address as canonical, and whether to index it."""

    canonical_url: str
    noindex: bool


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: str | None
    priority: str


def listing(address: str, urls: Urls, settings: Settings) -> Listing:
    """Which kind of page is at ``address`` (a site path such as /privacy-statement/versions/)."""
    for spec in settings.documents:
        if address == urls.current(spec.slug):
            return Listing.CURRENT
        if address in (urls.archive(spec.slug), urls.upcoming(spec.slug)):
            return Listing.ARCHIVE
        if address.startswith(urls.archive(spec.slug)):
            return Listing.HISTORY
    return Listing.PAGE


def search_hints(address: str, urls: Urls, settings: Settings) -> SearchHints:
    """Every page is canonical at its own permanent address (a document's text at /S/, each archived version
    at /S/versions/D/); ``archive_noindex`` keeps history out of search results."""
    kind = listing(address, urls, settings)
    return SearchHints(urls.absolute(address), settings.archive_noindex and kind is Listing.HISTORY)


def sitemap(pages: Iterable[tuple[str, str | None]], urls: Urls, settings: Settings) -> tuple[SitemapEntry, ...]:
    """The sitemap's entries for the site's pages (each a site path and its last-modified date): the documents'
    current texts first, in the order they are declared, then the other pages, the archives, and history."""
    order = {urls.current(spec.slug): index for index, spec in enumerate(settings.documents)}
    ranked = list(Listing)
    entries = sorted(((listing(address, urls, settings), address, lastmod) for address, lastmod in pages),
                     key=lambda entry: (ranked.index(entry[0]), order.get(entry[1], 0)))
    return tuple(SitemapEntry(urls.absolute(address), lastmod, kind.value) for kind, address, lastmod in entries)
