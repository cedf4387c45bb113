"""axe-core finds no WCAG 2.0 or 2.1 level A or AA violation on any page type, in either palette.

With --screenshots, each run also saves a full-page screenshot to test-artifacts/screenshots/, named
for the page type and palette, so a person can look at what a visitor sees.
"""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_no_wcag_a_or_aa_violations(visitor, address, page_type, palette):
    visitor.open(address)
    if palette == "dark":
        visitor.use_dark_palette()
    visitor.screenshot(f"{page_type}-{palette}")

    visitor.assert_accessible()
