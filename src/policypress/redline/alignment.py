"""Alignment: which blocks of two versions stayed, went, came or were edited, and which words.

Blocks are matched by key; blocks between matches pair up when similar enough and are diffed
word by word. Matching is difflib's (autojunk off), after setting aside the common ends.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from typing import NamedTuple

from .body import CELLS, Block, Token
from .tunables import PAIRING_WINDOW, SIMILARITY


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
