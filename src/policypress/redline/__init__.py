"""The redline: what changed between two versions, shown as the document itself.

Both versions arrive as rendered HTML bodies. Each is parsed into blocks (headings, paragraphs,
list items, table cells …) made of word tokens (``body``); the blocks are aligned and paired
blocks diffed word by word (``alignment``); the result is written back as HTML with ``<del>``
and ``<ins>`` (``rendering``).

``theme/assets/javascripts/redline.js`` ports the alignment and rendering so a visitor can
compare any two versions in the browser: it parses the text of each version's archived page
with a port of ``body``'s parser, and redlines by the tunables each version's ``redline.json``
carries (``published_data``, ``tunables``: the browser has no copy of its own). Change the algorithm here
and you must change it there: the cases in ``tests/redline_cases/`` (run by both sides) and
``tests/test_redline_js.py`` check that both give the same HTML and the same changes.
"""

from .alignment import AlignedBlock, Edit, Status
from .body import (
    DATA_FORMAT,
    HEADINGS,
    Block,
    Body,
    Parser,
    Tag,
    Token,
    body_data,
    parse_body,
    published_data,
    text_markers,
)
from .rendering import Change, Labels, Redline, compare, redline

__all__ = [
    "HEADINGS", "DATA_FORMAT", "AlignedBlock", "Block", "Body", "Change", "Edit", "Labels", "Parser", "Redline",
    "Status", "Tag", "Token", "body_data", "compare", "parse_body", "published_data", "redline",
    "text_markers",
]
