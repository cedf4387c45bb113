"""Changes pages: the redline from each version to the next, and the compare view.

Consecutive pairs are pre-rendered; any other pair is redlined in the visitor's browser, with the
same algorithm (redline.js), from the text of each version's archived page and the
``redline.json`` each version publishes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .document import Document
from .pages import SitePage
from .urls import Urls
from .version import Version
from .views import (
    OtherLanguages,
    PageView,
    RedlineView,
    VersionView,
    changes_title,
    compare_title,
    draft_changes_title,
    draft_version_view,
    page_base,
)


@dataclass(frozen=True)
class Redlines:
    """What changes pages need from the redline engine. ``site.BuildCache`` memoises both, so a
    rebuild under ``mkdocs serve`` redlines only the versions that are new."""

    between: Callable[[Version, Version], tuple[str, RedlineView]]
    """The redline HTML from one version to the next, and its summary."""
    data: Callable[[Version], str]
    """A version's ``redline.json``: what the compare view needs besides the version's text."""


def changes_pages(document: Document, urls: Urls, computed: Redlines, views: dict[Version, VersionView],
                  publish: Callable[[str, str], None], others: OtherLanguages | None = None) -> list[SitePage]:
    """A changes page for every version that has a predecessor, and the compare view, each version
    shown as ``views`` has it and linked to its other languages' pages as ``others`` has them; the
    data the compare view reads goes to ``publish`` (site path, content) as it is made."""
    others = others or OtherLanguages((document,), document.spec.lang, urls)
    slug = document.slug
    base = page_base(document, urls)
    site_pages = []
    for version in document.versions:
        # Each version's data right before its redline: both read its parsed body.
        publish(urls.site_file(urls.redline_data(slug, version.number)), computed.data(version))
        previous = document.previous(version)
        if previous is None:
            continue
        html, view = computed.between(previous, version)
        site_pages.append(SitePage(
            urls.site_file(urls.changes(slug, version.number)),
            changes_title(document, version),
            "",
            PageView("changes", version=views[version], previous=views[previous], redline=view,
                     is_current=version is document.current, **others.fields(document, "changes", version), **base),
            searchable=False,
            html=html,
        ))
    draft = document.draft_version
    if draft is not None:  # a local preview's uncommitted edits, against the newest committed text
        newest = document.versions[-1]
        html, view = computed.between(newest, draft)
        site_pages.append(SitePage(
            urls.site_file(urls.draft_changes(slug)), draft_changes_title(document), "",
            PageView("changes", version=draft_version_view(document, draft, urls), previous=views[newest],
                     redline=view, is_draft=True, **base),
            searchable=False, html=html,
        ))
    site_pages.append(SitePage(
        urls.site_file(urls.compare(slug)), compare_title(document), "",
        PageView("compare", versions=tuple(views[v] for v in document.newest_first()),
                 redline_pattern=urls.redline_data(slug, "{version}"), text_pattern=urls.version(slug, "{version}"),
                 **others.fields(document, "compare", None), **base),
        searchable=False, html="",
    ))
    return site_pages
