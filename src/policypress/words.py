"""policypress's own words, in every language it speaks: one catalog per language, data only.

    src/policypress/words/<lang>.yml     every message, by key, in that language

A message is plain text with ``{name}`` fields filled in by the code that says it; templates,
the XML writer and ``json`` escape the result. A message that depends on a number is a mapping
of the language's plural categories (``one``, ``other``; Babel knows which a language has) to
texts. Dates, plural rules and the names of languages come from Babel's locale data, so adding a
language is adding its catalog: no code changes (README, "Adding a language").
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date

from .errors import PolicyError

FOLDER = Path(__file__).parent / "words"
"""The catalogs: ``<lang>.yml`` for each language policypress speaks."""
SCRIPT = ("position", "changes_count", "no_changes", "change_link", "beginning_of_document", "no_differences",
          "sections_count", "changes_in_sections", "redline_deleted", "redline_inserted", "redline_link_changed",
          "version_number", "compare_choose", "compare_format", "compare_same", "compare_swapped",
          "compare_comparing", "compare_compared", "compare_none", "compare_not_found", "compare_unreadable",
          "compare_stale_page", "compare_stale_versions")
"""The messages redline.js says (it has no words of its own): the changes and compare pages hand it these."""
REFERENCE = "en"
"""The catalog every other is checked against: the same keys, the same fields in each message."""


@dataclass(frozen=True)
class Words:
    """One language's messages, dates and language names."""

    lang: str
    """The language's code as pages declare it (``<html lang>``), e.g. ``en`` or ``es``."""
    messages: dict

    def __call__(self, key: str, **values: object) -> str:
        """The message ``key``, its ``{fields}`` filled in with ``values``."""
        message = self.messages[key]
        if isinstance(message, dict):
            raise TypeError(f"message {key!r} depends on a number: use Words.count")
        return message.format(**values)

    def count(self, key: str, count: int, **values: object) -> str:
        """The message ``key`` in the plural form the language uses for ``count`` (``{count}`` is filled in)."""
        forms = self.messages[key]
        form = _locale(self.lang).plural_form(count)
        return forms.get(form, forms["other"]).format(count=count, **values)

    def for_script(self, keys: tuple[str, ...] = SCRIPT) -> dict:
        """The messages ``keys`` as a page hands them to its script (redline.js): the texts with their
        ``{fields}`` still in, each plural message's forms by category, and the language, whose plural
        rules the browser applies (``Intl.PluralRules``: the same CLDR rules as Babel's)."""
        return {"lang": self.lang, "messages": {key: self.messages[key] for key in keys}}

    def date(self, day: date) -> str:
        """A date as the language writes it in prose: ``November 28, 2026``, ``28 de noviembre de 2026``."""
        return format_date(day, "long", locale=_locale(self.lang))

    def language(self, code: str) -> str:
        """A language's name in this language, as a sentence uses it: ``English``, ``inglés``."""
        return _locale(code).get_display_name(_locale(self.lang)) or code

    def own_name(self, code: str | None = None) -> str:
        """A language's name in that language itself, as a language switcher lists it: ``Español``."""
        code = code or self.lang
        name = _locale(code).get_display_name(_locale(code)) or code
        return name[:1].upper() + name[1:]


def of(lang: str) -> Words:
    """The catalog of ``lang``; raises PolicyError when policypress does not speak it."""
    return _catalog(lang)


def languages() -> tuple[str, ...]:
    """The languages policypress has a catalog for."""
    return tuple(sorted(path.stem for path in FOLDER.glob("*.yml")))


def knows(lang: str) -> bool:
    return lang in languages()


@cache
def _catalog(lang: str) -> Words:
    path = FOLDER / f"{lang}.yml"
    if not path.is_file():
        raise PolicyError(
            f"policypress has no words in the language {lang!r}.",
            where=f"policypress/words/{lang}.yml",
            fix=f"use one of {list(languages())}, or add the language's catalog (README, 'Adding a language').",
        )
    messages = yaml.safe_load(path.read_text("utf-8")) or {}
    _locale(lang)  # Babel must know the language: its dates and plural rules come from there
    return Words(lang, messages)


@cache
def _locale(code: str) -> Locale:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise PolicyError(
            f"{code!r} is not a language code policypress can date and count in.",
            fix="use a BCP 47 language code Babel knows, e.g. en, es, zh-Hant, vi.",
        ) from None


def fields(message: str) -> set[str]:
    """The ``{fields}`` a message fills in, for checking that translations keep them."""
    return {name for _, name, _, _ in string.Formatter().parse(message) if name}
