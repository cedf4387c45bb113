"""Change notices: the banner announcing material changes, the notice-period check, gpc.json.

The banner names each material change whose notice runs (the timeline decides which): one taking
effect later, or that took effect less than ``banner_days`` ago. The build shows only the notices
running on its "today"; each notice also carries its dates, so ``theme/assets/javascripts/banner.js`` can switch its
wording on the effective date and hide it after its last day on a site nobody rebuilt.

Everything here is plain text, in each document's language (``views.words_for``): templates, the XML
writer and ``json`` escape it. What the check tells editors stays in English.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

from . import imported, translations, views
from .document import Document
from .errors import Finding
from .settings import Settings
from .timeline import Status
from .urls import Urls
from .version import Version


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


def banner(documents: tuple[Document, ...], urls: Urls, banner_days: int,
           untranslated: tuple[tuple[Document, Document], ...] = ()) -> Banner | None:
    """The banner on the documents' day, or None when no notice is running. ``untranslated`` pairs a
    translation with its original: the original's changes the translation does not have yet are announced
    too, in the translation's words, leading to the original's text (its readers are bound by it)."""
    notices = [_notice(document, version, urls, banner_days) for document in documents
               for version in document.timeline.announced(document.today, banner_days)]
    for translation, original in untranslated:
        lag = translations.newest_lag(translation, original)
        behind = lag.behind if lag else ()
        notices += [_notice(original, version, urls, banner_days, translation)
                    for version in original.timeline.announced(original.today, banner_days) if version in behind]
    return Banner(tuple(notices)) if notices else None


def _notice(document: Document, version: Version, urls: Urls, banner_days: int,
            reader: Document | None = None) -> Notice:
    last_day = version.effective + timedelta(days=banner_days - 1)
    upcoming = document.status(version) is Status.UPCOMING
    return Notice(
        key=f"{document.slug}/{version.number}",
        start=version.number,
        end=last_day.isoformat(),
        effective=version.effective.isoformat(),
        wording=wording(document, version, urls, reader),
        once_effective=_in_force(document, version, urls, reader) if upcoming else None,
    )


def wording(document: Document, version: Version, urls: Urls, reader: Document | None = None) -> Wording:
    """How the banner announces ``version`` on the document's day: the words every notice of it uses (the
    banner, and the text ``policypress notice`` writes for email). With ``reader``, a translation of the
    document, in its language and under its title, saying which language the linked text is in."""
    if document.status(version) is Status.UPCOMING:
        return _upcoming(document, version, urls, reader)
    return _in_force(document, version, urls, reader)


def _upcoming(document: Document, version: Version, urls: Urls, reader: Document | None) -> Wording:
    # /S/upcoming/ shows the newest text, which includes every change still pending; what changes
    # is the text in force the day before the effective date against the text in force on it.
    line = document.timeline
    before, after = line.in_force(version.effective - timedelta(days=1)), line.in_force(version.effective)
    w = views.words_for(reader or document)
    return Wording(
        _sentence(w, "banner_upcoming", document, version, reader),
        (Link(w("banner_read_upcoming"), urls.upcoming(document.slug)),
         Link(w("banner_see_what_changes"), views.redline_url(document, before, after, urls))),
    )


def _in_force(document: Document, version: Version, urls: Urls, reader: Document | None = None) -> Wording:
    w = views.words_for(reader or document)
    what_changed = (Link(w("banner_read_what_changed"), urls.changes(document.slug, version.number)),)
    key = "banner_took_effect" if version.takes_effect_later else "banner_updated"
    return Wording(_sentence(w, key, document, version, reader), what_changed)


def _sentence(w, key: str, document: Document, version: Version, reader: Document | None) -> str:
    sentence = w(key, title=(reader or document).title, date=w.date(version.effective))
    if reader is None:
        return sentence
    return w("banner_in_original", sentence=sentence, language=w.language(document.spec.lang))


def notice_period_findings(documents: tuple[Document, ...], settings: Settings) -> tuple[Finding, ...]:
    """Material changes taking effect sooner than ``notice_period_days`` after they landed, in every
    version ever published: a failure today is a failure tomorrow (the timeline decides)."""
    return tuple(
        _too_soon(document, version, settings, earliest)
        for document in documents
        for version, earliest in document.timeline.short_notice(settings.notice_period_days)
    )


def _too_soon(document: Document, version: Version, settings: Settings, earliest: date) -> Finding:
    days = (version.effective - version.landed_on).days
    when = "the day it landed" if days == 0 else f"{days} day{'s' if days != 1 else ''} after it landed"
    where = imported.written_in(version, settings.source_path(document.spec))
    correction = imported.correction_file(document.slug, version.number)
    return Finding(
        f"version {version.number} of the {document.title} is a material change that takes effect on "
        f"{version.effective}, {when} ({version.number}); the notice period is {settings.notice_period_days} days.",
        where=where,
        fix=f"give notice: set 'revision.effective: {earliest}' (or later) in the front matter. If the law "
        "requires the change to apply at once, say why with 'revision.immediate: <reason>' instead. If the "
        f"version is already published, add {correction} with 'effective: {earliest}' if it has not taken "
        "effect yet, or with 'notice_waived: <reason>' to record why it took effect without the usual notice.",
    )


def gpc_json(statement: Document) -> str:
    """``/.well-known/gpc.json``: that the organization honours Global Privacy Control, and since when."""
    # Before the statement takes effect, the version that will apply is the one announced.
    version = statement.current or statement.upcoming
    declaration = {"gpc": True, "lastUpdate": version.number}
    return json.dumps(declaration, indent=2) + "\n"
