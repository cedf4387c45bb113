"""Integrity of what was published: every version the live site lists must still be built, unchanged.

The live site's ``versions.json`` records each version's ``sha256`` (of its normalised Markdown
body). Rebuilding from the repository must give the same hash for every version listed there; a
version that disappeared or whose text changed means history was rewritten after publication.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

from .document import Document
from .errors import Finding, PolicyError
from .settings import Settings

TIMEOUT_SECONDS = 30


def read_published(location: str) -> dict | None:
    """The published versions.json from a path or an http(s) URL; None when nothing is there (404)."""
    try:
        if location.startswith(("http://", "https://")):
            with urllib.request.urlopen(location, timeout=TIMEOUT_SECONDS) as response:
                text = response.read().decode("utf-8")
        else:
            text = Path(location).read_text("utf-8")
    except FileNotFoundError:
        return None
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise _unreadable(location, f"the server answered {error.code} {error.reason}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise _unreadable(location, str(error)) from None
    try:
        listing = json.loads(text)
    except json.JSONDecodeError as error:
        raise _unreadable(location, f"it is not JSON ({error})") from None
    if not isinstance(listing, dict) or not isinstance(listing.get("documents"), list):
        raise _unreadable(location, "it has no 'documents' list, so it is not a policypress versions.json")
    return listing


def compare(published: dict, documents: tuple[Document, ...], settings: Settings) -> list[Finding]:
    """An error for each published version that this repository no longer builds with the same text."""
    built = {d.slug: d for d in documents}
    findings = []
    for entry in published["documents"]:
        slug = entry.get("slug")
        document = built.get(slug)
        where = settings.source_path(document.spec) if document else "mkdocs.yml"
        for listed in entry.get("versions", []):
            number, published_hash = listed.get("version"), listed.get("sha256")
            version = next((v for v in document.versions if v.number == number), None) if document else None
            if version is not None and version.sha256 == published_hash:
                continue
            title = entry.get("title") or slug
            built_hash = version.sha256 if version else "none: the version is missing"
            findings.append(Finding(
                f"version {number} of the {title} was published with sha256 {published_hash}, "
                f"but this build gives sha256 {built_hash}. Published text must never change.",
                where=where,
                fix=_restore(listed, slug),
                severity="error",
            ))
    return findings


def count(published: dict) -> int:
    return sum(len(entry.get("versions", [])) for entry in published["documents"])


def _restore(listed: dict, slug: str) -> str:
    if listed.get("commit"):
        return (f"restore the history that published it (it was built from commit {listed['commit']}): undo the "
                "rebase, amend or force-push, e.g. from 'git reflog' or a backup. To change what a version "
                "says, publish a new version, or add a correction file for its summary.")
    return f"restore versions/{slug}/{listed.get('version')}.md to the text that was published."


def _unreadable(location: str, reason: str) -> PolicyError:
    return PolicyError(f"cannot read the published version list: {reason}.", where=location,
                       fix="give the path or URL of the live site's versions.json, e.g. https://…/versions.json.")
