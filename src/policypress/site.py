"""The whole pipeline: Git history -> versions -> documents -> pages and files -> site.

``BuildCache`` keeps the result of reading Git for as long as the repository state is the
same, because ``mkdocs serve`` rebuilds in one long-lived process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import git

from . import pages, version_list, versioning
from .errors import Finding
from .links import SiteLinks
from .settings import Settings
from .urls import Urls


@dataclass(frozen=True)
class Built:
    """What a build publishes besides the ordinary pages."""

    pages: list[pages.SitePage]
    files: dict[str, str]
    """Generated non-page files by site path, e.g. ``versions.json``."""
    findings: tuple[Finding, ...]
    unpublished: tuple[str, ...] = ()
    site_view: dict = field(default_factory=dict)
    """Values every page's template may show (feeds, banner)."""


class BuildCache:
    """Reads the repository again only when its state changed."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._site: versioning.Site | None = None

    def read(self, settings: Settings, *, with_drafts: bool) -> versioning.Site:
        key = (settings, settings.day_today(), with_drafts, *_repository_state(settings))
        if key != self._key:
            self._site = versioning.read_site(settings, with_drafts=with_drafts)
            self._key = key
        return self._site

    def build(self, settings: Settings, urls: Urls, site_links: SiteLinks, render: pages.Render, *,
              with_drafts: bool = False) -> Built:
        site = self.read(settings, with_drafts=with_drafts)
        return plan(site, urls, site_links, render)


def plan(site: versioning.Site, urls: Urls, site_links: SiteLinks, render: pages.Render) -> Built:
    site_pages = [
        page for document in site.documents for page in pages.document_pages(document, urls, site_links)
    ]
    files = {"versions.json": version_list.versions_json(site.documents, urls)}
    return Built(site_pages, files, site.findings, site.unpublished)


def _repository_state(settings: Settings) -> tuple:
    # HEAD moves on commit, merge and checkout; stat() of the watched files catches edits.
    head = _head(settings)
    watched = [settings.docs_dir / spec.source for spec in settings.documents]
    if settings.versions_dir.is_dir():
        watched += sorted(p for p in settings.versions_dir.rglob("*") if p.is_file())
    stats = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in watched if p.exists())
    return head, stats


def _head(settings: Settings) -> str | None:
    try:  # GitPython reads refs from disk here: no git process
        return git.Repo(settings.root, search_parent_directories=True).head.commit.hexsha
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, ValueError):
        return datetime.now().isoformat()  # nothing stable to key on: never reuse
