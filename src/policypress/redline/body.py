"""A version's rendered body as the redline reads it: blocks of word tokens.

The HTML is split into blocks (headings, paragraphs, list items, table cells …); a leaf block's
text into tokens, each a word with its trailing space and the inline elements around it. The
browser's compare view parses the same HTML, read from the version's archived page, with a port
of this parser (redline.js); each version's ``redline.json`` tells it where that text is and
what else it needs (``published_data``).
"""

from __future__ import annotations

import gc
import hashlib
import html
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from operator import attrgetter
from typing import NamedTuple

from ..memo import KeptFromLast
from .tunables import CONTAINER_KEY, LEAF_KEY, PUBLISHED, WORD_KEY

DATA_FORMAT = 3
"""Version of the ``redline.json`` written by ``published_data``; the browser refuses other versions."""

def text_markers(html: str) -> tuple[str, str]:
    """What goes around each piece of a version's rendered text ``html`` in its pages
    (``views.Body``): the marked pieces of a page, joined, are the exact HTML the redline parses,
    so the compare view reads the text from the archived page itself rather than from a copy.
    Each marker carries a digest of the text it marks, so no text can contain its own markers."""
    digest = hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"<!-- pp-text {digest} -->", f"<!-- /pp-text {digest} -->"

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
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
"""A character reference as ``html.unescape`` finds one (its own pattern)."""
_SPACE = re.compile(r"[ \t\n\r\f]+")
_PRE_WORD = re.compile(r"[ \t\n\r\f]+|[^ \t\n\r\f]+[ \t\n\r\f]*")
_KEY = attrgetter("key")
_new = tuple.__new__
"""Builds a Token without NamedTuple's argument handling: twice as fast, and there are thousands."""


@dataclass(frozen=True)
class Tag:
    """An HTML element's name and attributes, in source order."""

    name: str
    attrs: tuple[tuple[str, str], ...] = ()

    @cached_property
    def opening(self) -> str:
        return open_tag(self.name, self.attrs)


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
    memo: dict[str, object] = field(default_factory=dict, init=False, repr=False, compare=False)
    """What later stages work out once per block, such as rendering's unchanged HTML: a block is
    shared by every version that has it (see ``Parser``)."""

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
            opening, separator, closing = LEAF_KEY
            return self.tag + opening + separator.join(self.keys) + closing
        opening, separator, closing = CONTAINER_KEY
        return self.tag + opening + separator.join(child.key for child in self.children) + closing

    @cached_property
    def data(self) -> str:
        """The block's JSON (see ``body_data``), worked out once per block."""
        return _block_data(self)


@dataclass(frozen=True)
class Body:
    """A version's rendered body as the redline sees it."""

    blocks: tuple[Block, ...]
    ids: frozenset[str]
    """Every id in the body, so change anchors can avoid them."""
    references: Mapping[str, str]
    """Each character reference in the body's text and attribute values (``&amp;``, ``&rsquo;``,
    ``&#169;`` …) and what it stands for, as ``html.unescape`` reads it: the browser's parser
    looks them up here rather than carry HTML's table of 2,231 names."""


def parse_body(markup: str) -> Body:
    return Parser().body(markup)


class Parser:
    """Parses versions of one document, sharing the blocks they have in common.

    Consecutive versions differ in a few blocks. A block whose markup was parsed before is the
    same ``Block`` object again, so its tokens, keys, JSON and unchanged rendering are worked out
    once for the whole history rather than once per version.
    """

    def __init__(self) -> None:
        self._blocks_by_markup: KeptFromLast[Block] = KeptFromLast()
        """Blocks by their markup, from this body and the one parsed before."""

    def body(self, markup: str) -> Body:
        with collector_paused():
            root, ids, references = _element_tree(markup)
            body = Body(self._blocks(markup, root.children), frozenset(ids), references)
        # Keep what this body used: a history shares blocks with the version before, and holding
        # every block ever parsed would make memory grow with the length of the history.
        self._blocks_by_markup.next_round()
        return body

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
        element_markup = markup[element.start : element.end]
        block = self._blocks_by_markup.find(element_markup)
        if block is None:
            if any(isinstance(child, _Element) and child.name in BLOCK_TAGS for child in element.children):
                block = Block(element.name, element.attrs, children=self._blocks(markup, element.children))
            else:
                block = Block(element.name, element.attrs, _tokens(element.children, pre=element.name == "pre"))
        elif block.children is not None:
            # Keep its nested blocks too, for the next version, which may edit one of them.
            for child in element.children:
                if isinstance(child, _Element) and child.name in BLOCK_TAGS:
                    self._block(markup, child)
        return self._blocks_by_markup.keep(element_markup, block)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a redline makes its tokens, edits and marks.

    The collector never stops tracking a named tuple such as ``Token``, so it goes through every
    token made so far again and again as more are made: a third of a long redline's time. The
    redline makes no reference cycles; what it lets go of is freed as it goes.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def published_data(body: Body, text_url: str, markers: tuple[str, str]) -> str:
    """A version's ``redline.json``: what the browser's compare view needs, besides the text, to
    redline the version against any other.

    ``{"format": 3, "tunables": {…}, "text": "/S/versions/D/", "markers": [start, end],
    "references": {"&amp;": "&", …}}``: the tunables are ``tunables.PUBLISHED``, which the
    browser redlines by; ``text`` is the version's archived page, whose pieces between the
    ``markers`` (``text_markers``), joined, are its rendered text; ``references`` are the text's
    character references (``Body.references``).
    """
    markers, references = _json(list(markers)), _json(dict(sorted(body.references.items())))
    return (f'{{"format":{DATA_FORMAT},"tunables":{_TUNABLES},"text":{_json(text_url)},"markers":{markers},'
            f'"references":{references}}}')


def body_data(body: Body) -> str:
    """The body as redline.js's parser must make it from the same HTML (tests/js checks it does).

    ``{"tunables": {…}, "references": {…}, "ids": [every id in the body], "blocks": [block, …]}``:
    the tunables and references as ``published_data`` gives them, and a block is
    ``{"tag", "attrs", "contexts", "runs"}`` for a leaf or ``{"tag", "attrs", "children"}`` for a
    container (tag ``""``: inline content directly in a container). A leaf's contexts are the
    lists of inline elements around its tokens, outermost first, each ``[name, [[attribute,
    value], …]]``; a run is ``[context index, token, …]`` where a token is its escaped text or,
    for an inline void element such as ``<br />``, ``[name, attributes]``.
    """
    blocks = ",".join(block.data for block in body.blocks)
    references = _json(dict(sorted(body.references.items())))
    return (f'{{"tunables":{_TUNABLES},"references":{references},"ids":{_json(sorted(body.ids))},'
            f'"blocks":[{blocks}]}}')


def _block_data(block: Block) -> str:
    head = f'{{"tag":{_json(block.tag)},"attrs":{_json(block.attrs)}'
    if block.children is not None:
        return f'{head},"children":[{",".join(child.data for child in block.children)}]}}'
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
_TUNABLES = _json(PUBLISHED)


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


def _element_tree(markup: str) -> tuple[_Element, list[str], dict[str, str]]:
    root = _Element("", (), 0, len(markup))
    stack = [root]
    ids = []
    references: dict[str, str] = {}

    def unescape(text: str) -> str:
        if "&" not in text:
            return text
        # Each reference stands for the same characters wherever it is: the browser looks them up.
        for reference in _CHARREF.finditer(text):
            references[reference.group()] = html.unescape(reference.group())
        return html.unescape(text)

    for tag in _LEXEME.finditer(markup):
        closing, name, rest, self_closing, text = tag.groups()
        if text is not None:
            children = stack[-1].children
            text = unescape(text)
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
            if stack[-1].name == name:  # most end tags: the element last opened
                stack.pop().end = tag.end()
                continue
            # Close up to the matching open element; ignore a stray end tag.
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth].name == name:
                    for closed in stack[depth:]:
                        closed.end = tag.end()
                    del stack[depth:]
                    break
            continue
        attrs = ()
        if rest:
            attrs = tuple(
                (attr.lower(), unescape(double or single or bare))
                for attr, double, single, bare in _ATTR.findall(rest)
            )
            ids.extend(value for attr, value in attrs if attr == "id")
        element = _Element(name, attrs, tag.start(), len(markup))
        stack[-1].children.append(element)
        if name in VOID_TAGS or self_closing:
            element.end = tag.end()
        else:
            stack.append(element)
    return root, ids, references


def _tokens(nodes: Sequence[_Element | str], pre: bool) -> tuple[Token, ...]:
    tokens: list[Token] = []
    _walk(nodes, (), "", pre, tokens)
    return tuple(tokens)


def _walk(nodes: Sequence[_Element | str], context: tuple[Tag, ...], context_key: str, pre: bool,
          tokens: list[Token]) -> None:
    """Append each word of ``nodes`` to ``tokens``, inside the inline elements ``context``. A function of its
    own, not a closure: a closure calling itself is a reference cycle, garbage only the collector frees."""
    for node in nodes:
        if isinstance(node, str):
            head = context_key + WORD_KEY
            if pre:
                words = _PRE_WORD.findall(escape_text(node))
                tokens.extend([_new(Token, (context, word, None, head + word)) for word in words])
                continue
            # Words between runs of space; each word but the last keeps one space after it.
            parts = _SPACE.split(escape_text(node))
            if not parts[-1]:
                parts.pop()
                tokens.extend([_new(Token, (context, part + " ", None, head + part)) for part in parts])
            else:
                last = parts.pop()
                tokens.extend([_new(Token, (context, part + " ", None, head + part)) for part in parts])
                tokens.append(_new(Token, (context, last, None, head + last)))
        elif node.name in VOID_TAGS:
            void = Tag(node.name, node.attrs)
            tokens.append(Token(context, "", void, context_key + WORD_KEY + void.opening))
        elif not _is_headerlink(node):
            tag = Tag(node.name, node.attrs)
            _walk(node.children, (*context, tag), context_key + tag.opening, pre, tokens)


def _is_headerlink(element: _Element) -> bool:
    """The toc extension's ¶ permalink: navigation, not text of the statement."""
    if element.name != "a":
        return False
    return "headerlink" in next((value for attr, value in element.attrs if attr == "class"), "").split()


def open_tag(name: str, attrs: Sequence[tuple[str, str]], void: bool = False) -> str:
    attributes = "".join(f' {attr}="{escape_attr(value)}"' for attr, value in attrs)
    return f"<{name}{attributes}{' /' if void else ''}>"


def escape_text(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def escape_attr(value: str) -> str:
    return escape_text(value).replace('"', "&quot;")
