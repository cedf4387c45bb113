"""The redline as plain text for editors at a terminal: one line per block, word-level marks.

Deletions read ``[-old-]`` and insertions ``{+new+}`` (as ``git diff --word-diff`` writes them),
or red struck-through and green underlined text when the terminal shows colour. Blocks are
written the way Markdown writes them (``# heading``, ``- item``, ``> quote``, ``| cell |``), so
``review`` writes GitHub's Markdown with the same ``Lines``, changing only marks and escaping.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from .redline import HEADINGS, AlignedBlock, Block, Edit, Redline, Status, Tag, Token

PLAIN = {Status.DELETED: ("[-", "-]"), Status.INSERTED: ("{+", "+}")}
COLOUR = {Status.DELETED: ("\x1b[9;31m", "\x1b[0m"), Status.INSERTED: ("\x1b[4;32m", "\x1b[0m")}


def format_for_terminal(redline: Redline, color: bool) -> str:
    lines = Lines(COLOUR if color else PLAIN)
    return "\n\n".join("\n".join(line.rstrip() for line in lines.block(item)) for item in redline.blocks)


class Lines:
    """Writes an aligned block as lines of text with its deletions and insertions marked.

    The hooks at the end (``escape`` … ``table``) are what another format changes."""

    def __init__(self, marks: dict[Status, tuple[str, str]]):
        self.marks = marks

    def block(self, item: AlignedBlock) -> list[str]:
        block = item.block
        if block.children is not None:
            children = item.children if item.status is Status.CHANGED else _whole(block.children, item.status)
            parts = [self.block(child) for child in children]
            if block.tag == "tr":
                return ["| " + " | ".join(" ".join(lines) for lines in parts) + " |"]
            lines = [line for lines in parts for line in lines]
            if block.tag == "li":
                return [f"- {line}" if index == 0 else f"  {line}" for index, line in enumerate(lines)]
            if block.tag == "blockquote":
                return [f"> {line}" for line in lines]
            return self.table(lines) if block.tag == "table" else lines
        edits = item.edits if item.status is Status.CHANGED else (Edit(item.status, block.tokens, False),)
        if block.tag == "hr":
            return [self.marked(self.rule(), item.status)]
        if block.tag == "pre":
            return self.preformatted(self.text(edits))
        text = self.flow(self.text(edits))
        if block.tag in HEADINGS:
            return [self.heading(int(block.tag[1]), text)]
        return [f"- {self.paragraph(text)}" if block.tag == "li" else self.paragraph(text)]

    def text(self, edits: Sequence[Edit]) -> str:
        pieces = []
        for index, edit in enumerate(edits):
            text = self.words(edit.tokens, edit.status in self.marks)
            if edit.status is Status.DELETED and index + 1 < len(edits) and edits[index + 1].status is Status.INSERTED:
                # The words that replace it bring their own space: [-old-]{+new+}, as git writes it.
                text = text.rstrip()
            pieces.append(self.marked(text, edit.status))
        return "".join(pieces)

    def marked(self, text: str, status: Status) -> str:
        """Text between its marks, with the space after the last word left outside them."""
        if status not in self.marks:
            return text
        words = text.rstrip()
        start, end = self.marks[status]
        return f"{start}{words}{end}{text[len(words) :]}" if words else text

    def words(self, tokens: Sequence[Token], show_links: bool) -> str:
        """The tokens' text; changed link text is followed by its address, which may be the change."""
        text = ""
        address = None
        for token in tokens:
            link = next((dict(tag.attrs).get("href") for tag in reversed(token.context) if tag.name == "a"), None)
            if show_links and address and link != address:
                text = self._with_address(text, address)
            address = link
            text += self.void(token.void) if token.void else self.escape(html.unescape(token.text))
        return self._with_address(text, address) if show_links and address else text

    def _with_address(self, text: str, address: str) -> str:
        words = text.rstrip()
        return f"{words} {self.escape(f'<{address}>')}{text[len(words) :]}"

    # What another format writes differently

    def escape(self, text: str) -> str:
        """Editor text as this format shows it literally."""
        return text

    def void(self, tag: Tag) -> str:
        # Python-Markdown writes a line break after <br />, so the space is already there.
        return self.escape(dict(tag.attrs).get("alt", "")) if tag.name == "img" else ""

    def flow(self, text: str) -> str:
        """The text of a heading, paragraph or list item, line breaks included."""
        return text

    def paragraph(self, text: str) -> str:
        return text

    def heading(self, level: int, text: str) -> str:
        return f"{'#' * level} {text}"

    def rule(self) -> str:
        return "* * *"

    def preformatted(self, text: str) -> list[str]:
        return [f"    {line}" for line in text.rstrip("\n").split("\n")]

    def table(self, rows: list[str]) -> list[str]:
        return rows


def _whole(blocks: Sequence[Block], status: Status) -> list[AlignedBlock]:
    """Children of a block unchanged, deleted or inserted as a whole: the same happened to them."""
    deleted = status is Status.DELETED
    return [AlignedBlock(status, block if deleted else None, None if deleted else block) for block in blocks]
