"""The redline: what changed between two versions, shown as the document itself.

Both versions arrive as rendered HTML bodies. Each is parsed into blocks (headings, paragraphs,
list items, table cells …) made of word tokens; the blocks are aligned, paired blocks are diffed
word by word, and the result is rendered back as HTML with ``<del>`` and ``<ins>``.

``overrides/assets/javascripts/redline.js`` ports the alignment and rendering so a visitor can
compare any two versions in the browser, reading what ``redline_source`` publishes per version.
Change the algorithm here and you must change it there: ``tests/test_redline_js.py`` checks
that both produce the same HTML.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from functools import cached_property
from itertools import chain
from operator import attrgetter
from typing import NamedTuple

SOURCE_FORMAT = 2
"""Version of the JSON written by ``redline_source``; the browser refuses other versions."""

SIMILARITY = 0.5
"""Blocks at least this similar (difflib ratio over tokens) are diffed word by word."""

PAIRING_WINDOW = 16
"""How many new blocks ahead an old block looks for its edited counterpart."""

BLOCK_TAGS = frozenset(
    "address article aside blockquote caption dd details div dl dt figcaption figure footer "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th "
    "thead tr ul".split()
)
VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
CELLS = frozenset({"td", "th"})
"""Cells always pair with the cell in the same place, so a table keeps its columns."""

_LEXEME = re.compile(
    r"""<!--.*?-->|<[!?][^>]*>"""  # comments and declarations: skipped
    r"""|<(/?)([A-Za-z][^\s/>]*)((?:[^>"'/]|"[^"]*"|'[^']*'|/(?!>))*)(/?)>"""  # tags
    r"""|([^<]+|<)""",  # text, and a stray "<"
    re.S,
)
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_SPACE = re.compile(r"[ \t\n\r\f]+")
_PRE_WORD = re.compile(r"[ \t\n\r\f]+|[^ \t\n\r\f]+[ \t\n\r\f]*")
_DIGITS = re.compile(r"-?[0-9]+")
_KEY = attrgetter("key")
_new = tuple.__new__
"""Builds a Token without NamedTuple's argument handling: twice as fast, and there are thousands."""


# Document: a rendered body parsed into blocks of tokens


@dataclass(frozen=True)
class Tag:
    """An HTML element's name and attributes, in source order."""

    name: str
    attrs: tuple[tuple[str, str], ...] = ()

    @cached_property
    def opening(self) -> str:
        return _open_tag(self.name, self.attrs)


class Token(NamedTuple):
    """A word with its trailing space, or an inline void element such as ``<br />``.

    A tuple rather than a dataclass: a statement has thousands and redlines must be quick.
    """

    context: tuple[Tag, ...]
    """The inline elements around the token, outermost first (``<a href>``, ``<em>`` …)."""
    text: str
    """Escaped HTML text; empty for a void element."""
    void: Tag | None
    key: str
    """What the diff compares: context and text, ignoring a trailing space outside ``<pre>``."""


@dataclass(frozen=True)
class Block:
    """A heading, paragraph, list item, cell …: a leaf with tokens or a container of blocks."""

    tag: str
    """Element name; empty for inline content sitting directly in a container."""
    attrs: tuple[tuple[str, str], ...] = ()
    tokens: tuple[Token, ...] = ()
    children: tuple[Block, ...] | None = None

    @property
    def is_container(self) -> bool:
        return self.children is not None

    @cached_property
    def keys(self) -> tuple[str, ...]:
        """Token keys of the block and everything in it: what similarity is measured on."""
        if self.children is None:
            return tuple(map(_KEY, self.tokens))
        return tuple(chain.from_iterable(child.keys for child in self.children))

    @cached_property
    def key(self) -> str:
        """Identity for aligning blocks: equal keys mean the block did not change."""
        if self.children is None:
            return self.tag + "\x02" + "\x1f".join(self.keys) + "\x03"
        return self.tag + "\x04" + "\x1e".join(child.key for child in self.children) + "\x05"

    @cached_property
    def source(self) -> str:
        """The block's JSON in ``redline.json`` (see ``body_source``), worked out once per block."""
        return _block_source(self)

    @cached_property
    def unchanged(self) -> _Unchanged:
        """The block as a redline shows it unchanged: worked out once for every redline it is in."""
        return _Renderer.unchanged_block(self)


@dataclass(frozen=True)
class Body:
    """A version's rendered body as the redline sees it."""

    blocks: tuple[Block, ...]
    ids: frozenset[str]
    """Every id in the body, so change anchors can avoid them."""


def parse_body(markup: str) -> Body:
    return Parser().body(markup)


class Parser:
    """Parses versions of one document, sharing the blocks they have in common.

    Consecutive versions differ in a few blocks. A block whose markup was parsed before is the
    same ``Block`` object again, so its tokens, keys, JSON and unchanged rendering are worked out
    once for the whole history rather than once per version.
    """

    def __init__(self) -> None:
        self._known: dict[str, Block] = {}

    def body(self, markup: str) -> Body:
        root, ids = _element_tree(markup)
        return Body(self._blocks(markup, root.children), frozenset(ids))

    def _blocks(self, markup: str, nodes: Sequence[_Element | str]) -> tuple[Block, ...]:
        blocks: list[Block] = []
        inline: list[_Element | str] = []
        for node in [*nodes, None]:
            if node is None or (isinstance(node, _Element) and node.name in BLOCK_TAGS):
                # Inline content between blocks becomes an unnamed block, unless it is only space.
                tokens = _tokens(inline, pre=False)
                if any(token.void or token.text.strip(" ") for token in tokens):
                    blocks.append(Block("", (), tokens))
                inline = []
                if node is not None:
                    blocks.append(self._block(markup, node))
            else:
                inline.append(node)
        return tuple(blocks)

    def _block(self, markup: str, element: _Element) -> Block:
        # An element's markup alone decides its block: what lies outside cannot change its parse.
        source = markup[element.start : element.end]
        block = self._known.get(source)
        if block is None:
            if any(isinstance(child, _Element) and child.name in BLOCK_TAGS for child in element.children):
                block = Block(element.name, element.attrs, children=self._blocks(markup, element.children))
            else:
                block = Block(element.name, element.attrs, _tokens(element.children, pre=element.name == "pre"))
            self._known[source] = block
        return block


def redline_source(markup: str) -> str:
    """A version's rendered body as the build publishes it in ``redline.json``."""
    return body_source(parse_body(markup))


def body_source(body: Body) -> str:
    """The body as JSON for the browser's compare view, which redlines any two versions.

    ``{"format": 2, "ids": [every id in the body], "blocks": [block, …]}`` where a block is
    ``{"tag", "attrs", "contexts", "runs"}`` for a leaf or ``{"tag", "attrs", "children"}`` for a
    container (tag ``""``: inline content directly in a container). A leaf's contexts are the
    lists of inline elements around its tokens, outermost first, each ``[name, [[attribute,
    value], …]]``; a run is ``[context index, token, …]`` where a token is its escaped text or,
    for an inline void element such as ``<br />``, ``[name, attributes]``.
    """
    blocks = ",".join(block.source for block in body.blocks)
    return f'{{"format":{SOURCE_FORMAT},"ids":{_json(sorted(body.ids))},"blocks":[{blocks}]}}'


def _block_source(block: Block) -> str:
    head = f'{{"tag":{_json(block.tag)},"attrs":{_json(block.attrs)}'
    if block.children is not None:
        return f'{head},"children":[{",".join(child.source for child in block.children)}]}}'
    contexts: dict[tuple[Tag, ...], int] = {}
    runs: list[list] = []
    context = None
    for token in block.tokens:
        if token.context is not context:
            context = token.context
            runs.append([contexts.setdefault(context, len(contexts))])
        runs[-1].append(_tag_json(token.void) if token.void else token.text)
    contexts_json = [[_tag_json(tag) for tag in each] for each in contexts]
    return f'{head},"contexts":{_json(contexts_json)},"runs":{_json(runs)}}}'


def _tag_json(tag: Tag) -> list:
    return [tag.name, tag.attrs]


_json = json.JSONEncoder(separators=(",", ":")).encode


class _Element:
    """A parsed element, only alive while the body is turned into blocks."""

    __slots__ = ("name", "attrs", "children", "start", "end")

    def __init__(self, name: str, attrs: tuple[tuple[str, str], ...], start: int, end: int):
        self.name = name
        self.attrs = attrs
        self.children: list[_Element | str] = []
        self.start = start
        """Where its opening tag starts in the markup."""
        self.end = end
        """Where the end tag that closes it ends (the markup's end while it is open)."""


def _element_tree(markup: str) -> tuple[_Element, list[str]]:
    root = _Element("", (), 0, len(markup))
    stack = [root]
    ids = []
    for tag in _LEXEME.finditer(markup):
        closing, name, rest, self_closing, text = tag.groups()
        if text is not None:
            children = stack[-1].children
            text = html.unescape(text) if "&" in text else text
            # Adjacent text (split by a stray "<") must tokenize as one run.
            if children and isinstance(children[-1], str):
                children[-1] += text
            else:
                children.append(text)
            continue
        if name is None:
            continue
        name = name.lower()
        if closing:
            # Close up to the matching open element; ignore a stray end tag.
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth].name == name:
                    for closed in stack[depth:]:
                        closed.end = tag.end()
                    del stack[depth:]
                    break
            continue
        attrs = tuple(
            (attr.lower(), html.unescape(double or single or bare))
            for attr, double, single, bare in _ATTR.findall(rest)
        )
        ids.extend(value for attr, value in attrs if attr == "id")
        element = _Element(name, attrs, tag.start(), len(markup))
        stack[-1].children.append(element)
        if name in VOID_TAGS or self_closing:
            element.end = tag.end()
        else:
            stack.append(element)
    return root, ids


def _tokens(nodes: Sequence[_Element | str], pre: bool) -> tuple[Token, ...]:
    tokens: list[Token] = []

    def walk(nodes: Sequence[_Element | str], context: tuple[Tag, ...], context_key: str) -> None:
        for node in nodes:
            if isinstance(node, str):
                head = context_key + "\x01"
                if pre:
                    words = _PRE_WORD.findall(_escape_text(node))
                    tokens.extend([_new(Token, (context, word, None, head + word)) for word in words])
                    continue
                # Words between runs of space; each word but the last keeps one space after it.
                parts = _SPACE.split(_escape_text(node))
                if not parts[-1]:
                    parts.pop()
                    tokens.extend([_new(Token, (context, part + " ", None, head + part)) for part in parts])
                else:
                    last = parts.pop()
                    tokens.extend([_new(Token, (context, part + " ", None, head + part)) for part in parts])
                    tokens.append(_new(Token, (context, last, None, head + last)))
            elif node.name in VOID_TAGS:
                void = Tag(node.name, node.attrs)
                tokens.append(Token(context, "", void, context_key + "\x01" + void.opening))
            elif not _is_headerlink(node):
                tag = Tag(node.name, node.attrs)
                walk(node.children, (*context, tag), context_key + tag.opening)

    walk(nodes, (), "")
    return tuple(tokens)


def _is_headerlink(element: _Element) -> bool:
    """The toc extension's ¶ permalink: navigation, not text of the statement."""
    if element.name != "a":
        return False
    return "headerlink" in next((value for attr, value in element.attrs if attr == "class"), "").split()


# Alignment: which blocks stayed, went, came or were edited


class Status(StrEnum):
    """What happened to a block or a token between the two versions."""

    UNCHANGED = "unchanged"
    DELETED = "deleted"
    """Only in the old version."""
    INSERTED = "inserted"
    """Only in the new version."""
    CHANGED = "changed"
    """In both, edited: a leaf carries word edits, a container carries aligned children."""


class Edit(NamedTuple):
    """A run of tokens of a changed leaf to which the same happened."""

    status: Status
    tokens: tuple[Token, ...]
    starts_change: bool
    """The run begins a change: its anchor goes here."""


@dataclass(frozen=True)
class AlignedBlock:
    """An old block, its new counterpart, or both."""

    status: Status
    old: Block | None
    new: Block | None
    children: tuple[AlignedBlock, ...] = ()
    edits: tuple[Edit, ...] = ()

    @property
    def block(self) -> Block:
        """The block as it is shown: the new one unless it was deleted."""
        return self.new or self.old


def align(old: Sequence[Block], new: Sequence[Block]) -> tuple[AlignedBlock, ...]:
    aligned: list[AlignedBlock] = []
    for op, i1, i2, j1, j2 in _opcodes(_matching_blocks([b.key for b in old], [b.key for b in new])):
        if op == "equal":
            aligned += [AlignedBlock(Status.UNCHANGED, o, n) for o, n in zip(old[i1:i2], new[j1:j2], strict=True)]
        else:
            aligned += _pair(old[i1:i2], new[j1:j2])
    return tuple(aligned)


def _pair(old: Sequence[Block], new: Sequence[Block]) -> list[AlignedBlock]:
    """Pair edited blocks in order; whatever finds no partner was deleted or inserted."""
    paired: list[AlignedBlock] = []
    start = 0
    for old_block in old:
        for index in range(start, min(len(new), start + PAIRING_WINDOW)):
            edited = _compare(old_block, new[index])
            if edited:
                paired += [AlignedBlock(Status.INSERTED, None, block) for block in new[start:index]]
                paired.append(edited)
                start = index + 1
                break
        else:
            paired.append(AlignedBlock(Status.DELETED, old_block, None))
    paired += [AlignedBlock(Status.INSERTED, None, block) for block in new[start:]]
    return paired


def _compare(old: Block, new: Block) -> AlignedBlock | None:
    """The two blocks as one edited block, or None if they are not the same block."""
    if old.tag != new.tag or old.is_container != new.is_container:
        return None
    if new.tag in CELLS:
        blocks = _matching_blocks(old.keys, new.keys)
    else:
        blocks = _matching_if_similar(old.keys, new.keys)
        if blocks is None:
            return None
    if old.children is not None:
        return AlignedBlock(Status.CHANGED, old, new, children=align(old.children, new.children))
    return AlignedBlock(Status.CHANGED, old, new, edits=_edits(old.tokens, new.tokens, blocks))


def _matching_if_similar(old: Sequence[str], new: Sequence[str]) -> list[Match] | None:
    total = len(old) + len(new)
    if not total:
        return _matching_blocks(old, new)
    # Cheap upper bounds on the similarity first; they only save time, never change the answer.
    if 2.0 * min(len(old), len(new)) / total < SIMILARITY:
        return None
    prefix, suffix = _common_ends(old, new)
    if 2.0 * (prefix + suffix) / total < SIMILARITY:
        middles = Counter(old[prefix : len(old) - suffix]) & Counter(new[prefix : len(new) - suffix])
        if 2.0 * (prefix + suffix + sum(middles.values())) / total < SIMILARITY:
            return None
    blocks = _matching_blocks(old, new, (prefix, suffix))
    if 2.0 * sum(block.size for block in blocks) / total < SIMILARITY:
        return None
    return blocks


def _edits(old: Sequence[Token], new: Sequence[Token], blocks: list[Match]) -> tuple[Edit, ...]:
    edits: list[Edit] = []
    for op, i1, i2, j1, j2 in _opcodes(blocks):
        if op == "equal":
            kept = tuple(new[j1:j2])
            # Keys ignore a trailing space; keep the old one before a change so words never touch.
            if old[i2 - 1].text.endswith(" ") and not kept[-1].text.endswith(" "):
                kept = (*kept[:-1], old[i2 - 1])
            edits.append(Edit(Status.UNCHANGED, kept, False))
            continue
        if i1 < i2:
            edits.append(Edit(Status.DELETED, tuple(old[i1:i2]), True))
        if j1 < j2:
            edits.append(Edit(Status.INSERTED, tuple(new[j1:j2]), i1 == i2))
    return tuple(edits)


# Matching: difflib's, after setting aside what the two sequences start and end with


class Match(NamedTuple):
    """``old[a:a + size] == new[b:b + size]``."""

    a: int
    b: int
    size: int


def _matching_blocks(old: Sequence[str], new: Sequence[str], ends: tuple[int, int] | None = None) -> list[Match]:
    """difflib's matching blocks (autojunk off) of what lies between the common prefix and suffix.

    An edit usually touches a few words of a long paragraph, so trimming first makes difflib's
    work small. Ends with difflib's sentinel ``Match(len(old), len(new), 0)``.
    """
    prefix, suffix = ends or _common_ends(old, new)
    found = [Match(0, 0, prefix)]
    old_end, new_end = len(old) - suffix, len(new) - suffix
    if prefix < old_end and prefix < new_end:
        middle = SequenceMatcher(None, old[prefix:old_end], new[prefix:new_end], autojunk=False)
        found += [Match(a + prefix, b + prefix, size) for a, b, size in middle.get_matching_blocks()]
    found.append(Match(old_end, new_end, suffix))
    # Join touching blocks and drop empty ones, as difflib does, then add its sentinel.
    joined: list[Match] = []
    for block in found:
        if joined and joined[-1].a + joined[-1].size == block.a and joined[-1].b + joined[-1].size == block.b:
            joined[-1] = Match(joined[-1].a, joined[-1].b, joined[-1].size + block.size)
        elif block.size:
            joined.append(block)
    joined.append(Match(len(old), len(new), 0))
    return joined


def _common_ends(old: Sequence[str], new: Sequence[str]) -> tuple[int, int]:
    """Lengths of the common prefix and of the common suffix after it."""
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, suffix


def _opcodes(blocks: Sequence[Match]) -> list[tuple[str, int, int, int, int]]:
    """difflib's ``get_opcodes`` for the given matching blocks."""
    i = j = 0
    result = []
    for a, b, size in blocks:
        if i < a and j < b:
            result.append(("replace", i, a, j, b))
        elif i < a:
            result.append(("delete", i, a, j, b))
        elif j < b:
            result.append(("insert", i, a, j, b))
        i, j = a + size, b + size
        if size:
            result.append(("equal", a, i, b, j))
    return result


# Rendering: the aligned blocks as HTML


@dataclass(frozen=True)
class Change:
    """One change group: contiguous deletions and insertions a reader can jump to."""

    anchor: str
    """Id of the focusable element in ``Redline.html`` where the change starts."""
    section_id: str | None
    """Id of the nearest heading before the change that is still in the new version."""
    section_title: str | None
    deleted: str
    """Plain text removed, empty if nothing was."""
    inserted: str
    """Plain text added, empty if nothing was."""


@dataclass(frozen=True)
class Redline:
    """What changed between two versions, rendered as the document itself."""

    html: str
    changes: tuple[Change, ...]
    blocks: tuple[AlignedBlock, ...]
    """The alignment behind ``html``, for other renderings such as the terminal."""

    @property
    def count(self) -> int:
        return len(self.changes)

    @property
    def is_empty(self) -> bool:
        return not self.changes


def redline(old_html: str, new_html: str) -> Redline:
    parser = Parser()
    return compare(parser.body(old_html), parser.body(new_html))


def compare(old: Body, new: Body) -> Redline:
    """The redline of two parsed bodies: parse each version once when building many redlines."""
    aligned = align(old.blocks, new.blocks)
    renderer = _Renderer(_anchor_prefix(old.ids | new.ids))
    renderer.blocks(aligned, None)
    return Redline("".join(renderer.out), renderer.finished_changes(), aligned)


def _anchor_prefix(ids: frozenset[str]) -> str:
    """``change-`` unless the documents already use ids like ``change-3`` themselves."""
    prefix = "change-"
    while any(i.startswith(prefix) and re.fullmatch("[0-9]+", i[len(prefix) :]) for i in ids):
        prefix = "pp-" + prefix
    return prefix


def _open_tag(name: str, attrs: Sequence[tuple[str, str]], void: bool = False) -> str:
    attributes = "".join(f' {attr}="{_escape_attr(value)}"' for attr, value in attrs)
    return f"<{name}{attributes}{' /' if void else ''}>"


def _escape_text(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def _escape_attr(value: str) -> str:
    return _escape_text(value).replace('"', "&quot;")


def _plain_text(tokens: Sequence[Token]) -> str:
    return " ".join(html.unescape("".join(token.text for token in tokens)).split())


_MARKS = {Status.DELETED: "del", Status.INSERTED: "ins"}
_LABELS = {Status.DELETED: "deleted: ", Status.INSERTED: "inserted: "}
_BLOCK_CLASSES = {
    Status.UNCHANGED: "pp-unchanged",
    Status.DELETED: "pp-block-del",
    Status.INSERTED: "pp-block-ins",
}


class _Frame(NamedTuple):
    """An element open while inline tokens are written: a context tag or a del/ins mark."""

    identity: str
    name: str
    attrs: tuple[tuple[str, str], ...]
    strip_id: bool
    mark: Status | None


class _Unchanged(NamedTuple):
    """A block rendered unchanged, with what rendering it does to the redline around it."""

    html: str
    ids: frozenset[str]
    """The ids it writes: none may have been written before it."""
    section: tuple[str | None, str | None] | None
    """The last heading in it, which the changes after it belong to."""


class _Numbering:
    """Item numbers of an edited ordered list: deleted items keep their old number."""

    def __init__(self, old: Block, new: Block):
        self.old = _list_start(old)
        self.new = _list_start(new)

    def next(self, status: Status) -> int:
        if status is Status.DELETED:
            self.old += 1
            return self.old - 1
        self.new += 1
        if status is not Status.INSERTED:
            self.old += 1
        return self.new - 1


def _list_start(block: Block) -> int:
    start = dict(block.attrs).get("start", "")
    return int(start) if _DIGITS.fullmatch(start) else 1


class _Renderer:
    """Writes aligned blocks as HTML, numbering change anchors as it meets them."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.out: list[str] = []
        self.ids: set[str] = set()
        self.pending = False
        """A change has started and its anchor is not written yet."""
        self.marks = 0
        self.section: tuple[str | None, str | None] = (None, None)
        self.changes: list[tuple[str, str | None, str | None, dict[Status, list[str]]]] = []

    def finished_changes(self) -> tuple[Change, ...]:
        return tuple(
            Change(
                anchor,
                section_id,
                title,
                *(" ".join(html.unescape("".join(text[s])).split()) for s in _MARKS),
            )
            for anchor, section_id, title, text in self.changes
        )

    def blocks(self, aligned: Sequence[AlignedBlock], numbering: _Numbering | None) -> None:
        in_run = False
        for item in aligned:
            whole = item.status in _MARKS
            # A run of whole blocks deleted or inserted together is one change.
            if whole and not in_run:
                self.pending = True
            elif not whole:
                self.pending = False
            in_run = whole
            value = numbering.next(item.status) if numbering and item.block.tag == "li" else None
            if item.status is Status.CHANGED:
                self.changed(item, value)
            elif item.status is Status.UNCHANGED and value is None:
                self.unchanged(item.block)
            else:
                self.whole(item.block, item.status, True, value)
        self.pending = False

    def changed(self, item: AlignedBlock, value: int | None) -> None:
        block = item.new
        self.out.append(self._opening(block.tag, _decorate(block, [], value)))
        if block.children is not None:
            self.out.append("\n")
            self.blocks(item.children, _Numbering(item.old, block) if block.tag == "ol" else None)
        else:
            if block.tag in HEADINGS:
                self.section = (dict(block.attrs).get("id"), _plain_text(block.tokens))
            self.inline(item.edits)
        self.out.append(_closing(block.tag))

    @classmethod
    def unchanged_block(cls, block: Block) -> _Unchanged:
        renderer = cls("")
        renderer.section = None
        renderer.whole(block, Status.UNCHANGED, True)
        return _Unchanged("".join(renderer.out), frozenset(renderer.ids), renderer.section)

    def unchanged(self, block: Block) -> None:
        """An unchanged block as ``whole`` writes it, from the block's own rendering when it can."""
        rendered = block.unchanged
        if rendered.ids & self.ids:  # an id written before must be left out: rare, do it the long way
            self.whole(block, Status.UNCHANGED, True)
            return
        self.out.append(rendered.html)
        self.ids |= rendered.ids
        if rendered.section is not None:
            self.section = rendered.section
        # As _close does after each leaf (one space or several read the same in a change's text).
        self._note(Status.DELETED, " ")
        self._note(Status.INSERTED, " ")

    def whole(self, block: Block, status: Status, top: bool, value: int | None = None) -> None:
        """A block that is unchanged, deleted or inserted as a whole, and all it contains."""
        # Unchanged cells stay unmarked: hiding one would shift the columns of its row.
        marked = top and not (status is Status.UNCHANGED and block.tag in CELLS)
        classes = [_BLOCK_CLASSES[status]] if marked else []
        attrs = _decorate(block, classes, value)
        strip_id = status is Status.DELETED
        if block.tag == "hr":
            anchor = self._anchor() if status in _MARKS and self.pending else None
            self.out.append(self._opening("hr", attrs, strip_id, void=True, anchor=anchor) + "\n")
            return
        self.out.append(self._opening(block.tag, attrs, strip_id))
        if block.children is not None:
            self.out.append("\n")
            for child in block.children:
                self.whole(child, status, False)
        else:
            if block.tag in HEADINGS and status is not Status.DELETED:
                self.section = (dict(block.attrs).get("id"), _plain_text(block.tokens))
            if block.tokens or status is Status.UNCHANGED:
                stack: list[_Frame] = []
                self._run(stack, status, block.tokens)
                self._close(stack)
            else:
                self._open_mark(status)
                self.out.append(f"</{_MARKS[status]}>")
        self.out.append(_closing(block.tag))

    def inline(self, edits: Sequence[Edit]) -> None:
        """A leaf's tokens with their inline elements, each run of edits in one del or ins."""
        stack: list[_Frame] = []
        for edit in edits:
            if edit.starts_change:
                self.pending = True
            self._run(stack, edit.status, edit.tokens)
        self._close(stack)

    def _run(self, stack: list[_Frame], status: Status, tokens: Sequence[Token]) -> None:
        mark = None
        if status in _MARKS:
            # The mark sits inside the elements all its tokens share, so it opens once.
            shared = _shared_length([token.context for token in tokens])
            self.marks += 1
            mark = _Frame(f"\x00{self.marks}", _MARKS[status], (), False, status)
        context = None
        for token in tokens:
            if token.context is not context:
                context = token.context
                if mark:
                    frames = [
                        *_frames(context[:shared], False),
                        mark,
                        *_frames(context[shared:], status is Status.DELETED),
                    ]
                else:
                    frames = _frames(context, False)
                self._sync(stack, frames)
            if token.void:
                strip_id = any(frame.mark is Status.DELETED for frame in stack)
                self.out.append(self._opening(token.void.name, token.void.attrs, strip_id, void=True))
            else:
                self.out.append(token.text)
        if mark:
            self._note(status, "".join(token.text for token in tokens))

    def _close(self, stack: list[_Frame]) -> None:
        self._sync(stack, [])
        # Words of separate blocks in one change must not run together in its text.
        self._note(Status.DELETED, " ")
        self._note(Status.INSERTED, " ")

    def _sync(self, stack: list[_Frame], frames: Sequence[_Frame]) -> None:
        """Close and open elements so the open ones are exactly ``frames``."""
        keep = 0
        while keep < len(stack) and keep < len(frames) and stack[keep].identity == frames[keep].identity:
            keep += 1
        self.out.extend(f"</{frame.name}>" for frame in reversed(stack[keep:]))
        del stack[keep:]
        for frame in frames[keep:]:
            if frame.mark:
                self._open_mark(frame.mark)
            else:
                self.out.append(self._opening(frame.name, frame.attrs, frame.strip_id))
            stack.append(frame)

    def _open_mark(self, status: Status) -> None:
        name = _MARKS[status]
        self.out.append(self._opening(name, (), anchor=self._anchor() if self.pending else None))
        # Colour is not enough: screen readers announce what happened.
        self.out.append(f'<span class="pp-sr">{_LABELS[status]}</span>')

    def _anchor(self) -> str:
        anchor = f"{self.prefix}{len(self.changes) + 1}"
        self.changes.append((anchor, *self.section, {Status.DELETED: [], Status.INSERTED: []}))
        self.pending = False
        return anchor

    def _note(self, status: Status, text: str) -> None:
        if self.changes:
            self.changes[-1][3][status].append(text)

    def _opening(
        self,
        name: str,
        attrs: Sequence[tuple[str, str]],
        strip_id: bool = False,
        void: bool = False,
        anchor: str | None = None,
    ) -> str:
        """An opening tag that never repeats an id already written (or any, if deleted)."""
        if not name:
            return ""
        if not attrs and not anchor:  # most tags: <p>, <li>, <em>, <del> …
            return f"<{name} />" if void else f"<{name}>"
        kept = []
        for attr, value in attrs:
            if attr == "id":
                if strip_id or value in self.ids:
                    continue
                self.ids.add(value)
            kept.append((attr, value))
        if anchor:
            kept = _with_anchor(kept, anchor)
        return _open_tag(name, kept, void)


def _closing(tag: str) -> str:
    return f"</{tag}>\n" if tag else "\n"


def _frames(context: Sequence[Tag], strip_id: bool) -> list[_Frame]:
    marker = "\x00" if strip_id else ""
    return [_Frame(tag.opening + marker, tag.name, tag.attrs, strip_id, None) for tag in context]


def _shared_length(contexts: Sequence[tuple[Tag, ...]]) -> int:
    first = contexts[0]
    length = len(first)
    for context in contexts[1:]:
        length = min(length, len(context))
        while length and context[length - 1] != first[length - 1]:
            length -= 1
    return length


def _decorate(block: Block, classes: list[str], value: int | None) -> list[tuple[str, str]]:
    """The block's attributes plus redline classes and, in an edited ordered list, its number."""
    if block.tag in HEADINGS or block.tag == "thead":
        classes = [*classes, "pp-context"]
    attrs = list(block.attrs)
    if classes:
        index = next((i for i, (attr, _) in enumerate(attrs) if attr == "class"), None)
        if index is None:
            attrs.append(("class", " ".join(classes)))
        else:
            attrs[index] = ("class", " ".join([attrs[index][1], *classes]))
    if value is not None:
        attrs = [attr for attr in attrs if attr[0] != "value"] + [("value", str(value))]
    return attrs


def _with_anchor(attrs: Sequence[tuple[str, str]], anchor: str) -> list[tuple[str, str]]:
    """Mark the element where a change starts: found by navigation, focusable by script."""
    attrs = list(attrs)
    index = next((i for i, (attr, _) in enumerate(attrs) if attr == "class"), None)
    if index is None:
        attrs.append(("class", "pp-change"))
    else:
        attrs[index] = ("class", attrs[index][1] + " pp-change")
    return [*attrs, ("id", anchor), ("tabindex", "-1")]
