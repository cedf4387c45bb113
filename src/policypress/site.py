"""The whole pipeline: Git history -> versions -> documents -> pages and files -> site.

``BuildCache`` keeps the result of reading Git for as long as the repository state is the
same, and the redlines for as long as their texts are, because ``mkdocs serve`` rebuilds in one
long-lived process.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

import git

from . import changes, feeds, history, links, notices, pages, redline, version_list, versioning
from .errors import Finding
from .links import UrlFor
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
    source_date_epoch: int | None = None
    """When HEAD was committed: the build date a generator stamps into sitemaps, taken from Git so
    that the same commit always builds the same bytes. None in a repository with no commits."""


class BuildCache:
    """Reads the repository again only when its state changed, and redlines only new texts."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._site: versioning.Site | None = None
        self._computed = _Memo()

    def read(self, settings: Settings, *, with_drafts: bool) -> versioning.Site:
        key = (settings, settings.day_today(), with_drafts, *_repository_state(settings))
        if key != self._key:
            self._site = versioning.read_site(settings, with_drafts=with_drafts)
            self._key = key
        return self._site

    def build(self, settings: Settings, urls: Urls, url_for: UrlFor,
              render: Callable[[str], pages.Rendered], *, with_drafts: bool = False, site_name: str = "",
              render_key: str = "") -> Built:
        site = self.read(settings, with_drafts=with_drafts)
        rendered, computed = self.renderings(settings, url_for, render, render_key)
        with _cycle_collection_paused():
            return plan(site, urls, rendered, computed, settings=settings, site_name=site_name)

    def renderings(self, settings: Settings, url_for: UrlFor, render: Callable[[str], pages.Rendered],
                   render_key: str) -> tuple[pages.RenderVersion, changes.Redlines]:
        """Each version's HTML (rendered once, for its archived page and its redlines), parsed
        bodies, redlines and redline.json, reused while the texts, the documents and the Markdown
        settings are the same."""
        memo = self._computed.next_build()
        sources = {spec.slug: spec.source for spec in settings.documents}
        context = (render_key, settings.documents)

        def rendered(version) -> pages.Rendered:
            # Links are made site paths: the same HTML then works at every depth it is shown.
            return memo(("html", version.slug, version.sha256, context),
                        lambda: render(links.rebase(version.body, sources[version.slug], url_for)))

        parsers = {spec.slug: redline.Parser() for spec in settings.documents}

        def parsed(version) -> redline.Body:
            return memo(("body", version.slug, version.sha256, context),
                        lambda: parsers[version.slug].body(rendered(version).html))

        computed = changes.redlines(parsed)
        return rendered, changes.Redlines(
            lambda old, new: memo(("redline", old.slug, old.sha256, new.sha256, context),
                                  lambda: computed.between(old, new)),
            lambda version: memo(("source", version.slug, version.sha256, context), lambda: computed.source(version)),
        )


class _Memo:
    """Values computed by one build and kept for the next; what the next build does not ask for is
    dropped, so a long ``mkdocs serve`` session holds only the current history's values."""

    def __init__(self) -> None:
        self._kept: dict = {}
        self._used: dict = {}

    def next_build(self) -> Callable[[Hashable, Callable[[], object]], object]:
        self._kept, self._used = self._used, {}

        def value(key: Hashable, compute: Callable[[], object]):
            if key not in self._used:
                self._used[key] = self._kept.pop(key) if key in self._kept else compute()
            return self._used[key]

        return value


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Redlining a long history makes millions of small objects and no reference cycles; Python's
    cycle collector would walk all of them again each time they grow by a quarter (a sixth of
    the build at 500 versions). Anything cyclic made meanwhile is collected after."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def plan(site: versioning.Site, urls: Urls, rendered: pages.RenderVersion, computed: changes.Redlines, *,
         settings: Settings, site_name: str) -> Built:
    site_pages, files = [], {"versions.json": version_list.versions_json(site.documents, urls)}
    for document in site.documents:
        site_pages += pages.document_pages(document, urls, rendered)
        redlines, data = changes.changes_pages(document, urls, computed)
        site_pages += redlines
        files.update(data)
    # Change notices: feeds of every version, the banner, and the notice-period check
    files.update(feeds.atom_feeds(site.documents, urls, settings.timezone, site_name))
    if settings.gpc:
        files[".well-known/gpc.json"] = notices.gpc_json(site.documents[0])
    site_view = {
        "banner": notices.banner(site.documents, urls, settings.banner_days),
        "feeds": feeds.feed_links(site.documents, urls, site_name),
    }
    findings = site.findings + notices.notice_period_findings(site.documents, settings)
    return Built(site_pages, files, findings, site.unpublished, site_view, site.head_time)


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
        return history.head_commit(git.Repo(settings.root, search_parent_directories=True))
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, ValueError):
        return datetime.now().isoformat()  # nothing stable to key on: never reuse
