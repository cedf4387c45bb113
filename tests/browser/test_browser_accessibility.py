"""axe-core finds no WCAG 2.0 or 2.1 level A or AA violation on any page type, in either palette.

With --screenshots, each run also saves a full-page screenshot to test-artifacts/screenshots/, named
for the page type and palette, so a person can look at what a visitor sees.
"""

import pytest

pytestmark = pytest.mark.browser


def test_axe_finds_no_wcag_a_or_aa_violations_in_either_palette(visitor, address, page_type):
    # One visit for both palettes: the dark one is chosen on the page, as a visitor does.
    violations = {}
    visitor.open(address)
    for palette in ("light", "dark"):
        if palette == "dark":
            visitor.use_dark_palette()
        visitor.screenshot(f"{page_type}-{palette}")
        violations[palette] = visitor.accessibility_violations()

    assert not any(violations.values()), "\n\n".join(
        f"In the {palette} palette:\n{report}" for palette, report in violations.items() if report)
