"""Alignment: which blocks of two versions stayed, went, came or were edited, and which words.

Blocks are matched by key; blocks between matches pair up when alike and are diffed word by word.
Two blocks are alike when similar enough (``SIMILARITY``, by their tokens or by their words alone,
so that a re-linked item is edited) or when runs of ``KEPT_RUN`` words they share make up
``KEPT_SHARE`` of the shorter: a paragraph that kept two of its five sentences is
an edit, not a deletion and an insertion. Matching sets aside the common ends, then anchors on
what occurs once on each side (patience diff) and leaves only the gaps between anchors to
difflib (autojunk off); a leaf's word edits are then cleaned up so that a sliver of a kept word
or two between two changes joins them (``SLIVER``), and a rewrite reads as phrases.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from itertools import chain
from typing import NamedTuple

from .body import CELLS, Block, Token
from .tunables import KEPT_RUN, KEPT_SHARE, PAIRING_WINDOW, SIMILARITY, SLIVER


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
    """Pair edited blocks in order; whatever finds no partner was deleted or inserted.

    An old block takes the first block in its window that is similar, else the first that is
    only alike by the runs they share.
    """
    if len(old) == len(new) == 1:
        # Alone between the same kept blocks: a short block is the same if they share a word.
        edited = _compare(old[0], new[0], in_place=True)
        if edited is not None:
            return [edited[0]]
    paired: list[AlignedBlock] = []
    start = 0
    for old_block in old:
        found = None
        for index in range(start, min(len(new), start + PAIRING_WINDOW)):
            edited = _compare(old_block, new[index])
            if edited is not None and (found is None or edited[1]):
                found = (index, edited[0])
                if edited[1]:
                    break
        if found is None:
            paired.append(AlignedBlock(Status.DELETED, old_block, None))
            continue
        index, edited = found
        paired += [AlignedBlock(Status.INSERTED, None, block) for block in new[start:index]]
        paired.append(edited)
        start = index + 1
    paired += [AlignedBlock(Status.INSERTED, None, block) for block in new[start:]]
    return paired


def _compare(old: Block, new: Block, in_place: bool = False) -> tuple[AlignedBlock, bool] | None:
    """The two blocks as one edited block, and whether they are similar (not only alike by the
    runs they share); None if they are not the same block. Leaves ``in_place`` too short to hold
    a kept run need only share a token."""
    if old.tag != new.tag or old.is_container != new.is_container:
        return None
    short = old.children is None and min(len(old.keys), len(new.keys)) < KEPT_RUN
    always = new.tag in CELLS or (in_place and short and _shared_count(old.keys, new.keys) > 0)
    if old.children is not None:
        # A container's children are aligned next: counting its words is a good enough likeness,
        # where matching them all would take time that grows with the square of a long table's.
        similar = always or _shared_count(_words(old), _words(new)) >= _least_shared(old.keys, new.keys)
        if not similar and not _shares_runs(old, new):
            return None
        return AlignedBlock(Status.CHANGED, old, new, children=align(old.children, new.children)), similar
    if always:
        blocks, similar = _matching_blocks(old.keys, new.keys), True
    else:
        blocks = _matching_if_similar(old.keys, new.keys)
        if blocks is None and _words_similar(old, new):
            # Words re-linked or re-formatted: matched by keys still, so each side keeps its own
            # elements (and a link whose address alone changed shows as a link change).
            blocks = _matching_blocks(old.keys, new.keys)
        similar = blocks is not None
        if blocks is None:
            if not _shares_runs(old, new):
                return None
            blocks = _matching_blocks(old.keys, new.keys)
    return AlignedBlock(Status.CHANGED, old, new, edits=_edits(old.tokens, new.tokens, blocks)), similar


def _least_shared(old: Sequence[str], new: Sequence[str]) -> float:
    """How many tokens two sequences must have in common to be similar."""
    return SIMILARITY * (len(old) + len(new)) / 2.0


def _shared_count(old: Sequence[str], new: Sequence[str]) -> int:
    """Tokens the two have in common, in any order: a bound on what matching finds."""
    return sum((Counter(old) & Counter(new)).values())


def _matching_if_similar(old: Sequence[str], new: Sequence[str]) -> list[Match] | None:
    total = len(old) + len(new)
    if not total:
        return _matching_blocks(old, new)
    least = _least_shared(old, new)
    # Cheap upper bounds on the similarity first; they only save time, never change the answer.
    if min(len(old), len(new)) < least:
        return None
    prefix, suffix = _common_ends(old, new)
    if prefix + suffix < least:
        middles = _shared_count(old[prefix : len(old) - suffix], new[prefix : len(new) - suffix])
        if prefix + suffix + middles < least:
            return None
    blocks = _matching_blocks(old, new, (prefix, suffix))
    if sum(block.size for block in blocks) < least:
        return None
    return blocks


def _words_similar(old: Block, new: Block) -> bool:
    """Whether two leaves are similar by their words alone, whatever elements are around them."""
    old_words, new_words = _words(old), _words(new)
    if old_words is old.keys and new_words is new.keys:
        return False  # no element around any word: as similar as their keys, which are not
    return _matching_if_similar(old_words, new_words) is not None


def _words(block: Block) -> tuple[str, ...]:
    """The block's token keys without their inline elements' tags; its keys if it has none."""
    words = block.memo.get("words")
    if words is None:
        if block.children is not None:
            each = [_words(child) for child in block.children]
            same = all(words is child.keys for words, child in zip(each, block.children, strict=True))
            words = block.keys if same else tuple(chain.from_iterable(each))
        elif any(token.context for token in block.tokens):
            words = tuple(token.key[sum(len(tag.opening) for tag in token.context) :] for token in block.tokens)
        else:
            words = block.keys
        block.memo["words"] = words
    return words


def _shares_runs(old: Block, new: Block) -> bool:
    """Whether runs of ``KEPT_RUN`` tokens found in the longer block make up ``KEPT_SHARE`` of the
    shorter (the old one if they are as long): a kept sentence or two, wherever they moved."""
    shorter, longer = (old, new) if len(old.keys) <= len(new.keys) else (new, old)
    keys = shorter.keys
    if len(keys) < KEPT_RUN:
        return False
    found = _runs(longer)
    covered = 0
    end = 0
    """Where the runs found so far end: tokens before it are counted."""
    for start in range(len(keys) - KEPT_RUN + 1):
        if keys[start : start + KEPT_RUN] in found:
            covered += start + KEPT_RUN - max(start, end)
            end = start + KEPT_RUN
    return covered >= KEPT_SHARE * len(keys)


def _runs(block: Block) -> frozenset[tuple[str, ...]]:
    """Every run of ``KEPT_RUN`` tokens of the block, worked out once per block."""
    runs = block.memo.get("runs")
    if runs is None:
        keys = block.keys
        runs = frozenset(keys[start : start + KEPT_RUN] for start in range(len(keys) - KEPT_RUN + 1))
        block.memo["runs"] = runs
    return runs


def _edits(old: Sequence[Token], new: Sequence[Token], blocks: list[Match]) -> tuple[Edit, ...]:
    edits: list[Edit] = []
    for op, i1, i2, j1, j2 in _without_slivers(_opcodes(blocks)):
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


def _without_slivers(opcodes: list[tuple[str, int, int, int, int]]) -> list[tuple[str, int, int, int, int]]:
    """The opcodes with each kept run shorter than ``SLIVER`` tokens, and shorter than the changes
    on both sides of it, taken into one change with them: a rewrite reads as phrases, not as
    changes around a kept "the" or "and"; a word replaced beside another stays two changes."""
    joined: list[tuple[str, int, int, int, int]] = []
    for opcode in opcodes:
        joined.append(opcode)
        while len(joined) >= 3 and joined[-1][0] != "equal" and joined[-2][0] == "equal" and joined[-3][0] != "equal":
            before, kept, after = joined[-3:]
            length = kept[2] - kept[1]
            if length >= SLIVER or length >= _size(before) or length >= _size(after):
                break
            joined[-3:] = [("replace", before[1], after[2], before[3], after[4])]
    return joined


def _size(opcode: tuple[str, int, int, int, int]) -> int:
    """How many tokens a change deletes or inserts, whichever is more."""
    return max(opcode[2] - opcode[1], opcode[4] - opcode[3])


# Matching: anchors on what occurs once on each side, difflib's between them


class Match(NamedTuple):
    """``old[a:a + size] == new[b:b + size]``."""

    a: int
    b: int
    size: int


def _matching_blocks(old: Sequence[str], new: Sequence[str], ends: tuple[int, int] | None = None) -> list[Match]:
    """Matching blocks of two sequences, ending with difflib's sentinel ``Match(len(old), len(new), 0)``.

    An edit usually touches a few words of a long paragraph, so the common prefix and suffix are
    set aside first; what lies between is matched by ``_anchored``.
    """
    prefix, suffix = ends or _common_ends(old, new)
    found = [Match(0, 0, prefix)]
    old_end, new_end = len(old) - suffix, len(new) - suffix
    if prefix < old_end and prefix < new_end:
        found += _anchored(old, new, prefix, old_end, prefix, new_end)
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


def _anchored(old: Sequence[str], new: Sequence[str], alo: int, ahi: int, blo: int, bhi: int) -> list[Match]:
    """Matches of ``old[alo:ahi]`` and ``new[blo:bhi]``, in order, touching ones not yet joined.

    The most elements found once in each, in the same order, are matched first (patience diff),
    each with the equal elements around it; difflib matches each gap between them. difflib alone
    takes time that grows with the square of a long sequence's changes (2,000 list items, a
    rewritten paragraph); its gaps stay small.
    """
    found: list[Match] = []
    i, j = alo, blo
    anchors = _anchors(old, new, alo, ahi, blo, bhi)
    for index, (a, b) in enumerate(anchors):
        next_a, next_b = anchors[index + 1] if index + 1 < len(anchors) else (ahi, bhi)
        # As difflib's longest match would: "and" before a kept "contact" stays with it.
        start_a, start_b = a, b
        while start_a > i and start_b > j and old[start_a - 1] == new[start_b - 1]:
            start_a, start_b = start_a - 1, start_b - 1
        end_a, end_b = a + 1, b + 1
        while end_a < next_a and end_b < next_b and old[end_a] == new[end_b]:
            end_a, end_b = end_a + 1, end_b + 1
        if i < start_a and j < start_b:
            found += _gap_matches(old, new, i, start_a, j, start_b)
        found.append(Match(start_a, start_b, end_a - start_a))
        i, j = end_a, end_b
    if i < ahi and j < bhi:
        found += _gap_matches(old, new, i, ahi, j, bhi)
    return found


def _anchors(old: Sequence[str], new: Sequence[str], alo: int, ahi: int, blo: int, bhi: int) -> list[tuple[int, int]]:
    """Where the longest chain of elements found once in each range is, in both (old, new)."""
    old_range, new_range = old[alo:ahi], new[blo:bhi]
    old_counts, new_counts = Counter(old_range), Counter(new_range)
    once = {key for key, count in old_counts.items() if count == 1}
    once.intersection_update([key for key, count in new_counts.items() if count == 1])
    # The last position of each element in new: for one found once, its only one.
    in_new = dict(zip(new_range, range(blo, bhi), strict=True))
    pairs = [(i, in_new[key]) for i, key in enumerate(old_range, alo) if key in once]
    # Patience sorting: each pair goes on the leftmost pile whose top lies further on in new.
    tops: list[int] = []
    """The new position on top of each pile."""
    top_pairs: list[int] = []
    below: list[int] = []
    """For each pair, the pair on top of the pile to its left when it was placed (-1: none)."""
    for index, (_, j) in enumerate(pairs):
        pile = bisect_left(tops, j)
        below.append(top_pairs[pile - 1] if pile else -1)
        if pile == len(tops):
            tops.append(j)
            top_pairs.append(index)
        else:
            tops[pile] = j
            top_pairs[pile] = index
    chain: list[tuple[int, int]] = []
    index = top_pairs[-1] if top_pairs else -1
    while index >= 0:
        chain.append(pairs[index])
        index = below[index]
    chain.reverse()
    return chain


def _gap_matches(old: Sequence[str], new: Sequence[str], alo: int, ahi: int, blo: int, bhi: int) -> list[Match]:
    """difflib's matching blocks (autojunk off, no sentinel) of ``old[alo:ahi]`` and ``new[blo:bhi]``."""
    # Shortcuts that give what difflib would, in a fraction of the time: most gaps are a few
    # words replaced by others.
    if set(old[alo:ahi]).isdisjoint(new[blo:bhi]):
        return []
    if ahi - alo == 1 or bhi - blo == 1:
        # One element on a side: difflib matches it with its first equal on the other.
        if ahi - alo == 1:
            found = next((j for j in range(blo, bhi) if new[j] == old[alo]), None)
            return [] if found is None else [Match(alo, found, 1)]
        found = next((i for i in range(alo, ahi) if old[i] == new[blo]), None)
        return [] if found is None else [Match(found, blo, 1)]
    matcher = SequenceMatcher(None, old[alo:ahi], new[blo:bhi], autojunk=False)
    return [Match(a + alo, b + blo, size) for a, b, size in matcher.get_matching_blocks() if size]


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
