"""Conformance cases for the redline, run by both of its implementations.

Each folder here is one case: ``old.html`` and ``new.html`` (two versions' bodies as the site
renders them), ``old.json`` and ``new.json`` (their bodies as ``body_data`` writes them: the
blocks redline.js's parser must make of the HTML, with the tunables and character references a
version's ``redline.json`` carries), ``expected.html`` (the redline) and ``expected.json`` (what
the case is about, the change count and the changes).

- ``tests/test_redline.py`` runs ``old.html`` and ``new.html`` through ``policypress.redline``;
- ``tests/js/redline_cases.test.mjs`` runs ``old.json`` and ``new.json`` through ``redline.js``,
  without Python (``node --test tests/js/``), and parses ``old.html`` and ``new.html`` there into
  the blocks of ``old.json`` and ``new.json``;

and both must give ``expected.html`` and the count. This script writes every folder from
``CASES``, the expectations with ``policypress.redline``: run it after adding or changing a case
or changing the redline, then read the diff of ``expected.html`` before committing it.

    python3 tests/redline_cases/make_cases.py

``tests/test_redline.py`` fails while a committed file is not what this script writes.
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import asdict
from pathlib import Path
from typing import NamedTuple

from policypress.redline import body_data, parse_body, redline
from policypress.redline.tunables import KEPT_RUN, KEPT_SHARE, PAIRING_WINDOW, SIMILARITY, SLIVER

FOLDER = Path(__file__).resolve().parent
FILES = ("old.html", "new.html", "old.json", "new.json", "expected.html", "expected.json")


class Case(NamedTuple):
    name: str
    """The folder's name."""
    about: str
    """What the case checks, and what the redline should do."""
    old: str
    new: str


# Building blocks: distinct words, so that a case's similarity is exactly what it says

KEPT = (
    "we collect your name email address and country whenever you open an account so our support "
    "service can reach out"
).split()
"""Twenty distinct words, all different from ``OTHER``."""

OTHER = (
    "partners receive pseudonymous statistics monthly through encrypted channels under strict "
    "contracts which forbid resale profiling tracking retention beyond ninety days"
).split()
"""Twenty more distinct words."""

assert len(set(KEPT)) == len(set(OTHER)) == 20 and not set(KEPT) & set(OTHER)
assert SIMILARITY == 0.5, "The similarity cases below count words for a threshold of 0.5: count them again."
assert (KEPT_RUN, KEPT_SHARE, SLIVER) == (6, 0.25, 3), "The kept-run and sliver cases below count words: count again."


def p(words: list[str] | str) -> str:
    return f"<p>{words if isinstance(words, str) else ' '.join(words)}</p>\n"


def h2(title: str, anchor: str) -> str:
    """A heading as the toc extension writes it, permalink included."""
    link = f'<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a>'
    return f'<h2 id="{anchor}">{title}{link}</h2>\n'


def items(tag: str, entries: list[str], attrs: str = "") -> str:
    return f"<{tag}{attrs}>\n" + "".join(f"<li>{entry}</li>\n" for entry in entries) + f"</{tag}>\n"


def table(head: list[str], rows: list[list[str]]) -> str:
    def row(cells: list[str], cell: str) -> str:
        return "<tr>\n" + "".join(f"<{cell}>{text}</{cell}>\n" for text in cells) + "</tr>\n"

    body = "".join(row(cells, "td") for cells in rows)
    return f"<table>\n<thead>\n{row(head, 'th')}</thead>\n<tbody>\n{body}</tbody>\n</table>\n"


def notes(count: int, first: int = 1) -> str:
    """Short paragraphs only the new version has, too unlike any other to pair with it."""
    return "".join(p(f"Note {number}: see the annex.") for number in range(first, first + count))


def sharing(kept: int, at: str = "start") -> str:
    """``KEPT`` with all but ``kept`` of its words replaced by ``OTHER``'s: similarity kept / 20."""
    if at == "start":
        return p(KEPT[:kept] + OTHER[kept:])
    if at == "end":
        return p(OTHER[: 20 - kept] + KEPT[20 - kept :])
    lead = (20 - kept) // 2
    return p(OTHER[:lead] + KEPT[lead : lead + kept] + OTHER[lead + kept :])


def scattered(kept: int) -> str:
    """``KEPT`` with ``kept`` of its words left in place one by one, never two in a row, and the
    others replaced by ``OTHER``'s: similarity kept / 20, no kept run to pair by."""
    step = 20 // kept
    return p([word if index % step == 0 and index // step < kept else OTHER[index] for index, word in enumerate(KEPT)])


SENTENCES = [
    "We collect the name and email address you give us when you open an account.",
    "Payment details go straight to our payment provider and never reach our servers.",
    "We keep server logs for thirty days to keep the service secure.",
    "Our support team reads your messages only when you ask for help.",
    "You can download or delete everything we hold about you from your settings.",
]
"""Five sentences of a paragraph, no two sharing a run of words."""

NEW_SENTENCES = [
    "Partners see pseudonymous statistics once a month through encrypted channels.",
    "Contracts forbid them from reselling, profiling or tracking anybody.",
    "Nothing they receive is retained beyond ninety days.",
]

REWRITE_OLD = (
    "Before sharing any records we review each request carefully, then we notify affected members "
    "promptly and the regulator within three days"
)
REWRITE_NEW = (
    "Prior to disclosing personal files our counsel examines every demand thoroughly, after which staff inform "
    "those concerned without delay and the authority inside seventy two hours"
)
"""A sentence rewritten phrase by phrase, keeping only ``and the`` between two changes."""


ORIGINAL = p(KEPT)
EDITED = p(KEPT[:7] + ["region"] + KEPT[8:])
"""``ORIGINAL`` with one word changed: similar enough to pair anywhere in the window."""
TOP, BOTTOM = p("Introduction."), p("Contact us.")
LAST_IN_WINDOW = PAIRING_WINDOW - 1
"""The furthest new block an old block still pairs with (counting from 0)."""


CASES = [
    Case("word-changed-in-a-paragraph", "One word replaced: one change, one <del> and one <ins> word.",
         ORIGINAL, EDITED),
    Case("similarity-at-the-threshold",
         f"10 of 20 words kept at the start: similarity 0.5 = SIMILARITY ({SIMILARITY}), so the "
         "paragraph is diffed word by word.",
         ORIGINAL, sharing(10)),
    Case("similarity-just-above-the-threshold",
         "11 of 20 words kept at the end (a common suffix): similarity 0.55, diffed word by word.",
         ORIGINAL, sharing(11, at="end")),
    Case("similarity-above-the-threshold-in-the-middle",
         "12 of 20 words kept in the middle, none at either end: similarity 0.6, diffed word by word.",
         ORIGINAL, sharing(12, at="middle")),
    Case("similarity-just-below-the-threshold",
         "9 of 20 words kept, none next to another: similarity 0.45 and no kept run, so the old "
         "paragraph is deleted and the new one inserted.",
         ORIGINAL, scattered(9)),
    Case("similarity-well-below-the-threshold",
         "7 of 20 words kept one by one: similarity 0.35, deleted and inserted.",
         ORIGINAL, scattered(7)),
    Case("similarity-below-the-threshold-by-length",
         "A 5-word paragraph grown to 20 words that include all 5: at most 2 * 5 / 25 = 0.4 similar, "
         "but alone in its place and too short to hold a kept run, so it is edited: 15 words inserted.",
         p(KEPT[:5]), p(KEPT[:5] + OTHER[:15])),
    Case("kept-run-of-nine-words-below-the-threshold",
         f"9 of 20 words kept in a row: similarity 0.45, but a run of at least KEPT_RUN ({KEPT_RUN}) words "
         f"making up 9 / 20 ≥ KEPT_SHARE ({KEPT_SHARE}) of the paragraph, so it is diffed word by word.",
         ORIGINAL, sharing(9)),
    Case("kept-run-one-word-too-short",
         f"Two runs of {KEPT_RUN - 1} kept words, one short of KEPT_RUN, and 13 new words: similarity "
         "2 * 10 / 43 ≈ 0.47 and no kept run, so deleted and inserted.",
         p(KEPT[:5] + OTHER[:10] + KEPT[5:10]),
         p(KEPT[:5] + OTHER[10:20] + ["then", "later"] + KEPT[5:10] + ["again"])),
    Case("kept-runs-just-short-of-the-share",
         f"A kept run of {KEPT_RUN} words in a 25-word paragraph: 6 / 25 < KEPT_SHARE ({KEPT_SHARE}) and "
         "dissimilar, so deleted and inserted; with 7 of 25 it would pair.",
         p(KEPT[:6] + OTHER[:19]), p(KEPT[:6] + [f"{word}s" for word in OTHER[:19]])),
    Case("kept-run-of-exactly-the-share",
         f"A kept run of {KEPT_RUN} words in a 24-word paragraph: 6 / 24 = KEPT_SHARE ({KEPT_SHARE}), so "
         "though dissimilar it is diffed word by word.",
         p(KEPT[:6] + OTHER[:18]), p(KEPT[:6] + [f"{word}s" for word in OTHER[:18]])),
    Case("paragraph-keeps-two-of-five-sentences",
         "Two of five sentences kept, three replaced: similarity below 0.5, but the kept sentences are "
         "runs of words, so the paragraph is an edit showing each replaced sentence, not a deletion "
         "and an insertion.",
         p(" ".join(SENTENCES)),
         p(" ".join([SENTENCES[0], NEW_SENTENCES[0], SENTENCES[2], *NEW_SENTENCES[1:]]))),
    Case("rewritten-sentence-reads-as-phrases",
         f"A sentence rewritten phrase by phrase keeps a word or two between changes (\"and the\"): a "
         f"kept run shorter than SLIVER ({SLIVER}) and than the changes on both sides joins them, so it "
         "reads as one deleted and one inserted phrase, not confetti.",
         p("The notice applies. " + REWRITE_OLD + " as the law requires. Nothing else changes here today."),
         p("The notice applies. " + REWRITE_NEW + " as the law requires. Nothing else changes here today.")),
    Case("kept-phrase-of-sliver-length-stays",
         f"The same rewrite keeping three words (\"and the regulator\"), SLIVER ({SLIVER}) long: the "
         "kept phrase stays between two changes.",
         p("The notice applies. " + REWRITE_OLD + " as the law requires. Nothing else changes here today."),
         p("The notice applies. " + REWRITE_NEW.replace("authority", "regulator")
           + " as the law requires. Nothing else changes here today.")),
    Case("words-replaced-beside-a-kept-word-stay-apart",
         "Two single words replaced around one kept word: the kept word is not shorter than the "
         "changes beside it, so they stay two changes.",
         p(KEPT), p(KEPT[:3] + ["all"] + KEPT[4:5] + ["phone"] + KEPT[6:])),
    Case("paragraph-rewritten-with-nothing-shared",
         "A long paragraph replaced by one sharing no word, with a new one after it: nothing pairs "
         "them, so deleted and inserted as one change.",
         TOP + ORIGINAL + BOTTOM, TOP + p(OTHER) + notes(1) + BOTTOM),
    Case("date-line-edited-in-place",
         "A short line alone in its place (\"Effective …\") keeps one word of four: too short to hold a "
         "kept run, it is still the same line, edited.",
         TOP + p("Effective August 11, 2020") + BOTTOM, TOP + p("Effective March 6, 2024") + BOTTOM),
    Case("sections-rewritten-are-a-change-each",
         "Two sections replaced by two others, whole: one change per section on each side (a heading "
         "starts a new change when the change already holds a heading of its side), not one change "
         "for the lot.",
         TOP + h2("Cookies", "cookies") + p("We use cookies.") + h2("Marketing", "marketing") + p("Newsletters.")
         + BOTTOM,
         TOP + h2("Analytics", "analytics") + p("Counted visits.") + h2("Advertising", "advertising")
         + p("No adverts.") + h2("Partners", "partners") + p("None at all.") + BOTTOM),
    Case("same-words-in-reverse-order",
         "The same 20 words reversed: every word is shared, but only one matches in order (0.05), "
         "deleted and inserted.",
         ORIGINAL, p(list(reversed(KEPT)))),
    Case("edited-paragraph-within-the-pairing-window",
         "Ten new paragraphs before the edited one: it is the 11th new block, inside PAIRING_WINDOW "
         f"({PAIRING_WINDOW}), so it pairs and shows one word changed.",
         TOP + ORIGINAL + BOTTOM, TOP + notes(10) + EDITED + BOTTOM),
    Case("edited-paragraph-at-the-edge-of-the-pairing-window",
         f"{LAST_IN_WINDOW} new paragraphs before the edited one: the last block the window reaches, "
         "so it still pairs.",
         TOP + ORIGINAL + BOTTOM, TOP + notes(LAST_IN_WINDOW) + EDITED + BOTTOM),
    Case("edited-paragraph-beyond-the-pairing-window",
         f"{PAIRING_WINDOW} new paragraphs before the edited one, as if it had moved down past them: "
         "out of the window, so it shows deleted and inserted.",
         TOP + ORIGINAL + BOTTOM, TOP + notes(PAIRING_WINDOW) + EDITED + BOTTOM),
    Case("paragraph-moved-past-unchanged-ones",
         "An edited paragraph moved below three unchanged ones: those match first, so the old and the "
         "new paragraph are two changes and the window plays no part.",
         ORIGINAL + notes(3), notes(3) + EDITED),
    Case("pairing-window-starts-after-the-last-pair",
         "Two edited paragraphs, each after ten new ones: the second is 22 blocks in, but 10 after the "
         "first's pair, where its window starts, so both pair.",
         TOP + ORIGINAL + p(OTHER) + BOTTOM,
         TOP + notes(10) + EDITED + notes(10, first=11) + p(OTHER[:19] + ["weeks"]) + BOTTOM),
    Case("ordered-list-starting-at-3",
         "An edited <ol start=\"3\">: items are numbered from 3; the deleted item keeps its old number.",
         items("ol", ["Access", "Erasure", "Objection"], ' start="3"'),
         items("ol", ["Access", "Objection", "Portability"], ' start="3"')),
    Case("ordered-list-start-changed",
         "The list now starts at 7 instead of 3: kept and inserted items take new numbers, deleted "
         "items their old ones.",
         items("ol", ["Access", "Erasure", "Objection", "Restriction"], ' start="3"'),
         items("ol", ["Access", "Objection", "Restriction", "Portability"], ' start="7"')),
    Case("ordered-list-negative-start",
         "start=\"-1\": numbers count from -1 through 0.",
         items("ol", ["Minus one", "Zero", "One"], ' start="-1"'),
         items("ol", ["Minus one", "Zero", "One, edited"], ' start="-1"')),
    Case("ordered-list-start-not-a-number",
         "start=\"x\" (and \"+2\" nested) are not numbers: both lists count from 1.",
         items("ol", ["First", "Second <ol start=\"+2\">\n<li>inner a</li>\n<li>inner b</li>\n</ol>"],
               ' start="x"'),
         items("ol", ["First", "Inserted", "Second <ol start=\"+2\">\n<li>inner a</li>\n<li>inner c</li>\n</ol>"],
               ' start="x"')),
    Case("unordered-list-item-inserted",
         "A new item between two kept ones: an inserted <li>, no numbers.",
         items("ul", ["payment providers", "auditors"]),
         items("ul", ["payment providers", "hosting providers", "auditors"])),
    Case("list-item-gains-a-paragraph",
         "A tight item becomes a loose one (<li><p>…</p></li>): a leaf and a container never pair, "
         "so it shows deleted and inserted.",
         items("ul", ["one", "two"]), items("ul", ["one", "<p>two</p>\n<p>more</p>\n"])),
    Case("nested-list-edited",
         "A word changed in a nested list: the containers pair and only the word is marked.",
         items("ul", ["item\n" + items("ul", ["nested <strong>bold</strong> item"]), "other"]),
         items("ul", ["item\n" + items("ul", ["nested <strong>plain</strong> item"]), "other"])),
    Case("table-cell-rewritten",
         "A cell rewritten entirely (similarity 0) still pairs with the cell in its place, as cells "
         "always do, so the columns stay; the unchanged row and the head stay unmarked.",
         table(["Data", "Purpose", "Kept for"], [["Invoices", "Tax", "10 years"], ["Logs", "Security", "30 days"]]),
         table(["Data", "Purpose", "Kept for"], [["Invoices", "Tax", "10 years"], ["Logs", "Security", "forever"]])),
    Case("table-rows-added-and-removed",
         "A row removed and two added.",
         table(["Data", "Kept for"], [["Invoices", "10 years"], ["Logs", "30 days"], ["Chats", "1 year"]]),
         table(["Data", "Kept for"], [["Invoices", "10 years"], ["Backups", "90 days"], ["Chats", "1 year"],
                                      ["Photos", "until deleted"]])),
    Case("table-column-added",
         "A column added: each row is edited, its new cell inserted.",
         table(["Data", "Kept for"], [["Invoices", "10 years"]]),
         table(["Data", "Kept for", "Why"], [["Invoices", "10 years", "tax law"]])),
    Case("heading-edited",
         "A heading's words changed: marked inside the heading, and the change after it belongs to "
         "the edited heading's section.",
         h2("Cookies", "cookies") + p("We use cookies.") + h2("Your rights", "your-rights") + p("You can ask us."),
         h2("Cookies", "cookies") + p("We use few cookies.") + h2("Your data rights", "your-data-rights")
         + p("You can always ask us.")),
    Case("section-deleted",
         "A heading and its paragraphs deleted together: one change; the deleted heading's id is left "
         "out, so it cannot clash with the new text's.",
         h2("Cookies", "cookies") + p("We use cookies.") + h2("Marketing", "marketing")
         + p("We send newsletters.") + p("You can unsubscribe.") + h2("Contact", "contact") + p("Write."),
         h2("Cookies", "cookies") + p("We use cookies.") + h2("Contact", "contact") + p("Write.")),
    Case("change-after-a-deleted-heading",
         "A paragraph edited under a heading that was deleted: the change belongs to the section "
         "before, which the new version still has.",
         h2("Cookies", "cookies") + p("We use cookies.") + h2("Old", "old") + p("Some words here."),
         h2("Cookies", "cookies") + p("We use cookies.") + p("Some other words here.")),
    Case("paragraph-became-a-heading",
         "The same words, now a heading: blocks of different tags never pair.",
         p("Your rights"), h2("Your rights", "your-rights")),
    Case("link-target-changed",
         "Only the link's address changed: the link text is marked once (span.pp-link-changed) and a "
         "note after it gives both addresses.",
         p('Read our <a href="https://example.org/cookies">cookie policy</a> first.'),
         p('Read our <a href="https://example.org/cookie-policy">cookie policy</a> first.')),
    Case("link-targets-changed-in-formatting",
         "Inside <em>, a link with <strong> in it re-pointed, then two touching links re-pointed: "
         "each run is marked once inside the <em>, the second with one note naming both moves.",
         p('See <em><a href="https://o.example/a">our <strong>partners</strong></a> and '
           '<a href="https://o.example/b">terms</a><a href="https://o.example/c">(PDF)</a></em> now.'),
         p('See <em><a href="https://n.example/a">our <strong>partners</strong></a> and '
           '<a href="https://n.example/b">terms</a><a href="https://n.example/c">(PDF)</a></em> now.')),
    Case("link-title-changed-with-its-address",
         "A link whose title changed besides its address is still a link change; one whose text "
         "also changed is deleted and inserted as before.",
         p('Ask <a href="https://o.example/">us</a> or <a href="https://o.example/x">them here</a>.'),
         p('Ask <a href="https://n.example/" title="Contact">us</a> or <a href="https://n.example/x">those here</a>.')),
    Case("short-item-link-address-changed",
         "Two list items that are only a link each, re-pointed: no token key is the same (a key holds "
         "its link), but their words are, so each item pairs and shows a link change, not a deleted "
         "and an inserted item. A third item re-linked with a word changed pairs too, by its words "
         "(3 of 4 kept), and shows the words it changed.",
         items("ul", ['<a href="https://o.example/privacy">Privacy policy</a>',
                      '<a href="https://o.example/cookies">Cookie policy</a>',
                      '<a href="https://o.example/terms">Terms of service</a> apply',
                      "Contact us"]),
         items("ul", ['<a href="https://n.example/privacy">Privacy policy</a>',
                      '<a href="https://n.example/cookies">Cookie policy</a>',
                      '<a href="https://n.example/terms">Terms of use</a> apply',
                      "Contact us"])),
    Case("link-text-changed",
         "A word inside a link changed: the mark sits inside the link.",
         p('Read our <a href="https://example.org/cookies">cookie policy</a> first.'),
         p('Read our <a href="https://example.org/cookies">cookie notice</a> first.')),
    Case("formatting-spans-a-change",
         "A change across <strong> and plain words: elements close and reopen around the marks.",
         p("We <strong>never sell</strong> your data."), p("We <strong>rarely share</strong> your data.")),
    Case("anchors-avoid-the-documents-ids",
         "The documents use ids change-1 and pp-change-2: change anchors become pp-pp-change-1 ….",
         h2("Change 1", "change-1") + p('<span id="pp-change-2">Text.</span>'),
         h2("Change 1", "change-1") + p('<span id="pp-change-2">Text, edited.</span>')),
    Case("rewrapped-lines-are-no-change",
         "Line breaks and spaces moved: no change at all.",
         p(" ".join(KEPT[:10]) + "\n" + " ".join(KEPT[10:])), p(" ".join(KEPT[:5]) + "\n  " + " ".join(KEPT[5:]))),
    Case("identical-versions", "The same text: no change.", ORIGINAL + BOTTOM, ORIGINAL + BOTTOM),
    Case("line-break-inserted",
         "A <br> between two words: the word before it keeps its old space, so words never touch.",
         p("alpha beta gamma"), p("alpha beta<br />\ngamma")),
    Case("rules-inserted-and-deleted",
         "The rule before two paragraphs moved after them: deleted and inserted, each change "
         "anchored on its <hr>.",
         "<hr />\n" + p("One.") + p("Two."), p("One.") + p("Two.") + "<hr />\n"),
    Case("empty-paragraphs-deleted",
         "An empty paragraph removed with one holding a non-breaking space: one change, the empty "
         "one's mark empty.",
         p("Before.") + p("") + p("&nbsp;") + p("After."), p("Before.") + p("After.")),
    Case("empty-items-added",
         "Items with no words: the lists have no tokens to compare (similarity of nothing), pair, "
         "and the new item shows inserted.",
         items("ul", [""]), items("ul", ["", ""])),
    Case("preformatted-spacing",
         "Inside <pre> every space counts: a doubled space is a change.",
         "<pre><code>code  block\nline two</code></pre>\n", "<pre><code>code block\nline two</code></pre>\n"),
    Case("void-elements-in-deleted-text",
         "An image and a line break deleted from a paragraph: the deleted image's id is left out.",
         p('See our <img id="logo" src="logo.png" alt="logo" /> logo and<br />\nthe text below it.'),
         p("See our logo and the text below it.")),
    Case("repeated-id-in-an-unchanged-block",
         "An unchanged paragraph repeats the id of the heading before it: the id is written once.",
         '<h2 id="rights">Rights</h2>\n<p>Old text.</p>\n<p id="rights">Same paragraph.</p>\n',
         '<h2 id="rights">Rights</h2>\n<p>New text.</p>\n<p id="rights">Same paragraph.</p>\n'),
    Case("inline-content-beside-blocks",
         "Words directly in a <div> beside its blocks form a block of their own.",
         "<div>loose <em>inline</em> text\n<p>block</p>\nand more</div>\n",
         "<div>loose <em>inline</em> words\n<p>block</p>\nand more</div>\n"),
    Case("escaped-text-and-attributes",
         "&, < and quotes in text and attributes are written escaped, as they were read.",
         p('R&amp;D at <a href="https://example.org/?a=1&amp;b=&quot;2&quot;">a&lt;b</a>.'),
         p('R&amp;D at <a href="https://example.org/?a=1&amp;b=&quot;3&quot;">a&lt;b</a>.')),
    Case("character-references",
         "Named, numeric and unterminated references in text and attributes are read as Python reads them.",
         p('&copy; 2024 &#169; &#xA9; &copy &copyright; &notit; &amp &ampx; &#0; &#x110000; &#128; &bogus; '
           '&rsquo;s &nbsp;gap <a href="/?a=1&copy=2&amp;b" title="&#34;q&#34; &lt;">l&eacute;gal</a> R&D &;') +
         "<p title='single &apos;quoted&apos;' class=bare&amp;>Caf&eacute; &#x1F600; &NotNestedLessLess;</p>\n",
         p('&copy; 2025 &#169; &#xA9; &copy &copyright; &notit; &amp &ampx; &#0; &#x110000; &#128; &bogus; '
           '&rsquo;s &nbsp;gap <a href="/?a=1&copy=3&amp;b" title="&#34;q&#34; &lt;">l&eacute;gal</a> R&D &;') +
         "<p title='single &apos;quoted&apos;' class=bare&amp;>Caf&eacute; &#x1F600; &NotNestedLessLess;</p>\n"),
    Case("markup-out-of-order",
         "Stray end tags are ignored, unclosed elements close with their parent, comments and "
         "declarations are skipped, a stray < is text.",
         "<!DOCTYPE html><!-- a comment <p>not text</p> -->\n<p>One <em>two</p>\n<p>three</b> four\n"
         "<div><p>five <strong>six</div> seven <? pi ?> a < b <br/> <img src=x alt=\"y\"/><hr></p>\n"
         "<P CLASS=\"Up\">Upper <SPAN ID=up>case</SPAN> tags</P>\n<!-- unclosed comment <p>eight</p>\n",
         "<!DOCTYPE html><!-- a comment <p>not text</p> -->\n<p>One <em>two</p>\n<p>three</b> four\n"
         "<div><p>five <strong>sixty</div> seven <? pi ?> a < b <br/> <img src=x alt=\"z\"/><hr></p>\n"
         "<P CLASS=\"Up\">Upper <SPAN ID=up>case</SPAN> tags</P>\n<!-- unclosed comment <p>eight</p>\n"),
    Case("nested-lists-tables-and-pre",
         "A table in a list item, a list in a table cell, a <pre> with runs of space: each block where it was.",
         "<ol start=\"2\">\n<li>\n<p>Item <code>a  b</code></p>\n<table><thead><tr><th>Kind</th><th>Kept</th></tr>"
         "</thead>\n<tbody><tr><td><ul><li>logs</li><li>mail <em>and</em> chat</li></ul></td><td>30 days</td></tr>"
         "</tbody></table>\n</li>\n<li>Second<br />line</li>\n</ol>\n"
         "<pre><code>keep   this\n\tindented  </code></pre>\n"
         '<h2 id="x">Title<a class="headerlink" href="#x" title="Permanent link">&para;</a></h2>\n',
         "<ol start=\"2\">\n<li>\n<p>Item <code>a  b</code></p>\n<table><thead><tr><th>Kind</th><th>Kept</th></tr>"
         "</thead>\n<tbody><tr><td><ul><li>logs</li><li>mail <em>or</em> chat</li></ul></td><td>90 days</td></tr>"
         "</tbody></table>\n</li>\n<li>Second<br />line</li>\n</ol>\n"
         "<pre><code>keep  this\n\tindented  </code></pre>\n"
         '<h2 id="x">Title<a class="headerlink" href="#x" title="Permanent link">&para;</a></h2>\n'),
    Case("blocks-added-at-both-ends",
         "New paragraphs before and after the old text: two changes.",
         ORIGINAL, p("First, new.") + ORIGINAL + p("Last, new.")),
]


def case_files(case: Case) -> dict[str, str]:
    """Every file of the case's folder, by name."""
    result = redline(case.old, case.new)
    expected = {"about": case.about, "count": result.count, "changes": [asdict(change) for change in result.changes]}
    return {
        "old.html": case.old,
        "new.html": case.new,
        "old.json": body_data(parse_body(case.old)),
        "new.json": body_data(parse_body(case.new)),
        "expected.html": result.html,
        "expected.json": json.dumps(expected, indent=2, ensure_ascii=False) + "\n",
    }


def committed_cases() -> list[Path]:
    """The case folders as they are now in ``tests/redline_cases/``."""
    return sorted(path for path in FOLDER.iterdir() if (path / "expected.json").is_file())


def main() -> None:
    names = {case.name for case in CASES}
    assert len(names) == len(CASES), "two cases have the same name"
    for stale in committed_cases():
        if stale.name not in names:
            shutil.rmtree(stale)
            print(f"removed {stale.name}/", file=sys.stderr)
    for case in CASES:
        folder = FOLDER / case.name
        folder.mkdir(exist_ok=True)
        for name, text in case_files(case).items():
            # Bytes exactly as given: the JSON is the build's, the HTML the redline's.
            (folder / name).write_bytes(text.encode("utf-8"))
    print(f"wrote {len(CASES)} cases in {FOLDER}", file=sys.stderr)


if __name__ == "__main__":
    main()
