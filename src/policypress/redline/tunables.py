"""What the browser's port of the redline must agree on: the thresholds alignment decides by, and
how block keys and change anchors are formed.

Each is defined here once. ``published_data`` publishes them in every ``redline.json`` (its
``"tunables"``, see ``PUBLISHED``) and ``redline.js`` reads them from there, so the compare view
cannot redline by other values than the build did.
"""

SIMILARITY = 0.5
"""Blocks at least this similar (the share of their tokens matched, as difflib's ratio, or of
their words alone, whatever inline elements are around them) are diffed word by word."""

KEPT_RUN = 6
"""Blocks less similar than ``SIMILARITY`` are still diffed word by word when runs of at least
this many tokens, found in both (a kept sentence, a long phrase), make up ``KEPT_SHARE`` …"""

KEPT_SHARE = 0.25
"""… of the shorter block's tokens."""

SLIVER = 3
"""A kept run of fewer tokens than this, and fewer than the changes on both sides of it, joins
them into one change: a rewritten paragraph reads as phrases, not as confetti of kept words."""

PAIRING_WINDOW = 16
"""How many new blocks ahead an old block looks for its edited counterpart."""

ANCHOR_PREFIX = "change-"
"""A change's anchor is this and its number: ``change-1``, ``change-2`` …"""

ANCHOR_CLASH_PREFIX = "pp-"
"""Put before ``ANCHOR_PREFIX`` until no id of either document looks like a change anchor."""

WORD_KEY = "\x01"
"""A token's key: its inline elements' opening tags, this, then its word or void element's tag."""

LEAF_KEY = ("\x02", "\x1f", "\x03")
"""A leaf's key: its tag, the first, its tokens' keys joined by the second, then the third."""

CONTAINER_KEY = ("\x04", "\x1e", "\x05")
"""A container's key: its tag, the first, its children's keys joined by the second, then the third."""

PUBLISHED = {
    "similarity": SIMILARITY,
    "kept_run": KEPT_RUN,
    "kept_share": KEPT_SHARE,
    "sliver": SLIVER,
    "pairing_window": PAIRING_WINDOW,
    "anchor_prefix": ANCHOR_PREFIX,
    "anchor_clash_prefix": ANCHOR_CLASH_PREFIX,
    "word_key": WORD_KEY,
    "leaf_key": LEAF_KEY,
    "container_key": CONTAINER_KEY,
}
"""The tunables as ``redline.json`` carries them for ``redline.js``."""
