"""The compare view renders in the browser exactly the redline the build renders.

redline.js is run under Node (tests/js/redline_harness.mjs) on the redline.json of both
versions and must return, byte for byte, the HTML of policypress.redline.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_redline import LONG_PARAGRAPH, edited_documents, render

from policypress.redline import redline, redline_source

HARNESS = Path(__file__).parent / "js" / "redline_harness.mjs"

SCENARIOS = [
    (LONG_PARAGRAPH, LONG_PARAGRAPH.replace("country", "region")),
    (
        "We share data with:\n\n- payment providers\n- auditors\n",
        "We share data with:\n\n- payment providers\n- hosting providers\n- auditors\n",
    ),
    (
        "## Cookies\n\nWe use cookies.\n\n## Marketing\n\nWe send newsletters.\n\n## Contact\n\nWrite.\n",
        "## Cookies\n\nWe use cookies.\n\n## Contact\n\nWrite.\n",
    ),
    (
        "Read our [cookie policy](https://example.org/cookies) first.",
        "Read our [cookie policy](https://example.org/cookie-policy) first.",
    ),
    (
        "| Data | Kept for |\n|---|---|\n| Invoices | 10 years |\n| Logs | 30 days |\n",
        "| Data | Kept for |\n|---|---|\n| Invoices | 10 years |\n| Logs | 90 days |\n| Backups | 1 year |\n",
    ),
    ("1. Access\n2. Erasure\n3. Objection\n", "1. Access\n2. Objection\n3. Portability\n"),
    (
        "## Change 1\n\nText.\n\n---\n\n> Quoted *words* here.\n",
        "## Change 1\n\nText, edited.\n\n> Quoted words here.\n",
    ),
    (
        "- item\n    - nested **bold** item\n- other\n\n```\ncode  block\n```\n",
        "- item\n\n    more\n\n    - nested bold item\n- other\n\n```\ncode block\n```\n",
    ),
    ("Alpha beta gamma delta.", "Something else altogether now."),
    ("Same text.", "Same text."),
]


@pytest.fixture(scope="module")
def browser_redline() -> Iterator[Callable[[dict], dict]]:
    """Ask redline.js, running in Node, for an answer."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(
            "Node.js is needed to check that the compare view matches the build's redlines. "
            "Install it (for example `apt-get install nodejs`) and run the tests again."
        )
    process = subprocess.Popen(
        [node, str(HARNESS)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8"
    )

    def ask(request: dict) -> dict:
        process.stdin.write(json.dumps(request) + "\n")
        process.stdin.flush()
        reply = json.loads(process.stdout.readline())
        assert "error" not in reply, reply["error"]
        return reply

    yield ask
    process.stdin.close()
    process.wait(timeout=10)


def assert_same_redline(ask: Callable[[dict], dict], old_markdown: str, new_markdown: str) -> None:
    old, new = render(old_markdown), render(new_markdown)
    # The JSON goes through a real round trip, as it does between the build and the browser.
    sources = {"old": json.loads(redline_source(old)), "new": json.loads(redline_source(new))}
    assert ask(sources)["html"] == redline(old, new).html


@pytest.mark.parametrize(("old", "new"), SCENARIOS)
def test_the_browser_renders_the_same_redline_as_the_build(browser_redline, old, new):
    assert_same_redline(browser_redline, old, new)


@settings(max_examples=50, derandomize=True, deadline=None)
@given(edited_documents())
def test_the_browser_agrees_with_the_build_on_any_edit(browser_redline, documents):
    assert_same_redline(browser_redline, *documents)


@settings(max_examples=100, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from("abcd"), max_size=30), st.lists(st.sampled_from("abcd"), max_size=30))
def test_the_browser_matches_sequences_as_difflib_does(browser_redline, a, b):
    expected = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()

    assert browser_redline({"a": a, "b": b})["blocks"] == [list(block) for block in expected]
