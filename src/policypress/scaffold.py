"""A new site repository for an organization: configuration, starter texts, hook, templates, workflow.

The starter texts live in ``starter_site/`` (package data). The MkDocs hook, the Material overrides
and the publish workflow are copied from the policypress checkout this package runs from or, in an
installed wheel, from the copies ``setup.py`` packs into ``site_files/``: a new site gets the current
ones and the repository keeps a single copy of each.
"""

from __future__ import annotations

import math
import shutil
import unicodedata
from importlib import resources
from pathlib import Path
from string import Template

import yaml

from . import __version__
from .errors import PolicyError
from .settings import TIMEZONE_FIX, iana_zone

PLACEHOLDER_ORGANIZATION = "[ORGANIZATION NAME]"
STARTER = "starter_site"
SITE_FILES = ("hooks/policypress_hook.py", "overrides", ".github/workflows/publish.yml")
"""Files a new site takes from the policypress repository rather than from the starter texts."""
PACKAGED = "site_files"
"""Where a wheel carries SITE_FILES (see setup.py)."""
RENAMED = {"gitignore": ".gitignore"}
"""Package data cannot carry dotfiles reliably, so they are stored under another name."""
_LINE_BREAKS_AND_CONTROLS = {"Cc", "Cs", "Zl", "Zp"}
"""Unicode categories of characters that have no place in a name: controls, bad bytes, line breaks."""


def create(target: Path, *, organization: str | None = None, timezone: str = "America/Los_Angeles") -> list[Path]:
    """Write a new site into ``target`` (which must be empty or absent); returns the files written."""
    _check_options(organization, timezone)
    if target.exists() and any(target.iterdir()):
        raise PolicyError("the folder is not empty.", where=str(target),
                          fix="name a new folder; policypress new never overwrites files.")
    origin_root = _site_files()
    name = organization or PLACEHOLDER_ORGANIZATION
    # Values in mkdocs.yml are written by a YAML emitter, so any name reads back exactly. (The
    # name also appears in its first comment: safe, since a name may not hold a line break.)
    values = {
        "organization": name,
        "site_name": _yaml_scalar(f"{name} privacy"),
        "copyright": _yaml_scalar(name),
        "timezone": _yaml_scalar(timezone),
        "version": __version__,
    }
    written = []
    for source, relative in _starter_files():
        text = source.read_text("utf-8")
        if relative.name in ("mkdocs.yml", "README.md", "pyproject.toml"):
            text = Template(text).substitute(values)
        if relative.suffix == ".md":
            text = _front_matter_filled_in(text, name)
        written.append(_write(target / relative, text.replace(PLACEHOLDER_ORGANIZATION, name)))
    for relative in SITE_FILES:
        origin = origin_root / relative
        if origin.is_dir():
            shutil.copytree(origin, target / relative, ignore=shutil.ignore_patterns("__pycache__"))
            written += sorted(p for p in (target / relative).rglob("*") if p.is_file())
        else:
            written.append(_write(target / relative, origin.read_text("utf-8")))
    return written


def _check_options(organization: str | None, timezone: str) -> None:
    # Checked before anything is written, so a mistyped option leaves no half-made site behind.
    if iana_zone(timezone) is None:
        raise PolicyError(f"the option --timezone is {timezone!r}, which is not an IANA time zone name.",
                          where="policypress new", fix=TIMEZONE_FIX)
    control = next((c for c in organization or "" if unicodedata.category(c) in _LINE_BREAKS_AND_CONTROLS), None)
    if control is not None:
        raise PolicyError(
            f"the option --organization contains a line break or another control character ({control!r}).",
            where="policypress new", fix="give the organization's name on one line, e.g. --organization 'Acme Health'.",
        )


def _yaml_scalar(value: str) -> str:
    """``value`` as one YAML value, quoted and escaped where YAML needs it."""
    return yaml.safe_dump(value, allow_unicode=True, width=math.inf).removesuffix("...\n").strip()


def _front_matter_filled_in(text: str, organization: str) -> str:
    """A starter text whose front matter names the organization, re-emitted so the YAML stays valid."""
    if not text.startswith("---\n") or "\n---\n" not in text[3:]:
        return text
    end = text.index("\n---\n", 3)
    meta = yaml.safe_load(text[4:end])
    filled = _named(meta, organization)
    if filled == meta:
        return text
    return "---\n" + yaml.safe_dump(filled, sort_keys=False, allow_unicode=True, width=math.inf) + text[end + 1:]


def _named(value: object, organization: str) -> object:
    """``value`` (front matter) with the placeholder replaced by the organization in every string."""
    if isinstance(value, str):
        return value.replace(PLACEHOLDER_ORGANIZATION, organization)
    if isinstance(value, dict):
        return {key: _named(item, organization) for key, item in value.items()}
    if isinstance(value, list):
        return [_named(item, organization) for item in value]
    return value


def _starter_files() -> list[tuple[Path, Path]]:
    root = resources.files(__package__) / STARTER
    found = []

    def walk(folder, relative: Path) -> None:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir():
                walk(entry, relative / entry.name)
            elif entry.name != "__init__.py":
                found.append((Path(str(entry)), relative / RENAMED.get(entry.name, entry.name)))

    walk(root, Path())
    return found


def _site_files() -> Path:
    checkout, packaged = Path(__file__).resolve().parents[2], Path(__file__).resolve().parent / PACKAGED
    for root in (checkout, packaged):
        if all((root / relative).exists() for relative in SITE_FILES):
            return root
    raise PolicyError(
        "this installation of policypress has neither its repository's hooks/, overrides/ and "
        f"publish workflow nor the copies a wheel carries in {PACKAGED}/.",
        where=str(packaged.parent),
        fix="reinstall policypress (python -m pip install --force-reinstall policypress, or -e PATH "
        "from a clone of its repository), then run policypress new again.",
    )


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path
