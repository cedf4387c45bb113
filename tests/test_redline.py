"""The redline: an editor changes the statement and readers see exactly what changed."""

from __future__ import annotations

import json
import re
import weakref
import xml.etree.ElementTree as ET
from dataclasses import asdict
from difflib import SequenceMatcher
from html import unescape
from html.parser import HTMLParser
from unittest.mock import patch

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redline_cases.make_cases import CASES, FILES, FOLDER, case_files, committed_cases

from policypress.redline import Parser, Redline, Status, compare, parse_body, redline
from policypress.redline.alignment import _anchors, _gap_matches
from policypress.redline.body import escape_attr
from policypress.redline.rendering import _Renderer
from policypress.terminal import format_for_terminal

_MARKDOWN = markdown.Markdown(extensions=["toc", "tables", "attr_list"], extension_configs={"toc": {"permalink": True}})


def render(source: str) -> str:
    """Markdown as the site renders a version's body."""
    return _MARKDOWN.reset().convert(source)


def redline_of(old: str, new: str) -> Redline:
    return redline(render(old), render(new))


# Reading a redline the way a reader of each version would


class _Side(HTMLParser):
    """The redline seen from one version: the other version's marks and blocks left out."""

    def __init__(self, dropped_mark: str, dropped_block: str):
        super().__init__(convert_charrefs=False)
        self.dropped_mark, self.dropped_block = dropped_mark, dropped_block
        self.out: list[str] = []
        self.skipping: list[str] = []
        """Elements open inside something left out."""
        self.spans: list[bool] = []
        """For each open <span>, whether it is a link change's mark."""

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        left_out = {self.dropped_block, "pp-sr", "pp-link-note"}
        if self.skipping or tag == self.dropped_mark or classes & left_out:
            if tag not in ("br", "img", "hr"):
                self.skipping.append(tag)
        elif tag == "span":
            # A link change's mark is left out like a <del> or <ins>, its words kept.
            self.spans.append("pp-link-changed" in classes)
            if not self.spans[-1]:
                self.out.append(self.get_starttag_text())
        elif tag not in ("del", "ins"):
            self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        if not self.skipping and "pp-block" not in (dict(attrs).get("class") or ""):
            self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.skipping:
            self.skipping.pop()
        elif tag == "span":
            if not self.spans.pop():
                self.out.append("</span>")
        elif tag not in ("del", "ins"):
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")


_LINK_CHANGE = re.compile(r'(<span class="pp-link-changed[^>]*>)(.*?)(<span class="pp-link-note"> \((.*?)\)</span>)')
_LINK_MOVE = re.compile(r"link changed from (.*?) to (.*?)(?:; |$)")


def _old_links(change: re.Match) -> str:
    """A link change with its links' old addresses, which its note gives in order, one per link."""
    moves = iter(_LINK_MOVE.findall(unescape(change[4])))
    links = re.sub(r'<a href="[^"]*"', lambda _: f'<a href="{escape_attr(next(moves)[0])}"', change[2])
    return change[1] + links + change[3]


def old_side(result: Redline) -> str:
    side = _Side("ins", "pp-block-ins")
    side.feed(_LINK_CHANGE.sub(_old_links, result.html))
    return "".join(side.out)


def new_side(result: Redline) -> str:
    side = _Side("del", "pp-block-del")
    side.feed(result.html)
    return "".join(side.out)


def leaves(html: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each leaf block's tag and tokens (words with their formatting and link targets)."""
    found = []

    def walk(blocks):
        for block in blocks:
            if block.children is None:
                found.append((block.tag, block.keys))
            else:
                walk(block.children)

    walk(parse_body(html).blocks)
    return found


def words(html: str) -> list[str]:
    """The words a reader sees, without the heading permalinks."""
    html = re.sub(r'<a class="headerlink".*?</a>', "", html)
    return unescape(re.sub(r"<[^>]+>", " ", html)).split()


class _Marks(HTMLParser):
    """Every <del> and <ins> of a redline: its attributes and the text a reader sees in it."""

    def __init__(self):
        super().__init__()
        self.marks: list[tuple[str, dict, list[str]]] = []
        self.open: list[tuple[str, dict, list[str]]] = []
        self.labels: list[str] = []
        self.in_label = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("del", "ins"):
            self.open.append((tag, dict(attrs), []))
        if tag == "span" and dict(attrs).get("class") == "pp-sr":
            self.in_label += 1

    def handle_endtag(self, tag):
        if tag in ("del", "ins"):
            self.marks.append(self.open.pop())
        if tag == "span" and self.in_label:
            self.in_label -= 1

    def handle_data(self, data):
        if self.in_label:
            self.labels.append(data)
        elif self.open:
            self.open[-1][2].append(data)


def marks(result: Redline) -> list[tuple[str, str]]:
    """(del or ins, the words in it) for every mark, in order."""
    parser = _Marks()
    parser.feed(result.html)
    return [(tag, " ".join("".join(text).split())) for tag, _, text in parser.marks]


def assert_well_formed(html: str) -> None:
    """Balanced tags, no duplicate ids: the redline parses as XML."""
    root = ET.fromstring(f"<root>{html}</root>")
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids)), ids


LONG_PARAGRAPH = (
    "We collect the personal data you give us when you create an account, such as your name, "
    "your email address and your country, and we keep it for as long as your account is open "
    "so that we can provide the service you asked for."
)


# Scenarios an editor would recognise


def test_one_word_changed_in_a_long_paragraph_shows_one_word():
    result = redline_of(LONG_PARAGRAPH, LONG_PARAGRAPH.replace("country", "region"))

    assert marks(result) == [("del", "country,"), ("ins", "region,")]
    assert result.count == 1
    assert (result.changes[0].deleted, result.changes[0].inserted) == ("country,", "region,")


def test_a_new_list_item_shows_as_an_inserted_item():
    old = "We share data with:\n\n- payment providers\n- auditors\n"
    new = "We share data with:\n\n- payment providers\n- hosting providers\n- auditors\n"

    result = redline_of(old, new)

    inserted = '<li class="pp-block-ins"><ins class="pp-change" id="change-1" tabindex="-1">'
    assert inserted in result.html
    assert marks(result) == [("ins", "hosting providers")]
    assert '<li class="pp-unchanged">payment providers</li>' in result.html


def test_a_removed_section_shows_its_heading_and_paragraphs_deleted_as_one_change():
    old = (
        "## Cookies\n\nWe use cookies.\n\n## Marketing\n\nWe send newsletters.\n\n"
        "You can unsubscribe at any time.\n\n## Contact\n\nWrite to us.\n"
    )
    new = "## Cookies\n\nWe use cookies.\n\n## Contact\n\nWrite to us.\n"

    result = redline_of(old, new)

    assert '<h2 class="pp-block-del pp-context">' in result.html
    assert result.html.count('<p class="pp-block-del">') == 2
    assert marks(result) == [
        ("del", "Marketing"),
        ("del", "We send newsletters."),
        ("del", "You can unsubscribe at any time."),
    ]
    assert result.count == 1
    assert result.changes[0].deleted == "Marketing We send newsletters. You can unsubscribe at any time."
    assert 'id="marketing"' not in result.html, "a deleted heading's id could clash with the new text's"


def test_a_link_whose_target_changed_is_marked_once_with_both_addresses():
    old = "Read our [cookie policy](https://example.org/cookies) first."
    new = "Read our [cookie policy](https://example.org/cookie-policy) first."

    result = redline_of(old, new)

    assert marks(result) == [], "the same words must not show deleted and inserted"
    assert (
        '<span class="pp-link-changed pp-change" id="change-1" tabindex="-1">'
        '<a href="https://example.org/cookie-policy">cookie policy</a>'
        '<span class="pp-link-note"> (link changed from https://example.org/cookies'
        " to https://example.org/cookie-policy)</span></span>"
    ) in result.html
    assert result.count == 1


def test_a_link_whose_words_changed_with_its_address_shows_deleted_and_inserted():
    old = "Read our [cookie policy](https://example.org/cookies) first."
    new = "Read our [cookie notice](https://example.org/cookie-notice) first."

    result = redline_of(old, new)

    assert marks(result) == [("del", "cookie policy"), ("ins", "cookie notice")]
    assert "pp-link-changed" not in result.html


def test_a_table_cell_edit_marks_only_that_cells_word():
    table = "| Data | Kept for |\n|---|---|\n| Invoices | 10 years |\n| Logs | 30 days |\n"

    result = redline_of(table, table.replace("30 days", "90 days"))

    assert marks(result) == [("del", "30"), ("ins", "90")]
    assert "<td>Logs</td>" in result.html
    assert '<tr class="pp-unchanged">' in result.html, "the invoices row did not change"
    assert '<thead class="pp-unchanged pp-context">' in result.html


def test_identical_versions_have_no_changes():
    source = f"# Privacy Statement\n\n{LONG_PARAGRAPH}\n\n- one\n- two\n"

    result = redline_of(source, source)

    assert result.is_empty
    assert result.count == 0
    assert "<del" not in result.html and "<ins" not in result.html


def test_rewrapped_lines_are_not_a_change():
    assert redline_of(LONG_PARAGRAPH, LONG_PARAGRAPH.replace(" such as", "\nsuch as")).is_empty


def test_changes_name_the_section_they_are_in():
    old = "# Privacy Statement\n\nIntro.\n\n## Cookies {#cookies}\n\nWe use cookies.\n\n## Your rights\n\nAsk us.\n"
    new = old.replace("We use cookies.", "We use few cookies.").replace("Ask us.", "Write to us.")

    result = redline_of(old, new)

    assert [(c.section_id, c.section_title) for c in result.changes] == [
        ("cookies", "Cookies"),
        ("your-rights", "Your rights"),
    ]
    assert [c.anchor for c in result.changes] == ["change-1", "change-2"]


def test_a_paragraph_rewritten_entirely_is_shown_deleted_then_inserted():
    result = redline_of("Alpha beta gamma delta.", "Something else altogether now.")

    assert '<p class="pp-block-del">' in result.html and '<p class="pp-block-ins">' in result.html
    assert result.count == 1


def test_formatting_survives_a_change_that_spans_it():
    result = redline_of("We **never sell** your data.", "We **rarely share** your data.")

    assert_well_formed(result.html)
    assert "<strong><del" in result.html and "<ins><span" in result.html
    assert words(old_side(result)) == words(render("We **never sell** your data."))


def test_every_mark_is_announced_to_screen_readers():
    result = redline_of(
        "Intro text here.\n\n- a\n- b\n",
        "Intro text there.\n\n- a\n- b\n- c\n\n---\n\nNew closing paragraph.",
    )

    parser = _Marks()
    parser.feed(result.html)
    assert len(parser.labels) == len(parser.marks) > 0
    assert set(parser.labels) == {"deleted: ", "inserted: "}
    assert not re.findall(r'<(?:del|ins)\b[^>]*>(?!<span class="pp-sr">)', result.html)
    assert result.html.count('tabindex="-1"') == result.count


def test_change_anchors_never_clash_with_heading_ids():
    old = "## Change 1\n\nText.\n"
    new = "## Change 1\n\nText, edited.\n"

    result = redline_of(old, new)

    assert result.changes[0].anchor == "pp-change-1"
    assert_well_formed(result.html)


def test_an_edited_ordered_list_keeps_its_numbers():
    old = "1. Access\n2. Erasure\n3. Objection\n"
    new = "1. Access\n2. Objection\n3. Portability\n"

    result = redline_of(old, new)

    assert '<li class="pp-unchanged" value="1">Access</li>' in result.html
    assert '<li class="pp-block-del" value="2">' in result.html
    assert '<li class="pp-unchanged" value="2">Objection</li>' in result.html
    assert '<li class="pp-block-ins" value="3">' in result.html


def test_the_terminal_shows_the_same_words_with_plain_marks():
    old = "# Statement\n\nWe collect data.\n\n- email\n- name\n"
    new = "# Statement\n\nWe gather data.\n\n- email\n- name\n- address\n"

    text = format_for_terminal(redline_of(old, new), color=False)

    assert text == "# Statement\n\nWe [-collect-]{+gather+} data.\n\n- email\n- name\n- {+address+}"


def test_the_terminal_marks_with_colour_when_asked():
    text = format_for_terminal(redline_of("We collect data.", "We gather data."), color=True)

    assert text == "We \x1b[9;31mcollect\x1b[0m\x1b[4;32mgather\x1b[0m data."


# Any edit: each side of the redline is exactly its version

VOCABULARY = ["data", "we", "you", "share", "keep", "the", "of", "R&D", "café", "a<b", "rights"]
PUNCTUATION = ["", "", "", ",", ".", ";", ":", "?"]


def _styled(word: str, style: str) -> str:
    if style == "em":
        return f"*{word}*"
    if style == "strong":
        return f"**{word}**"
    if style == "code":
        return f"`{word}`"
    if style.startswith("link"):
        return f"[{word}](https://example.org/{style[-1]})"
    return word


# Words plain six times in ten, emphasised, strong, code or a link (to one of three addresses) once.
STYLES = ["plain"] * 18 + ["em"] * 3 + ["strong"] * 3 + ["code"] * 3 + ["link a", "link b", "link c"]

# Each strategy is made once: Hypothesis validates a new strategy object on its first draw, which
# took a third of these tests' time when every draw made its own.
INLINE_ITEMS = st.sampled_from([_styled(word + mark, style)
                                 for word in VOCABULARY for mark in PUNCTUATION for style in STYLES])
"""A word, maybe with punctuation, maybe styled: one draw (a composite of four took most of the time)."""
TEXTS = st.lists(INLINE_ITEMS, min_size=1, max_size=8)
TABLE_ROWS = {
    columns: st.lists(st.lists(TEXTS, min_size=columns, max_size=columns), min_size=2, max_size=4)
    for columns in (1, 2, 3)
}
BLOCKS = st.one_of(
    st.tuples(st.sampled_from(["h2", "h3"]), TEXTS).map(list),
    st.tuples(st.just("p"), TEXTS).map(list),
    st.tuples(st.sampled_from(["ul", "ol"]), st.lists(TEXTS, min_size=1, max_size=4)).map(
        lambda t: [t[0], *t[1]]
    ),
    st.sampled_from([1, 2, 3])
    .flatmap(TABLE_ROWS.__getitem__)
    .map(lambda rows: ["table", *[cell for row in rows for cell in row], len(rows[0])]),
)
"""A block as [kind, slots…]: every slot is a list of inline items an edit can touch."""


def to_markdown(document: list[list]) -> str:
    parts = []
    for kind, *slots in document:
        if kind in ("h2", "h3"):
            parts.append("#" * int(kind[1]) + " " + " ".join(slots[0]))
        elif kind == "p":
            parts.append(" ".join(slots[0]) or "&nbsp;")
        elif kind in ("ul", "ol"):
            bullet = "-" if kind == "ul" else "1."
            parts.append("\n".join(f"{bullet} {' '.join(item)}" for item in slots))
        else:
            *cells, columns = slots
            rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
            lines = ["| " + " | ".join(" ".join(cell) for cell in row) + " |" for row in rows]
            parts.append("\n".join([lines[0], "|" + "---|" * columns, *lines[1:]]))
    return "\n\n".join(parts) + "\n"


@st.composite
def edited_documents(draw) -> tuple[str, str]:
    """A statement and the same statement after a few edits of words, blocks and links."""
    old = draw(st.lists(BLOCKS, min_size=1, max_size=6))
    new = [[block[0], *[list(slot) if isinstance(slot, list) else slot for slot in block[1:]]] for block in old]
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["insert", "delete", "replace", "relink", "add block", "drop block"]))
        if action == "add block":
            new.insert(draw(st.integers(0, len(new))), draw(BLOCKS))
            continue
        if action == "drop block":
            if len(new) > 1:
                new.pop(draw(st.integers(0, len(new) - 1)))
            continue
        block = draw(st.sampled_from(new))
        slot = draw(st.sampled_from([s for s in block[1:] if isinstance(s, list)]))
        if action == "insert":
            slot.insert(draw(st.integers(0, len(slot))), draw(INLINE_ITEMS))
        elif slot and action == "delete" and (len(slot) > 1 or block[0] not in ("h2", "h3")):
            slot.pop(draw(st.integers(0, len(slot) - 1)))
        elif slot and action == "replace":
            slot[draw(st.integers(0, len(slot) - 1))] = draw(INLINE_ITEMS)
        elif action == "relink":
            links = [i for i, item in enumerate(slot) if "](https://" in item]
            if links:
                at = draw(st.sampled_from(links))
                slot[at] = re.sub(r"\(https://example.org/\w+\)", "(https://example.org/moved)", slot[at])
    return to_markdown(old), to_markdown(new)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_documents())
def test_each_side_of_the_redline_is_exactly_its_version(documents):
    old, new = (render(source) for source in documents)

    result = redline(old, new)

    assert_well_formed(result.html)
    assert leaves(old_side(result)) == leaves(old)
    assert leaves(new_side(result)) == leaves(new)
    assert words(old_side(result)) == words(old)
    assert words(new_side(result)) == words(new)
    assert result.is_empty == (leaves(old) == leaves(new))


# The shortcuts a long history relies on give exactly what the long way gives

TRICKY_MARKUP = [
    "<div><p>closed by its parent</div><p>after</p>",
    "<p>stray </span>end tag</p><p>stray </span>end tag</p>",
    "<ul><li>open item<li>second</ul><p>text <em>unclosed</p>",
    "<p id=a>same</p><div><p id=a>same</p></div>",
    "loose <em>inline</em> text<p>block</p> and more <br> text",
    "<table><tr><td>a<td>b</tr></table><p>x &amp; y</p><!-- <p>not a block</p> -->",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_documents(), st.lists(st.sampled_from(TRICKY_MARKUP), max_size=3))
def test_a_parser_shared_by_versions_reads_each_version_as_a_parser_of_its_own(documents, extra):
    old, new = (render(source) + "".join(extra) for source in documents)
    shared = Parser()
    shared.body(old)

    assert shared.body(new) == Parser().body(new)
    assert shared.body("".join(reversed(extra)) + old) == Parser().body("".join(reversed(extra)) + old)


def test_blocks_a_version_shares_with_the_last_are_parsed_once():
    old = render("# Title\n\nKept paragraph.\n\nEdited paragraph.\n")
    new = render("# Title\n\nKept paragraph.\n\nEdited paragraph, now longer.\n")
    parser = Parser()
    before, after = parser.body(old), parser.body(new)

    assert before.blocks[1] is after.blocks[1]
    assert before.blocks[2] is not after.blocks[2]


def _the_long_way(renderer, block):
    renderer.whole(block, Status.UNCHANGED, True)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_documents(), st.lists(st.sampled_from(TRICKY_MARKUP), max_size=3))
def test_unchanged_blocks_are_written_as_the_long_way_writes_them(documents, extra):
    old, new = (render(source) + "".join(extra) for source in documents)
    parser = Parser()
    old_body, new_body = parser.body(old), parser.body(new)

    quick = compare(old_body, new_body)
    with patch.object(_Renderer, "unchanged", _the_long_way):
        slow = compare(old_body, new_body)

    assert quick.html == slow.html
    assert quick.changes == slow.changes


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_documents())
def test_leaves_of_words_alone_are_written_as_inline_writes_them(documents):
    parser = Parser()
    old_body, new_body = (parser.body(render(source)) for source in documents)

    quick = compare(old_body, new_body)
    with patch.object(_Renderer, "words", _Renderer.inline):
        slow = compare(old_body, new_body)

    assert quick.html == slow.html
    assert quick.changes == slow.changes


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("abcdef"), max_size=12), st.lists(st.sampled_from("abcdefgh"), max_size=12))
def test_gaps_between_anchors_are_matched_as_difflib_matches_them(old, new):
    expected = SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()[:-1]

    assert _gap_matches(old, new, 0, len(old), 0, len(new)) == expected


def test_anchors_are_the_longest_chain_of_words_found_once_on_each_side():
    old = "the a b the c d e".split()
    new = "c the b x the d e a".split()
    # Found once on each side: a, b, c, d, e; in the same order at most three of them (b d e or c d e).

    assert [old[i] for i, _ in _anchors(old, new, 0, len(old), 0, len(new))] == ["c", "d", "e"]


def test_a_block_kept_through_a_history_is_rendered_unchanged_once():
    parser = Parser()
    versions = [parser.body(render(f"Kept paragraph.\n\nVersion {number}.\n")) for number in range(3)]
    kept = versions[0].blocks[0]

    with patch.object(_Renderer, "whole", autospec=True, side_effect=_Renderer.whole) as whole:
        compare(versions[0], versions[1])
        compare(versions[1], versions[2])

    assert sum(call.args[1] is kept for call in whole.call_args_list) == 1


def test_an_unchanged_block_never_repeats_an_id_written_before_it():
    old = '<h2 id="rights">Rights</h2><p>Old text.</p><p id="rights">Same paragraph.</p>'
    new = '<h2 id="rights">Rights</h2><p>New text.</p><p id="rights">Same paragraph.</p>'

    html = redline(old, new).html

    assert html.count('id="rights"') == 1
    assert "Same paragraph." in html


def test_a_parser_lets_go_of_blocks_the_last_version_no_longer_has():
    parser = Parser()
    first = parser.body(render("Kept paragraph.\n\nA paragraph only the first version has.\n"))
    dropped = weakref.ref(first.blocks[1])
    for number in range(3):
        parser.body(render(f"Kept paragraph.\n\nVersion {number}.\n"))
    kept = first.blocks[0]
    del first

    assert dropped() is None  # a long history must not hold every block it ever parsed
    assert parser.body(render("Kept paragraph.\n")).blocks[0] is kept


# The shared cases of tests/redline_cases/, which redline.js runs too (tests/js/redline_cases.test.mjs)


@pytest.mark.parametrize("folder", committed_cases(), ids=lambda folder: folder.name)
def test_the_shared_cases_give_the_expected_redline(folder):
    expected = json.loads((folder / "expected.json").read_text("utf-8"))

    result = redline((folder / "old.html").read_text("utf-8"), (folder / "new.html").read_text("utf-8"))

    assert result.html == (folder / "expected.html").read_text("utf-8"), expected["about"]
    assert result.count == expected["count"]
    assert [asdict(change) for change in result.changes] == expected["changes"]


def test_the_shared_cases_are_as_make_cases_writes_them():
    to_fix = "To fix: run `python3 tests/redline_cases/make_cases.py` and review the diff."
    assert [folder.name for folder in committed_cases()] == sorted(case.name for case in CASES), to_fix
    for case in CASES:
        written = {name: (FOLDER / case.name / name).read_bytes().decode("utf-8") for name in FILES}
        assert written == case_files(case), f"tests/redline_cases/{case.name}/ is out of date. {to_fix}"
