"""Links inside version texts, made to work from wherever the text is republished.

A version's Markdown was written to sit at its source path; archived copies and redlines live
deeper (/S/versions/DATE/…), so relative links to other pages are rewritten to site paths.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

# Inline links/images "](target)" and reference definitions "[id]: target".
_INLINE = re.compile(r"(\]\()(<[^>]*>|[^)\s]+)")
_REFERENCE = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*)(\S+)", re.MULTILINE)
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")

UrlFor = Callable[[str], str]
"""Maps a path under docs/ (e.g. ``ccpa-notice.md``) to its site path (``/ccpa-notice/``)."""


def rebase(markdown: str, source: str, target_for: UrlFor) -> str:
    """Rewrite relative links in ``markdown`` (written at docs/``source``) with ``target_for``.

    ``target_for`` receives the linked path resolved against docs/.
    """
    base = posixpath.dirname(source)

    def rewrite(match: re.Match) -> str:
        target = match.group(2).strip("<>")
        if _EXTERNAL.match(target):
            return match.group(0)
        path, hash_, fragment = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(base, path))
        return f"{match.group(1)}{target_for(resolved)}{hash_}{fragment}"

    return _REFERENCE.sub(rewrite, _INLINE.sub(rewrite, markdown))
