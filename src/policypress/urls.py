"""The address book: every public address of the site, and the site file behind each.

Every address here is permanent: visitors bookmark and cite them. Pages, templates and scripts
take addresses from here and never build one themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit


def directory_url(base_path: str, source: str) -> str:
    """The URL MkDocs gives a page with directory URLs: a.md -> /a/, a/index.md -> /a/."""
    stem = source[:-3] if source.endswith(".md") else source
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    elif source.endswith(".md"):
        stem += "/"
    return base_path + stem


def in_language(lang: str, slug: str) -> str:
    """A translation's slug: its original's under the language's prefix (``es/privacy-statement``), so
    that every address of a translation is its original's with ``/<lang>/`` in front."""
    return f"{lang}/{slug}"


def language_of(slug: str) -> tuple[str | None, str]:
    """``in_language`` undone: ``("es", "privacy-statement")`` for a translation's slug, ``(None, slug)``
    for an original's."""
    lang, _, original = slug.rpartition("/")
    return lang or None, original


@dataclass(frozen=True)
class Urls:
    """Site paths, all starting with the site's base path (``/`` unless deployed in a subfolder)."""

    base_path: str = "/"
    site_url: str | None = None
    """The published site's full address, used where a URL must stand alone (feeds, JSON)."""

    @classmethod
    def for_site(cls, site_url: str | None) -> Urls:
        """Paths under the folder of ``site_url`` (e.g. /privacy/ for https://example.org/privacy/)."""
        base_path = urlsplit(site_url or "").path or "/"
        return cls(base_path if base_path.endswith("/") else base_path + "/", site_url or None)

    def current(self, slug: str) -> str:
        return f"{self.base_path}{slug}/"

    def upcoming(self, slug: str) -> str:
        return f"{self.base_path}{slug}/upcoming/"

    def archive(self, slug: str) -> str:
        return f"{self.base_path}{slug}/versions/"

    def version(self, slug: str, number: str) -> str:
        return f"{self.base_path}{slug}/versions/{number}/"

    def changes(self, slug: str, number: str) -> str:
        return f"{self.version(slug, number)}changes/"

    def redline_data(self, slug: str, number: str) -> str:
        """A version's rendered text as blocks and tokens, which the compare view reads."""
        return f"{self.version(slug, number)}redline.json"

    def exact_text(self, slug: str, number: str) -> str:
        """A version's exact normalised Markdown body, the bytes its published ``sha256`` is of."""
        return f"{self.version(slug, number)}source.md"

    def draft_changes(self, slug: str) -> str:
        """The redline of uncommitted edits, in a local preview only (never published)."""
        return f"{self.archive(slug)}draft/changes/"

    def compare(self, slug: str) -> str:
        return f"{self.archive(slug)}compare/"

    def comparison(self, slug: str, old: str, new: str) -> str:
        """The compare view with two versions chosen."""
        return f"{self.compare(slug)}?from={old}&to={new}"

    def feed(self, slug: str | None = None, *, lang: str | None = None) -> str:
        """A document's feed, or the feed of every document: in the site's language, or in ``lang`` (a
        translation's, under the prefix ``/<lang>/`` its documents' addresses have)."""
        if slug:
            return f"{self.base_path}{slug}/feed.xml"
        return f"{self.base_path}{in_language(lang, 'feed.xml') if lang else 'feed.xml'}"

    def version_list(self) -> str:
        return f"{self.base_path}versions.json"

    def gpc(self) -> str:
        return f"{self.base_path}.well-known/gpc.json"

    def site_file(self, address: str) -> str:
        """The file behind an address, from the site's root: a page's Markdown source (``index.md``)
        for an address ending in ``/``, else the file itself."""
        path = address[len(self.base_path):]
        return f"{path}index.md" if path.endswith("/") or not path else path

    def source_pages(self, documents) -> Callable[[str], str]:
        """The address of each file under docs/: a versioned document's own address, else the one
        MkDocs gives the page (directory URLs)."""
        own = {spec.source: self.current(spec.slug) for spec in documents}
        return lambda source: own.get(source) or directory_url(self.base_path, source)

    def absolute(self, path: str) -> str:
        """A full URL when the site's address is known, else the site path."""
        if not self.site_url:
            return path
        return self.site_url.rstrip("/") + "/" + path[len(self.base_path):]
