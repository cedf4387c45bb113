"""The MkDocs adapter: the one module of policypress that imports MkDocs.

The engine decides what to publish; this module only speaks MkDocs. A site loads it through a
one-line hook (``hooks/policypress_hook.py``: ``from policypress.mkdocs_hook import *``), so the
adapter, templates and assets are always those of the installed policypress: upgrading it
upgrades every site, and a site's ``overrides/`` holds only its own customizations.
"""

from __future__ import annotations

import functools
import json
import logging
import os
from pathlib import Path

from mkdocs import __version__ as mkdocs_version
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from . import history, render_cache, site, views, words
from . import settings as site_settings
from .errors import Finding, PolicyError
from .pages import SitePage
from .render import Renderer
from .urls import Urls

__all__ = ["on_config", "on_files", "on_nav", "on_page_content", "on_page_context", "on_page_markdown",
           "on_post_build", "on_post_page", "on_serve", "on_startup", "on_template_context"]

THEME = Path(__file__).parent / "theme"
"""policypress's templates, stylesheets and scripts, layered between the site's overrides and Material."""

log = logging.getLogger("mkdocs.plugins.policypress")
# Settings that only say where or how strictly to build, never what a page looks like.
_NOT_RENDERED = {"config_file_path", "docs_dir", "site_dir", "dev_addr", "strict", "validation", "watch",
                 "plugins", "hooks", "remote_branch", "remote_name"}
_state: dict = {"command": "build", "cache": site.BuildCache()}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config):
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _state.setdefault("epoch_from_git", "SOURCE_DATE_EPOCH" not in os.environ)
    _state.update(settings=_settings(config), urls=Urls.for_site(config.site_url), history=_rendered_history(config),
                  computed=render_cache.RenderedPages(_cache_folder(config), "computed"))
    # The site's own overrides come first, then policypress's templates and assets, then Material's.
    if str(THEME) not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
    return config


def on_serve(server, config, builder):
    root = _state["settings"].root
    # MkDocs watches the docs and the custom_dir; versions/ and new commits change pages too.
    watched = [root / "versions", THEME.parent]
    for path in [*watched, *history.refs_to_watch(root)]:
        if path.exists():
            server.watch(str(path))
    return server


def on_files(files: Files, config) -> Files:
    return _publish(_build(config), files, config)


def on_nav(nav, config, files):
    # Pages link to every page in the nav, and archived texts to the documentation pages.
    sources = [(file.src_uri, file.url) for file in files.documentation_pages() if not file.generated_by]
    # A nav entry without a title takes its page's first heading: key on that page's text too.
    untitled = [page.file.content_bytes for page in nav.pages
                if page.title is None and page.file.src_uri not in _state["pages"]]
    _state["history"].start(str(nav), sources, untitled, _state["built"].site_views)
    return nav


def on_page_markdown(markdown: str, page, config, files) -> str:
    planned = _state["pages"].get(page.file.src_uri)
    if planned and planned.is_history and _state["history"].reuse(page.file.src_uri, page.url, page.meta,
                                                                   markdown, planned):
        page.meta["template"] = "policypress-cached.html"  # skip Markdown and theme: on_post_page writes it
        return ""
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    planned = _state["pages"].get(page.file.src_uri)
    if planned and planned.html is not None and not _state["history"].is_reused(page.file.src_uri):
        if planned.toc is not None:  # a version's text rendered by the engine: give Material its headings
            page.toc = get_toc(planned.toc)
        return planned.html
    return html


def on_page_context(context, page, config, nav):
    planned = _state["pages"].get(page.file.src_uri)
    context["policypress"] = planned.view if planned else None
    context["policypress_body"] = views.Body.of(page.content or "") if planned else None
    lang = planned.view.lang if planned else _state["settings"].language
    context.update(_language(lang, config), policypress_site=_state["built"].site_view(lang))
    # The engine decides each page's canonical address and noindex; Material and main.html lay them out.
    hints = views.search_hints(_state["urls"].base_path + page.url, _state["urls"], _state["settings"])
    page.canonical_url, context["policypress_search"] = hints.canonical_url, hints
    return context


def on_post_page(output: str, page, config) -> str:
    planned = _state["pages"].get(page.file.src_uri)
    if planned and _translated(planned):
        output = _site_parts_marked(output, _state["settings"].language)
    return _state["history"].finished(page.file.src_uri, output)


_SITE_PARTS = ('<nav class="md-nav md-nav--primary"', '<form class="md-header__option"', '<div class="md-copyright"')
"""Material's elements that hold the site's own configured words (its navigation, the palette toggle's names,
the footer), which stay in the site's language on a translated page."""


def _site_parts_marked(html: str, lang: str) -> str:
    """A translated page with the site's own words marked as being in the site's language (WCAG 3.1.2)."""
    for opening in _SITE_PARTS:
        html = html.replace(opening, f'{opening} lang="{lang}"', 1)
    return html


def on_post_build(config):
    for store in (_state["history"].pages, _state["computed"]):
        store.flush()  # the caches are written beside the build
        if _state["command"] == "build":
            store.prune()  # what this build did not use is stale: it would only make the folder grow
    # Each version's source.md kept in memory (a preview), byte for byte (see _publish).
    for path, content in _state["verbatim"].items():
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8"))


def on_template_context(context, template_name, config):
    # Pages without a Markdown source (404.html) show the banner and feed links too, in the site's language.
    context.update(_language(_state["settings"].language, config), policypress_site=_state["built"].site_view())
    if template_name == "sitemap.xml":  # the engine orders the sitemap and gives each page its priority
        pages = [(_state["urls"].base_path + f.page.url, f.page.update_date) for f in context["pages"] if f.page]
        context["policypress_sitemap"] = views.sitemap(pages, _state["urls"], _state["settings"])
    return context


def _language(lang: str, config) -> dict:
    """A page's language for the templates: policypress's words in it, the code ``<html lang>`` declares
    (``theme/partials/language.html``), and Material's catalog for it, or the site's when Material has none."""
    return {"policypress_words": words.of(lang), "policypress_language": lang,
            "policypress_theme_language": _theme_language(lang, tuple(config.theme.dirs), config.theme["language"])}


@functools.cache
def _theme_language(lang: str, theme_dirs: tuple[str, ...], site_language: str) -> str:
    material = f"partials/languages/{lang}.html"
    return lang if any((Path(folder) / material).is_file() for folder in theme_dirs) else site_language


def _translated(page: SitePage) -> bool:
    """A translation's page: in another language than the site's own words (navigation, footer)."""
    return page.view.lang != _state["settings"].language


def _settings(config) -> site_settings.Settings:
    try:
        return site_settings.load(config.extra.get("policypress"), config_file=Path(config.config_file_path),
                                  docs_dir=Path(config.docs_dir), site_url=config.site_url)
    except PolicyError as error:
        raise PluginError(str(error)) from None


def _cache_folder(config) -> Path:
    return Path(config.config_file_path).parent / render_cache.CACHE_FOLDER


def _rendered_history(config) -> render_cache.RenderedHistory:
    """Rendered history, reused only while the configuration, templates, hooks and engine are the same."""
    return render_cache.RenderedHistory(
        _cache_folder(config),
        # The engine's Python is fingerprinted by render_cache itself; here, the templates and assets.
        render_cache.files_fingerprint([THEME, *map(Path, filter(None, [config.theme.custom_dir]))]),
        # Every hook's own code, wherever it lives: a hook may change any page.
        [(name, Path(hook.__file__).read_bytes()) for name, hook in config.hooks.items()],
        # The engine's own name and version too: ProperDocs stamps its own generator tag into pages.
        {"engine": mkdocs_version, **{key: value for key, value in config.items() if key not in _NOT_RENDERED}},
        [(name, getattr(plugin, "config", None)) for name, plugin in config.plugins.items()],
    )


def _build(config) -> site.Built:
    """The engine's build, its findings reported (a strict build stops on them)."""
    serving = _state["command"] == "serve"
    try:
        built = _state["cache"].build(
            _state["settings"], _state["urls"], Renderer(config.markdown_extensions, config.mdx_configs),
            with_drafts=serving, site_name=config.site_name, data_dir=None if serving else Path(config.site_dir),
            store=_state["computed"],
        )
    except PolicyError as error:
        raise PluginError(str(error)) from None
    # Under mkdocs serve findings stay warnings, even with strict set, so the preview keeps working.
    _report(built.findings, strict=config.strict and not serving)
    for path in built.unpublished:
        shown = "shown as an unpublished draft" if serving else "not published by this build"
        log.info(f"{path} has uncommitted edits: {shown} until they are committed.")
    # MkDocs dates the sitemap with SOURCE_DATE_EPOCH (read after this event): take it from Git,
    # not the clock, unless the person building set it themselves.
    if _state["epoch_from_git"] and built.source_date_epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(built.source_date_epoch)
    return built


def _publish(built: site.Built, files: Files, config) -> Files:
    """The engine's pages and files, as MkDocs files."""
    _state.update(built=built, pages={_file_for(page, files, config).src_uri: page for page in built.pages})
    # MkDocs renders every .md file as a page; a version's source.md must stay its exact bytes (its
    # sha256 is published), so it is never handed to MkDocs: on_post_build writes those kept in memory.
    _state["verbatim"] = {path: content for path, content in built.files.items() if path.endswith(".md")}
    # INCLUDED explicitly: MkDocs would exclude dot-folders such as .well-known/.
    for path, content in built.files.items():
        if path not in _state["verbatim"]:
            files.append(File.generated(config, path, content=content, inclusion=InclusionLevel.INCLUDED))
    # Files the engine wrote into site_dir already stay where they are (MkDocs skips the copy).
    for path in built.written:
        if not path.endswith(".md"):
            files.append(File.generated(config, path, abs_src_path=os.path.join(config.site_dir, path),
                                        inclusion=InclusionLevel.INCLUDED))
    return files


def _report(findings: tuple[Finding, ...], *, strict: bool) -> None:
    # A strict build stops here itself: MkDocs' warning count misses warnings that -q or a log filter hides.
    if strict and findings:
        heading = f"policypress: {len(findings)} problem{'s' if len(findings) > 1 else ''} must be fixed " \
                  "before this site can be published:"
        raise Abort("\n".join([heading, *(f"  - {finding}" for finding in findings)]))
    for finding in findings:
        log.warning(str(finding))


def _file_for(page, files: Files, config) -> File:
    front_matter = {"title": page.title}
    if not page.searchable:
        front_matter["search"] = {"exclude": True}
    if _translated(page):
        # The site's navigation is in its own language; a translation's pages link their own pages instead.
        front_matter["hide"] = ["navigation"]
    # JSON is YAML, and far quicker to write for hundreds of pages.
    content = f"---\n{json.dumps(front_matter, ensure_ascii=False)}\n---\n\n{page.markdown}"
    if page.replaces:
        # The document's own source keeps its src_uri (so links to it resolve) but moves to /<slug>/.
        file = files.get_file_from_path(page.replaces)
        file.content_string = content
        # MkDocs lets a plugin set where a file goes; url and abs_dest_path are set with it, not derived.
        file.dest_uri = page.src_uri[: -len(".md")] + ".html"
        file.url = page.src_uri[: -len("index.md")]
        file.abs_dest_path = os.path.normpath(os.path.join(file.dest_dir, file.dest_uri))
        if _translated(page):
            file.inclusion = InclusionLevel.NOT_IN_NAV  # a translation is reached from its switcher, not the nav
        return file
    file = File.generated(config, page.src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
    files.append(file)
    return file
