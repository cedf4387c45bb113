"""The timeline of a document: when each version takes effect, and which is in force on a day.

This is the one place that compares effective dates; pages, the archive, the banner, feeds,
versions.json, ``check``, ``verify`` and the command line all ask it.

    A version takes effect on its explicit ``effective`` date, or else on the later of the day it
    landed and the effective date of the version before it: a version's text contains every
    change still pending before it, so nothing comes into force early.

    In force on day X: the latest version whose effective date is on or before X. Before the
    first version takes effect, nothing is. Upcoming: every version taking effect after X.

    A material version needs ``notice_period_days`` of notice, whatever today's date is, unless
    its ``revision`` block says it takes effect at once (``immediate``) or a correction file
    waives the notice for published history (``notice_waived``).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from . import imported
from .errors import PolicyError
from .version import Landed, Version

LONGEST_NOTICE = timedelta(days=730)
"""An effective date further ahead of its landing day than this is a typing mistake (9999-12-31)."""


class Status(StrEnum):
    """Where a version stands on a given day."""

    IN_FORCE = "in force"
    """The version in force that day."""
    UPCOMING = "upcoming"
    """Landed, but takes effect after that day."""
    SUPERSEDED = "superseded"
    """Was in force, and a later version has taken its place."""
    NEVER_IN_FORCE = "never in force"
    """Replaced on the very day it was to take effect, so it never applied on its own."""


@dataclass(frozen=True)
class Timeline:
    """A document's versions, oldest first, with effective dates that never go backwards."""

    versions: tuple[Version, ...]

    def in_force(self, day: date) -> Version | None:
        """The version in force on ``day``; None before the first version takes effect."""
        index = bisect.bisect_right([v.effective for v in self.versions], day)
        return self.versions[index - 1] if index else None

    def upcoming(self, day: date) -> tuple[Version, ...]:
        """Every version that has landed but takes effect after ``day``, oldest first."""
        return tuple(v for v in self.versions if v.effective > day)

    def newest_upcoming(self, day: date) -> Version | None:
        """The text that will be in force once every pending change has taken effect."""
        upcoming = self.upcoming(day)
        return upcoming[-1] if upcoming else None

    def status(self, version: Version, day: date) -> Status:
        if version.effective > day:
            return Status.UPCOMING
        if version.effective_to is not None and version.effective_to <= day:
            return Status.SUPERSEDED if version.effective_to > version.effective else Status.NEVER_IN_FORCE
        return Status.IN_FORCE

    def replaced_before_effective(self, version: Version) -> bool:
        """The next version takes effect on the same day, so this one never applies on its own."""
        return version.effective_to == version.effective

    def announced(self, day: date, banner_days: int) -> tuple[Version, ...]:
        """Material changes whose notice runs on ``day``: taking effect later, or less than
        ``banner_days`` ago. A document's first version introduces it and changes nothing."""
        return tuple(
            v for v in self.versions[1:]
            if v.material and day < v.effective + timedelta(days=banner_days)
        )

    def short_notice(self, notice_period_days: int) -> tuple[tuple[Version, date], ...]:
        """Material versions taking effect sooner than the notice period after they landed, with
        the earliest day each could have taken effect; checked for every version, for ever."""
        period = timedelta(days=notice_period_days)
        return tuple(
            (v, v.landed_on + period) for v in self.versions[1:]
            if v.material and v.effective < v.landed_on + period and not (v.immediate or v.notice_waived)
        )


def resolve(landed: Sequence[Landed], title: str) -> Timeline:
    """Decide each version's effective dates; raises PolicyError on a date that cannot be right."""
    effective_dates: list[date] = []
    for index, item in enumerate(landed):
        before = landed[index - 1] if index else None
        effective_dates.append(_effective(item, before, effective_dates[-1] if before else None, title))
    versions = []
    for index, item in enumerate(landed):
        until = effective_dates[index + 1] if index + 1 < len(landed) else None
        versions.append(Version(
            item.slug, item.landed_on, effective_dates[index], until, item.note.material, item.note.summary,
            item.body, item.text, item.origin, item.commit, item.corrected, item.note.immediate,
            item.notice_waived, front_matter=item.front_matter, editorial_reason=item.note.editorial_reason,
            translates=item.translates,
        ))
    return Timeline(tuple(versions))


def _effective(item: Landed, before: Landed | None, before_effective: date | None, title: str) -> date:
    inherited = max(item.landed_on, before_effective) if before_effective else item.landed_on
    explicit = item.note.effective
    if explicit is None:
        return inherited
    correction = imported.correction_file(item.slug, item.landed_on)
    if explicit < item.landed_on:
        raise PolicyError(
            f"the effective date {explicit} is before the day this version landed ({item.landed_on}).",
            where=item.where,
            fix="a version cannot take effect before it is published: set 'effective' to "
            f"{item.landed_on} or later (or remove it to use the landing day). If the change is already "
            f"published, add {correction} with 'effective: {item.landed_on}' instead.",
        )
    if explicit > item.landed_on + LONGEST_NOTICE:
        raise PolicyError(
            f"the effective date {explicit} is more than two years after this version landed ({item.landed_on}).",
            where=item.where,
            fix="check the year: write the day the change takes effect as YYYY-MM-DD.",
        )
    if before is not None and explicit < before_effective:
        raise PolicyError(
            f"version {item.landed_on} of the {title} says it takes effect on {explicit}, but it contains "
            f"the changes of version {before.landed_on}, which take effect on {before_effective}. A version "
            "cannot come into force before a change it builds on.",
            where=item.where,
            fix=f"remove 'effective' (version {item.landed_on} then takes effect with version {before.landed_on}, "
            f"on {before_effective}) or set it to {before_effective} or later. If it is already published, add "
            f"{correction} with 'effective: {before_effective}' instead.",
        )
    return explicit
