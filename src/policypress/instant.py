"""Which version of each document was in force at a given instant (``policypress at``).

A version is in force on whole days in the organization's time zone, so an instant is first
turned into that zone's local day; the timeline then decides which version applies that day.

    read_instant  "2024-03-03" or "2024-03-03T14:00:00-08:00" as an Instant (a local day)
    in_force_at   one InForce per document: the version in force on that day, or none yet
    as_json       the answer as a JSON object, for scripts
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from .document import Document
from .errors import PolicyError
from .urls import Urls
from .version import Version

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Instant:
    """The moment asked about, as written, and the local day it falls on in the site's time zone."""

    written: str
    day: date
    timezone: str


@dataclass(frozen=True)
class InForce:
    """A document's version in force on the instant's day; None before its first takes effect."""

    document: Document
    version: Version | None

    @property
    def first(self) -> Version:
        return self.document.versions[0]


def read_instant(written: str, timezone: ZoneInfo) -> Instant:
    """A date means that whole local day; a date and time must carry its UTC offset."""
    text = written.strip()
    if _DATE.fullmatch(text):
        try:
            return Instant(written, date.fromisoformat(text), timezone.key)
        except ValueError:
            raise _not_an_instant(written, "it is not a calendar date") from None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise _not_an_instant(written, "it is neither a date nor an ISO date and time") from None
    if moment.tzinfo is None:
        raise PolicyError(
            f"the time {written!r} has no UTC offset, so it could be any of several moments.",
            fix=f"add the offset, e.g. {text}-08:00 for Pacific Standard Time (or Z for UTC); the day is then "
            f"decided in {timezone.key}.",
        )
    return Instant(written, moment.astimezone(timezone).date(), timezone.key)


def in_force_at(documents: tuple[Document, ...], instant: Instant) -> tuple[InForce, ...]:
    return tuple(InForce(document, document.timeline.in_force(instant.day)) for document in documents)


def as_json(answers: tuple[InForce, ...], instant: Instant, urls: Urls) -> str:
    listing = {
        "at": instant.written,
        "day": instant.day.isoformat(),
        "timezone": instant.timezone,
        "documents": [_document(answer, instant, urls) for answer in answers],
    }
    return json.dumps(listing, indent=2, ensure_ascii=False) + "\n"


def _document(answer: InForce, instant: Instant, urls: Urls) -> dict:
    version, slug = answer.version, answer.document.slug
    return {
        "slug": slug,
        "title": answer.document.title,
        "at": instant.day.isoformat(),
        "version": version.number if version else None,
        "effective": version.effective.isoformat() if version else None,
        "effective_to": version.effective_to.isoformat() if version and version.effective_to else None,
        "url": urls.absolute(urls.version(slug, version.number)) if version else None,
        "sha256": version.sha256 if version else None,
        "source_url": urls.absolute(urls.exact_text(slug, version.number)) if version else None,
    }


def _not_an_instant(written: str, reason: str) -> PolicyError:
    return PolicyError(f"{written!r} is not a day or an instant: {reason}.",
                       fix="write a day as YYYY-MM-DD (2024-03-03) or an instant with its offset "
                       "(2024-03-03T14:00:00-08:00).")
