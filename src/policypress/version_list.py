"""versions.json: the machine-readable list of every document's versions (a public contract).

Each document lists its translations inside its own entry, so a reader that knows only the
documents' slugs finds them where it always has; a translation's versions each say which version
of the original they render (``translates``).
"""

from __future__ import annotations

import json

from .document import Document
from .urls import Urls


def versions_json(documents: tuple[Document, ...], urls: Urls, timezone: str) -> str:
    """``timezone`` is the IANA zone that dates every version, so a reader (and ``verify``) can tell
    a version whose date moved because the zone changed; ``as_of`` is the build's day, which decides
    ``current`` and ``upcoming``, and before which no version can appear later."""
    as_of = documents[0].today.isoformat()
    originals = [d for d in documents if not d.spec.is_translation]
    listing = {"timezone": timezone, "as_of": as_of, "documents": [
        {**_document(d, urls), "translations": [_document(t, urls) for t in documents
                                                 if t.spec.translation_of == d.slug]}
        for d in originals
    ]}
    # Sorted keys and fixed separators keep the file byte-identical between builds.
    return json.dumps(listing, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _document(document: Document, urls: Urls) -> dict:
    entry = {
        "slug": document.spec.document_slug,
        "lang": document.spec.lang,
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
                **({"translates": v.translates.isoformat()} if document.spec.is_translation else {}),
            }
            for v in document.newest_first()
        ],
    }
    return entry
