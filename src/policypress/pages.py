"""The pages a site publishes for each document: its text, upcoming text, archive and versions.

Each page carries its view (``views``), the finished values its template lays out.
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import Document
from .render import RenderVersion
from .urls import Urls
from .version import Version
from .views import (
    OtherLanguages,
    PageView,
    VersionView,
    applied,
    draft_view,
    page_base,
    print_header,
    redline_url,
    status_line,
    version_years,
    words_for,
)


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


def document_pages(document: Document, urls: Urls, rendered: RenderVersion,
                   views: dict[Version, VersionView], others: OtherLanguages | None = None) -> list[SitePage]:
    """The current text, the upcoming text, the archive list and every archived version, each version
    shown as ``views`` has it (``views.version_views``) and linked to the document's other languages as
    ``others`` has them (``views.other_languages``)."""
    others = others or OtherLanguages((document,), document.spec.lang, urls)
    slug, title, w = document.slug, document.title, words_for(document)
    base = page_base(document, urls)
    current, upcoming = document.current, document.upcoming
    upcoming_view = views[upcoming] if upcoming else None
    # Before the first version takes effect, the document's page shows the text that will apply.
    main = current or upcoming
    main_kind = "current" if current else "upcoming"
    # In a preview, uncommitted edits show where the editor looks: on the upcoming page while a change
    # is pending (that is the text being revised), otherwise on the document's page.
    draft = document.draft_version
    preview = draft_view(document, draft, urls, base) if draft else None
    draft_on_main = draft is not None and upcoming is None

    pages = [
        SitePage(
            urls.site_file(urls.current(slug)), title, document.draft if draft_on_main else main.text,
            preview if draft_on_main else PageView(
                main_kind, version=views[main], upcoming=upcoming_view, is_current=current is not None,
                applied=applied(document, main), status_line=status_line(document, main, urls),
                print_header=print_header(document, main, urls),
                what_changes_url=None if current else redline_url(document, None, main, urls),
                **others.fields(document, main_kind, main), **base),
            replaces=document.spec.source,
            # The engine's rendering of the text, as on its archived page (a translation's in its language).
            **({} if draft_on_main else {"html": rendered(main).html, "toc": rendered(main).toc}),
        ),
        SitePage(
            urls.site_file(urls.archive(slug)), w("archive_title", title=title), "",
            PageView("archive", versions=tuple(views[v] for v in document.newest_first()),
                     years=version_years(document, views), upcoming=upcoming_view,
                     status_line=status_line(document, current, urls),
                     print_header=print_header(document, None, urls), feed_url=urls.feed(slug),
                     **others.fields(document, "archive", None), **base),
        ),
    ]
    if upcoming:
        shown = draft or upcoming
        pages.append(SitePage(
            urls.site_file(urls.upcoming(slug)), w("upcoming_title", title=title), "",
            preview or PageView("upcoming", version=upcoming_view, previous=views[current] if current else None,
                                   applied=applied(document, upcoming),
                                   status_line=status_line(document, upcoming, urls),
                                   print_header=print_header(document, upcoming, urls),
                                   what_changes_url=redline_url(document, current, upcoming, urls),
                                   **others.fields(document, "upcoming", upcoming), **base),
            searchable=False, html=rendered(shown).html, toc=rendered(shown).toc,
        ))
    for version in document.versions:
        pages.append(SitePage(
            urls.site_file(urls.version(slug, version.number)),
            w("version_title", title=title, number=version.number),
            "",
            PageView("archived", version=views[version], upcoming=upcoming_view,
                     applied=applied(document, version), is_current=version is current,
                     status_line=status_line(document, version, urls),
                     print_header=print_header(document, version, urls),
                     **others.fields(document, "archived", version), **base),
            searchable=False, html=rendered(version).html, toc=rendered(version).toc,
        ))
    return pages
