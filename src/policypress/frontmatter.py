"""Front matter: the YAML block at the top of a Markdown source, and the body below it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import yaml

from .errors import PolicyError
from .version import ChangeNote

_FENCE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Characters no description may hold: they are invalid in the feeds' XML (tabs and newlines are spacing)."""
CONTROL_FIX = "retype it as plain text; such characters often come from pasting."


def has_control_character(text: str) -> bool:
    """Whether a summary or reason holds a character that cannot be published as text."""
    return _CONTROL.search(text) is not None
_CHANGE_NOTE_KEYS = {"material", "summary", "effective", "immediate", "editorial_reason"}

REVISION_EXAMPLE = (
    "revision:\n  material: true   # or false for an editorial change\n"
    "  summary: One sentence saying what changed."
)


@dataclass(frozen=True)
class Parsed:
    """A Markdown file as parsed: its front matter, and its body as written and normalised."""

    front_matter: dict
    body: str
    """The normalised text: what is hashed and compared."""
    where: str
    """How an editor finds this text: a path, with the commit when it comes from history."""
    key_lines: dict
    """Line numbers (1-based) of front-matter keys, as ``"revision.summary": 5``."""
    text: str = ""
    """The text as written (line endings aside): what is rendered, hard line breaks included."""

    def line_of(self, key: str) -> int | None:
        return self.key_lines.get(key) or self.key_lines.get(key.split(".")[0])

    def at(self, key: str) -> str:
        """Where to look for ``key``: the source, with the key's line when it has one."""
        line = self.line_of(key)
        return f"{self.where}, line {line}" if line else self.where


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader where PyYAML has it: every revision in history has front matter to read."""


def normalise(body: str) -> str:
    """The text that counts as the document: line endings and trailing spaces don't."""
    lines = [line.rstrip() for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def parse(text: str, where: str) -> Parsed:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    match = _FENCE.match(text)
    if not match:
        return Parsed({}, normalise(text), where, {}, text)
    raw = match.group(1) or ""
    try:
        node = yaml.compose(raw, Loader=_Loader)
        data = _Loader("").construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f", line {mark.line + 2}" if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        raise PolicyError(
            f"the front matter is not valid YAML ({reason}{line}).",
            where=where,
            fix="check the lines between the two '---' markers: each key is 'name: value', "
            "nested keys are indented with spaces, and text containing ': ' is put in quotes.",
        ) from None
    except ValueError as error:  # PyYAML reads 2026-02-30 as a date and fails
        raise PolicyError(
            f"the front matter has a date that does not exist ({error}).",
            where=where,
            fix="check each YYYY-MM-DD value, for example 'effective:'.",
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PolicyError(
            "the front matter must be a list of 'key: value' lines.",
            where=where,
            fix="put keys such as 'title:' and 'revision:' between the two '---' markers.",
        )
    body = text[match.end():]
    return Parsed(data, normalise(body), where, _key_lines(node, where), body)


def _key_lines(node: yaml.Node | None, where: str, prefix: str = "") -> dict:
    # One level of nesting is all front matter needs; +2 accounts for the opening '---'.
    lines: dict = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = f"{prefix}{key.value}"
            line = key.start_mark.line + 2
            if name in lines:  # YAML would silently keep the last one
                raise PolicyError(f"front matter key '{name}' appears twice (lines {lines[name]} and {line}).",
                                  where=where, fix="keep one of them.")
            lines[name] = line
            if not prefix:
                lines.update(_key_lines(value, where, f"{name}."))
    return lines


def translates(source: Parsed) -> date | None:
    """The ``translates:`` key of a translation: the version date of the original its text renders."""
    value = source.front_matter.get("translates")
    if value is None or (isinstance(value, date) and not hasattr(value, "hour")):
        return value
    raise _key_error(source, "translates", f"is {value!r}, which is not a version date",
                     "write the version date of the original you translated, as YYYY-MM-DD without quotes, "
                     "e.g. translates: 2024-09-10.")


def change_note(source: Parsed) -> ChangeNote:
    """Read and check the ``revision`` block that classifies a change."""
    block = source.front_matter.get("revision")
    if block is None:
        raise PolicyError(
            "the front matter has no 'revision' block, so this change is not classified.",
            where=source.where,
            fix=f"add to the front matter:\n{REVISION_EXAMPLE}",
        )
    if not isinstance(block, dict):
        raise _key_error(source, "revision", "must hold the keys 'material' and 'summary'")
    unknown = sorted(set(block) - _CHANGE_NOTE_KEYS)
    if unknown:
        raise _key_error(
            source,
            f"revision.{unknown[0]}",
            "is not a key policypress knows",
            "use only 'material', 'summary', 'effective', 'immediate' and 'editorial_reason' (check the spelling).",
        )
    for key in ("material", "summary"):
        if key not in block:
            raise PolicyError(
                f"the 'revision' block has no '{key}' key.",
                where=source.at("revision"),
                fix=f"add it; a complete block looks like:\n{REVISION_EXAMPLE}",
            )
    material = block["material"]
    if not isinstance(material, bool):
        raise _key_error(source, "revision.material", f"is {material!r}", "write true or false.")
    summary = block["summary"]
    if not isinstance(summary, str) or not summary.strip():
        raise _key_error(
            source, "revision.summary", "is empty or not text", "write one plain sentence."
        )
    for key, value in (("summary", summary), ("immediate", block.get("immediate")),
                       ("editorial_reason", block.get("editorial_reason"))):
        if isinstance(value, str) and has_control_character(value):
            raise _key_error(source, f"revision.{key}", "contains an invisible control character", CONTROL_FIX)
    effective = _date(source, block.get("effective"))
    immediate = block.get("immediate")
    if immediate is not None and (not isinstance(immediate, str) or not immediate.strip()):
        raise _key_error(source, "revision.immediate", f"is {immediate!r}",
                         "write why the change must take effect at once, e.g. 'immediate: Required by a court "
                         "order of 2026-11-02.'")
    if immediate is not None and effective is not None:
        raise _key_error(source, "revision.immediate",
                         "says the change takes effect at once, but 'effective' gives a date",
                         "keep 'immediate' for a change that applies the day it lands, or 'effective' for a later "
                         "day, not both.")
    editorial_reason = _editorial_reason(source, block.get("editorial_reason"), material)
    return ChangeNote(material, " ".join(summary.split()), effective,
                      " ".join(immediate.split()) if immediate else None, editorial_reason)


def _editorial_reason(source: Parsed, reason: object, material: bool) -> str | None:
    """Why an editorial change inside a section listed in ``material_sections`` changes no meaning."""
    if reason is None:
        return None
    if not isinstance(reason, str) or not reason.strip():
        raise _key_error(source, "revision.editorial_reason", f"is {reason!r}",
                         "write why the change alters no meaning, e.g. 'editorial_reason: Corrects the spelling "
                         "of \"processor\".', or remove the key.")
    if material:
        raise _key_error(source, "revision.editorial_reason",
                         "explains why a change is editorial, but 'material' is true",
                         "remove 'editorial_reason' from a material change (its summary says what changes), or "
                         "set 'material: false' if the change truly alters no meaning.")
    return " ".join(reason.split())


def _date(source: Parsed, value: object) -> date | None:
    if value is None or (isinstance(value, date) and not hasattr(value, "hour")):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _key_error(
        source,
        "revision.effective",
        f"is {value!r}, which is not a calendar date",
        "write the date as YYYY-MM-DD, for example 2027-01-01.",
    )


def _key_error(source: Parsed, key: str, problem: str, fix: str | None = None) -> PolicyError:
    return PolicyError(f"front matter key '{key}' {problem}.", where=source.at(key), fix=fix)
