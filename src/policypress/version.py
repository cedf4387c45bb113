"""A version: the state of a document at the end of the day a change landed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Source(StrEnum):
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


@dataclass(frozen=True)
class Version:
    """One published version of a document; ``landed_on`` is its version number."""

    slug: str
    landed_on: date
    effective: date
    material: bool
    summary: str
    body: str
    source: Source
    commit: str | None = None
    corrected: bool = False
    front_matter: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def number(self) -> str:
        return self.landed_on.isoformat()

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()

    @property
    def kind(self) -> str:
        return "material" if self.material else "editorial"

    def in_force_on(self, day: date) -> bool:
        return self.effective <= day
