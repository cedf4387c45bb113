"""A new site repository for an organization: its configuration, starter texts, hook and workflow.

Everything a new site gets is in ``starter_site/`` (package data): the texts an editor fills in,
``mkdocs.yml``, the site's ``pyproject.toml``, the publish workflow, and the two-line hook that loads
policypress's MkDocs adapter from the installed package. The adapter, templates and assets are never
copied: a site uses those of the policypress it installs, so upgrading policypress upgrades the site,
and the site's repository holds only what is its own.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from importlib import metadata, resources
from pathlib import Path
from string import Template

import yaml

from . import __version__, schedule
from .errors import PolicyError
from .settings import TIMEZONE_FIX, iana_zone

PLACEHOLDER_ORGANIZATION = "[ORGANIZATION NAME]"
STARTER = "starter_site"
TEMPLATED = ("mkdocs.yml", "README.md", "pyproject.toml")
"""Starter files with ``${…}`` values filled in (the workflow keeps its own ``${{ … }}``)."""
WORKFLOW = ".github/workflows/publish.yml"
RENAMED = {"gitignore": ".gitignore", "github": ".github"}
"""Package data cannot carry dotfiles reliably, so they are stored under another name."""
_LINE_BREAKS_AND_CONTROLS = {"Cc", "Cs", "Zl", "Zp"}
"""Unicode categories of characters that have no place in a name: controls, bad bytes, line breaks."""
_NAMES_POLICYPRESS = re.compile(r"\s*policypress(?=$|[\s\[(@<>=!~;])", re.IGNORECASE)
"""A requirement (PEP 508) for policypress: the name, then nothing or what may follow a name."""
_REQUIREMENT_EXAMPLE = "--requirement 'policypress @ git+https://github.com/your-org/policypress@v1.2.0'"


def create(target: Path, *, organization: str | None = None, timezone: str = "America/Los_Angeles",
           requirement: str | None = None) -> list[Path]:
    """Write a new site into ``target`` (which must be empty or absent); returns the files written.

    ``requirement`` is the site's dependency on policypress; by default, one that installs the
    policypress running now from where it was installed (see ``installed_requirement``)."""
    _check_options(organization, timezone, requirement)
    if target.exists() and any(target.iterdir()):
        raise PolicyError("the folder is not empty.", where=str(target),
                          fix="name a new folder; policypress new never overwrites files.")
    name = organization or PLACEHOLDER_ORGANIZATION
    # Values in mkdocs.yml are written by a YAML emitter and the requirement escaped as in a TOML (and
    # JSON) string, so any value reads back exactly. (The name also appears in comments: safe, since a
    # name may not hold a line break.)
    values = {
        "organization": name,
        "site_name": _yaml_scalar(f"{name} privacy"),
        "copyright": _yaml_scalar(name),
        "timezone": _yaml_scalar(timezone),
        "requirement": json.dumps((requirement or installed_requirement()).strip(), ensure_ascii=False)[1:-1],
    }
    written = []
    for source, relative in _starter_files():
        text = source.read_text("utf-8")
        if relative.as_posix() in TEMPLATED:
            text = Template(text).substitute(values)
        if relative.suffix == ".md":
            text = _front_matter_filled_in(text, name).replace(PLACEHOLDER_ORGANIZATION, name)
        if relative.as_posix() == WORKFLOW:  # the daily rebuild, just after midnight in the site's time zone
            text = schedule.with_daily_cron(text, timezone)
        written.append(_write(target / relative, text))
    return written


def installed_requirement() -> str:
    """The dependency line that installs the policypress running now, from where it was installed:
    what pip recorded for a URL, a Git repository or a folder (PEP 610 ``direct_url.json``), or a
    version range for one installed from a package index."""
    try:
        recorded = metadata.distribution("policypress").read_text("direct_url.json")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        recorded = None
    return requirement_from(json.loads(recorded) if recorded else None, __version__)


def requirement_from(direct_url: dict | None, version: str) -> str:
    """A PEP 508 requirement for policypress from a PEP 610 ``direct_url.json`` record.

    A Git (or other VCS) install is pinned to the commit installed, or to the tag it was asked for
    when that tag names this release (``v1.2.0`` or ``1.2.0``): a branch would let every build of
    the site take whatever the branch holds that day, unreviewed. A folder (editable or not) or an
    archive is named by its URL, an archive with the hash pip checked. Without a record (installed
    from an index), see ``compatible_range``."""
    if direct_url is None:
        return f"policypress{compatible_range(version)}"
    url, fragments = direct_url["url"], []
    if "vcs_info" in direct_url:
        vcs = direct_url["vcs_info"]
        tag = vcs.get("requested_revision")
        url = f"{vcs['vcs']}+{url}@{tag if tag in (version, f'v{version}') else vcs['commit_id']}"
    elif "archive_info" in direct_url:
        archive = direct_url["archive_info"]
        sha256 = (archive.get("hashes") or {}).get("sha256") or \
            (archive.get("hash") or "").removeprefix("sha256=") or None
        fragments += [f"sha256={sha256}"] if sha256 else []
    if direct_url.get("subdirectory"):
        fragments.append(f"subdirectory={direct_url['subdirectory']}")
    return f"policypress @ {url}" + (f"#{'&'.join(fragments)}" if fragments else "")


def compatible_range(version: str) -> str:
    """This release or a later one of the same series: ``>=1.4.2,<2``, and ``>=0.3.1,<0.4`` before 1.0.

    The lower bound is the release that wrote the starter (its texts and settings may need it). A site
    takes fixes and features by reinstalling; a new major version, or a new minor one before 1.0 (where
    semantic versioning allows anything to change), needs a reviewed edit of this line."""
    major, minor = (int(part) for part in re.match(r"(\d+)\.(\d+)", version).groups())
    below = f"{major}.{minor + 1}" if major == 0 else f"{major + 1}"
    return f">={version},<{below}"


def _check_options(organization: str | None, timezone: str, requirement: str | None) -> None:
    # Checked before anything is written, so a mistyped option leaves no half-made site behind.
    if iana_zone(timezone) is None:
        raise PolicyError(f"the option --timezone is {timezone!r}, which is not an IANA time zone name.",
                          where="policypress new", fix=TIMEZONE_FIX)
    for option, value, fix in (
        ("--organization", organization,
         "give the organization's name on one line, e.g. --organization 'Acme Health'."),
        ("--requirement", requirement, f"give the requirement on one line, e.g. {_REQUIREMENT_EXAMPLE}."),
    ):
        control = next((c for c in value or "" if unicodedata.category(c) in _LINE_BREAKS_AND_CONTROLS), None)
        if control is not None:
            raise PolicyError(
                f"the option {option} contains a line break or another control character ({control!r}).",
                where="policypress new", fix=fix,
            )
    if requirement is not None and not _NAMES_POLICYPRESS.match(requirement):
        raise PolicyError(
            f"the option --requirement is {requirement!r}, which does not name policypress: the site would "
            "install something else.",
            where="policypress new",
            fix=f"start it with policypress, then where to install it from, e.g. {_REQUIREMENT_EXAMPLE}, or "
            "a version range such as 'policypress>=1.2,<2'.",
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
    """Each starter file, with the path it gets in the new site."""
    found = []

    def walk(folder, relative: Path) -> None:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name == "__pycache__":
                continue
            if entry.is_dir():
                walk(entry, relative / RENAMED.get(entry.name, entry.name))
            else:
                found.append((Path(str(entry)), relative / RENAMED.get(entry.name, entry.name)))

    walk(resources.files(__package__) / STARTER, Path())
    return found


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path
