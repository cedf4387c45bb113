"""Translations against their originals: how far each lags, and which version answers which.

A translation is a document of its own (``DocumentSpec.translation_of``), with its own timeline;
each of its versions says which version of the original it renders (``Version.translates``).
This module is the one place that compares the two timelines: pages, feeds and ``policypress
check`` read the lag and the equivalents from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .document import Document
from .version import Version


@dataclass(frozen=True)
class Lag:
    """A translation's text behind its original: the version it renders, and every newer one."""

    translated: Version
    """The original's version the translation renders."""
    behind: tuple[Version, ...]
    """The original's versions newer than that one, oldest first; never empty."""

    @property
    def newest(self) -> Version:
        return self.behind[-1]

    @property
    def material(self) -> tuple[Version, ...]:
        """The material changes the translation does not have yet."""
        return tuple(version for version in self.behind if version.material)

    def overdue(self, today: date, grace_days: int) -> tuple[Version, ...]:
        """The material changes not translated that have been in force ``grace_days`` or longer."""
        return tuple(v for v in self.material if today >= v.effective + timedelta(days=grace_days))


def original_of(document: Document, documents: tuple[Document, ...]) -> Document:
    """The document ``document`` translates; the document itself when it is no translation."""
    return next(d for d in documents if d.slug == document.spec.document_slug)


def family(document: Document, documents: tuple[Document, ...]) -> tuple[Document, ...]:
    """The document in every language: its original first, then each translation as declared."""
    slug = document.spec.document_slug
    return tuple(d for d in documents if d.spec.document_slug == slug)


def translated(version: Version, original: Document) -> Version:
    """The original's version a translation's ``version`` renders (read and checked by versioning)."""
    return next(v for v in original.versions if v.landed_on == version.translates)


def lag(version: Version, original: Document) -> Lag | None:
    """How far a translation's ``version`` is behind the original's newest version; None when it is not."""
    rendered = translated(version, original)
    behind = tuple(v for v in original.versions if v.landed_on > rendered.landed_on)
    return Lag(rendered, behind) if behind else None


def newest_lag(translation: Document, original: Document) -> Lag | None:
    """How far the translation's newest text is behind: what its translators still have to do."""
    return lag(translation.versions[-1], original)


def equivalent(version: Version, document: Document, other: Document) -> Version | None:
    """The version of ``other`` (the document in another language) that answers ``document``'s ``version``:
    for a translation read against its original, the original's version it renders; otherwise the version
    of ``other`` in force on the day ``version`` took effect. None when there is none."""
    if document.spec.translation_of == other.slug:
        return translated(version, other)
    return other.timeline.in_force(version.effective)


def rendering(version: Version, document: Document, other: Document, original: Document) -> Version | None:
    """The version of ``other`` that brought ``document``'s change ``version`` into its language, both being
    ``original`` in some language. Both are read through the original's version the change is about
    (``version`` itself, or the one a translation's ``version`` renders): the original has that version; a
    translation, its newest version rendering it, or None when none does yet."""
    rendered = version if not document.spec.is_translation else translated(version, original)
    if other is original:
        return rendered
    return next((v for v in reversed(other.versions) if v.translates == rendered.landed_on), None)
