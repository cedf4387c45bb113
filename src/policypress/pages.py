"""The pages a site publishes for its documents, with the finished values templates show.

Templates only lay these values out: every date is already formatted and every
classification already made here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .dates import long_date
from .document import Document
from .timeline import Status
from .urls import Urls
from .version import Version

Render = Callable[[str], str]
"""Turns a Markdown body into HTML with the site's own Markdown settings."""


@dataclass(frozen=True)
class Rendered:
    """A version's body rendered once, for its archived page and for the redlines around it."""

    html: str
    toc: list
    """The headings, as Python-Markdown's toc extension lists them (``toc_tokens``)."""


RenderVersion = Callable[[Version], Rendered]


@dataclass(frozen=True)
class VersionView:
    """A version as a visitor sees it in version lines, notices and lists."""

    number: str
    landed: str
    effective: str | None
    """The long effective date when it differs from the version date."""
    effective_on: str
    kind: str
    summary: str
    corrected: bool
    source: str
    url: str
    changes_url: str | None
    is_upcoming: bool = False
    """Landed, but takes effect after today."""
    status: str = ""
    """Where the version stands today, in words: in force, upcoming, superseded or never in force."""
    notice: str | None = None
    """Why a material change took effect without the usual notice, when it did."""


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
    redline: object | None = None
    """For a changes page: a ``changes.RedlineView``."""
    what_changes_url: str | None = None
    """For an upcoming text: the redline from the version in force to it; for a draft, its redline."""
    is_draft: bool = False
    """Shows uncommitted edits (a local preview only)."""


@dataclass(frozen=True)
class SitePage:
    """One generated page: where it goes, its Markdown, and its view for the templates."""

    src_uri: str
    title: str
    markdown: str
    view: PageView
    searchable: bool = True
    replaces: str | None = None
    """The docs/ source this page stands in for (its URL moves to the document's slug)."""
    html: str | None = None
    """Finished HTML that replaces the rendered Markdown (redlines, and texts already rendered)."""
    toc: list | None = None
    """The table of contents for ``html``, as ``toc_tokens``."""

    @property
    def is_history(self) -> bool:
        """An archived version or a changes page: once rendered, reusable until its inputs change."""
        return self.view.kind in ("archived", "changes")


@dataclass(frozen=True)
class Plan:
    pages: list[SitePage] = field(default_factory=list)


def version_view(document: Document, version: Version, urls: Urls) -> VersionView:
    has_previous = document.previous(version) is not None
    status = document.status(version)
    return VersionView(
        number=version.number,
        landed=long_date(version.landed_on),
        effective=long_date(version.effective) if version.takes_effect_later else None,
        effective_on=long_date(version.effective),
        kind=version.kind,
        summary=version.summary,
        corrected=version.corrected,
        source=version.source.value,
        url=urls.version(document.slug, version.number),
        changes_url=urls.changes(document.slug, version.number) if has_previous else None,
        is_upcoming=status is Status.UPCOMING,
        status=status.value,
        notice=_notice(version),
    )


def redline_url(document: Document, old: Version | None, new: Version, urls: Urls) -> str | None:
    """Where a visitor reads what changes from ``old`` to ``new``: the pre-rendered changes page when
    they are consecutive, else the compare view."""
    if old is None or old == new:
        return urls.changes(document.slug, new.number) if document.previous(new) else None
    if old == document.previous(new):
        return urls.changes(document.slug, new.number)
    return urls.comparison(document.slug, old.number, new.number)


def _notice(version: Version) -> str | None:
    if version.immediate:
        return f"Took effect at once, without the usual notice: {version.immediate}"
    if version.notice_waived:
        return f"Took effect without the usual notice: {version.notice_waived}"
    return None


def document_pages(document: Document, urls: Urls, rendered: RenderVersion) -> list[SitePage]:
    """The current text, the upcoming text, the archive list and every archived version."""
    slug, title = document.slug, document.title
    views = {v: version_view(document, v, urls) for v in document.versions}
    base = dict(title=title, slug=slug, current_url=urls.current(slug), archive_url=urls.archive(slug),
                compare_url=urls.compare(slug))
    current, upcoming = document.current, document.upcoming
    upcoming_view = views[upcoming] if upcoming else None
    # Before the first version takes effect, the document's page shows the text that will apply.
    main = current or upcoming
    main_kind = "current" if current else "upcoming"
    # In a preview, uncommitted edits show where the editor looks: on the upcoming page while a change
    # is pending (that is the text being revised), otherwise on the document's page.
    draft = document.draft_version
    draft_view = _draft_view(document, draft, urls, base) if draft else None
    draft_on_main = draft is not None and upcoming is None

    pages = [
        SitePage(
            f"{slug}/index.md", title, document.draft if draft_on_main else main.text,
            draft_view if draft_on_main else PageView(
                main_kind, version=views[main], upcoming=upcoming_view, is_current=current is not None,
                applied=_applied(document, main),
                what_changes_url=None if current else redline_url(document, None, main, urls), **base),
            replaces=document.spec.source,
        ),
        SitePage(
            f"{slug}/versions/index.md", f"{title}: all versions", "",
            PageView("archive", versions=tuple(views[v] for v in document.newest_first()),
                     upcoming=upcoming_view, **base),
        ),
    ]
    if upcoming:
        shown = draft or upcoming
        pages.append(SitePage(
            f"{slug}/upcoming/index.md", f"{title}: upcoming version", "",
            draft_view or PageView("upcoming", version=upcoming_view, previous=views[current] if current else None,
                                   applied=_applied(document, upcoming),
                                   what_changes_url=redline_url(document, current, upcoming, urls), **base),
            searchable=False, html=rendered(shown).html, toc=rendered(shown).toc,
        ))
    for version in document.versions:
        pages.append(SitePage(
            f"{slug}/versions/{version.number}/index.md",
            f"{title}, version {version.number}",
            "",
            PageView("archived", version=views[version], upcoming=upcoming_view,
                     applied=_applied(document, version), is_current=version is current, **base),
            searchable=False, html=rendered(version).html, toc=rendered(version).toc,
        ))
    return pages


def _draft_view(document: Document, draft: Version, urls: Urls, base: dict) -> PageView:
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
        summary=draft.summary if draft.summary != newest.summary else "(not described yet)", corrected=False,
        source="draft", url=urls.upcoming(document.slug) if document.upcoming else urls.current(document.slug),
        changes_url=urls.draft_changes(document.slug),
    )


def _applied(document: Document, version: Version) -> str:
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
