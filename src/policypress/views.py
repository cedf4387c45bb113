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

from . import redline, translations, words
from .document import Document
from .timeline import Status
from .urls import Urls
from .version import Version
from .words import Words

if TYPE_CHECKING:
    from .settings import Settings

STATUS_KEYS = {Status.IN_FORCE: "status_in_force", Status.UPCOMING: "status_upcoming",
               Status.SUPERSEDED: "status_superseded", Status.NEVER_IN_FORCE: "status_never_in_force"}
"""The catalog's name for how a version's status reads in the archive."""


def words_for(document: Document) -> Words:
    """The words every page, notice and feed of ``document`` says things in: its own language's."""
    return words.of(document.spec.lang)


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
    change_label: str
    """"Material change" or "Editorial change", as the archive lists it."""
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
    lang: str = "en"
    """The language the page is written in: the document's (``DocumentSpec.lang``), and its catalog's."""
    languages: tuple[LanguageLink, ...] = ()
    """The same page in the document's other languages, as the language switcher lists them."""
    translation_notice: tuple[StatusSentence, ...] = ()
    """For a page in another language than the binding one: which text binds, and for a translation, which
    version of its original it renders or how far it lags behind."""
    is_lagging: bool = False
    """A translation's text behind its original's newest version: the notice is a warning."""

    @property
    def shows_banner(self) -> bool:
        """The site's change-notice banner shows on every page but an archived version's, which has its
        own notice saying when it applied."""
        return not (self.kind == "archived" and not self.is_current)


def version_view(document: Document, version: Version, urls: Urls) -> VersionView:
    w = words_for(document)
    has_previous = document.previous(version) is not None
    status = document.status(version)
    landed, effective = w.date(version.landed_on), w.date(version.effective)
    return VersionView(
        number=version.number,
        landed=landed,
        effective=effective if version.takes_effect_later else None,
        effective_on=effective,
        kind=version.kind,
        kind_label=w(f"kind_{version.kind}"),
        change_label=change_label(w, version.kind),
        summary=version.summary,
        corrected=version.corrected,
        origin=version.origin.value,
        url=urls.version(document.slug, version.number),
        changes_url=urls.changes(document.slug, version.number) if has_previous else None,
        is_upcoming=status is Status.UPCOMING,
        status=status.value,
        notice=notice_note(w, version),
        editorial_note=editorial_note(w, version),
        status_label=w(STATUS_KEYS[status]),
        is_in_force=status is Status.IN_FORCE,
        dates=(w("revised_effective", landed=landed, effective=effective) if version.takes_effect_later
               else w("revised_and_effective", landed=landed)),
    )


def change_label(w: Words, kind: str) -> str:
    """"Material change" or "Editorial change": a version's kind as a heading or a label starts it."""
    text = w(f"change_{kind}")
    return text[:1].upper() + text[1:]


def version_views(document: Document, urls: Urls) -> dict[Version, VersionView]:
    """Every version of the document as its pages show it; made once per build for all of them."""
    return {version: version_view(document, version, urls) for version in document.versions}


def page_base(document: Document, urls: Urls) -> dict:
    """What every page of a document knows: its title and slug, and where its text, archive and compare
    view are (``PageView``'s fields of those names)."""
    slug = document.slug
    return dict(title=document.title, slug=slug, current_url=urls.current(slug), archive_url=urls.archive(slug),
                compare_url=urls.compare(slug), lang=document.spec.lang)


def version_years(document: Document, views: dict[Version, VersionView]) -> tuple[VersionYear, ...]:
    """The archive's sections: versions by the year of their version date, newest year first."""
    by_year = groupby(document.newest_first(), lambda version: version.landed_on.year)
    return tuple(VersionYear(str(year), tuple(views[v] for v in group)) for year, group in by_year)


def status_line(document: Document, version: Version | None, urls: Urls) -> tuple[StatusSentence, ...]:
    """Where ``version`` stands today and, while one is upcoming, when the next text takes effect; for
    no version (the archive before any is in force), only the latter."""
    if version is None:
        return next_version_line(document, urls)
    w = words_for(document)
    status = document.status(version)
    number, start = version.number, w.date(version.effective)
    following = document.following(version)
    if status is Status.UPCOMING and following and document.timeline.replaced_before_effective(version):
        return (StatusSentence(w("status_replaced", number=number, following=following.number, start=start),
                               _read(document, following, urls)),)
    if status is Status.UPCOMING:
        return (StatusSentence(w("status_not_yet", number=number, start=start)),)
    if status is Status.SUPERSEDED:
        successor = document.timeline.in_force(version.effective_to)
        return (StatusSentence(w("status_was_superseded", number=number, start=start,
                                 end=w.date(version.effective_to), successor=successor.number),
                               _read(document, successor, urls)),)
    if status is Status.NEVER_IN_FORCE:
        successor = document.timeline.in_force(version.effective)
        return (StatusSentence(w("status_never", number=number, successor=successor.number, start=start),
                               _read(document, successor, urls)),)
    return (StatusSentence(w("status_since", number=number, start=start)), *next_version_line(document, urls))


def _read(document: Document, version: Version, urls: Urls) -> tuple[Link, ...]:
    label = words_for(document)("link_read_version", number=version.number)
    return (Link(label, urls.version(document.slug, version.number)),)


def next_version_line(document: Document, urls: Urls) -> tuple[StatusSentence, ...]:
    """While a version is upcoming: when it takes effect, with links to read it and to what changes."""
    upcoming = document.upcoming
    if upcoming is None:
        return ()
    w = words_for(document)
    links = [Link(w("link_read_it"), urls.upcoming(document.slug))]
    what_changes = redline_url(document, document.current, upcoming, urls)
    if what_changes:
        links.append(Link(w("link_see_what_changes"), what_changes))
    day = w.date(upcoming.effective)
    sentence = w("status_next", date=day) if document.current else w("status_first", title=document.title, date=day)
    return (StatusSentence(sentence, tuple(links)),)


def print_header(document: Document, version: Version | None, urls: Urls) -> str:
    """The running header of a printed page: which document, which version, and where it is kept."""
    w = words_for(document)
    if version is None:
        return w("print_all_versions", title=document.title, url=urls.absolute(urls.archive(document.slug)))
    return w("print_version", title=document.title, number=version.number,
             url=urls.absolute(urls.version(document.slug, version.number)))


def redline_url(document: Document, old: Version | None, new: Version, urls: Urls) -> str | None:
    """Where a visitor reads what changes from ``old`` to ``new``: the pre-rendered changes page when
    they are consecutive, else the compare view."""
    if old is None or old == new:
        return urls.changes(document.slug, new.number) if document.previous(new) else None
    if old == document.previous(new):
        return urls.changes(document.slug, new.number)
    return urls.comparison(document.slug, old.number, new.number)


def notice_note(w: Words, version: Version) -> str | None:
    """Why a material change took effect without the usual notice, in the archive's words."""
    if version.immediate:
        return w("took_effect_at_once", reason=version.immediate)
    if version.notice_waived:
        return w("took_effect_without_notice", reason=version.notice_waived)
    return None


def editorial_note(w: Words, version: Version) -> str | None:
    """Why an editorial version that edits a section listed as material changes no meaning, in the archive's
    words."""
    if version.editorial_reason and not version.material:
        return w("editorial_although_material", reason=version.editorial_reason)
    return None


def draft_view(document: Document, draft: Version, urls: Urls, base: dict) -> PageView:
    """A preview of uncommitted edits, with when they would take effect if they landed today."""
    w = words_for(document)
    return PageView("draft", applied=w("draft_would_take_effect", date=w.date(draft.effective)),
                    what_changes_url=urls.draft_changes(document.slug), **base)


def draft_version_view(document: Document, draft: Version, urls: Urls) -> VersionView:
    """The uncommitted text, as the "to" side of its preview redline."""
    w = words_for(document)
    newest = document.versions[-1]
    return VersionView(
        number=w("draft_number"), landed=w("draft_landed"),
        effective=w.date(draft.effective), effective_on=w.date(draft.effective), kind=draft.kind,
        kind_label=w(f"kind_{draft.kind}"), change_label=change_label(w, draft.kind),
        summary=draft.summary if draft.summary != newest.summary else w("draft_not_described"), corrected=False,
        origin="draft", url=urls.upcoming(document.slug) if document.upcoming else urls.current(document.slug),
        changes_url=urls.draft_changes(document.slug),
    )


def applied(document: Document, version: Version) -> str:
    """When the version applies, in one sentence, as the timeline places it today."""
    w = words_for(document)
    start = w.date(version.effective)
    status = document.status(version)
    following = document.following(version)
    if status is Status.UPCOMING:
        if following is not None and document.timeline.replaced_before_effective(version):
            return w("applied_replaced", following=following.number, start=start)
        if document.current is None:
            return w("applied_first", title=document.title, start=start)
        return w("applied_upcoming", title=document.title, start=start)
    if status is Status.IN_FORCE:
        if version.effective_to is not None:
            return w("applied_in_force_until", start=start, end=w.date(version.effective_to),
                     following=following.number)
        return w("applied_in_force", start=start)
    if status is Status.SUPERSEDED:
        return w("applied_superseded", start=start, end=w.date(version.effective_to))
    return w("applied_never", start=start)


def changes_title(document: Document, version: Version) -> str:
    """A changes page's title: the day readers see the change, which for a pending version is ahead."""
    w = words_for(document)
    key = "changes_title_upcoming" if document.status(version) is Status.UPCOMING else "changes_title"
    return w(key, title=document.title, date=w.date(version.effective))


def draft_changes_title(document: Document) -> str:
    """The title of the redline of a local preview's uncommitted edits."""
    return words_for(document)("draft_changes_title", title=document.title)


def compare_title(document: Document) -> str:
    """The compare view's title."""
    return words_for(document)("compare_title", title=document.title)


def redline_view(result: redline.Redline, w: Words) -> RedlineView:
    """What changed, by section, with a numbered link to each change; redline.js says the same of the
    versions it compares, in the same catalog's words (``words.SCRIPT``)."""
    sections: list[ChangedSection] = []
    for number, change in enumerate(result.changes, 1):
        link = ChangeLink(change.anchor, w("change_link", number=number))
        if sections and sections[-1].section_id == change.section_id:
            last = sections[-1]
            sections[-1] = ChangedSection(last.title, last.section_id, (*last.changes, link))
        else:
            sections.append(ChangedSection(change.section_title or w("beginning_of_document"), change.section_id,
                                           (link,)))
    if result.is_empty:
        sentence = w("no_differences")
    else:
        sentence = w("changes_in_sections", changes=w.count("changes_count", result.count),
                     sections=w.count("sections_count", len(sections)))
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


# The document in its other languages: the language switcher, the binding text, a translation's lag


@dataclass(frozen=True)
class LanguageLink:
    """The page that answers this one in another language, as the language switcher lists it."""

    lang: str
    name: str
    """The language's name in that language ("Español"): what the link shows."""
    url: str
    note: str | None = None
    """In the page's language, when nothing answers this page there and the link leads to that archive."""


@dataclass(frozen=True)
class OtherLanguages:
    """What a document's pages say of the same document in its other languages (``other_languages``)."""

    family: tuple[Document, ...]
    """The document in every language, its original first."""
    binding_language: str
    urls: Urls

    def fields(self, document: Document, kind: str, version: Version | None) -> dict:
        """``PageView``'s fields of that name for one of ``document``'s pages: its ``kind``, showing ``version``
        (the compare view, the archive and a draft show none)."""
        lag = self._lag(document, kind, version)
        notice = (*self._binding(document, kind, version), *self._translation(document, kind, version, lag))
        return dict(languages=self._links(document, kind, version), translation_notice=notice,
                    is_lagging=lag is not None)

    def _links(self, document: Document, kind: str, version: Version | None) -> tuple[LanguageLink, ...]:
        w = words_for(document)
        links = []
        for other in self.family:
            if other is document:
                continue
            url, answered = self._answer(document, other, kind, version)
            missing = "change" if kind in ("changes", "upcoming") else "version"
            note = None if answered else w(f"language_no_equivalent_{missing}", language=w.language(other.spec.lang))
            links.append(LanguageLink(other.spec.lang, w.own_name(other.spec.lang), url, note))
        return tuple(links)

    def _answer(self, document: Document, other: Document, kind: str, version: Version | None) -> tuple[str, bool]:
        """The address of ``other``'s page that answers this one, and whether one does (else its archive)."""
        urls, slug = self.urls, other.slug
        if kind == "upcoming":
            # The text that will apply: the other language's text bringing the same change, if one does.
            answer = translations.rendering(version, document, other, self._original)
            if answer is None:
                return urls.archive(slug), False
            return (urls.upcoming(slug) if answer is other.upcoming else urls.version(slug, answer.number)), True
        if kind == "archive":
            return urls.archive(slug), True
        if kind == "compare":
            return urls.compare(slug), True
        if kind in ("current", "draft"):
            return urls.current(slug), True
        if kind == "changes":
            answer = translations.rendering(version, document, other, self._original)
            if answer is None:
                return urls.archive(slug), False
            return (urls.changes(slug, answer.number) if other.previous(answer) else urls.version(slug, answer.number),
                    True)
        answer = translations.equivalent(version, document, other)
        return (urls.version(slug, answer.number), True) if answer else (urls.archive(slug), False)

    def _binding(self, document: Document, kind: str, version: Version | None) -> tuple[StatusSentence, ...]:
        binding = next((d for d in self.family if d.spec.lang == self.binding_language), None)
        if binding is None or binding is document:
            return ()
        w = words_for(document)
        url, _ = self._answer(document, binding, kind, version)
        says = "binding_text" if document.spec.is_translation else "binding_text_original"
        return (StatusSentence(w(says, language=w.language(binding.spec.lang)), (Link(w("binding_read"), url),)),)

    def _lag(self, document: Document, kind: str, version: Version | None) -> translations.Lag | None:
        if not document.spec.is_translation or kind in ("compare", "draft"):
            return None
        shown = version or document.versions[-1]
        if kind in ("archived", "changes") and shown is not document.versions[-1]:
            return None  # an older text of the translation: its own line says what it renders
        return translations.lag(shown, self._original)

    def _translation(self, document: Document, kind: str, version: Version | None,
                     lag: translations.Lag | None) -> tuple[StatusSentence, ...]:
        """What a translation's page says of its original: the version it renders, or how far it lags."""
        if not document.spec.is_translation or kind in ("compare", "draft"):
            return ()
        w, original, urls = words_for(document), self._original, self.urls
        language = w.language(original.spec.lang)
        if lag is None:
            shown = version or document.versions[-1]
            rendered = translations.translated(shown, original)
            return (StatusSentence(w("translation_of", language=language, date=w.date(rendered.landed_on)),
                                   (Link(w("translation_read_original"), urls.version(original.slug,
                                                                                      rendered.number)),)),)
        newest = lag.newest
        updated = (w("lag_updated_upcoming", language=language, date=w.date(newest.landed_on),
                     effective=w.date(newest.effective)) if original.status(newest) is Status.UPCOMING
                   else w("lag_updated", language=language, date=w.date(newest.landed_on)))
        return (
            StatusSentence(w("lag_reflects", language=language, date=w.date(lag.translated.landed_on))),
            StatusSentence(updated, (
                Link(w("lag_read_it"), urls.version(original.slug, lag.newest.number)),
                Link(w("lag_see_what_changed"), redline_url(original, lag.translated, lag.newest, urls)),
            )),
        )

    @property
    def _original(self) -> Document:
        return self.family[0]


def other_languages(document: Document, documents: tuple[Document, ...], urls: Urls,
                    binding_language: str) -> OtherLanguages:
    """What ``document``'s pages say of it in its other languages, among the site's ``documents``."""
    return OtherLanguages(translations.family(document, documents), binding_language, urls)
