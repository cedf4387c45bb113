"""The versions/ folder: history from before Git, and corrections to published metadata.

    versions/README.md                 notes for editors (ignored, as are dotfiles like .gitkeep)
    versions/<slug>/<YYYY-MM-DD>.md    a version's full text (front matter + body)
    versions/<slug>/<YYYY-MM-DD>.yml   a correction of a published version's metadata
    versions/<slug>/<lang>/…           the same, for the document's translation into <lang>

A build reads the folder as HEAD commits it; a preview reads the working tree. Anything else in
the folder is an error naming the file, so a misnamed file is never silently left out.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml

from . import frontmatter, urls
from .errors import PolicyError
from .history import History
from .version import Origin, Version

FOLDER = "versions"


def folder(slug: str) -> str:
    """A document's folder below versions/: its slug; for a translation (slug ``<lang>/<slug>``), the
    folder ``<slug>/<lang>`` inside its original's, so that a document's whole history is in one place."""
    lang, original = urls.language_of(slug)
    return f"{original}/{lang}" if lang else slug


def text_file(slug: str, day: object) -> str:
    """Where a version's text is kept in the folder, from the site's root: ``versions/<slug>/<day>.md``
    (history from before Git, or the replacement of a text Git holds but cannot publish)."""
    return f"{FOLDER}/{folder(slug)}/{day}.md"


def correction_file(slug: str, day: object) -> str:
    """Where the correction of a published version's metadata goes: ``versions/<slug>/<day>.yml``."""
    return f"{FOLDER}/{folder(slug)}/{day}.yml"


def written_in(version: Version, source_path: str) -> str:
    """The file an editor opens to change ``version``: its document's source (``source_path``) for a
    version from Git, else its text in the folder."""
    return source_path if version.origin is Origin.GIT else text_file(version.slug, version.number)

_README = {"README", "README.md"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NAMING = "name imported texts YYYY-MM-DD.md and corrections YYYY-MM-DD.yml, after the day the version landed."
_CORRECTION_KEYS = ("material", "summary", "effective", "notice_waived", "editorial_reason", "translates")
_CORRECTION_EXAMPLE = "summary: Clarifies how long we keep web server logs.\nmaterial: false"
# Privacy statements are younger than the web; a year outside this range is a typing slip.
_EARLIEST, _LATEST = date(1990, 1, 1), date(2100, 12, 31)
_GIT_SYMLINK, _GIT_SUBMODULE = 0o120000, 0o160000


@dataclass(frozen=True)
class FolderText:
    """versions/<slug>/<date>.md: a version's text, read and decoded; versioning parses it."""

    landed_on: date
    where: str
    """The file's path from the config folder, e.g. ``versions/privacy-statement/2021-03-15.md``."""
    text: str
    """The whole file, front matter and body."""


@dataclass(frozen=True)
class Correction:
    """Metadata that replaces what a published version said about itself."""

    where: str
    material: bool | None = None
    summary: str | None = None
    effective: date | None = None
    notice_waived: str | None = None
    """Why a published material version took effect without the usual notice."""
    editorial_reason: str | None = None
    """Why a published editorial version that edits a section listed in ``material_sections`` alters no meaning."""
    translates: date | None = None
    """For a translation: the version of its original the published text renders, when it said another."""


@dataclass(frozen=True)
class VersionsFolder:
    """One document's versions/<slug>/ folder."""

    texts: tuple[FolderText, ...] = ()
    """Oldest first."""
    corrections: dict[date, Correction] = field(default_factory=dict)


@dataclass(frozen=True)
class _Entry:
    """Something in versions/ that is not a folder: a file, or a link or submodule in its place."""

    parts: tuple[str, ...]
    """Its path below versions/."""
    where: str
    kind: str | None
    """None for a file; otherwise what it is instead ("a symbolic link")."""
    read: Callable[[], bytes]


def read_folders(
    root_dir: Path, slugs: Iterable[str], history: History | None, *, committed: bool
) -> dict[str, VersionsFolder]:
    """Every document's versions/ folder, by slug (empty when absent).

    ``committed``: read versions/ from HEAD's tree through ``history`` (builds, checks), or else
    from the working tree (the preview). Raises PolicyError on anything the folder should not hold.
    """
    slugs = tuple(slugs)
    if not committed:
        return _sort(_working_entries(root_dir / FOLDER), slugs)
    if history is None:
        raise ValueError("reading what is committed needs the repository's History")
    try:
        return _sort(_committed_entries(root_dir, history), slugs)
    except PolicyError as error:
        # An editor may have fixed the file already, without committing: say what the build reads.
        separator = "\n" if "\n" in error.fix else " "
        raise PolicyError(
            error.problem, where=error.where,
            fix=f"{error.fix}{separator}Then commit the change: builds read versions/ from the last commit.",
        ) from None


# -- listing: the same entries from the working tree or from HEAD ----------------------------------


def _working_entries(versions_dir: Path) -> list[_Entry]:
    if not versions_dir.is_symlink() and not versions_dir.exists():
        return []
    entries = []

    def walk(path: Path, parts: tuple[str, ...]) -> None:
        if path.is_symlink() or not path.is_dir():
            kind = "a symbolic link" if path.is_symlink() else None if path.is_file() else "a pipe or a device"
            entries.append(_Entry(parts, _where(parts), kind, path.read_bytes))
            return
        for child in sorted(path.iterdir()):
            walk(child, (*parts, child.name))

    walk(versions_dir, ())
    return entries


def _committed_entries(root_dir: Path, history: History) -> list[_Entry]:
    # Git names paths from the top of the work tree, which may sit above the config file.
    folder = (root_dir.resolve() / FOLDER).relative_to(history.top.resolve()).as_posix()
    entries = []
    for file in history.committed_files(folder):
        parts = Path(file.path).relative_to(folder).parts
        kind = {_GIT_SYMLINK: "a symbolic link", _GIT_SUBMODULE: "a Git submodule"}.get(file.mode)
        entries.append(_Entry(parts, _where(parts), kind, file.read_bytes))
    return entries


def _where(parts: tuple[str, ...]) -> str:
    """How an editor finds an entry: its path from the config folder, as versions/slug/name."""
    return "/".join((FOLDER, *parts))


# -- sorting the entries into documents' folders ---------------------------------------------------


def _sort(entries: list[_Entry], slugs: tuple[str, ...]) -> dict[str, VersionsFolder]:
    texts: dict[str, list[FolderText]] = {slug: [] for slug in slugs}
    corrections: dict[str, dict[date, Correction]] = {slug: {} for slug in slugs}
    by_folder = {folder(slug): slug for slug in slugs}
    originals = tuple(slug for slug in slugs if urls.language_of(slug)[0] is None)
    for entry in sorted(entries, key=lambda e: e.parts):
        if any(part.startswith(".") for part in entry.parts):
            continue
        if entry.kind is not None:
            raise PolicyError(
                f"this is {entry.kind}, not a file.", where=entry.where,
                fix="versions/ must hold the files themselves: replace it with a copy of the file.",
            )
        if not entry.parts:
            raise PolicyError("this is a file, but versions/ must be a folder.", where=entry.where,
                              fix="move it aside and make a folder versions/ with a folder for each document.")
        slug, name = entry.parts[0], entry.parts[-1]
        if len(entry.parts) == 1:
            if name in _README:
                continue
            raise PolicyError(
                "this file is not in a document's folder, so it belongs to no document.", where=entry.where,
                fix=f"move it into the folder of its document: {_folders(slugs)}.",
            )
        if slug not in by_folder:
            raise PolicyError(
                f"the folder '{slug}' matches no document's slug{_did_you_mean(slug, originals)}.",
                where=_folder_of(entry, 1),
                fix=f"rename it after the slug of its document ({_folders(originals)}), or remove it.",
            )
        # A translation's files sit one folder deeper, in versions/<slug>/<lang>/.
        translation = "/".join(entry.parts[:2])
        owner = translation if len(entry.parts) > 2 and translation in by_folder else slug
        depth = owner.count("/") + 2
        if len(entry.parts) > depth:
            languages = [name.rpartition("/")[2] for name in by_folder if name.startswith(f"{slug}/")]
            holds = (f"holds its files and a folder for each of its translations ({', '.join(languages)})"
                     if languages and owner == slug else "holds files only, not folders")
            raise PolicyError(f"a document's folder {holds}.", where=_folder_of(entry, depth),
                              fix=f"move its files up into versions/{owner}/ and remove the folder.")
        slug = by_folder[owner]
        landed_on, extension = _dated_name(name, entry.where)
        text = _decode(entry.read(), entry.where)
        if extension == "md":
            texts[slug].append(FolderText(landed_on, entry.where, text))
        else:
            corrections[slug][landed_on] = _correction(text, entry.where)
    return {slug: VersionsFolder(tuple(texts[slug]), corrections[slug]) for slug in slugs}


def _folder_of(entry: _Entry, depth: int) -> str:
    """The folder ``depth`` levels below versions/ that holds the entry, as ``versions/slug/``."""
    return entry.where.rsplit("/", len(entry.parts) - depth)[0] + "/"


def _folders(slugs: tuple[str, ...]) -> str:
    return ", ".join(f"versions/{folder(slug)}/" for slug in slugs)


def _did_you_mean(name: str, slugs: tuple[str, ...]) -> str:
    name = name.lower()
    close = [slug for slug in slugs if name in slug.split("-")] or difflib.get_close_matches(name, slugs, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _dated_name(name: str, where: str) -> tuple[date, str]:
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    if extension.lower() in ("yml", "yaml", "md") and extension != extension.lower():
        raise PolicyError(f"the extension '.{extension}' must be written in lowercase.", where=where,
                          fix=f"rename the file to {stem}.{extension.lower().replace('yaml', 'yml')}.")
    if extension == "yaml":
        raise PolicyError("corrections end in '.yml', not '.yaml'.", where=where, fix=f"rename the file to {stem}.yml.")
    if extension not in ("md", "yml"):
        kind = f"the extension '.{extension}'" if extension else "no extension"
        raise PolicyError(
            f"this file has {kind}, so it is neither an imported text nor a correction.", where=where,
            fix="use .md for an imported text or .yml for a correction, and " + _NAMING,
        )
    if not _ISO_DATE.fullmatch(stem):
        raise PolicyError("this file name is not a version date.", where=where, fix=_NAMING)
    try:
        landed_on = date.fromisoformat(stem)
    except ValueError as error:
        raise PolicyError(f"{stem} is not a calendar date ({error}).", where=where,
                          fix="check the day and the month: " + _NAMING) from None
    if not _EARLIEST <= landed_on <= _LATEST:
        raise PolicyError(f"{stem} is not a plausible version date.", where=where, fix="check the year: " + _NAMING)
    return landed_on, extension


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise PolicyError(
            f"this file is not UTF-8 text (line {line} has the byte 0x{data[error.start]:02x}, "
            "which UTF-8 cannot hold).",
            where=where,
            fix="save it as UTF-8 (in most editors: Save As, encoding UTF-8).",
        ) from None


# -- corrections -----------------------------------------------------------------------------------


def _correction(text: str, where: str) -> Correction:
    values, lines = _correction_values(text, where)

    def at(key: str) -> str:
        return f"{where}, line {lines[key]}"

    material, summary, waived = values.get("material"), values.get("summary"), values.get("notice_waived")
    if material is not None and not isinstance(material, bool):
        raise PolicyError(f"'material' is {material!r}.", where=at("material"), fix="write true or false.")
    if summary is not None and (not isinstance(summary, str) or not summary.strip()):
        raise PolicyError("'summary' is empty or not text.", where=at("summary"), fix="write one plain sentence.")
    if waived is not None and (not isinstance(waived, str) or not waived.strip()):
        raise PolicyError(
            "'notice_waived' is empty or not text.", where=at("notice_waived"),
            fix="write in one plain sentence why this version took effect without the usual notice "
            "(a legal requirement, say), or remove the key.",
        )
    reason = values.get("editorial_reason")
    if reason is not None and (not isinstance(reason, str) or not reason.strip()):
        raise PolicyError(
            "'editorial_reason' is empty or not text.", where=at("editorial_reason"),
            fix="write in one plain sentence why the change alters no meaning (a typo, a link), or remove the key.",
        )
    if reason is not None and material is True:
        raise PolicyError(
            "'editorial_reason' explains why a change is editorial, but this correction says 'material: true'.",
            where=at("editorial_reason"),
            fix="keep 'material: true' and remove 'editorial_reason', or the other way round.",
        )
    for key, value in (("summary", summary), ("notice_waived", waived), ("editorial_reason", reason)):
        if value is not None and frontmatter.has_control_character(value):
            raise PolicyError(f"'{key}' contains an invisible control character.", where=at(key),
                              fix=frontmatter.CONTROL_FIX)
    effective, translates = values.get("effective"), values.get("translates")
    if effective is not None:
        _check_effective(effective, at("effective"))
    if translates is not None:
        _check_effective(translates, at("translates"), "translates")
    return Correction(where, material, _one_line(summary), effective, _one_line(waived), _one_line(reason),
                      translates)


def _correction_values(text: str, where: str) -> tuple[dict, dict]:
    """The keys of a correction file and the line of each."""
    # Composed, not loaded: a repeated key must be an error, and YAML would keep only the last.
    try:
        node = yaml.compose(text, Loader=frontmatter._Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        raise PolicyError(f"this is not valid YAML ({reason}{line}).", where=where,
                          fix="write one 'key: value' line per key, and put text containing ': ' in quotes, "
                          f"for example:\n{_CORRECTION_EXAMPLE}") from None
    if node is None:
        raise PolicyError("this correction is empty.", where=where,
                          fix=f"write the keys it corrects, for example:\n{_CORRECTION_EXAMPLE}\nor remove the file.")
    if not isinstance(node, yaml.MappingNode):
        raise PolicyError("a correction must be a list of 'key: value' lines.", where=where,
                          fix=f"write the keys it corrects, for example:\n{_CORRECTION_EXAMPLE}")
    if not node.value:
        raise PolicyError("this correction has no key, so it corrects nothing.", where=where,
                          fix=f"write the keys it corrects, for example:\n{_CORRECTION_EXAMPLE}\nor remove the file.")
    constructor, values, lines = frontmatter._Loader(""), {}, {}
    for key_node, value_node in node.value:
        key, line = str(key_node.value), key_node.start_mark.line + 1
        if key in lines:
            raise PolicyError(f"'{key}' appears twice (lines {lines[key]} and {line}).", where=where,
                              fix="keep one of them.")
        if key not in _CORRECTION_KEYS:
            raise PolicyError(f"'{key}' is not something a correction can change.", where=f"{where}, line {line}",
                              fix="use only 'material', 'summary', 'effective', 'notice_waived', "
                              "'editorial_reason' and, for a translation, 'translates' (check the spelling).")
        lines[key] = line
        try:
            values[key] = constructor.construct_object(value_node, deep=True)
        except ValueError as error:  # PyYAML reads 2026-02-30 as a date and fails
            raise PolicyError(f"'{key}' is a date that does not exist ({error}).", where=f"{where}, line {line}",
                              fix="check the day and the month, written YYYY-MM-DD.") from None
        if values[key] is None:
            raise PolicyError(f"'{key}' has no value.", where=f"{where}, line {line}",
                              fix="write the corrected value after the colon, or remove the key.")
    return values, lines


def _check_effective(effective: object, where: str, key: str = "effective") -> None:
    if isinstance(effective, datetime):
        raise PolicyError(f"'{key}' is {effective.isoformat()}, a date with a time of day.", where=where,
                          fix=f"write the date alone, as {effective.date().isoformat()}.")
    if isinstance(effective, str) and _ISO_DATE.fullmatch(effective.strip()):
        raise PolicyError(f"'{key}' is the text {effective!r}, not a date.", where=where,
                          fix=f"write it without quotes ({key}: {effective.strip()}).")
    if not isinstance(effective, date):
        raise PolicyError(f"'{key}' is {effective!r}, which is not a date.", where=where,
                          fix="write a date as YYYY-MM-DD, for example 2027-01-01.")
    if not _EARLIEST <= effective <= _LATEST:
        what = "the day this version took effect" if key == "effective" else "a version date"
        raise PolicyError(f"'{key}' is {effective}, which cannot be {what}.",
                          where=where, fix="check the year, written YYYY-MM-DD.")


def _one_line(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None


def uncommitted(root_dir: Path, history: History) -> tuple[str, ...]:
    """Files in versions/ whose working-tree content is not what is committed (new, edited or
    deleted): a build does not read them, so the editor is told."""
    def listed(entries: list[_Entry]) -> dict[str, _Entry]:
        return {entry.where: entry for entry in entries if not any(part.startswith(".") for part in entry.parts)}

    def same(where: str) -> bool:
        try:
            return working[where].read() == committed[where].read()
        except OSError:
            return False

    working = listed(_working_entries(root_dir / FOLDER))
    committed = listed(_committed_entries(root_dir, history))
    return tuple(sorted(where for where in working.keys() | committed.keys()
                        if where not in working or where not in committed or not same(where)))
