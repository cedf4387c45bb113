"""A version: the state of a document at the end of the day a change landed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Origin(StrEnum):
    """Where a version's text comes from."""

    GIT = "git"
    """A first-parent commit on the published branch."""
    IMPORTED = "imported"
    """A file under versions/<slug>/ from before the organization used Git."""


@dataclass(frozen=True)
class ChangeNote:
    """The ``revision`` block an editor writes in front matter to classify a change."""

    material: bool
    summary: str
    effective: date | None = None
    """The day the change takes effect, as written; None lets the timeline decide."""
    immediate: str | None = None
    """Why a material change takes effect without the usual notice (a legal requirement, say)."""
    editorial_reason: str | None = None
    """Why an editorial change inside a section listed in ``material_sections`` alters no meaning."""


def fold(notes: list[ChangeNote]) -> ChangeNote:
    """One note for every change that landed on one day: material if any was, each distinct
    summary in order, the latest effective date, and every reason given for taking effect at once; an
    editorial day keeps each reason its changes gave for being editorial (a material day needs none)."""
    summaries = list(dict.fromkeys(note.summary for note in notes))
    effective = [note.effective for note in notes if note.effective is not None]
    immediate = list(dict.fromkeys(note.immediate for note in notes if note.immediate))
    material = any(note.material for note in notes)
    reasons = [] if material else list(dict.fromkeys(n.editorial_reason for n in notes if n.editorial_reason))
    return ChangeNote(
        material=material,
        summary=" ".join(summaries),
        effective=max(effective) if effective else None,
        immediate=" ".join(immediate) or None,
        editorial_reason=" ".join(reasons) or None,
    )


@dataclass(frozen=True)
class Landed:
    """A document's text at the end of a day a change landed, and what its editors said about it.

    The timeline turns these into Versions by deciding when each takes effect."""

    slug: str
    landed_on: date
    note: ChangeNote
    body: str
    """The normalised text: what is hashed and compared."""
    text: str
    """The text as written, rendered for visitors (Markdown hard line breaks are trailing spaces)."""
    origin: Origin
    where: str
    """Where an editor finds the ``revision.effective`` that decides this version's date."""
    commit: str | None = None
    corrected: bool = False
    notice_waived: str | None = None
    """Why a published material version took effect without the usual notice (a correction file)."""
    front_matter: dict = field(default_factory=dict, compare=False, hash=False)
    translates: date | None = None
    """For a translation: the version of its original this text renders (front matter ``translates:``)."""


@dataclass(frozen=True)
class Version:
    """One published version of a document; ``landed_on`` is its version number.

    Made only by the timeline, which decides ``effective`` and ``effective_to``."""

    slug: str
    landed_on: date
    effective: date
    """The first day this version's text is in force (or would be, had nothing replaced it)."""
    effective_to: date | None
    """The day the next version takes effect, when this one stops being in force; None while no
    later version is known. A version is in force on the days ``effective <= day < effective_to``."""
    material: bool
    summary: str
    body: str
    text: str
    origin: Origin
    commit: str | None = None
    corrected: bool = False
    immediate: str | None = None
    notice_waived: str | None = None
    front_matter: dict = field(default_factory=dict, compare=False, hash=False)
    editorial_reason: str | None = None
    """Why an editorial version that edits a section listed in ``material_sections`` alters no meaning."""
    translates: date | None = None
    """For a translation: the version of its original this text renders."""

    @property
    def number(self) -> str:
        return self.landed_on.isoformat()

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()

    @property
    def kind(self) -> str:
        return "material" if self.material else "editorial"

    @property
    def takes_effect_later(self) -> bool:
        """Published with a later effective date than its landing day (shown beside its number)."""
        return self.effective != self.landed_on
