"""A changes page printed to PDF by Chromium: versions and dates, and changes told apart without colour.

The PDF is printed without background graphics, as browsers print by default, and saved as
test-artifacts/changes-page.pdf.
"""

from datetime import date

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.browser

LOOK = """mark => {
    const style = getComputedStyle(mark);
    return {
        colour: style.color,
        line: style.textDecorationLine,
        before: getComputedStyle(mark, '::before').content,
        after: getComputedStyle(mark, '::after').content,
    };
}"""
"""How a mark looks in print: its colour, its line, and any text printed around it."""


def long_date(number: str) -> str:
    day = date.fromisoformat(number)
    return f"{day:%B} {day.day}, {day.year}"


def printed_text(content: str) -> str:
    """The text a CSS ``content`` value prints: ``"[+"`` prints ``[+``, ``none`` nothing."""
    return content[1:-1] if content.startswith('"') else ""


def test_a_printed_changes_page_shows_versions_dates_and_changes_without_colour(
        visitor, example_site, example_pages, artifacts):
    newest, previous = example_site.versions()[:2]
    page = visitor.open(example_pages["changes page"])
    on_screen = page.eval_on_selector(".pp-redline ins", LOOK), page.eval_on_selector(".pp-redline del", LOOK)
    page.emulate_media(media="print")

    inserted = page.eval_on_selector(".pp-redline ins", LOOK)
    deleted = page.eval_on_selector(".pp-redline del", LOOK)
    assert (inserted, deleted) != on_screen, "the print style sheet does not apply to the redline"
    without_colour = [{key: value for key, value in look.items() if key != "colour"} for look in (inserted, deleted)]
    assert without_colour[0] != without_colour[1], "in print, insertions and deletions differ only in colour"

    pdf = artifacts / "changes-page.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    text = " ".join(" ".join((sheet.extract_text() or "").split()) for sheet in PdfReader(pdf).pages)

    markers = [printed_text(look[side]) for look in (inserted, deleted) for side in ("before", "after")]
    for expected in (newest["version"], previous["version"], long_date(newest["version"]), *filter(None, markers)):
        assert expected in text, f"the printed changes page does not show {expected!r}"
