"""The redline in a visitor's browser: moving between changes by keyboard, and the compare view.

The pair checked is the example site's two newest Privacy Statement versions: the build
pre-renders the newest one's changes page; the compare view renders the same pair in the browser.
"""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

MARKS = ".pp-redline :is(ins, del)"


def focused_change(page: Page) -> str | None:
    """The id of the change that has the keyboard focus, if one has."""
    return page.evaluate("document.activeElement.closest('[id^=change-]')?.id ?? null")


def marked_changes(page: Page) -> list[list[str]]:
    """Each deletion and insertion on the page: tag, change anchor (if it starts one) and words."""
    return page.eval_on_selector_all(
        MARKS, "marks => marks.map(m => [m.localName, m.id, m.textContent.replace(/\\s+/g, ' ').trim()])")


def test_next_and_previous_change_move_the_keyboard_focus(visitor, example_pages):
    page = visitor.open(example_pages["changes page"])
    assert page.locator(".pp-redline [id^=change-]").count() >= 2, "the example pair needs two changes"
    navigation = page.locator(".pp-redline-nav").first
    next_change = navigation.get_by_role("button", name="Next change")
    previous_change = navigation.get_by_role("button", name="Previous change")

    next_change.focus()
    page.keyboard.press("Enter")
    assert focused_change(page) == "change-1"

    page.keyboard.press("n")
    assert focused_change(page) == "change-2"
    expect(page.locator("#change-2")).to_be_in_viewport()

    page.keyboard.press("p")
    assert focused_change(page) == "change-1"

    next_change.focus()
    page.keyboard.press("Enter")
    previous_change.focus()
    page.keyboard.press("Space")
    assert focused_change(page) == "change-1"


def test_the_compare_view_marks_the_same_changes_as_the_changes_page(visitor, example_pages):
    pre_rendered = marked_changes(visitor.open(example_pages["changes page"]))
    compared = marked_changes(visitor.open(example_pages["compare view"]))

    assert pre_rendered, "the changes page marks no change"
    assert compared == pre_rendered
