"""A versioned document: its declared identity and every version it has had."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .version import Version


@dataclass(frozen=True)
class DocumentSpec:
    """A versioned document as declared in the site's settings."""

    source: str
    """Path of the Markdown source, relative to docs/."""
    slug: str
    """URL segment: the document lives at /<slug>/."""
    title: str
    previous_paths: tuple[str, ...] = ()
    """Earlier paths of the source (relative to docs/), for renames."""
    profile: str | None = None
    """A compliance profile the document is checked against (e.g. "ccpa")."""


@dataclass(frozen=True)
class Document:
    """A document with its versions, oldest first, seen from a given day."""

    spec: DocumentSpec
    versions: tuple[Version, ...]
    today: date
    draft: str | None = None
    """Unpublished body from the working tree, shown only in a local preview."""

    @property
    def slug(self) -> str:
        return self.spec.slug

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def current(self) -> Version:
        """The version in force today: the newest whose effective date has come."""
        in_force = [v for v in self.versions if v.in_force_on(self.today)]
        return in_force[-1] if in_force else self.versions[0]

    @property
    def upcoming(self) -> Version | None:
        """The newest version that has landed but takes effect after today."""
        latest = self.versions[-1]
        return latest if latest is not self.current and not latest.in_force_on(self.today) else None

    def previous(self, version: Version) -> Version | None:
        index = self.versions.index(version)
        return self.versions[index - 1] if index > 0 else None

    def following(self, version: Version) -> Version | None:
        index = self.versions.index(version)
        return self.versions[index + 1] if index + 1 < len(self.versions) else None

    def newest_first(self) -> tuple[Version, ...]:
        return tuple(reversed(self.versions))
