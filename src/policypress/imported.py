"""The versions/ folder: history from before Git, and corrections to published metadata.

    versions/<slug>/<YYYY-MM-DD>.md    an imported version (front matter + full text)
    versions/<slug>/<YYYY-MM-DD>.yml   a correction of a published version's material/summary
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from . import frontmatter
from .document import DocumentSpec
from .errors import PolicyError
from .version import Source, Version

_DATED_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})\.(md|yml)")
_CORRECTION_KEYS = {"material", "summary", "effective"}


@dataclass(frozen=True)
class Correction:
    """Metadata that replaces what a published version said about itself."""

    where: str
    material: bool | None = None
    summary: str | None = None
    effective: date | None = None


def folder(versions_dir: Path, spec: DocumentSpec) -> Path:
    return versions_dir / spec.slug


def read_imported(versions_dir: Path, spec: DocumentSpec, root: Path) -> list[Version]:
    """Imported versions of a document, oldest first."""
    versions = []
    for path, landed_on in _dated_files(versions_dir, spec, root, "md"):
        source = frontmatter.parse(path.read_text("utf-8"), _relative(path, root))
        note = frontmatter.change_note(source)
        effective = note.effective or landed_on
        if effective < landed_on:
            raise PolicyError(
                f"revision.effective ({effective}) is before the version date in the file name ({landed_on}).",
                where=source.where,
                fix="set 'effective' to the version date or later, or remove it.",
            )
        versions.append(
            Version(spec.slug, landed_on, effective, note.material, note.summary, source.body,
                    Source.IMPORTED, front_matter=source.front_matter)
        )
    return versions


def read_corrections(versions_dir: Path, spec: DocumentSpec, root: Path) -> dict[date, Correction]:
    corrections = {}
    for path, landed_on in _dated_files(versions_dir, spec, root, "yml"):
        where = _relative(path, root)
        try:
            data = yaml.safe_load(path.read_text("utf-8")) or {}
        except yaml.YAMLError as error:
            raise PolicyError(f"this is not valid YAML ({error}).", where=where,
                              fix="write 'material: true|false' and 'summary: …' lines.") from None
        unknown = sorted(set(data) - _CORRECTION_KEYS) if isinstance(data, dict) else ["(not a set of keys)"]
        if unknown:
            raise PolicyError(f"'{unknown[0]}' is not something a correction can change.", where=where,
                              fix="use only 'material', 'summary' and 'effective'.")
        material, summary = data.get("material"), data.get("summary")
        if material is not None and not isinstance(material, bool):
            raise PolicyError(f"'material' is {material!r}.", where=where, fix="write true or false.")
        if summary is not None and (not isinstance(summary, str) or not summary.strip()):
            raise PolicyError("'summary' is empty or not text.", where=where, fix="write one plain sentence.")
        effective = data.get("effective")
        if effective is not None and not isinstance(effective, date):
            raise PolicyError(f"'effective' is {effective!r}.", where=where, fix="write a date as YYYY-MM-DD.")
        corrections[landed_on] = Correction(
            where, material, " ".join(summary.split()) if summary else None, effective
        )
    return corrections


def _dated_files(versions_dir: Path, spec: DocumentSpec, root: Path, extension: str):
    directory = folder(versions_dir, spec)
    if not directory.is_dir():
        return []
    found = []
    for path in sorted(directory.iterdir()):
        if path.name.startswith(".") or path.suffix not in (".md", ".yml"):
            continue
        match = _DATED_NAME.fullmatch(path.name)
        landed_on = _parse_date(match.group(1)) if match else None
        if landed_on is None:
            raise PolicyError(
                "this file name is not a version date.",
                where=_relative(path, root),
                fix="name imported versions YYYY-MM-DD.md and corrections YYYY-MM-DD.yml.",
            )
        if match.group(2) == extension:
            found.append((path, landed_on))
    return found


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
