"""Changes pages: the redline from each version to the next, and the compare view.

Consecutive pairs are pre-rendered; any other pair is redlined in the visitor's browser from
the ``redline.json`` each version publishes, with the same algorithm (redline.js).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import redline
from .dates import long_date
from .document import Document
from .pages import PageView, SitePage, draft_version_view, version_view
from .urls import Urls
from .version import Version

ParsedBody = Callable[[Version], redline.Body]
"""A version's rendered body, parsed for redlining (the site memoises it)."""


@dataclass(frozen=True)
class ChangedSection:
    """The changes under one heading, for the list at the top of a changes page."""

    title: str
    section_id: str | None
    anchors: tuple[str, ...]


@dataclass(frozen=True)
class RedlineView:
    count: int
    sections: tuple[ChangedSection, ...]
    sentence: str
    """"3 changes in 2 sections", or that the texts are identical."""


@dataclass(frozen=True)
class Redlines:
    """What changes pages need from the redline engine. ``site.BuildCache`` memoises both, so a
    rebuild under ``mkdocs serve`` redlines only the versions that are new."""

    between: Callable[[Version, Version], tuple[str, RedlineView]]
    """The redline HTML from one version to the next, and its summary."""
    source: Callable[[Version, str], str | Path]
    """A version's ``redline.json`` (given its site path): the JSON, or the file it was written to."""


def redlines(parsed: ParsedBody) -> Redlines:
    """Redlines computed from the versions' parsed bodies."""

    def between(old: Version, new: Version) -> tuple[str, RedlineView]:
        result = redline.compare(parsed(old), parsed(new))
        return result.html, _view(result)

    return Redlines(between, lambda version, path: redline.body_source(parsed(version)))


def changes_pages(document: Document, urls: Urls, computed: Redlines) -> tuple[list[SitePage], dict[str, str | Path]]:
    """A changes page for every version that has a predecessor, the compare view, and the data
    the compare view reads."""
    slug, title = document.slug, document.title
    views = {v: version_view(document, v, urls) for v in document.versions}
    base = dict(title=title, slug=slug, current_url=urls.current(slug), archive_url=urls.archive(slug),
                compare_url=urls.compare(slug))
    site_pages, data = [], {}
    for version in document.versions:
        # Each version's data right before its redline: both read its parsed body.
        path = f"{slug}/versions/{version.number}/redline.json"
        data[path] = computed.source(version, path)
        previous = document.previous(version)
        if previous is None:
            continue
        html, view = computed.between(previous, version)
        site_pages.append(SitePage(
            f"{slug}/versions/{version.number}/changes/index.md",
            f"{title}: what changed on {long_date(version.landed_on)}",
            "",
            PageView("changes", version=views[version], previous=views[previous], redline=view,
                     is_current=version is document.current, **base),
            searchable=False,
            html=html,
        ))
    draft = document.draft_version
    if draft is not None:  # a local preview's uncommitted edits, against the newest committed text
        newest = document.versions[-1]
        html, view = computed.between(newest, draft)
        site_pages.append(SitePage(
            f"{slug}/versions/draft/changes/index.md", f"{title}: uncommitted edits (unpublished draft)", "",
            PageView("changes", version=draft_version_view(document, draft, urls), previous=views[newest],
                     redline=view, is_draft=True, **base),
            searchable=False, html=html,
        ))
    site_pages.append(SitePage(
        f"{slug}/versions/compare/index.md", f"{title}: compare versions", "",
        PageView("compare", versions=tuple(views[v] for v in document.newest_first()), **base),
        searchable=False, html="",
    ))
    return site_pages, data


def _view(result: redline.Redline) -> RedlineView:
    sections: list[ChangedSection] = []
    for change in result.changes:
        if sections and sections[-1].section_id == change.section_id:
            last = sections[-1]
            sections[-1] = ChangedSection(last.title, last.section_id, (*last.anchors, change.anchor))
        else:
            sections.append(ChangedSection(change.section_title or "Beginning of the document", change.section_id,
                                           (change.anchor,)))
    if result.is_empty:
        sentence = "No differences in the text: the two versions differ only in markup the redline does not show."
    else:
        places = "1 change" if result.count == 1 else f"{result.count} changes"
        where = "1 section" if len(sections) == 1 else f"{len(sections)} sections"
        sentence = f"{places} in {where}."
    return RedlineView(result.count, tuple(sections), sentence)
