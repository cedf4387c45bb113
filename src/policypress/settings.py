"""Site settings: the ``policypress`` block of the site configuration, checked at load time."""

from __future__ import annotations

import os
import posixpath
import re
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from . import urls, words
from .document import DocumentSpec
from .errors import PolicyError

CONFIG_KEY = "extra.policypress"
CONFIG_NAME = "mkdocs.yml"
"""The configuration file's usual name; messages name the file a site really uses."""
TODAY_VARIABLE = "POLICYPRESS_TODAY"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_KEYS = {"timezone", "documents", "banner_days", "notice_period_days", "gpc", "today", "accepted", "archive_noindex",
         "language", "binding_language", "translation_grace_days"}
_ACCEPTED_KEYS = ("rule", "text", "reason")
_DOCUMENT_KEYS = {"source", "slug", "title", "previous_paths", "profile", "material_sections", "translations"}
_TRANSLATION_KEYS = {"lang", "source", "title", "previous_paths"}
_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
"""A BCP 47 language tag as pages declare it: es, zh-Hant, pt-BR."""
_HEADING_ID = re.compile(r"[\w-]+")
"""What a heading id is made of (the toc extension's slugs, and ids written with {#id})."""
RESERVED_SLUGS = {"assets", "search", "stylesheets", "javascripts", "404"}
"""Addresses MkDocs and Material publish for the site itself (its files, search index, 404 page)."""
MAX_DAYS = 366
"""banner_days and notice_period_days run from 0 to a year."""
TIMEZONE_FIX = "use the IANA name of the organization's time zone, e.g. America/Los_Angeles or Europe/Berlin."
_NOT_PLACES = {
    "localtime": "the time zone of whichever computer builds the site",
    "posixrules": "a template file in the time zone database",
    "Factory": "a placeholder for 'time zone not set'",
}
"""Files in the time zone database that name no place, so would date versions by the wrong day."""
_PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""The files MkDocs makes pages of."""
_PATH_FIX = "give the path relative to the docs folder, e.g. privacy-statement.md."


@dataclass(frozen=True)
class Accepted:
    """A check finding kept on purpose (an entry of ``extra.policypress.accepted``): the rule's id,
    the text the finding quotes (wording, address or summary), and why it stays."""

    rule: str
    text: str
    reason: str

    def accepts(self, rule: str, text: str) -> bool:
        return rule == self.rule and _words(text) == _words(self.text)


def _words(text: str) -> str:
    # Capitals and line breaks do not make another finding: the message quotes what the editor copies.
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Settings:
    """Everything the engine needs to know about a site, with paths made absolute."""

    root: Path
    """The repository folder that holds the configuration file."""
    docs_dir: Path
    timezone: ZoneInfo
    documents: tuple[DocumentSpec, ...]
    banner_days: int = 30
    notice_period_days: int = 30
    gpc: bool = False
    today: date | None = None
    """A pinned "today" for tests and reproducible builds; None means the real date."""
    accepted: tuple[Accepted, ...] = ()
    """Check findings the organization keeps on purpose, each with its reason."""
    archive_noindex: bool = False
    """Ask search engines not to index archived versions (``<meta name="robots" content="noindex">``)."""
    language: str = "en"
    """The language the documents are written in; each translation is in its own (``DocumentSpec.lang``)."""
    binding_language: str = "en"
    """The language whose text is the legally binding one; a page in any other says so and links to it."""
    translation_grace_days: int = 0
    """Days a translation may still lag once a material change of its original is in force, before
    ``policypress check`` fails."""
    site_url: str = field(kw_only=True)
    """The published site's permanent address (mkdocs.yml's site_url), e.g. https://privacy.example.org/."""
    config_file: Path = field(kw_only=True)
    """The configuration file these settings were read from (mkdocs.yml, or the one named with -f)."""

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language the site publishes in, the documents' own first."""
        return tuple(dict.fromkeys((self.language, *(spec.lang for spec in self.documents))))

    def original(self, spec: DocumentSpec) -> DocumentSpec:
        """The document ``spec`` translates; the document itself when it is no translation."""
        return next(s for s in self.documents if s.slug == spec.document_slug)

    def key_of(self, spec: DocumentSpec) -> str:
        """Where the document is declared, as a setting's name: ``documents[0]``, ``documents[0].translations[1]``."""
        originals = [s for s in self.documents if not s.is_translation]
        original = self.original(spec)
        key = f"documents[{originals.index(original)}]"
        return f"{key}.translations[{self.translations(original).index(spec)}]" if spec.is_translation else key

    def translations(self, spec: DocumentSpec) -> tuple[DocumentSpec, ...]:
        """Every translation of the document ``spec`` (or of the document it translates), in declared order."""
        return tuple(s for s in self.documents if s.translation_of == spec.document_slug)

    @property
    def versions_dir(self) -> Path:
        return self.root / "versions"

    def source_path(self, spec: DocumentSpec) -> str:
        """The document's path relative to the repository root, as Git names it."""
        return (self.docs_dir / spec.source).relative_to(self.root).as_posix()

    def day_today(self) -> date:
        return self.today or datetime.now(self.timezone).date()


def load(raw: object, *, config_file: Path, docs_dir: Path, site_url: object) -> Settings:
    """Check the raw ``policypress`` block and the site's address, and turn them into Settings."""
    try:
        return _load(raw, config_file=config_file, docs_dir=docs_dir, site_url=site_url)
    except PolicyError as error:
        if error.where != CONFIG_NAME or config_file.name == CONFIG_NAME:
            raise
        # The messages name the file the site really uses (policypress -f other.yml).
        raise PolicyError(error.problem, where=config_file.name, fix=error.fix) from None


def _load(raw: object, *, config_file: Path, docs_dir: Path, site_url: object) -> Settings:
    if not isinstance(raw, dict):
        raise _error("", "is missing or not a set of keys", "add the block shown in README.md.")
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise _error(unknown[0], "is not a setting policypress knows", f"use one of {sorted(_KEYS)}.")
    root = config_file.resolve().parent
    zone = raw.get("timezone")
    timezone = iana_zone(zone)
    if timezone is None:
        reason = _NOT_PLACES.get(zone, "not an IANA time zone name") if isinstance(zone, str) else "not a name"
        raise _error("timezone", "is missing" if zone is None else f"is {zone!r}, which is {reason}", TIMEZONE_FIX)
    documents = raw.get("documents")
    if not isinstance(documents, list) or not documents:
        raise _error("documents", "must list at least one document", "see README.md, 'Configuration'.")
    language = _language("language", raw.get("language", "en"))
    specs = tuple(spec for i, entry in enumerate(documents) for spec in _document(entry, i, docs_dir, language))
    binding = _language("binding_language", raw.get("binding_language", language))
    languages = {language, *(spec.lang for spec in specs)}
    if binding not in languages:
        raise _error("binding_language", f"is {binding!r}, a language no document is published in",
                     f"use one of {sorted(languages)}: the language of the text that binds the organization.")
    for i, spec in enumerate(s for s in specs if not s.is_translation):
        if spec.slug in languages:
            raise _error(f"documents[{i}].slug", f"is {spec.slug!r}, the address prefix of the site's pages in that "
                         f"language (/{spec.slug}/…)", "choose another slug for the document.")
    _each_file_declared_once(specs)
    _each_slug_used_once(specs)
    _addresses_free(specs, docs_dir)
    return Settings(
        root=root,
        docs_dir=docs_dir.resolve(),
        timezone=timezone,
        documents=specs,
        banner_days=_days(raw, "banner_days", 30),
        notice_period_days=_days(raw, "notice_period_days", 30),
        gpc=_flag(raw, "gpc"),
        today=_today(raw.get("today")),
        accepted=_accepted(raw.get("accepted", [])),
        archive_noindex=_flag(raw, "archive_noindex"),
        language=language,
        binding_language=binding,
        translation_grace_days=_days(raw, "translation_grace_days", 0),
        site_url=_site_url(site_url),
        config_file=config_file.resolve(),
    )


def iana_zone(name: object) -> ZoneInfo | None:
    """The time zone an IANA name such as Europe/Berlin stands for; None for anything else.

    ``ZoneInfo`` alone would also accept file names in the zone database that are no place
    (``localtime`` on Debian reads the build machine's own zone), so the name must be listed.
    """
    if not isinstance(name, str) or name in _NOT_PLACES or name not in _zone_names():
        return None
    return ZoneInfo(name)


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones() | {"UTC"})


def _document(entry: object, index: int, docs_dir: Path, language: str) -> tuple[DocumentSpec, ...]:
    """The document declared at ``documents[index]``, followed by its translations."""
    key = f"documents[{index}]"
    if not isinstance(entry, dict):
        raise _error(key, "must be a set of keys (source, slug, title)", "see README.md.")
    unknown = sorted(set(entry) - _DOCUMENT_KEYS)
    if unknown:
        raise _error(f"{key}.{unknown[0]}", "is not a document setting", f"use {sorted(_DOCUMENT_KEYS)}.")
    source = _docs_path(f"{key}.source", entry.get("source"))
    if not (docs_dir / source).is_file():
        raise _error(
            f"{key}.source",
            f"is {source!r}, but there is no such file under {docs_dir.name}/",
            "give the Markdown file's path relative to the docs folder, e.g. privacy-statement.md.",
        )
    slug = entry.get("slug", Path(source).stem)
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
        raise _error(f"{key}.slug", f"is {slug!r}", "use lowercase letters, digits and hyphens.")
    if slug in RESERVED_SLUGS:
        taken = ", ".join(sorted(RESERVED_SLUGS))
        raise _error(f"{key}.slug", f"is {slug!r}, an address the site already uses for its own files",
                     f"choose another slug, e.g. privacy-statement (these are taken: {taken}).")
    title = entry.get("title")
    if not isinstance(title, str) or not title.strip():
        raise _error(f"{key}.title", "is missing", "give the document's name, e.g. Privacy Statement.")
    previous = entry.get("previous_paths", [])
    if not isinstance(previous, list):
        raise _error(f"{key}.previous_paths", "must be a list of paths", "e.g. [privacy.md].")
    previous_paths = tuple(_docs_path(f"{key}.previous_paths[{j}]", path) for j, path in enumerate(previous))
    if source in previous_paths:
        raise _error(f"{key}.previous_paths[{previous_paths.index(source)}]",
                     f"is {source!r}, the document's own source",
                     "list only the paths the document had before it was renamed; its current path is its source.")
    profile = entry.get("profile")
    from .check import PROFILES  # the profiles are the check's rules; check reads settings, hence here

    if profile is not None and profile not in PROFILES:
        raise _error(f"{key}.profile", f"is {profile!r}", f"use one of {sorted(PROFILES)} or leave it out.")
    spec = DocumentSpec(source, slug, title.strip(), previous_paths, profile,
                        _material_sections(f"{key}.material_sections", entry.get("material_sections")), language)
    translations = entry.get("translations", [])
    if not isinstance(translations, list):
        raise _error(f"{key}.translations", f"is {translations!r}, but it must be a list of translations",
                     "e.g. [{lang: es, title: Declaración de privacidad}].")
    declared = [_translation(spec, item, f"{key}.translations[{j}]", docs_dir)
                for j, item in enumerate(translations)]
    for j, translation in enumerate(declared):
        if translation.lang in [t.lang for t in declared[:j]]:
            raise _error(f"{key}.translations[{j}].lang", f"is {translation.lang!r}, which an earlier translation "
                         "of this document already has", "give each language one translation.")
    return (spec, *declared)


def _translation(original: DocumentSpec, entry: object, key: str, docs_dir: Path) -> DocumentSpec:
    """A translation of ``original``: a Markdown file of its own, published under /<lang>/<slug>/."""
    example = "e.g. {lang: es, title: Declaración de privacidad}"
    if not isinstance(entry, dict):
        raise _error(key, f"is {entry!r}, but it must be a set of keys (lang, title)", example + ".")
    unknown = sorted(set(entry) - _TRANSLATION_KEYS)
    if unknown:
        raise _error(f"{key}.{unknown[0]}", "is not a translation setting", f"use {sorted(_TRANSLATION_KEYS)}.")
    lang = _language(f"{key}.lang", entry.get("lang"))
    if lang == original.lang:
        raise _error(f"{key}.lang", f"is {lang!r}, the language the documents are written in",
                     "a translation is in another language: give its own code, e.g. es.")
    stem = original.source[: -len(".md")]
    source = _docs_path(f"{key}.source", entry.get("source", f"{stem}.{lang}.md"))
    if not (docs_dir / source).is_file():
        raise _error(f"{key}.source" if "source" in entry else f"{key}.lang",
                     f"names the translation {source!r}, but there is no such file under {docs_dir.name}/",
                     f"put the {lang} translation in {docs_dir.name}/{stem}.{lang}.md (the original's name with "
                     f".{lang} before .md), or give its path with 'source:'.")
    title = entry.get("title")
    if not isinstance(title, str) or not title.strip():
        raise _error(f"{key}.title", "is missing", "give the document's name in the translation's language, "
                     "e.g. Declaración de privacidad.")
    previous = entry.get("previous_paths", [])
    if not isinstance(previous, list):
        raise _error(f"{key}.previous_paths", "must be a list of paths", f"e.g. [{stem}-{lang}.md].")
    previous_paths = tuple(_docs_path(f"{key}.previous_paths[{j}]", path) for j, path in enumerate(previous))
    return DocumentSpec(source, urls.in_language(lang, original.slug), title.strip(), previous_paths, original.profile,
                        original.material_sections, lang, original.slug)


def _language(key: str, value: object) -> str:
    """A language code the site may use: one policypress has a catalog of words for."""
    fix = (f"use a language code policypress has words for ({', '.join(words.languages())}), "
           "or add the language's catalog (README, 'Adding a language').")
    if not isinstance(value, str) or not _LANG.fullmatch(value):
        raise _error(key, "is missing" if value is None else f"is {value!r}, which is not a language code", fix)
    if not words.knows(value):
        raise _error(key, f"is {value!r}, a language policypress has no words for", fix)
    return value


def _material_sections(key: str, value: object) -> tuple[str, ...] | None:
    example = "e.g. [categories-of-personal-information-we-collect, purposes-of-use]"
    if value is None:
        return None
    if not isinstance(value, list):
        raise _error(key, f"is {value!r}, but it must be a list of heading ids", example + ".")
    for index, heading_id in enumerate(value):
        if not isinstance(heading_id, str) or not _HEADING_ID.fullmatch(heading_id):
            raise _error(f"{key}[{index}]", f"is {heading_id!r}, which is not a heading id",
                         "write the id a heading has in the page's address (/slug/#id), without '#', " + example + ".")
    return tuple(dict.fromkeys(value))


def _accepted(entries: object) -> tuple[Accepted, ...]:
    from .check import ACCEPTABLE_RULES  # the rules are the check's; check reads settings, hence here

    example = "e.g. {rule: third-party-resource, text: https://maps.example/embed, reason: Our map provider.}"
    if not isinstance(entries, list):
        raise _error("accepted", f"is {entries!r}, but it must be a list of accepted findings", example)
    accepted = []
    for index, entry in enumerate(entries):
        key = f"accepted[{index}]"
        if not isinstance(entry, dict):
            raise _error(key, f"is {entry!r}, but it must be a set of keys (rule, text, reason)", example)
        unknown = sorted(set(entry) - set(_ACCEPTED_KEYS))
        if unknown:
            raise _error(f"{key}.{unknown[0]}", "is not a key of an accepted finding", f"use {list(_ACCEPTED_KEYS)}.")
        rule = entry.get("rule")
        if rule not in ACCEPTABLE_RULES:
            raise _error(f"{key}.rule", "is missing" if rule is None else f"is {rule!r}, which is no rule that can be "
                         "accepted", f"use the id the finding names, one of {sorted(ACCEPTABLE_RULES)}.")
        text = entry.get("text")
        if not isinstance(text, str) or not text.strip():
            raise _error(f"{key}.text", "is missing", "copy the wording, address or summary the finding quotes.")
        reason = entry.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise _error(f"{key}.reason", "is missing", "say why the finding is kept, for the next reviewer, e.g. "
                         "'reason: The provider's map is the only way to show our clinics.'")
        accepted.append(Accepted(rule, text.strip(), reason.strip()))
    return tuple(accepted)


def _docs_path(key: str, value: object) -> str:
    """A Markdown file's path inside docs/, in the form MkDocs and Git give it (folder/name.md)."""
    if value is None:
        raise _error(key, "is missing", _PATH_FIX)
    if not isinstance(value, str) or not value.strip():
        raise _error(key, f"is {value!r}, which is not a path", _PATH_FIX)
    if "\\" in value:
        forward = value.replace("\\", "/")
        raise _error(key, f"is '{value}', which has a backslash", f"write / between folders: '{forward}'.")
    if PurePosixPath(value).is_absolute() or PureWindowsPath(value).drive:
        raise _error(key, f"is {value!r}, an absolute path", _PATH_FIX)
    path = posixpath.normpath(value)
    if path == ".." or path.startswith("../"):
        raise _error(key, f"is {value!r}, which leads outside the docs folder", _PATH_FIX)
    if not path.endswith(".md"):
        raise _error(key, f"is {value!r}, which is not a Markdown file (.md)", _PATH_FIX)
    return path


def _each_file_declared_once(specs: tuple[DocumentSpec, ...]) -> None:
    # A file is one document's, whether as its source or as a path it had before a rename.
    declared_by: dict[str, str] = {}
    for i, spec in enumerate(specs):
        names = [("source", spec.source), *((f"previous_paths[{j}]", p) for j, p in enumerate(spec.previous_paths))]
        for name, path in names:
            key = f"documents[{i}].{name}"
            if path in declared_by:
                raise _error(key, f"is {path!r}, which {declared_by[path]} already declares",
                             "give each file to one document only: remove it from one of the two.")
            declared_by[path] = key


def _each_slug_used_once(specs: tuple[DocumentSpec, ...]) -> None:
    used_by: dict[str, str] = {}
    for i, spec in enumerate(specs):
        if spec.slug in used_by:
            raise _error(f"documents[{i}].slug", f"is {spec.slug!r}, which {used_by[spec.slug]} already uses",
                         "give each document its own slug.")
        used_by[spec.slug] = f"documents[{i}].slug"


def _addresses_free(specs: tuple[DocumentSpec, ...], docs_dir: Path) -> None:
    # A document publishes everything under /<slug>/: no other file in docs/ may be published there.
    declared = {path for spec in specs for path in (spec.source, *spec.previous_paths)}
    others = [path for path in _published_files(docs_dir) if path not in declared]
    for i, spec in enumerate(specs):
        for path in others:
            address = _address(path)
            if address == spec.slug or address.startswith(f"{spec.slug}/"):
                kind = "a page" if path.endswith(_PAGE_SUFFIXES) else "a file"
                raise _error(
                    f"documents[{i}].slug",
                    f"is {spec.slug!r}, but {docs_dir.name}/{path} is {kind} published at /{address}, "
                    f"among the addresses of the {spec.title} (/{spec.slug}/ and everything under it)",
                    f"rename or move {docs_dir.name}/{path}, or choose another slug for the document.",
                )


def _published_files(docs_dir: Path) -> list[str]:
    """Every file in docs/ that MkDocs publishes, relative to docs/; it leaves out dotfiles and dot-folders."""
    relative = (file.relative_to(docs_dir).as_posix() for file in docs_dir.rglob("*") if file.is_file())
    return sorted(path for path in relative if not any(part.startswith(".") for part in path.split("/")))


def _address(path: str) -> str:
    """Where MkDocs publishes the file at ``path`` in docs/, without the leading /."""
    if not path.endswith(_PAGE_SUFFIXES):
        return path
    page = PurePosixPath(path)
    folder = "" if page.parent == PurePosixPath(".") else f"{page.parent.as_posix()}/"
    return folder if page.stem in ("index", "README") else f"{folder}{page.stem}/"


def _days(raw: dict, key: str, default: int) -> int:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DAYS:
        raise _error(key, f"is {value!r}, but it must be a whole number of days from 0 to {MAX_DAYS}",
                     f"use a whole number from 0 to {MAX_DAYS}, e.g. 30.")
    return value


def _site_url(value: object) -> str:
    # Feeds and versions.json name every version by a full address that must never change.
    fix = "set site_url to the address where the site is published, e.g. https://privacy.example.org/."
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _setting_error("site_url", "is missing; feeds and versions.json need the site's permanent address", fix)
    try:
        parts = urlsplit(value) if isinstance(value, str) else None
    except ValueError:  # e.g. an unclosed [ in the host name
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise _setting_error("site_url", f"is {value!r}, which is not a web address (https:// and a host name)", fix)
    return value


def _flag(raw: dict, key: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise _error(key, f"is {value!r}", "write true or false.")
    return value


def _today(configured: object) -> date | None:
    value = os.environ.get(TODAY_VARIABLE) or configured
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        source = TODAY_VARIABLE if os.environ.get(TODAY_VARIABLE) else f"{CONFIG_KEY}.today"
        raise PolicyError(
            f"{source} is {value!r}, which is not a date.", fix="write it as YYYY-MM-DD, or leave it unset."
        ) from None


def _error(key: str, problem: str, fix: str) -> PolicyError:
    return _setting_error(f"{CONFIG_KEY}.{key}" if key else CONFIG_KEY, problem, fix)


def _setting_error(name: str, problem: str, fix: str) -> PolicyError:
    return PolicyError(f"setting '{name}' {problem}.", where=CONFIG_NAME, fix=fix)
