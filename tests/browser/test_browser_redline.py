"""The redline in a visitor's browser: moving between changes by keyboard, and the compare view.

The pair checked first is the example site's two newest Privacy Statement versions: the build
pre-renders the newest one's changes page; the compare view renders the same pair in the browser.
Then a long statement of our own: a link re-pointed, words edited far apart, a table kept.
"""

from datetime import date

import pytest
import yaml
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from sites import SiteRepo

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


# A long statement whose newer version re-points one link, edits words far apart and keeps a wide table

OLD_ADDRESS = "https://old.example/company-products"
NEW_ADDRESS = "https://new.example/meta-company-products"
FIRST, SECOND, THIRD = "2024-09-10", "2026-11-28", "2026-11-29"
"""The long statement's versions, oldest first: the second changes a lot, the third one word."""
FIRST_EFFECTIVE = "2024-10-01"
"""The first version took effect three weeks after its version date, so its header line says so."""
LINK_CHANGE = f"(link changed from {OLD_ADDRESS} to {NEW_ADDRESS})"


def long_statement(address: str, edited: bool, last_word: str = "ninety") -> str:
    sections = []
    for number in range(1, 31):
        words = "We keep this section's records" if edited and number % 7 == 0 else "We hold these records"
        sections.append(f"## Section {number}\n\n{words} for the purposes set out in section {number} of this "
                        f"statement, and no longer than the law allows.")
    sections[1] += f"\n\nThis covers the [Meta Company Products]({address}) and services we offer."
    # Four columns: wider than a 320 px phone, where the table scrolls in its box.
    sections[2] += ("\n\n| Data | Kept for | Where it is kept | Who may read it |\n|---|---|---|---|\n"
                    "| Invoices | 10 years | Accounting system | Finance department |\n"
                    "| Logs | 30 days | Monitoring service | Security engineers |")
    sections[-1] += f"\n\nBackups are erased after {last_word} days."
    return "\n\n".join(sections)


@pytest.fixture(scope="module")
def long_site(tmp_path_factory, serve, example_config):
    repo = SiteRepo.create(tmp_path_factory.mktemp("long") / "repo")
    # Dressed like the example site (palettes, features), so its pages look as visitors see ours.
    config = yaml.safe_load((repo.root / "mkdocs.yml").read_text("utf-8"))
    theme = {key: value for key, value in example_config["theme"].items() if key != "custom_dir"}
    (repo.root / "mkdocs.yml").write_text(yaml.safe_dump({**config, "theme": theme}))
    for day, body, summary, effective in [
            (FIRST, long_statement(OLD_ADDRESS, False), "First version.", FIRST_EFFECTIVE),
            (SECOND, long_statement(NEW_ADDRESS, True), "Records, and a link re-pointed.", None),
            (THIRD, long_statement(NEW_ADDRESS, True, "sixty"), "Backups kept for less.", None)]:
        repo.write_statement(body, summary=summary, effective=effective)
        repo.commit(f"{day}T10:00:00-08:00")
    built = repo.build(today="2026-11-30")
    assert built.ok, built.output
    return serve(built.site, date(2026, 11, 30))


CHANGES_PAGE = f"/privacy-statement/versions/{SECOND}/changes/"
"""The long statement's second version's changes page."""


def compare_view(site, older: str, newer: str, slug: str = "privacy-statement"):
    return site.at(f"/{slug}/versions/compare/?from={older}&to={newer}",
                   ready=".pp-compare .pp-redline :is(ins, del, .pp-link-changed)")


def test_a_link_whose_address_alone_changed_shows_both_addresses_on_screen_and_in_print(
        visitor, long_site, artifacts):
    page = visitor.open(long_site.at(CHANGES_PAGE))
    change = page.locator(".pp-redline .pp-link-changed")

    expect(change).to_have_count(1)
    expect(change).to_have_text(f"Meta Company Products {LINK_CHANGE}")
    expect(change.get_by_role("link")).to_have_attribute("href", NEW_ADDRESS)
    assert "Meta Company Products" not in " ".join(text for _, _, text in marked_changes(page)), \
        "the link's words show as deleted or inserted"

    page.emulate_media(media="print")
    pdf = artifacts / "link-change.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    text = "".join("".join((sheet.extract_text() or "").split()) for sheet in PdfReader(pdf).pages)
    assert "".join(LINK_CHANGE.split()) in text, "the printed page does not give both addresses"


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_no_wcag_violation_around_a_link_change(visitor, long_site, palette):
    visitor.open(long_site.at(CHANGES_PAGE))
    if palette == "dark":
        visitor.use_dark_palette()

    visitor.assert_accessible(context=".pp-redline")


def test_the_compare_view_shows_a_link_change_as_the_changes_page_does(visitor, long_site):
    pre_rendered = visitor.open(long_site.at(CHANGES_PAGE)).inner_html(".pp-redline")
    compared = visitor.open(compare_view(long_site, FIRST, SECOND)).inner_html(".pp-compare .pp-redline")

    assert compared == pre_rendered


def test_the_compare_view_redlines_in_a_worker_and_without_one_the_same(fresh_visitor, long_site):
    # A visitor of their own: the test listens to the page and takes workers away from the browser.
    visitor = fresh_visitor
    workers, warnings = [], []
    visitor.page.on("worker", lambda worker: workers.append(worker.url))
    visitor.page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    in_worker = visitor.open(compare_view(long_site, FIRST, SECOND)).inner_html(".pp-compare")
    assert any(url.endswith("/assets/javascripts/redline.js") for url in workers), workers
    # A worker that fails hands the comparison back to the page, which says so: the same HTML would
    # not show it.
    assert warnings == []

    # A browser without workers (or that refuses to start one) redlines in the page itself.
    visitor.context.add_init_script("delete window.Worker;")
    on_the_page = visitor.open(compare_view(long_site, FIRST, SECOND)).inner_html(".pp-compare")

    assert on_the_page == in_worker


def test_a_version_that_does_not_exist_is_named_in_the_page(visitor, long_site):
    page = visitor.open(long_site.at(f"/privacy-statement/versions/compare/?from={FIRST}&to=2030-01-01"))

    expect(page.locator(".pp-compare-status")).to_have_text("Version 2030-01-01 was not found.")
    expect(page.locator(".pp-compare-summary")).to_be_hidden()
    assert page.inner_html(".pp-compare .pp-redline") == ""


def test_reversed_compare_parameters_never_show_newer_text_as_deleted(visitor, long_site):
    forwards = marked_changes(visitor.open(compare_view(long_site, FIRST, SECOND)))
    page = visitor.open(compare_view(long_site, SECOND, FIRST))

    assert marked_changes(page) == forwards
    assert ["del", "change-2", "deleted: hold these"] in forwards, "the older words must be the deleted ones"
    expect(page.locator(".pp-compare-status")).to_contain_text(
        f"Showing {FIRST} → {SECOND}: the older version first.")
    expect(page.locator(".pp-compare-summary")).to_be_visible()
    expect(page.locator(".pp-compare-from")).to_contain_text(f"Version {FIRST}")
    expect(page.locator(".pp-compare-to")).to_contain_text(f"Version {SECOND}")
    expect(page.locator(".pp-compare-form select[name=from]")).to_have_value(FIRST)


def header_line(page: Page, label: str) -> str:
    """The words of a changes header's line (From, To …), spaces as a reader sees them."""
    line = page.locator(".pp-changes-versions div").filter(has=page.locator("dt", has_text=label)).locator("dd")
    return " ".join(line.inner_text().split())


def changes_by_section(page: Page) -> list[list[str]]:
    """Each line of the "Changes by section" list: its words, then the address of each link in it."""
    return page.eval_on_selector_all(".pp-changes-summary .pp-changes-toc li", """items => items.map(item => [
        item.textContent.replace(/\\s+/g, ' ').trim(),
        ...[...item.querySelectorAll('a')].map(a => a.getAttribute('href'))])""")


def test_the_compare_view_is_headed_as_a_changes_page_is(visitor, long_site):
    second = visitor.open(long_site.at(CHANGES_PAGE))
    first_line = header_line(second, "From")
    third = visitor.open(long_site.at(f"/privacy-statement/versions/{THIRD}/changes/"))
    third_line = header_line(third, "To")
    assert "effective" in first_line, "the first version took effect after its version date"

    page = visitor.open(compare_view(long_site, FIRST, THIRD))

    assert header_line(page, "From") == first_line
    assert header_line(page, "To") == third_line
    summary = page.locator(".pp-compare-summary")
    expect(summary.locator(".pp-compare-from time")).to_have_attribute("datetime", FIRST)
    expect(summary.locator(".pp-compare-to time")).to_have_attribute("datetime", THIRD)
    expect(summary.locator(".pp-changes-key")).to_be_visible()
    anchors = page.eval_on_selector_all(".pp-compare .pp-redline .pp-change", "all => all.map(e => e.id)")
    sections = changes_by_section(page)
    assert sections, "no list of changes by section"
    listed = [href for _, *hrefs in sections for href in hrefs if href.startswith("#change-")]
    assert listed == [f"#{anchor}" for anchor in anchors]
    labels = " ".join(words for words, *_ in sections)
    assert all(f"change {number}" in labels for number in range(1, len(anchors) + 1))
    missing = page.evaluate("""() => [...document.querySelectorAll('.pp-compare-summary .pp-changes-toc a')]
        .map(a => a.getAttribute('href')).filter(href => !document.getElementById(href.slice(1)))""")
    assert missing == [], "the list links to places the page does not have"
    expect(summary.locator(".pp-changes-count")).to_have_text(f"{len(anchors)} changes in {len(sections)} sections.")


def test_the_compare_view_of_consecutive_versions_lists_the_changes_as_their_changes_page(visitor, long_site):
    changes_page = visitor.open(long_site.at(CHANGES_PAGE))
    expected = changes_by_section(changes_page), header_line(changes_page, "From"), header_line(changes_page, "To")
    count = changes_page.locator(".pp-changes-count").inner_text()

    page = visitor.open(compare_view(long_site, FIRST, SECOND))

    assert (changes_by_section(page), header_line(page, "From"), header_line(page, "To")) == expected
    expect(page.locator(".pp-compare-summary .pp-changes-count")).to_have_text(count)


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_the_from_and_to_lines_lay_out_alike(visitor, long_site, width):
    visitor.page.set_viewport_size({"width": width, "height": 800})
    for address in [long_site.at(CHANGES_PAGE), compare_view(long_site, FIRST, SECOND)]:
        page = visitor.open(address)

        # Where each value starts, from its label's top left corner: the same for every line.
        offsets = page.eval_on_selector_all(".pp-changes-versions div:is(:first-child, :nth-child(2))", """rows =>
            rows.map(row => {
                const label = row.querySelector('dt').getBoundingClientRect();
                const value = row.querySelector('dd').getBoundingClientRect();
                return [Math.round(value.left - label.left), Math.round(value.top - label.top)];
            })""")
        assert len(offsets) == 2 and offsets[0] == offsets[1], f"From and To lay out differently: {offsets}"
        where = "beside" if width > 480 else "under"
        assert (offsets[0][1] == 0) == (where == "beside"), f"at {width} px the values should be {where} their labels"


def test_one_change_is_counted_as_one_change(visitor, long_site):
    page = visitor.open(compare_view(long_site, SECOND, THIRD))

    expect(page.locator(".pp-compare-status")).to_have_text(
        f"Version {SECOND} compared with version {THIRD}: 1 change.")
    expect(page.locator(".pp-redline-position")).to_have_text("1 change")
    expect(page.locator(".pp-compare-summary .pp-changes-count")).to_have_text("1 change in 1 section.")


def test_no_navigation_without_changes_to_move_between(visitor, long_site):
    page = visitor.open(long_site.at(f"/privacy-statement/versions/compare/?from={SECOND}&to={SECOND}"))

    expect(page.locator(".pp-compare-status")).to_contain_text("nothing to compare")
    expect(page.locator(".pp-redline-nav")).to_be_hidden()
    expect(page.locator(".pp-compare-summary")).to_be_hidden()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_navigation_stays_in_view_while_stepping_through_changes(visitor, long_site, width):
    visitor.page.set_viewport_size({"width": width, "height": 800})
    page = visitor.open(long_site.at(CHANGES_PAGE))
    page.emulate_media(reduced_motion="reduce")
    navigation = page.locator(".pp-redline-nav")
    next_change = navigation.get_by_role("button", name="Next change")

    for number in range(1, 6):
        next_change.click()
        assert focused_change(page) == f"change-{number}"
        expect(navigation).to_be_in_viewport()
        expect(page.locator(f"#change-{number}")).to_be_in_viewport()
        covered = page.evaluate(f"""() => {{
            const change = document.getElementById('change-{number}').getBoundingClientRect();
            const nav = document.querySelector('.pp-redline-nav').getBoundingClientRect();
            return change.top < nav.bottom && change.bottom > nav.top;
        }}""")
        assert not covered, f"change {number} is under the navigation"
    page.keyboard.press("p")
    assert focused_change(page) == "change-4"
    expect(navigation).to_be_in_viewport()


TOUCH_TARGETS = ".pp-compare-form select, .pp-compare-form button, .pp-redline-nav button"


def test_pickers_and_buttons_are_touch_sized(visitor, long_site):
    visitor.page.set_viewport_size({"width": 390, "height": 800})
    page = visitor.open(compare_view(long_site, FIRST, SECOND))

    heights = page.eval_on_selector_all(TOUCH_TARGETS, "all => all.map(e => e.getBoundingClientRect().height)")
    assert len(heights) == 6 and min(heights) >= 44, heights


def test_unchanged_tables_keep_materials_table_styling(visitor, long_site):
    current = visitor.open(long_site.at("/privacy-statement/"))
    look = "t => [getComputedStyle(t).borderTopWidth, getComputedStyle(t.querySelector('td')).paddingTop]"
    expected = current.eval_on_selector(".md-typeset table", look)
    changes = visitor.open(long_site.at(CHANGES_PAGE))

    assert changes.eval_on_selector(".pp-redline table.pp-unchanged", look) == expected
    changes.emulate_media(media="print")
    assert changes.eval_on_selector(".pp-redline table.pp-unchanged", "t => getComputedStyle(t).display") == "table"


@pytest.mark.parametrize("kind", ["unchanged table", "changed table"])
def test_a_wide_table_in_a_redline_is_a_tab_stop_on_a_phone(visitor, long_site, example_site, kind):
    # A redline's tables scroll themselves (redline.css), unchanged or changed, on the changes page and
    # in the compare view alike. The example's CCPA notice changed its table.
    if kind == "unchanged table":
        pages = [long_site.at(CHANGES_PAGE), compare_view(long_site, FIRST, SECOND)]
        row, heading = "Invoices", "Section 3"
    else:
        newer, older = (v["version"] for v in example_site.versions("ccpa-notice")[:2])
        pages = [example_site.at(f"/ccpa-notice/versions/{newer}/changes/"),
                 compare_view(example_site, older, newer, "ccpa-notice")]
        row, heading = "Identifiers", "Categories of personal information we collect"
    visitor.page.set_viewport_size({"width": 320, "height": 800})
    tables = []
    for address in pages:
        page = visitor.open(address)
        cell = page.locator(".pp-redline td", has_text=row).first
        cell.scroll_into_view_if_needed()  # laid out only once in view (content-visibility)
        box = cell.locator("xpath=ancestor::*[@data-pp-scrolls][1]")

        expect(box).to_have_attribute("tabindex", "0")
        expect(box).to_have_accessible_name(heading)
        box.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("box => box.scrollLeft > 0", arg=box.element_handle())
        visitor.assert_accessible(".pp-redline")
        tables.append(box.evaluate("box => box.outerHTML"))
    assert tables[0] == tables[1], "the changes page and the compare view lay the table out differently"


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_changes_and_compare_pages_never_scroll_sideways(visitor, long_site, width):
    # The example site's changes page and compare view are toured with every page type (test_browser_pages).
    visitor.page.set_viewport_size({"width": width, "height": 800})
    for name, address in [("changes page", long_site.at(CHANGES_PAGE)),
                          ("compare view", compare_view(long_site, FIRST, SECOND))]:
        visitor.open(address)
        overflow = visitor.sideways_overflow()
        assert overflow <= 0, f"the {name} scrolls sideways by {overflow} px at {width} px"
        if width != 320:
            visitor.screenshot(f"redline long {name} {width}")
