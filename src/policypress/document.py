"""A versioned document: its declared identity and every version it has had."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .timeline import Status, Timeline
from .version import Version


@dataclass(frozen=True)
class DocumentSpec:
    """A versioned document as declared in the site's settings."""

    source: str
    """Path of the Markdown source, relative to docs/."""
    slug: str
    """Where the document lives, /<slug>/, and how the build tells documents apart; a translation's is its
    original's under the language's prefix, ``es/privacy-statement`` (``urls.in_language``)."""
    title: str
    previous_paths: tuple[str, ...] = ()
    """Earlier paths of the source (relative to docs/), for renames."""
    profile: str | None = None
    """A compliance profile the document is checked against (e.g. "ccpa")."""
    material_sections: tuple[str, ...] | None = None
    """Heading ids whose text an editorial change may not touch without a reason, as configured; None
    takes the profile's list, or the default list (``check.material_sections_of``)."""
    lang: str = "en"
    """The language the document is written in (a BCP 47 code, as ``<html lang>`` takes it)."""
    translation_of: str | None = None
    """For a translation, the slug of the document it translates; its own slug is ``<lang>/<that slug>``."""

    @property
    def is_translation(self) -> bool:
        return self.translation_of is not None

    @property
    def document_slug(self) -> str:
        """The slug the document was declared with: a translation's is its original's."""
        return self.translation_of or self.slug


@dataclass(frozen=True)
class Document:
    """A document with its timeline of versions, seen from a given day."""

    spec: DocumentSpec
    timeline: Timeline
    today: date
    draft: str | None = None
    """Unpublished text from the working tree, shown only in a local preview."""
    draft_version: Version | None = None
    """That text as the version it would be if it landed today (never published)."""

    @property
    def slug(self) -> str:
        return self.spec.slug

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def versions(self) -> tuple[Version, ...]:
        """Every version, oldest first."""
        return self.timeline.versions

    @property
    def current(self) -> Version | None:
        """The version in force today; None before the first version takes effect."""
        return self.timeline.in_force(self.today)

    @property
    def upcoming(self) -> Version | None:
        """The newest version taking effect after today: the text that will be in force."""
        return self.timeline.newest_upcoming(self.today)

    def status(self, version: Version) -> Status:
        return self.timeline.status(version, self.today)

    def previous(self, version: Version) -> Version | None:
        index = self.versions.index(version)
        return self.versions[index - 1] if index > 0 else None

    def following(self, version: Version) -> Version | None:
        index = self.versions.index(version)
        return self.versions[index + 1] if index + 1 < len(self.versions) else None

    def newest_first(self) -> tuple[Version, ...]:
        return tuple(reversed(self.versions))
