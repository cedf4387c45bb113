"""axe-core finds no WCAG 2.0 or 2.1 level A or AA violation on any page type, in either palette.

Each run also saves a full-page screenshot to test-artifacts/screenshots/, named for the page
type and palette, so a person can look at what a visitor sees.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

WCAG_A_AND_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

axe = Axe()


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_no_wcag_a_or_aa_violations(visitor, address, page_type, palette):
    visitor.open(address)
    if palette == "dark":
        visitor.use_dark_palette()
    visitor.screenshot(f"{page_type}-{palette}")

    results = axe.run(visitor.page, options={"runOnly": {"type": "tag", "values": WCAG_A_AND_AA}})

    assert results.violations_count == 0, results.generate_report()
