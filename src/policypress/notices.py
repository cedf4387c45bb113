"""Change notices: the banner announcing material changes, the notice-period check, gpc.json.

The banner names each document whose newest material version takes effect later, or took effect
less than ``banner_days`` ago. The build shows only the notices running on its "today"; each
notice also carries its dates, so ``overrides/assets/javascripts/banner.js`` can switch its
wording on the effective date and hide it after its last day on a site nobody rebuilt.

Everything here is plain text: templates, the XML writer and ``json`` escape it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import long_date
from .document import Document
from .errors import Finding
from .settings import Settings
from .urls import Urls
from .version import Source, Version


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Wording:
    """A notice's sentence and the links after it."""

    sentence: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Notice:
    """One document's material change, as the banner announces it."""

    key: str
    """Remembers a dismissal: ``<slug>/<version>``, so the next material change shows again."""
    start: str
    """The day the version landed (YYYY-MM-DD): the banner shows it from then."""
    end: str
    """The last day the banner shows it (YYYY-MM-DD)."""
    effective: str
    wording: Wording
    """The wording on the build's day."""
    once_effective: Wording | None = None
    """For an upcoming change: the wording the visitor's browser switches to on the effective day."""


@dataclass(frozen=True)
class Banner:
    """One announcement bar naming every document with a running notice, in declaration order."""

    notices: tuple[Notice, ...]


def banner(documents: tuple[Document, ...], urls: Urls, banner_days: int) -> Banner | None:
    """The banner on the documents' day, or None when no notice is running."""
    notices = [notice for document in documents if (notice := _notice(document, urls, banner_days))]
    return Banner(tuple(notices)) if notices else None


def _notice(document: Document, urls: Urls, banner_days: int) -> Notice | None:
    material = [v for v in document.versions if v.material and document.previous(v) is not None]
    if not material:
        return None  # a document's first version introduces it; it changes nothing
    version = material[-1]
    last_day = version.effective + timedelta(days=banner_days - 1)
    if document.today > last_day:
        return None
    upcoming = not version.in_force_on(document.today)
    in_force = _in_force(document, version, urls)
    return Notice(
        key=f"{document.slug}/{version.number}",
        start=version.number,
        end=last_day.isoformat(),
        effective=version.effective.isoformat(),
        wording=_upcoming(document, version, urls) if upcoming else in_force,
        once_effective=in_force if upcoming else None,
    )


def _upcoming(document: Document, version: Version, urls: Urls) -> Wording:
    # /S/upcoming/ shows only the newest version; an older one still waiting keeps its own address.
    upcoming_text = urls.upcoming(document.slug) if version is document.upcoming else urls.version(
        document.slug, version.number)
    return Wording(
        f"Changes to our {document.title} take effect on {long_date(version.effective)}",
        (Link("Read the upcoming version", upcoming_text),
         Link("See what changes", urls.changes(document.slug, version.number))),
    )


def _in_force(document: Document, version: Version, urls: Urls) -> Wording:
    what_changed = (Link("Read what changed", urls.changes(document.slug, version.number)),)
    if version.effective == version.landed_on:
        return Wording(f"We updated our {document.title} on {long_date(version.effective)}", what_changed)
    return Wording(f"Changes to our {document.title} took effect on {long_date(version.effective)}",
                   what_changed)


def notice_period_findings(documents: tuple[Document, ...], settings: Settings) -> tuple[Finding, ...]:
    """Material changes taking effect sooner than ``notice_period_days`` after they landed.

    Only changes whose effective day is today or later are checked: notice can still be given
    for those, while a change already in force is history the build must not re-judge.
    """
    findings = []
    for document in documents:
        for version in document.versions:
            if not version.material or document.previous(version) is None:
                continue
            if version.effective < document.today:
                continue
            earliest = version.landed_on + timedelta(days=settings.notice_period_days)
            if version.effective < earliest:
                findings.append(_too_soon(document, version, settings, earliest))
    return tuple(findings)


def _too_soon(document: Document, version: Version, settings: Settings, earliest: date) -> Finding:
    days = (version.effective - version.landed_on).days
    when = "the day it landed" if days == 0 else f"{days} day{'s' if days != 1 else ''} after it landed"
    where = (settings.source_path(document.spec) if version.source is Source.GIT
             else f"versions/{document.slug}/{version.number}.md")
    return Finding(
        f"version {version.number} of the {document.title} is a material change that takes effect on "
        f"{version.effective}, {when} ({version.number}); "
        f"the notice period is {settings.notice_period_days} days.",
        where=where,
        fix=f"set 'revision.effective: {earliest}' (or later) in the front matter before the change is "
        f"published; once it is published, add versions/{document.slug}/{version.number}.yml with "
        f"'effective: {earliest}' instead.",
    )


def gpc_json(statement: Document) -> str:
    """``/.well-known/gpc.json``: that the organization honours Global Privacy Control, and since when."""
    declaration = {"gpc": True, "lastUpdate": statement.current.number}
    return json.dumps(declaration, indent=2) + "\n"
