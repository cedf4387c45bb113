"""The whole pipeline: Git history -> versions -> documents -> pages and files -> site.

``BuildCache`` keeps the result of reading Git for as long as the repository state is the
same, and the redlines for as long as their texts are, because ``mkdocs serve`` rebuilds in one
long-lived process.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass, field
from datetime import datetime
from pathlib import Path

import git

from . import (
    changes,
    check,
    feeds,
    history,
    notices,
    pages,
    redline,
    render,
    translations,
    version_list,
    versioning,
    views,
    words,
)
from .errors import Finding
from .memo import KeptFromLast
from .render import Rendered, Renderer, RenderVersion
from .render_cache import RenderedPages, engine_fingerprint, fingerprint
from .settings import Settings
from .urls import Urls
from .version import Version


@dataclass(frozen=True)
class SiteView:
    """What every page's template may show: the change-notice banner, the feeds and the documents."""

    banner: notices.Banner | None = None
    feeds: tuple[feeds.FeedLink, ...] = ()
    documents: tuple[views.Link, ...] = ()
    """Each document's title and the address of its archive (for the 404 page)."""


@dataclass(frozen=True)
class Built:
    """What a build publishes besides the ordinary pages."""

    pages: list[pages.SitePage]
    files: dict[str, str]
    """Generated non-page files by site path, e.g. ``versions.json``, and their content."""
    findings: tuple[Finding, ...]
    unpublished: tuple[str, ...] = ()
    site_views: dict[str, SiteView] = field(default_factory=dict)
    """What every page shows, by the page's language: its banner, feeds and documents are in it."""
    source_date_epoch: int | None = None
    """When HEAD was committed: the build date a generator stamps into sitemaps, taken from Git so
    that the same commit always builds the same bytes. None in a repository with no commits."""
    written: tuple[str, ...] = ()
    """Generated files, by site path, already written into the site folder as they were made."""
    language: str = "en"
    """The site's own language: that of every page that is no translation."""

    def site_view(self, lang: str | None = None) -> SiteView:
        """What a page in ``lang`` (the site's language by default) shows on every page."""
        return self.site_views.get(lang or self.language, SiteView())


class Output:
    """Where a build's generated files go: kept by site path, or, given the site folder (a one-off
    build), written there as they are made, so that a long history's ``redline.json`` files never
    sit in memory all at once. A live preview keeps them, for the next rebuild to reuse."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.files: dict[str, str] = {}
        self.written: list[str] = []

    def add(self, path: str, content: str) -> None:
        if self.folder is None:
            self.files[path] = content
            return
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, "utf-8")
        self.written.append(path)


class BuildCache:
    """Reads the repository again only when its state changed, and redlines only new texts."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._record: versioning.Record | None = None
        self._computed: KeptFromLast = KeptFromLast()
        """Rendered texts, redlines and redline.json of the last build, for the next one."""

    def read(self, settings: Settings, *, with_drafts: bool) -> versioning.Record:
        key = (settings, settings.day_today(), with_drafts, *_repository_state(settings))
        if key != self._key:
            self._record = versioning.read_record(settings, with_drafts=with_drafts)
            self._key = key
        return self._record

    def build(self, settings: Settings, urls: Urls, renderer: Renderer, *, with_drafts: bool = False,
              site_name: str = "", data_dir: Path | None = None,
              store: RenderedPages | None = None) -> Built:
        """The site's pages and files. With ``data_dir`` (a one-off build), each ``redline.json``
        is written there as soon as it is made (``Output``); without it (a live preview), they are
        kept for the next rebuild. With ``store``, what the engine computes is kept on disk too,
        for builds in other processes (CI that restores its cache folder)."""
        record = self.read(settings, with_drafts=with_drafts)
        rendered, computed = self.renderings(settings, urls, renderer, keep_data=data_dir is None, store=store)
        with _fewer_cycle_collections():
            return plan(record, urls, rendered, computed, settings=settings, site_name=site_name,
                        output=Output(data_dir))

    def renderings(self, settings: Settings, urls: Urls, renderer: Renderer, *, keep_data: bool = True,
                   store: RenderedPages | None = None) -> tuple[RenderVersion, changes.Redlines]:
        """Each version's HTML (rendered once, for its archived page and its redlines), redlines
        and redline.json, reused while the texts, the documents and the Markdown settings are the
        same. ``keep_data=False`` keeps no redline.json for the next round (a one-off build)."""
        self._computed.next_round()
        memo = self._computed.get
        context = (renderer.key, urls.base_path, settings.documents)
        stored = _Stored(store, context)
        as_on_the_site = render.for_site(renderer, settings)

        def rendered(version: Version) -> Rendered:
            # Keyed on the text as written, which is what is rendered (hard line breaks included).
            return memo(("html", version.slug, version.text, context),
                        lambda: stored.rendered(version, lambda: as_on_the_site(version)))

        parsers = {spec.slug: redline.Parser() for spec in settings.documents}
        # A redline is in its document's language: its screen-reader labels and its summary.
        said = {spec.slug: words.of(spec.lang) for spec in settings.documents}
        # Versions are redlined in order: a body is needed by its own redline and by the next one,
        # so each document keeps the bodies of its last two versions (one round per new body).
        bodies = {spec.slug: KeptFromLast() for spec in settings.documents}

        def parsed(version: Version) -> redline.Body:
            kept, key = bodies[version.slug], version.sha256
            found = kept.find(key)
            if found is None:
                kept.next_round()
                found = kept.keep(key, parsers[version.slug].body(rendered(version).html))
            return found

        def between(old: Version, new: Version) -> tuple[str, views.RedlineView]:
            labels = redline.Labels.of(said[new.slug])
            result = stored.redline(old, new, labels, lambda: redline.compare(parsed(old), parsed(new), labels))
            return result.html, views.redline_view(result, said[new.slug])

        def data(version: Version) -> str:
            text_url = urls.version(version.slug, version.number)
            markers = redline.text_markers(rendered(version).html)
            return stored.data(version, lambda: redline.published_data(parsed(version), text_url, markers))

        def kept_data(version: Version) -> str:
            return memo(("data", version.slug, version.number, version.sha256, context), lambda: data(version))

        return rendered, changes.Redlines(
            lambda old, new: memo(("redline", old.slug, old.sha256, new.sha256, context), lambda: between(old, new)),
            kept_data if keep_data else data,
        )


class _Stored:
    """The engine's results kept on disk between processes: a version's HTML by its text, a
    redline by its pair of texts, a ``redline.json`` by its text and address; each also by the Markdown
    settings, the documents, the site's base path and this engine's code. An entry that cannot be
    read back whole is computed again, so the store never changes what a build publishes."""

    def __init__(self, store: RenderedPages | None, context: tuple) -> None:
        self.store = store
        self.context = fingerprint(engine_fingerprint(), context) if store else ""

    def rendered(self, version: Version, compute: Callable[[], Rendered]) -> Rendered:
        # By its document too: a translation's headings link in its own language (render.for_site).
        return self._get("html", (version.slug, version.text), compute,
                         lambda done: json.dumps([done.html, done.toc], ensure_ascii=False),
                         lambda kept: Rendered(*json.loads(kept)))

    def redline(self, old: Version, new: Version, labels: redline.Labels,
                compute: Callable[[], redline.Redline]) -> redline.Redline:
        # By its labels too: the same two texts redlined for a page in another language differ in them.
        return self._get("redline", (old.text, new.text, astuple(labels)), compute,
                         lambda done: json.dumps([done.html, [list(astuple(c)) for c in done.changes]],
                                                 ensure_ascii=False),
                         lambda kept: _stored_redline(*json.loads(kept)))

    def data(self, version: Version, compute: Callable[[], str]) -> str:
        # By address too: it names its version's page, and a text can come back in a later version.
        return self._get("redline.json", (version.slug, version.number, version.text), compute,
                         lambda done: done, lambda kept: kept)

    def _get(self, kind: str, inputs: tuple, compute: Callable, encode: Callable, decode: Callable):
        if self.store is None:
            return compute()
        key = fingerprint(self.context, kind, *inputs)
        kept = self.store.get(key)
        if kept is not None and kept.startswith(f"{kind}\n"):
            try:
                return decode(kept[len(kind) + 1:])
            except (ValueError, TypeError):  # not what this engine writes: compute it again
                pass
        done = compute()
        self.store.put(key, f"{kind}\n{encode(done)}")
        return done


def _stored_redline(html: str, changes_made: list) -> redline.Redline:
    if not isinstance(html, str):
        raise TypeError("a stored redline's HTML is not text")
    return redline.Redline(html, tuple(redline.Change(*change) for change in changes_made), ())


@contextmanager
def _fewer_cycle_collections() -> Iterator[None]:
    """Redlining a long history makes millions of short-lived objects. At Python's default pace
    the cycle collector would walk all that is alive dozens of times (a tenth of the build at 500
    versions); Markdown leaves cyclic garbage, so collections are spaced out, not stopped."""
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], 10_000), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def plan(record: versioning.Record, urls: Urls, rendered: RenderVersion, computed: changes.Redlines, *,
         settings: Settings, site_name: str, output: Output | None = None) -> Built:
    output = output or Output()
    site_pages = []
    output.add(urls.site_file(urls.version_list()),
               version_list.versions_json(record.documents, urls, settings.timezone.key))
    for document in record.documents:
        shown = views.version_views(document, urls)
        others = views.other_languages(document, record.documents, urls, settings.binding_language)
        site_pages += pages.document_pages(document, urls, rendered, shown, others)
        # The exact text of every version, so anyone can check its published sha256
        for v in document.versions:
            output.add(urls.site_file(urls.exact_text(document.slug, v.number)), v.body)
        site_pages += changes.changes_pages(document, urls, computed, shown, output.add, others)
    # Change notices, in each language: feeds of every version, the banner; and the notice-period check
    site_views = {}
    for lang in settings.languages:
        in_language = tuple(d for d in record.documents if d.spec.lang == lang)
        home = None if lang == settings.language else lang
        for path, feed in feeds.atom_feeds(in_language, urls, settings.timezone, site_name, home).items():
            output.add(path, feed)
        untranslated = tuple((d, translations.original_of(d, record.documents)) for d in in_language
                             if d.spec.is_translation)
        site_views[lang] = SiteView(
            notices.banner(in_language, urls, settings.banner_days, untranslated),
            feeds.feed_links(in_language, urls, site_name, home),
            tuple(views.Link(d.title, urls.archive(d.slug)) for d in in_language))
    if settings.gpc:
        output.add(urls.site_file(urls.gpc()), notices.gpc_json(record.documents[0]))
    # What the build reports, and a strict build fails on: unclassified changes, missed notice, placeholders
    findings = (*record.findings, *notices.notice_period_findings(record.documents, settings),
                *check.placeholders(settings, record))
    return Built(site_pages, output.files, findings, record.unpublished, site_views, record.head_time,
                 tuple(output.written), settings.language)


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
