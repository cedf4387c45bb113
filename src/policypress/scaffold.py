"""A new site repository for an organization: configuration, starter texts, hook, templates, workflow.

The starter texts live in ``starter_site/`` (package data). The MkDocs hook, the Material overrides
and the publish workflow are copied from the policypress checkout this package runs from or, in an
installed wheel, from the copies ``setup.py`` packs into ``site_files/``: a new site gets the current
ones and the repository keeps a single copy of each.
"""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path
from string import Template

from . import __version__
from .errors import PolicyError

PLACEHOLDER_ORGANIZATION = "[ORGANIZATION NAME]"
STARTER = "starter_site"
SITE_FILES = ("hooks/policypress_hook.py", "overrides", ".github/workflows/publish.yml")
"""Files a new site takes from the policypress repository rather than from the starter texts."""
PACKAGED = "site_files"
"""Where a wheel carries SITE_FILES (see setup.py)."""
RENAMED = {"gitignore": ".gitignore"}
"""Package data cannot carry dotfiles reliably, so they are stored under another name."""


def create(target: Path, *, organization: str | None = None, timezone: str = "America/Los_Angeles") -> list[Path]:
    """Write a new site into ``target`` (which must be empty or absent); returns the files written."""
    if target.exists() and any(target.iterdir()):
        raise PolicyError("the folder is not empty.", where=str(target),
                          fix="name a new folder; policypress new never overwrites files.")
    origin_root = _site_files()
    name = organization or PLACEHOLDER_ORGANIZATION
    values = {
        "organization": name,
        "site_name": json.dumps(f"{name} privacy"),
        "copyright": json.dumps(name),
        "timezone": timezone,
        "version": __version__,
    }
    written = []
    for source, relative in _starter_files():
        text = source.read_text("utf-8")
        if relative.name in ("mkdocs.yml", "README.md", "pyproject.toml"):
            text = Template(text).substitute(values)
        written.append(_write(target / relative, text.replace(PLACEHOLDER_ORGANIZATION, name)))
    for relative in SITE_FILES:
        origin = origin_root / relative
        if origin.is_dir():
            shutil.copytree(origin, target / relative, ignore=shutil.ignore_patterns("__pycache__"))
            written += sorted(p for p in (target / relative).rglob("*") if p.is_file())
        else:
            written.append(_write(target / relative, origin.read_text("utf-8")))
    return written


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
