"""The compare view renders in the browser exactly the redline the build renders.

redline.js is run under Node (tests/js/redline_harness.mjs) on what the compare view reads of
both versions, each version's redline.json and archived page, and must parse the page's text into
the blocks policypress.redline parses and return, byte for byte, its HTML and the same changes.
The shared cases of tests/redline_cases/ run through redline.js alone, under ``node --test``
(tests/js/redline_cases.test.mjs); the test at the end runs it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_redline import LONG_PARAGRAPH, edited_documents, render

from policypress import views
from policypress.redline import DATA_FORMAT, HEADINGS, body_data, parse_body, published_data, redline, text_markers
from policypress.redline.alignment import _matching_blocks
from policypress.redline.body import BLOCK_TAGS, CELLS, VOID_TAGS
from policypress.redline.rendering import _BLOCK_CLASSES, _MARKS, LINK_CHANGED, LINK_NOTE, LINK_NOTE_SEPARATOR, Labels
from policypress.redline.tunables import PAIRING_WINDOW, PUBLISHED

JS_TESTS = Path(__file__).parent / "js"
HARNESS = JS_TESTS / "redline_harness.mjs"
_reference = Labels.reference()
LABELS = {"deleted": _reference.deleted, "inserted": _reference.inserted, "linkChanged": _reference.link_changed}
"""The labels the Python side redlines with (the reference language's), as a page hands them to redline.js."""

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
    (
        "See [our *partners*](https://example.org/a) and [us](https://example.org/b) or [them](https://x.org/).",
        "See [our *partners*](https://example.org/c) and [us](https://example.org/d) or [them](https://y.org/ \"T\").",
    ),
    ("Alpha beta gamma delta.", "Something else altogether now."),
    (
        "Intro.\n\n- we collect your name and email address\n- payment details go to our provider\n"
        "- logs are kept for thirty days only\n- support reads messages when asked\n- you can delete it all\n",
        "Intro.\n\n- we collect your name and email address\n- partners see statistics monthly\n"
        "- logs are kept for thirty days only\n- contracts forbid resale\n- nothing is kept long\n\nMore.\n",
    ),
    (
        "Intro.\n\nEffective August 11, 2020\n\nEnd.\n\n## Cookies\n\nWe use some.\n\n## Ads\n\nNone.\n",
        "Intro.\n\nEffective March 6, 2024\n\nEnd.\n\n## Analytics\n\nCounted.\n\n## Partners\n\nFew.\n",
    ),
    ("Same text.", "Same text."),
]


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail(
            "Node.js is needed to check that the compare view matches the build's redlines. "
            "Install it (for example `apt-get install nodejs`) and run the tests again."
        )
    return found


@pytest.fixture(scope="module")
def browser_redline() -> Iterator[Callable[[dict], dict]]:
    """Ask redline.js, running in one Node process for the whole module, for an answer."""
    process = subprocess.Popen(
        [node(), str(HARNESS)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8"
    )

    def ask(request: dict) -> dict:
        process.stdin.write(json.dumps({**request, "labels": LABELS}) + "\n")
        process.stdin.flush()
        reply = json.loads(process.stdout.readline())
        assert "error" not in reply, reply["error"]
        return reply

    yield ask
    process.stdin.close()
    process.wait(timeout=10)


def archived_page(markup: str) -> str:
    """A version's page as the site lays it out: its text in marked pieces, a version line between
    (content.html), amid the theme's own markup, which holds comments and ids of its own."""
    body = views.Body.of(markup)
    heading = body.heading or "<h1>Privacy Statement</h1>"
    return (f'<!doctype html><html><head><title>T</title></head><body><nav id="nav"><!-- nav --><a href="/">Home'
            f'</a></nav><article>{heading}<p class="pp-version-line">Version 2024-01-01</p>{body.rest}</article>'
            f"</body></html>")


def as_the_compare_view_reads_it(markup: str) -> dict:
    # The JSON goes through a real round trip, as it does between the build and the browser.
    return {"data": json.loads(published_data(parse_body(markup), "/s/versions/2024-01-01/", text_markers(markup))),
            "page": archived_page(markup)}


def assert_same_redline_of_html(ask: Callable[[dict], dict], old: str, new: str) -> None:
    expected = redline(old, new)

    answer = ask({"pages": {"old": as_the_compare_view_reads_it(old), "new": as_the_compare_view_reads_it(new)}})

    # The browser's parser makes the blocks the build's makes, from the text in the page.
    for markup, body in zip((old, new), answer["bodies"], strict=True):
        parsed = json.loads(body_data(parse_body(markup)))
        assert body["blocks"] == parsed["blocks"]
        assert sorted(body["ids"]) == parsed["ids"]
    assert answer["html"] == expected.html
    assert answer["count"] == expected.count
    # The compare view lists the changes by section as a changes page does.
    assert answer["changes"] == [
        {"anchor": change.anchor, "section_id": change.section_id, "section_title": change.section_title}
        for change in expected.changes
    ]


def assert_same_redline(ask: Callable[[dict], dict], old_markdown: str, new_markdown: str) -> None:
    assert_same_redline_of_html(ask, render(old_markdown), render(new_markdown))


@pytest.mark.parametrize(("old", "new"), SCENARIOS)
def test_the_browser_renders_the_same_redline_as_the_build(browser_redline, old, new):
    assert_same_redline(browser_redline, old, new)


@settings(max_examples=50, derandomize=True, deadline=None)
@given(edited_documents())
def test_the_browser_agrees_with_the_build_on_any_edit(browser_redline, documents):
    assert_same_redline(browser_redline, *documents)


# Long statements: edits past the pairing window, rewrites near the similarity threshold, and
# ordered lists that start anywhere. Written as HTML, so that lists can carry any start.

WORDS = (
    "we you data share keep the of rights account email name country service partners cookies "
    "consent law request delete access store period years months security transfer purpose "
    "provider device address payment R&amp;D café a&lt;b"
).split()
FRESH = [f"new{number}" for number in range(40)]
"""Words a rewrite brings in: never in the old version, so a rewrite's similarity is about what it kept."""


def variants(words: list[str]) -> list[str]:
    """Each word plain (most often), with punctuation, emphasised or linked: drawn in one step."""
    plain = [text + mark for text in words for mark in ("", "", "", ",", ".")]
    styled = [f"<em>{text}</em>" for text in words] + [
        f'<a href="https://example.org/{target}">{text}</a>' for text in words for target in "ab"
    ]
    return plain + styled


OLD_WORD = st.sampled_from(variants(WORDS))
NEW_WORD = st.sampled_from(variants(FRESH))


def sentence(min_size: int = 3, max_size: int = 14):
    return st.lists(OLD_WORD, min_size=min_size, max_size=max_size)


START = st.sampled_from([None, None, "1", "3", "10", "-2", "0", "x"])
SECTION_ID = st.sampled_from(["intro", "rights", "cookies", "change-2"])
"""Headings' ids: some repeat, and one looks like a change anchor."""


def long_blocks():
    """A block as [kind, attribute, slot…]: the attribute is a list's start or a heading's id, and
    each slot is a list of words an edit can touch."""
    return st.one_of(
        st.tuples(st.just("p"), st.none(), sentence()).map(list),
        st.tuples(st.just("p"), st.none(), sentence()).map(list),
        st.tuples(st.just("h2"), SECTION_ID, sentence(1, 4)).map(list),
        st.tuples(st.just("ol"), START, st.lists(sentence(1, 6), min_size=1, max_size=5))
        .map(lambda t: [t[0], t[1], *t[2]]),
        st.tuples(st.just("ul"), st.none(), st.lists(sentence(1, 6), min_size=1, max_size=4))
        .map(lambda t: [t[0], t[1], *t[2]]),
        st.tuples(st.just("table"), st.none(), st.lists(sentence(1, 3), min_size=4, max_size=4))
        .map(lambda t: [t[0], t[1], *t[2]]),
        st.just(["hr", None]),
    )


def to_html(document: list[list]) -> str:
    parts = []
    for kind, attribute, *slots in document:
        texts = [" ".join(slot) for slot in slots]
        if kind == "p":
            parts.append(f"<p>{texts[0]}</p>")
        elif kind == "h2":
            parts.append(f'<h2 id="{attribute}">{texts[0]}</h2>')
        elif kind in ("ol", "ul"):
            start = f' start="{attribute}"' if attribute is not None else ""
            parts.append(f"<{kind}{start}>\n" + "".join(f"<li>{text}</li>\n" for text in texts) + f"</{kind}>")
        elif kind == "table":
            rows = [texts[0:2], texts[2:4]]
            cells = ["<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows]
            parts.append("<table>\n<tbody>\n" + "\n".join(cells) + "\n</tbody>\n</table>")
        else:
            parts.append("<hr />")
    return "\n".join(parts) + "\n"


@st.composite
def rewritten(draw, slot: list[str]) -> list[str]:
    """The words with about half of them kept, in order: similarity close to SIMILARITY, either side."""
    keep = draw(st.integers(round(0.3 * len(slot)), round(0.7 * len(slot))))
    kept = set(draw(st.permutations(range(len(slot))))[:keep])
    return [item if index in kept else draw(NEW_WORD) for index, item in enumerate(slot)]


@st.composite
def long_edited_documents(draw) -> tuple[str, str]:
    """A statement of 24 to 40 blocks and the same after edits that reach past the pairing window."""
    old = draw(st.lists(long_blocks(), min_size=24, max_size=40))
    new = [[kind, attribute, *[list(slot) for slot in slots]] for kind, attribute, *slots in old]
    for _ in range(draw(st.integers(1, 8))):
        kinds = ["rewrite", "rewrite", "word", "insert run", "insert run", "drop run", "move", "restart"]
        action = draw(st.sampled_from(kinds))
        at = draw(st.integers(0, len(new) - 1))
        block = new[at]
        slots = block[2:]
        if action == "rewrite" and slots:
            index = draw(st.integers(0, len(slots) - 1))
            slots[index][:] = draw(rewritten(slots[index]))
        elif action == "word" and slots:
            slot = draw(st.sampled_from(slots))
            slot.insert(draw(st.integers(0, len(slot))), draw(NEW_WORD))
        elif action == "insert run":
            # New blocks before an edited one, enough that it may be out of the pairing window.
            count = draw(st.sampled_from([1, 4, 7, 8, 9, PAIRING_WINDOW - 1, PAIRING_WINDOW, PAIRING_WINDOW + 4]))
            new[at:at] = draw(st.lists(long_blocks(), min_size=count, max_size=count))
            if slots:
                slot = draw(st.sampled_from(slots))
                slot.insert(draw(st.integers(0, len(slot))), draw(NEW_WORD))
        elif action == "drop run" and len(new) > 6:
            del new[at : at + draw(st.integers(1, 5))]
        elif action == "move":
            moved = new.pop(at)
            new.insert(draw(st.integers(0, len(new))), moved)
        elif action == "restart" and block[0] == "ol":
            block[1] = draw(START)
    return to_html(old), to_html(new)


@settings(max_examples=40, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(long_edited_documents())
def test_the_browser_agrees_with_the_build_on_long_statements(browser_redline, documents):
    assert_same_redline_of_html(browser_redline, *documents)


# Markup as no Markdown writes it, which the browser must still read as the build does: stray end
# tags, unclosed elements, comments and declarations, character references in text and attributes
# (named, numeric, unterminated, unknown), void elements, nested lists and tables, <pre>, case.

FRAGMENTS = st.sampled_from([
    "<p>", "</p>", "<P CLASS='x'>", "<li>", "</li>", "<ul>", "</ul>", "<ol start=\"3\">", "</ol>", "<table>",
    "<tr>", "<td>", "</td>", "</tr>", "</table>", "<div>", "</div>", "<pre>", "</pre>", "<h2 id=\"a\">", "</h2>",
    "<em>", "</em>", "</b>", "<strong>", "</strong>", "<a href=\"/x?a=1&amp;b=2\" title='&quot;t&quot;'>", "</a>",
    '<a class="headerlink" href="#a">&para;</a>', "<br>", "<br />", "<img src=x alt=\"&lt;y&gt;\"/>", "<hr>",
    "<span id=change-1>", "</span>", "<!-- note -->", "<!-- <p>hidden</p> -->", "<!DOCTYPE html>", "<?pi?>",
    "&amp;", "&lt;", "&copy;", "&copy", "&#169;", "&#xA9;", "&#0;", "&nosuch;", "&rsquo;", "&ampx;", "&",
    "<", ">", "\"", " ", "  ", "\n", "\t", "\u00a0", "word", "word ", "data", "Caf\u00e9", "\U0001F600",
    # Python's whitespace is not JavaScript's: \x1c and \x85 are space only to Python, \ufeff only to JavaScript.
    "<p\x85id=n\x1c>", "<em\ufeff>", '<a class="x\x1cheaderlink">', "\x85", "\ufeff",
])


@settings(max_examples=150, derandomize=True, deadline=None)
@given(st.lists(FRAGMENTS, max_size=40), st.lists(FRAGMENTS, max_size=40))
def test_the_browser_reads_any_markup_as_the_build_does(browser_redline, old, new):
    assert_same_redline_of_html(browser_redline, "".join(old), "".join(old + new))


@settings(max_examples=100, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from("abcd"), max_size=30), st.lists(st.sampled_from("abcd"), max_size=30))
def test_the_browser_matches_sequences_as_difflib_does(browser_redline, a, b):
    expected = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()

    assert browser_redline({"a": a, "b": b})["blocks"] == [list(block) for block in expected]


@st.composite
def sequences_with_anchors(draw) -> tuple[list[str], list[str]]:
    """Two sequences of common elements (a, b …) and of elements each holds once or twice, some
    in both: anchors, gaps between them, and elements only one side holds once."""
    element = st.one_of(st.sampled_from("abc"), st.integers(0, 12).map(str))
    return draw(st.lists(element, max_size=40)), draw(st.lists(element, max_size=40))


@settings(max_examples=150, derandomize=True, deadline=None)
@given(sequences_with_anchors())
def test_the_browser_anchors_and_matches_as_the_build_does(browser_redline, sequences):
    expected = _matching_blocks(*sequences)

    assert browser_redline({"matching": sequences})["blocks"] == [list(block) for block in expected]


# One source for what both sides must agree on


def test_the_browser_reads_the_tunables_and_markers_from_the_redline_json():
    text = "<p>R&amp;D &copy; 2024.</p>"
    published = json.loads(published_data(parse_body(text), "/s/versions/2024-01-01/", text_markers(text)))

    assert published == {"format": DATA_FORMAT, "tunables": json.loads(json.dumps(PUBLISHED)),
                         "text": "/s/versions/2024-01-01/", "markers": list(text_markers(text)),
                         "references": {"&amp;": "&", "&copy;": "\u00a9"}}


def test_a_text_holding_marker_comments_of_its_own_is_read_whole(browser_redline):
    # An editor may paste any comment into a text, another text's markers included: each text's
    # markers carry its own digest, so none can stand inside it.
    other = "<p>Other words.</p>"
    forged = "".join(text_markers(other))
    old = f"<h1>Statement</h1><p>Kept words here.</p><!-- pp-text --><p>More {forged} words.</p><!-- /pp-text -->"
    new = f"<h1>Statement</h1><p>Kept words there.</p><!-- pp-text --><p>More {forged} words.</p><!-- /pp-text -->"

    assert_same_redline_of_html(browser_redline, old, new)


def test_a_page_with_another_builds_text_is_not_redlined(browser_redline):
    """A reference the redline.json does not list, or a page without marked text, is a stale copy."""
    current = as_the_compare_view_reads_it("<p>Plain words.</p>")
    edited = {**current, "page": archived_page("<p>Plain &copy; words.</p>")}
    unmarked = {**current, "page": "<html><p>Plain words.</p></html>"}

    for stale in (edited, unmarked):
        with pytest.raises(AssertionError, match="compare_stale"):
            browser_redline({"pages": {"old": stale, "new": current}})


def test_the_names_the_browser_keeps_are_the_builds(browser_redline):
    shared = browser_redline({"shared": True})

    assert shared == {
        "dataFormat": DATA_FORMAT,
        "blockTags": sorted(BLOCK_TAGS),
        "voidTags": sorted(VOID_TAGS),
        "headings": sorted(HEADINGS, key=lambda name: int(name[1])),
        "cells": ["td", "th"],
        "marks": {status.value: mark for status, mark in _MARKS.items()},
        "blockClasses": {status.value: name for status, name in _BLOCK_CLASSES.items()},
        "linkChanged": LINK_CHANGED,
        "linkNote": LINK_NOTE,
        "linkNoteSeparator": LINK_NOTE_SEPARATOR,
    }
    assert set(shared["cells"]) == CELLS


def test_the_shared_cases_give_the_expected_redline_in_the_browser_alone():
    """``node --test`` on tests/js/: the cases of tests/redline_cases/ through redline.js only."""
    files = sorted(str(path) for path in JS_TESTS.glob("*.test.mjs"))
    run = subprocess.run([node(), "--test", *files], capture_output=True, text=True, encoding="utf-8", timeout=120)

    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
