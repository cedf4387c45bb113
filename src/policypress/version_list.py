"""versions.json: the machine-readable list of every document's versions (a public contract)."""

from __future__ import annotations

import json

from .document import Document
from .urls import Urls


def versions_json(documents: tuple[Document, ...], urls: Urls, timezone: str) -> str:
    """``timezone`` is the IANA zone that dates every version, so a reader (and ``verify``) can tell
    a version whose date moved because the zone changed; ``as_of`` is the build's day, which decides
    ``current`` and ``upcoming``, and before which no version can appear later."""
    as_of = documents[0].today.isoformat()
    listing = {"timezone": timezone, "as_of": as_of, "documents": [_document(d, urls) for d in documents]}
    # Sorted keys and fixed separators keep the file byte-identical between builds.
    return json.dumps(listing, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _document(document: Document, urls: Urls) -> dict:
    return {
        "slug": document.slug,
        "title": document.title,
        "url": urls.absolute(urls.current(document.slug)),
        "current": document.current.number if document.current else None,
        "upcoming": document.upcoming.number if document.upcoming else None,
        "versions": [
            {
                "version": v.number,
                "effective": v.effective.isoformat(),
                "effective_to": v.effective_to.isoformat() if v.effective_to else None,
                "material": v.material,
                "summary": v.summary,
                "corrected": v.corrected,
                "url": urls.absolute(urls.version(document.slug, v.number)),
                "changes_url": (
                    urls.absolute(urls.changes(document.slug, v.number)) if document.previous(v) else None
                ),
                "sha256": v.sha256,
                "source_url": urls.absolute(urls.exact_text(document.slug, v.number)),
                "source": v.origin.value,
                "commit": v.commit,
            }
            for v in document.newest_first()
        ],
    }
