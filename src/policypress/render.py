"""Markdown to HTML with the site's own Markdown settings: the one renderer of the build, the
command line and the benchmark.

A version's text is rendered with its links made site paths (``links.rebase``), so the same HTML
works at every address it is shown: its archived page, its redlines, a pull request's review.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import markdown

from . import links, words
from .settings import Settings
from .urls import Urls
from .version import Version

BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
"""MkDocs always renders with these, before the site's own markdown_extensions."""


@dataclass(frozen=True)
class Rendered:
    """A text rendered once, for its page and for the redlines around it."""

    html: str
    toc: list
    """The headings, as Python-Markdown's toc extension lists them (``toc_tokens``)."""


RenderVersion = Callable[[Version], Rendered]
"""A version's text, rendered with its links made site paths (the build memoises it)."""


class Renderer:
    """The site's Markdown extensions and their settings, with one converter reset between texts
    (setting up the extensions once per build, not once per version)."""

    def __init__(self, extensions: list, configs: dict):
        self.extensions, self.configs = list(extensions), dict(configs)
        self._converter = markdown.Markdown(extensions=self.extensions, extension_configs=self.configs)

    @classmethod
    def from_config(cls, configured: list | dict | None) -> Renderer:
        """From ``markdown_extensions`` as written in mkdocs.yml (a list of names or of one-key
        mappings, or a mapping), with MkDocs' built-in extensions first, as MkDocs reads it."""
        names, options = list(BUILTIN_EXTENSIONS), {}
        entries = (configured or {}).items() if isinstance(configured, dict) else (
            next(iter(entry.items())) if isinstance(entry, dict) else (entry, None) for entry in configured or []
        )
        for name, config in entries:
            if name not in names:
                names.append(name)
            if config:
                options.setdefault(name, {}).update(config)
        return cls(names, options)

    @property
    def key(self) -> str:
        """What decides the HTML of a text, for caches."""
        return repr((self.extensions, self.configs))

    def in_language(self, permalink_title: str) -> Renderer:
        """The same settings for a text in another language: the toc extension titles each heading's
        permalink in that language (``permalink_title``, e.g. "Enlace permanente")."""
        if "toc" not in self.extensions:
            return self
        return Renderer(self.extensions, {**self.configs,
                                          "toc": {**self.configs.get("toc", {}), "permalink_title": permalink_title}})

    def __call__(self, text: str) -> Rendered:
        html = self._converter.reset().convert(text)
        return Rendered(html, getattr(self._converter, "toc_tokens", []))

    def version(self, version: Version, source: str, url_for: links.UrlFor) -> Rendered:
        """A version's text as written (hard line breaks are trailing spaces), its links made site
        paths; ``source`` is the document's path under docs/."""
        return self(links.rebase(version.text, source, url_for))


def for_site(renderer: Renderer, settings: Settings) -> RenderVersion:
    """Each version's text as the site renders it, links and all (the command line's redlines
    then match the site's); a translation's in its language (``Renderer.in_language``)."""
    pages = Urls.for_site(settings.site_url).source_pages(settings.documents)
    sources = {spec.slug: spec.source for spec in settings.documents}
    in_language = {lang: renderer.in_language(words.of(lang)("permalink_title"))
                   for lang in settings.languages if lang != settings.language}
    renderers = {spec.slug: in_language.get(spec.lang, renderer) for spec in settings.documents}
    return lambda version: renderers[version.slug].version(version, sources[version.slug], pages)
