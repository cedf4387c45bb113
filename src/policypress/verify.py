"""Integrity of what was published: the live site's version list must still be built as it was.

The live site's ``versions.json`` is the published legal record. Rebuilding from the repository
must give every version listed there again, on the same date, with the same text (``sha256`` of
its normalised Markdown body) and the same description (material, summary, effective date) unless
a correction file explains the change; and no version may appear between published ones. Anything
else means history or settings were changed after publication.

    list_location   where the versions.json of a site (a folder or an address) is
    read_published  the live versions.json, checked entry by entry, as a PublishedRecord
    compare         one Finding per way this build departs from that record
    check_sources   with no repository: one Finding per published source.md missing or not hashing
                    to the sha256 listed beside it
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from hashlib import sha256
from pathlib import Path
from urllib.parse import urljoin

from . import imported
from .document import Document
from .errors import Finding, PolicyError, Severity
from .settings import Settings
from .urls import Urls
from .version import Version

_AT_SITE_ROOT = Urls.for_site(None)
"""Addresses from a published site's root, wherever it is served: where each source.md sits beside versions.json."""

TIMEOUT_SECONDS = 30
_SHA256 = re.compile(r"[0-9a-f]{64}")
_COMMIT = re.compile(r"[0-9a-f]{40}")
_DESCRIPTION = ("material", "summary", "effective", "translates")
"""What a version says about itself, in the order findings name it."""


@dataclass(frozen=True)
class PublishedVersion:
    """One version as the live site listed it; a description key older lists lack is None."""

    number: str
    sha256: str
    commit: str | None = None
    material: bool | None = None
    summary: str | None = None
    effective: str | None = None
    source_url: str | None = None
    """Where the exact text is published; lists written before source.md existed lack it."""
    translates: str | None = None
    """For a translation: the version of its original the text was published as rendering."""


@dataclass(frozen=True)
class PublishedDocument:
    """One document as the live site listed it, its versions newest first."""

    slug: str
    title: str
    versions: tuple[PublishedVersion, ...]


@dataclass(frozen=True)
class PublishedRecord:
    """The live site's versions.json, read from ``location``."""

    location: str
    timezone: str | None
    """The IANA zone that dated the published versions; None in lists written before it was recorded."""
    documents: tuple[PublishedDocument, ...]
    as_of: str | None = None
    """The day the published list was built: every version landed before it was on the list."""

    @property
    def version_count(self) -> int:
        return sum(len(document.versions) for document in self.documents)


@dataclass(frozen=True)
class ZoneChange:
    """The site's time zone differs from the one that dated the published versions."""

    published: str
    built: str
    config: str
    """The configuration file that sets the time zone."""

    @property
    def cause(self) -> str:
        return f"the time zone changed from {self.published} to {self.built}"

    @property
    def fix(self) -> str:
        return (f"set extra.policypress.timezone back to {self.published} in {self.config}: a published "
                "version keeps its date for ever.")


# Reading the published record


def list_location(location: str) -> str:
    """The versions.json of a site given as a folder or an address, or the list itself."""
    listed = _AT_SITE_ROOT.site_file(_AT_SITE_ROOT.version_list())
    if location.startswith(("http://", "https://")):
        return location if location.endswith(".json") else urljoin(location.rstrip("/") + "/", listed)
    return str(Path(location) / listed) if Path(location).is_dir() else location


def read_published(location: str) -> PublishedRecord | None:
    """The published versions.json from a path or an http(s) URL; None when nothing is there (404)."""
    text = _fetch(location)
    if text is None:
        return None
    if text.lstrip().startswith("<"):
        raise _unreadable(location, "it is not JSON but an HTML page: the address may be wrong, or the host "
                                    "answers a missing file with a page")
    try:
        listing = json.loads(text)
    except json.JSONDecodeError as error:
        raise _unreadable(location, f"it is not JSON ({error})") from None
    if not isinstance(listing, dict) or not isinstance(listing.get("documents"), list):
        raise _unreadable(location, "it has no 'documents' list, so it is not a policypress versions.json")
    if not listing["documents"]:
        raise _malformed(location, "'documents' is empty, but every policypress site publishes at least one "
                                   "document")
    timezone = listing.get("timezone")
    if timezone is not None and not isinstance(timezone, str):
        raise _malformed(location, f"'timezone' is {_shown(timezone)}, not a time zone name")
    as_of = listing.get("as_of")
    if as_of is not None and not _is_date(as_of):
        raise _malformed(location, f"'as_of' is {_shown(as_of)}, not a date (YYYY-MM-DD)")
    documents = tuple(document for index, entry in enumerate(listing["documents"])
                      for document in _published_documents(entry, f"documents[{index}]", location))
    return PublishedRecord(location, timezone, documents, as_of)


def _fetch(location: str) -> str | None:
    content = _fetch_bytes(location)
    try:
        return None if content is None else content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _unreadable(location, str(error)) from None


def _fetch_bytes(location: str) -> bytes | None:
    """The bytes at a path or an http(s) URL; None when nothing is there (404)."""
    try:
        if location.startswith(("http://", "https://")):
            with urllib.request.urlopen(location, timeout=TIMEOUT_SECONDS) as response:
                return response.read()
        return Path(location).read_bytes()
    except FileNotFoundError:
        return None
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise _unreadable(location, f"the server answered {error.code} {error.reason}") from None
    except OSError as error:
        raise _unreadable(location, str(error)) from None


def _published_documents(entry: object, at: str, location: str) -> Iterator[PublishedDocument]:
    """A document entry, then each translation listed in it (by its own slug, ``<lang>/<slug>``)."""
    original = _published_document(entry, at, location)
    yield original
    translations = entry.get("translations") or []
    if not isinstance(translations, list):
        raise _malformed(location, f"{at}.translations is {_shown(translations)}, not a list of translations")
    for index, translation in enumerate(translations):
        where = f"{at}.translations[{index}]"
        listed = _published_document(translation, where, location)
        lang = _field(translation, "lang", where, location, lambda v: isinstance(v, str) and bool(v),
                      "not a language code")
        yield replace(listed, slug=f"{lang}/{original.slug}")


def _published_document(entry: object, at: str, location: str) -> PublishedDocument:
    if not isinstance(entry, dict):
        raise _malformed(location, f"{at} is {_shown(entry)}, not a document entry")
    slug = _field(entry, "slug", at, location, lambda v: isinstance(v, str) and bool(v), "not a document slug")
    title = _field(entry, "title", at, location, lambda v: isinstance(v, str), "not a title", optional=True)
    versions = _field(entry, "versions", at, location, lambda v: isinstance(v, list) and bool(v),
                      "not a list of at least one version")
    return PublishedDocument(slug, title or slug, tuple(
        _published_version(listed, f"{at}.versions[{index}]", location) for index, listed in enumerate(versions)
    ))


def _published_version(entry: object, at: str, location: str) -> PublishedVersion:
    if not isinstance(entry, dict):
        raise _malformed(location, f"{at} is {_shown(entry)}, not a version entry")
    return PublishedVersion(
        number=_field(entry, "version", at, location, _is_date, "not a version date (YYYY-MM-DD)"),
        sha256=_field(entry, "sha256", at, location, lambda v: isinstance(v, str) and bool(_SHA256.fullmatch(v)),
                      "not a sha256 (64 hexadecimal digits)"),
        commit=_field(entry, "commit", at, location, lambda v: isinstance(v, str) and bool(_COMMIT.fullmatch(v)),
                      "not a commit id (40 hexadecimal digits) or null", optional=True),
        material=_field(entry, "material", at, location, lambda v: isinstance(v, bool), "not true or false",
                        optional=True),
        summary=_field(entry, "summary", at, location, lambda v: isinstance(v, str), "not text", optional=True),
        effective=_field(entry, "effective", at, location, _is_date, "not a date (YYYY-MM-DD)", optional=True),
        source_url=_field(entry, "source_url", at, location, lambda v: isinstance(v, str) and bool(v),
                          "not an address", optional=True),
        translates=_field(entry, "translates", at, location, _is_date, "not a version date (YYYY-MM-DD)",
                          optional=True),
    )


def _field(entry: dict, key: str, at: str, location: str, valid: Callable[[object], bool], expected: str, *,
           optional: bool = False):
    """``entry[key]`` when it is valid; an optional key may also be missing or null."""
    value = entry.get(key)
    if value is None and optional:
        return None
    if key not in entry:
        raise _malformed(location, f"{at} has no '{key}'")
    if not valid(value):
        raise _malformed(location, f"{at}.{key} is {_shown(value)}, {expected}")
    return value


def _is_date(value: object) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 70 else text[:67] + "…"


# Checking the published texts, with no repository


def check_sources(published: PublishedRecord) -> list[Finding]:
    """An error for each listed version whose source.md is missing or does not hash to its sha256.

    Each source.md is read beside the versions.json that was given, where its ``source_url`` puts
    it relative to the site, so a mirror or a downloaded copy of the site is checked as itself."""
    findings = []
    for listed in published.documents:
        for version in listed.versions:
            finding = _source_finding(listed, version, published.location)
            if finding:
                findings.append(finding)
    return findings


def _source_finding(listed: PublishedDocument, version: PublishedVersion, location: str) -> Finding | None:
    name = f"version {version.number} of the {listed.title}"
    own_place = _AT_SITE_ROOT.site_file(_AT_SITE_ROOT.exact_text(listed.slug, version.number))
    if version.source_url is None or not version.source_url.endswith("/" + own_place):
        listed_as = "no source_url" if version.source_url is None else f"the source_url {version.source_url}"
        return Finding(f"{name} has {listed_as}, so its text cannot be checked against sha256 {version.sha256}.",
                       where=location, fix="publish the site with a policypress that writes each version's "
                       f"source.md, which versions.json lists at .../{own_place}.", severity=Severity.ERROR)
    where = urljoin(location, own_place) if location.startswith(("http://", "https://")) else \
        str(Path(location).parent / own_place)
    content = _fetch_bytes(where)
    if content is None:
        return Finding(f"{name} is listed with sha256 {version.sha256}, but its text is missing: nothing is "
                       f"published at {where}.", where=location, fix="publish the whole site folder again, "
                       "source.md files included; published text must never disappear.", severity=Severity.ERROR)
    found = sha256(content).hexdigest()
    if found != version.sha256:
        return Finding(f"{name} is listed with sha256 {version.sha256}, but {where} has sha256 {found}: the "
                       "published text is not the text that was listed.", where=location,
                       fix="publish the site folder again exactly as the build wrote it, and find out who changed "
                       "the file; published text must never change.", severity=Severity.ERROR)
    return None


# Comparing the build with it


def compare(published: PublishedRecord, documents: tuple[Document, ...], settings: Settings) -> list[Finding]:
    """An error for each way this build departs from what the live site published."""
    built = {document.slug: document for document in documents}
    zone = _zone_change(published, settings)
    findings = []
    for listed in published.documents:
        document = built.get(listed.slug)
        if document is None:
            findings.append(_gone(listed, settings.config_file.name))
        else:
            findings += _document_findings(listed, document, settings.source_path(document.spec), zone,
                                           published.as_of)
    return findings


def _zone_change(published: PublishedRecord, settings: Settings) -> ZoneChange | None:
    if published.timezone is None or published.timezone == settings.timezone.key:
        return None
    return ZoneChange(published.timezone, settings.timezone.key, settings.config_file.name)


def _document_findings(listed: PublishedDocument, document: Document, where: str,
                       zone: ZoneChange | None, as_of: str | None) -> list[Finding]:
    by_number = {version.number: version for version in document.versions}
    by_commit = {version.commit: version for version in document.versions if version.commit}
    findings = []
    for published in listed.versions:
        version = by_commit.get(published.commit) or by_number.get(published.number)
        if version is None:
            findings.append(_missing(listed, published, where, zone))
        elif version.number != published.number:
            findings.append(_moved(listed, published, version, where, zone))
        elif version.sha256 != published.sha256:
            findings.append(_rewritten(listed, published, version, where))
        elif not version.corrected:
            findings += _redescribed(listed, published, version, where)
    return findings + _inserted(listed, document, where, zone, as_of)


def _gone(listed: PublishedDocument, config: str) -> Finding:
    return Finding(
        f"the {listed.title} was published (slug '{listed.slug}', {_versions(len(listed.versions))}), but this "
        "site no longer has a document with that slug, so its current text and archive would disappear.",
        where=config,
        fix=f"declare it again under extra.policypress.documents with 'slug: {listed.slug}'. If its file was "
        "renamed, keep the slug and list the old path under 'previous_paths'.",
        severity=Severity.ERROR,
    )


def _missing(listed: PublishedDocument, published: PublishedVersion, where: str,
             zone: ZoneChange | None) -> Finding:
    problem = (f"version {published.number} of the {listed.title} was published with sha256 {published.sha256}, "
               "but this build gives sha256 none: the version is missing. Published text must never change.")
    if zone:
        return Finding(f"{problem} The cause may be that {zone.cause}, which moves versions committed near "
                       "midnight to another day.", where=zone.config, fix=zone.fix, severity=Severity.ERROR)
    return Finding(problem, where=where, fix=_restore(published, listed.slug), severity=Severity.ERROR)


def _rewritten(listed: PublishedDocument, published: PublishedVersion, version: Version, where: str) -> Finding:
    return Finding(
        f"version {published.number} of the {listed.title} was published with sha256 {published.sha256}, "
        f"but this build gives sha256 {version.sha256}. Published text must never change.",
        where=where,
        fix=_restore(published, listed.slug),
        severity=Severity.ERROR,
    )


def _moved(listed: PublishedDocument, published: PublishedVersion, version: Version, where: str,
           zone: ZoneChange | None) -> Finding:
    problem = (f"version {published.number} of the {listed.title} was published from commit {published.commit}, "
               f"which this build dates {version.number}")
    if zone:
        return Finding(f"{problem}: {zone.cause}.", where=zone.config, fix=zone.fix, severity=Severity.ERROR)
    return Finding(
        f"{problem}. A published version keeps its date for ever.",
        where=where,
        fix="if extra.policypress.timezone in mkdocs.yml changed since it was published, set it back (older "
        "version lists do not record the time zone); otherwise restore the history that was published.",
        severity=Severity.ERROR,
    )


def _redescribed(listed: PublishedDocument, published: PublishedVersion, version: Version,
                 where: str) -> list[Finding]:
    built = {"material": version.material, "summary": version.summary, "effective": version.effective.isoformat(),
             "translates": version.translates and version.translates.isoformat()}
    return [_redescribed_finding(listed, published, key, built[key], where)
            for key in _DESCRIPTION if getattr(published, key) is not None and getattr(published, key) != built[key]]


def _redescribed_finding(listed: PublishedDocument, published: PublishedVersion, key: str, built: object,
                         where: str) -> Finding:
    origin = f"commit {published.commit}" if published.commit else imported.text_file(listed.slug, published.number)
    return Finding(
        f"version {published.number} of the {listed.title} was published {_as_published(key, getattr(published, key))} "
        f"but this build says {_as_built(key, built)}, and no correction file explains it.",
        where=where,
        fix=f"restore the history that published it ({origin}), or, if the new value is right, add "
        f"{imported.correction_file(listed.slug, published.number)} with '{key}: {_yaml(key, built)}' and a "
        "comment (# …) saying why the published value was wrong.",
        severity=Severity.ERROR,
    )


def _inserted(listed: PublishedDocument, document: Document, where: str, zone: ZoneChange | None,
              as_of: str | None) -> list[Finding]:
    # A version is dated the day its change lands, so none can appear before the newest published one,
    # nor before the day the list was built (a fast-forward merge dates a change by its branch commit).
    numbers = {published.number for published in listed.versions}
    commits = {published.commit for published in listed.versions if published.commit}
    newest = max(numbers)
    return [
        _inserted_finding(listed, version, newest, where, zone, as_of)
        for version in document.versions
        if version.number not in numbers and version.commit not in commits
        and (version.number < newest or (as_of is not None and version.number < as_of))
    ]


def _inserted_finding(listed: PublishedDocument, version: Version, newest: str, where: str,
                      zone: ZoneChange | None, as_of: str | None) -> Finding:
    origin = f"commit {version.commit}" if version.commit else imported.text_file(listed.slug, version.number)
    if version.number < newest:
        problem = (f"version {version.number} of the {listed.title} ({origin}) was never published, yet it is "
                   f"dated before {newest}, the newest published version: it was inserted into the published "
                   "history.")
    else:
        problem = (f"version {version.number} of the {listed.title} ({origin}) appeared after the version list "
                   f"of {as_of} was published, yet it is dated before that day: a change is dated the day it "
                   "lands, so this one was backdated.")
    if zone:
        return Finding(f"{problem} The cause may be that {zone.cause}.", where=zone.config, fix=zone.fix,
                       severity=Severity.ERROR)
    if version.commit is None:
        fix = (f"remove {imported.text_file(listed.slug, version.number)}: history from before Git cannot be added "
               "behind versions already published.")
    else:
        fix = ("if a force-push rewrote the published branch, restore what was published (git reflog, or a "
               "backup) and commit the change again; if a fast-forward merge brought in an older branch commit, "
               "undo it and merge with a merge commit (git merge --no-ff, or 'Create a merge commit' on GitHub), "
               "which is dated the day it lands.")
    return Finding(problem, where=where, fix=fix, severity=Severity.ERROR)


def _as_published(key: str, value: object) -> str:
    if key == "material":
        return f"as {_kind(value)}"
    if key == "translates":
        return f"as translating version {value} of the original"
    return f'with the summary "{value}"' if key == "summary" else f"as taking effect on {value}"


def _as_built(key: str, value: object) -> str:
    if key == "material":
        return _kind(value)
    if key == "translates":
        return f"it translates version {value}"
    return f'"{value}"' if key == "summary" else str(value)


def _versions(count: int) -> str:
    return f"{count} version{'' if count == 1 else 's'}"


def _kind(material: object) -> str:
    return "material (true)" if material else "editorial (false)"


def _yaml(key: str, value: object) -> str:
    if key == "material":
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False) if key == "summary" else str(value)


def _restore(published: PublishedVersion, slug: str) -> str:
    if published.commit:
        return (f"restore the history that published it (it was built from commit {published.commit}): undo the "
                "rebase, amend or force-push, e.g. from 'git reflog' or a backup. To change what a version "
                "says, publish a new version, or add a correction file for its description.")
    return f"restore {imported.text_file(slug, published.number)} to the text that was published."


def _unreadable(location: str, reason: str) -> PolicyError:
    return PolicyError(f"cannot read the published version list: {reason}.", where=location,
                       fix="give the path or URL of the live site's versions.json, e.g. https://…/versions.json.")


def _malformed(location: str, reason: str) -> PolicyError:
    return PolicyError(f"the published version list is not what policypress publishes: {reason}.", where=location,
                       fix="give the live site's versions.json as the build wrote it; if someone edited it, "
                       "compare it with your archived copy.")
