"""Site settings: the ``policypress`` block of the site configuration, checked at load time."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .document import DocumentSpec
from .errors import PolicyError

CONFIG_KEY = "extra.policypress"
TODAY_VARIABLE = "POLICYPRESS_TODAY"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_KEYS = {"timezone", "documents", "banner_days", "notice_period_days", "gpc", "today"}
_DOCUMENT_KEYS = {"source", "slug", "title", "previous_paths", "profile"}
PROFILES = {"ccpa"}


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

    @property
    def versions_dir(self) -> Path:
        return self.root / "versions"

    def source_path(self, spec: DocumentSpec) -> str:
        """The document's path relative to the repository root, as Git names it."""
        return (self.docs_dir / spec.source).relative_to(self.root).as_posix()

    def day_today(self) -> date:
        return self.today or datetime.now(self.timezone).date()


def load(raw: object, *, config_file: Path, docs_dir: Path) -> Settings:
    """Check the raw ``policypress`` block and turn it into Settings."""
    if not isinstance(raw, dict):
        raise _error("", "is missing or not a set of keys", "add the block shown in README.md.")
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise _error(unknown[0], "is not a setting policypress knows", f"use one of {sorted(_KEYS)}.")
    root = config_file.resolve().parent
    zone = raw.get("timezone")
    try:
        timezone = ZoneInfo(str(zone))
    except (ZoneInfoNotFoundError, ValueError):
        raise _error(
            "timezone",
            f"is {zone!r}, which is not a known time zone name",
            "use an IANA name such as America/Los_Angeles or Europe/Berlin.",
        ) from None
    documents = raw.get("documents")
    if not isinstance(documents, list) or not documents:
        raise _error("documents", "must list at least one document", "see README.md, 'Configuration'.")
    specs = tuple(_document(entry, i, docs_dir) for i, entry in enumerate(documents))
    for key in ("slug", "source"):
        seen = [getattr(spec, key) for spec in specs]
        duplicate = next((value for value in seen if seen.count(value) > 1), None)
        if duplicate:
            raise _error(f"documents[].{key}", f"{duplicate!r} is used twice", "give each document its own.")
    return Settings(
        root=root,
        docs_dir=docs_dir.resolve(),
        timezone=timezone,
        documents=specs,
        banner_days=_days(raw, "banner_days", 30),
        notice_period_days=_days(raw, "notice_period_days", 30),
        gpc=_flag(raw, "gpc"),
        today=_today(raw.get("today")),
    )


def _document(entry: object, index: int, docs_dir: Path) -> DocumentSpec:
    key = f"documents[{index}]"
    if not isinstance(entry, dict):
        raise _error(key, "must be a set of keys (source, slug, title)", "see README.md.")
    unknown = sorted(set(entry) - _DOCUMENT_KEYS)
    if unknown:
        raise _error(f"{key}.{unknown[0]}", "is not a document setting", f"use {sorted(_DOCUMENT_KEYS)}.")
    source = entry.get("source")
    if not isinstance(source, str) or not (docs_dir / source).is_file():
        raise _error(
            f"{key}.source",
            f"is {source!r}, but there is no such file under {docs_dir.name}/",
            "give the Markdown file's path relative to the docs folder, e.g. privacy-statement.md.",
        )
    slug = entry.get("slug", Path(source).stem)
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
        raise _error(f"{key}.slug", f"is {slug!r}", "use lowercase letters, digits and hyphens.")
    title = entry.get("title")
    if not isinstance(title, str) or not title.strip():
        raise _error(f"{key}.title", "is missing", "give the document's name, e.g. Privacy Statement.")
    previous = entry.get("previous_paths", [])
    if not isinstance(previous, list) or not all(isinstance(p, str) for p in previous):
        raise _error(f"{key}.previous_paths", "must be a list of paths", "e.g. [privacy.md].")
    profile = entry.get("profile")
    if profile is not None and profile not in PROFILES:
        raise _error(f"{key}.profile", f"is {profile!r}", f"use one of {sorted(PROFILES)} or leave it out.")
    return DocumentSpec(source, slug, title.strip(), tuple(previous), profile)


def _days(raw: dict, key: str, default: int) -> int:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _error(key, f"is {value!r}", "use a whole number of days, e.g. 30.")
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
    name = f"{CONFIG_KEY}.{key}" if key else CONFIG_KEY
    return PolicyError(f"setting '{name}' {problem}.", where="mkdocs.yml", fix=fix)
