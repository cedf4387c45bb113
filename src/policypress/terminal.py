"""The redline as plain text for editors at a terminal: one line per block, word-level marks.

Deletions read ``[-old-]`` and insertions ``{+new+}`` (as ``git diff --word-diff`` writes them),
or red struck-through and green underlined text when the terminal shows colour.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from .redline import HEADINGS, AlignedBlock, Block, Edit, Redline, Status, Token

_PLAIN = {Status.DELETED: ("[-", "-]"), Status.INSERTED: ("{+", "+}")}
_COLOUR = {Status.DELETED: ("\x1b[9;31m", "\x1b[0m"), Status.INSERTED: ("\x1b[4;32m", "\x1b[0m")}


def format_for_terminal(redline: Redline, color: bool) -> str:
    marks = _COLOUR if color else _PLAIN
    return "\n\n".join("\n".join(line.rstrip() for line in _lines(item, marks)) for item in redline.blocks)


def _lines(item: AlignedBlock, marks: dict) -> list[str]:
    block = item.block
    if block.children is not None:
        children = item.children if item.status is Status.CHANGED else _whole(block.children, item.status)
        parts = [_lines(child, marks) for child in children]
        if block.tag == "tr":
            return ["| " + " | ".join(" ".join(lines) for lines in parts) + " |"]
        lines = [line for lines in parts for line in lines]
        if block.tag == "li":
            return [f"- {line}" if index == 0 else f"  {line}" for index, line in enumerate(lines)]
        if block.tag == "blockquote":
            return [f"> {line}" for line in lines]
        return lines
    edits = item.edits if item.status is Status.CHANGED else (Edit(item.status, block.tokens, False),)
    text = _text(edits, marks)
    if block.tag == "hr":
        return [_marked("* * *", item.status, marks)]
    if block.tag in HEADINGS:
        return [f"{'#' * int(block.tag[1])} {text}"]
    if block.tag == "li":
        return [f"- {text}"]
    if block.tag == "pre":
        return [f"    {line}" for line in text.rstrip("\n").split("\n")]
    return [text]


def _whole(blocks: Sequence[Block], status: Status) -> list[AlignedBlock]:
    """Children of a block unchanged, deleted or inserted as a whole: the same happened to them."""
    deleted = status is Status.DELETED
    return [AlignedBlock(status, block if deleted else None, None if deleted else block) for block in blocks]


def _text(edits: Sequence[Edit], marks: dict) -> str:
    pieces = []
    for index, edit in enumerate(edits):
        text = _plain(edit.tokens, edit.status in marks)
        if edit.status is Status.DELETED and index + 1 < len(edits) and edits[index + 1].status is Status.INSERTED:
            # The words that replace it bring their own space: [-old-]{+new+}, as git writes it.
            text = text.rstrip()
        pieces.append(_marked(text, edit.status, marks))
    return "".join(pieces)


def _marked(text: str, status: Status, marks: dict) -> str:
    """Text between its marks, with the space after the last word left outside them."""
    if status not in marks:
        return text
    words = text.rstrip()
    start, end = marks[status]
    return f"{start}{words}{end}{text[len(words) :]}" if words else text


def _plain(tokens: Sequence[Token], show_links: bool) -> str:
    """The tokens' text; changed link text is followed by its address, which may be the change."""
    text = ""
    address = None
    for token in tokens:
        link = next((dict(tag.attrs).get("href") for tag in reversed(token.context) if tag.name == "a"), None)
        if show_links and address and link != address:
            text = _with_address(text, address)
        address = link
        if token.void:
            # Python-Markdown writes a line break after <br />, so the space is already there.
            text += dict(token.void.attrs).get("alt", "") if token.void.name == "img" else ""
        else:
            text += html.unescape(token.text)
    return _with_address(text, address) if show_links and address else text


def _with_address(text: str, address: str) -> str:
    words = text.rstrip()
    return f"{words} <{address}>{text[len(words) :]}"
