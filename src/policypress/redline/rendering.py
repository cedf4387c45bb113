"""Rendering: two aligned versions written as one document, with ``<del>`` and ``<ins>``.

Each change group gets a focusable anchor and is listed with the section it is in. Unchanged
blocks, most of any redline, are written once per block and reused (``unchanged_block``).
Words deleted and inserted again as they were, only linked elsewhere, are one link change: the
new link in a ``span.pp-link-changed``, then a note "(link changed from OLD to NEW)". The words a
redline writes itself (those screen readers announce, the note) are the page's language's: ``Labels``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .. import words
from .alignment import AlignedBlock, Edit, Status, align
from .body import (
    CELLS,
    HEADINGS,
    Block,
    Body,
    Parser,
    Tag,
    Token,
    collector_paused,
    escape_attr,
    escape_text,
    open_tag,
)
from .tunables import ANCHOR_CLASH_PREFIX, ANCHOR_PREFIX

_DIGITS = re.compile(r"-?[0-9]+")


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


@dataclass(frozen=True)
class Labels:
    """The words a redline writes into the text, in the page's language (its catalog's ``redline_*``):
    redline.js has none of its own and reads the same from the compare page."""

    deleted: str
    """What a screen reader announces before deleted words: ``deleted: ``."""
    inserted: str
    """And before inserted words."""
    link_changed: str
    """The note after words whose link alone changed, with the ``{old}`` and ``{new}`` addresses."""

    @classmethod
    def of(cls, said: words.Words) -> Labels:
        return cls(said("redline_deleted"), said("redline_inserted"), said.messages["redline_link_changed"])

    @classmethod
    def reference(cls) -> Labels:
        """The reference language's, for the redlines editors read (``policypress review``, the terminal)."""
        return cls.of(words.of(words.REFERENCE))


def redline(old_html: str, new_html: str, labels: Labels | None = None) -> Redline:
    """The redline of two rendered texts, in ``labels`` (by default the reference language's)."""
    parser = Parser()
    with collector_paused():  # once for all three steps: each time it resumes, it visits every token
        return compare(parser.body(old_html), parser.body(new_html), labels)


def compare(old: Body, new: Body, labels: Labels | None = None) -> Redline:
    """The redline of two parsed bodies: parse each version once when building many redlines. A page's
    redline gives its language's ``labels``; without, the reference language's."""
    with collector_paused():
        aligned = align(old.blocks, new.blocks)
        renderer = _Renderer(_anchor_prefix(old.ids | new.ids), labels or Labels.reference())
        renderer.blocks(aligned, None)
        return Redline("".join(renderer.out), renderer.finished_changes(), aligned)


def _anchor_prefix(ids: frozenset[str]) -> str:
    """``change-`` unless the documents already use ids like ``change-3`` themselves."""
    prefix = ANCHOR_PREFIX
    while any(i.startswith(prefix) and re.fullmatch("[0-9]+", i[len(prefix) :]) for i in ids):
        prefix = ANCHOR_CLASH_PREFIX + prefix
    return prefix


def _plain_text(tokens: Sequence[Token]) -> str:
    return " ".join(html.unescape("".join(token.text for token in tokens)).split())


_MARKS = {Status.DELETED: "del", Status.INSERTED: "ins"}
LINK_CHANGED = "pp-link-changed"
"""Class of the mark around words whose link alone changed."""
LINK_NOTE = "pp-link-note"
"""Class of the note after them: "(link changed from OLD to NEW)"."""
LINK_NOTE_SEPARATOR = "; "
"""Between the notes of two links changed in the same words."""
_BLOCK_CLASSES = {
    Status.UNCHANGED: "pp-unchanged",
    Status.DELETED: "pp-block-del",
    Status.INSERTED: "pp-block-ins",
}
EDITED_TABLE = "pp-edited"
"""Class of a table with changes inside it. Every table of a redline has a class, so that Material, which
wraps a table with none in its own scroll box when a page loads (not in the compare view, drawn
later), leaves them all to redline.css: the changes page and the compare view lay a table out alike."""


class _Frame(NamedTuple):
    """An element open while inline tokens are written: a context tag or a del/ins mark."""

    identity: str
    name: str
    attrs: tuple[tuple[str, str], ...]
    strip_id: bool
    mark: Status | None


class Unchanged(NamedTuple):
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

    def __init__(self, prefix: str, labels: Labels):
        self.prefix = prefix
        self.labels = labels
        self.marks_label = {Status.DELETED: labels.deleted, Status.INSERTED: labels.inserted}
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
        headings: set[Status] = set()
        """The sides whose headings the change so far holds, in a run of whole blocks."""
        for item in aligned:
            whole = item.status in _MARKS
            # A run of whole blocks deleted or inserted together is one change per section: a
            # heading starts another when the change already holds one of the same side.
            heading = whole and item.block.tag in HEADINGS
            if whole and (not in_run or (heading and item.status in headings)):
                self.pending = True
                headings = set()
            elif not whole:
                self.pending = False
            if heading:
                headings.add(item.status)
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
        classes = [EDITED_TABLE] if block.tag == "table" else []
        self.out.append(self._opening(block.tag, _decorate(block, classes, value)))
        if block.children is not None:
            self.out.append("\n")
            self.blocks(item.children, _Numbering(item.old, block) if block.tag == "ol" else None)
        else:
            if block.tag in HEADINGS:
                self.section = (dict(block.attrs).get("id"), _plain_text(block.tokens))
            if _only_words(item.old) and _only_words(item.new):
                self.words(item.edits)
            else:
                self.inline(item.edits)
        self.out.append(_closing(block.tag))

    def unchanged(self, block: Block) -> None:
        """An unchanged block as ``whole`` writes it, from the block's own rendering when it can."""
        rendered = unchanged_block(block)
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
        relinked = None
        for edit, after in zip(edits, [*edits[1:], None], strict=True):
            if edit.starts_change:
                self.pending = True
            if relinked is not None:
                self._relinked(stack, edit.tokens, relinked)
                relinked = None
                continue
            if edit.status is Status.DELETED and after is not None and after.status is Status.INSERTED:
                relinked = _link_changes(edit.tokens, after.tokens, self.labels)
                if relinked is not None:
                    continue
            self._run(stack, edit.status, edit.tokens)
        self._close(stack)

    def words(self, edits: Sequence[Edit]) -> None:
        """``inline`` for a leaf of words alone, no element around any (``_only_words``): each run
        of edits is its text, in a del or ins or not; with no elements to close and reopen around
        the marks, and no links to change, a rewritten paragraph is written in half the time."""
        out = self.out
        for edit in edits:
            if edit.starts_change:
                self.pending = True
            text = "".join([token.text for token in edit.tokens])
            if edit.status is Status.UNCHANGED:
                out.append(text)
                continue
            self._open_mark(edit.status)
            out.append(text)
            out.append(f"</{_MARKS[edit.status]}>")
            self._note(edit.status, text)
        self._note(Status.DELETED, " ")
        self._note(Status.INSERTED, " ")

    def _relinked(self, stack: list[_Frame], tokens: Sequence[Token], links: LinkChanges) -> None:
        """The same words linked elsewhere: marked once, with both addresses in a note after them."""
        self.marks += 1
        mark = _Frame(f"\x00{self.marks}", "span", (), False, None)
        self._sync(stack, _frames(tokens[0].context[: links.shared], False))
        anchor = self._anchor() if self.pending else None
        self.out.append(self._opening("span", (("class", LINK_CHANGED),), anchor=anchor))
        stack.append(mark)
        context = None
        for token in tokens:
            if token.context is not context:
                context = token.context
                inner = _frames(context[links.shared :], False)
                self._sync(stack, [*_frames(context[: links.shared], False), mark, *inner])
            self.out.append(token.text)
        self._sync(stack, stack[: links.shared + 1])
        self.out.append(f'<span class="{LINK_NOTE}"> ({escape_text(links.note)})</span>')
        text = "".join(token.text for token in tokens)
        self._note(Status.DELETED, text)
        self._note(Status.INSERTED, text)

    def _run(self, stack: list[_Frame], status: Status, tokens: Sequence[Token]) -> None:
        out = self.out
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
                if not context:  # most words: no elements around them but the mark
                    frames = [mark] if mark else []
                elif mark:
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
                out.append(self._opening(token.void.name, token.void.attrs, strip_id, void=True))
            else:
                out.append(token.text)
        if mark and self.changes:
            self.changes[-1][3][status].extend([token.text for token in tokens])

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
        if keep < len(stack):
            self.out.extend([f"</{frame.name}>" for frame in reversed(stack[keep:])])
            del stack[keep:]
        for frame in frames[keep:]:
            if frame.mark:
                self._open_mark(frame.mark)
            else:
                self.out.append(self._opening(frame.name, frame.attrs, frame.strip_id))
            stack.append(frame)

    def _open_mark(self, status: Status) -> None:
        # Colour is not enough: screen readers announce what happened.
        label = f'<span class="pp-sr">{escape_text(self.marks_label[status])}</span>'
        if self.pending:
            # As _opening writes an anchor on a tag with no attributes, a tenth of the time.
            anchor = f'class="pp-change" id="{escape_attr(self._anchor())}" tabindex="-1"'
            self.out.append(f"<{_MARKS[status]} {anchor}>{label}")
        else:
            self.out.append(f"<{_MARKS[status]}>{label}")

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
        return open_tag(name, kept, void)


def unchanged_block(block: Block) -> Unchanged:
    """The block written unchanged by a renderer of its own, once for every redline it is in: the
    block keeps it in its ``memo``, and the versions of a history share their blocks."""
    rendered = block.memo.get("unchanged")
    if rendered is None:
        renderer = _Renderer("", Labels.reference())  # an unchanged block has no marks to label
        renderer.section = None
        renderer.whole(block, Status.UNCHANGED, True)
        rendered = block.memo["unchanged"] = Unchanged("".join(renderer.out), frozenset(renderer.ids), renderer.section)
    return rendered


def _only_words(block: Block) -> bool:
    """Whether the leaf is words alone: no inline element around any, none between them."""
    only = block.memo.get("only words")
    if only is None:
        only = block.memo["only words"] = not any(token.context or token.void for token in block.tokens)
    return only


def _closing(tag: str) -> str:
    return f"</{tag}>\n" if tag else "\n"


def _frames(context: Sequence[Tag], strip_id: bool) -> list[_Frame]:
    marker = "\x00" if strip_id else ""
    return [_Frame(tag.opening + marker, tag.name, tag.attrs, strip_id, None) for tag in context]


def _shared_length(contexts: Sequence[tuple[Tag, ...]]) -> int:
    first = contexts[0]
    length = len(first)
    for context in contexts[1:]:
        if context is first:  # most words of a run: same elements, nothing to compare
            continue
        length = min(length, len(context))
        while length and context[length - 1] != first[length - 1]:
            length -= 1
    return length


class LinkChanges(NamedTuple):
    """Words deleted and inserted again as they were, only linked elsewhere."""

    shared: int
    """How many elements around the words stayed the same: the mark goes inside them."""
    note: str
    """The old and new addresses, as the reader sees them after the words."""


def _link_changes(deleted: Sequence[Token], inserted: Sequence[Token], labels: Labels) -> LinkChanges | None:
    """The addresses that changed, if nothing but links' addresses did (else None: a plain del/ins)."""
    if len(deleted) != len(inserted):
        return None
    changed_at = len(inserted[0].context)
    """The shallowest element whose link changed: the mark goes outside it."""
    moves: list[tuple[str, str]] = []
    for old, new in zip(deleted, inserted, strict=True):
        if old.void or new.void or old.text.rstrip(" ") != new.text.rstrip(" "):
            return None
        if len(old.context) != len(new.context):
            return None
        for depth, (old_tag, new_tag) in enumerate(zip(old.context, new.context, strict=True)):
            if old_tag == new_tag:
                continue
            old_href, new_href = dict(old_tag.attrs).get("href"), dict(new_tag.attrs).get("href")
            if old_tag.name != "a" or new_tag.name != "a" or None in (old_href, new_href) or old_href == new_href:
                return None
            changed_at = min(changed_at, depth)
            # One mention per link, in order: a link's words share its tag.
            if not moves or moves[-1] != (old_href, new_href):
                moves.append((old_href, new_href))
    if not moves:
        return None
    shared = min(changed_at, _shared_length([token.context for token in inserted]))
    note = LINK_NOTE_SEPARATOR.join(labels.link_changed.format(old=old, new=new) for old, new in moves)
    return LinkChanges(shared, note)


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
