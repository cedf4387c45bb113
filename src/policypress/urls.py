"""The public URL contract. Every address here is permanent: visitors bookmark and cite them."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


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

    def draft_changes(self, slug: str) -> str:
        """The redline of uncommitted edits, in a local preview only (never published)."""
        return f"{self.archive(slug)}draft/changes/"

    def compare(self, slug: str) -> str:
        return f"{self.archive(slug)}compare/"

    def comparison(self, slug: str, old: str, new: str) -> str:
        """The compare view with two versions chosen."""
        return f"{self.compare(slug)}?from={old}&to={new}"

    def feed(self, slug: str | None = None) -> str:
        return f"{self.base_path}{slug}/feed.xml" if slug else f"{self.base_path}feed.xml"

    def absolute(self, path: str) -> str:
        """A full URL when the site's address is known, else the site path."""
        if not self.site_url:
            return path
        return self.site_url.rstrip("/") + "/" + path[len(self.base_path):]
