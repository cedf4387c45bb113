"""From revisions to versions: one version per day a document's body changed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from . import frontmatter, imported
from .document import Document, DocumentSpec
from .errors import Finding, PolicyError
from .history import History, Revision
from .settings import Settings
from .version import ChangeNote, Source, Version


@dataclass(frozen=True)
class Site:
    """Every versioned document of a site, and what the editors should be told about them."""

    documents: tuple[Document, ...]
    findings: tuple[Finding, ...]
    head: str | None
    head_time: int | None
    """When HEAD was committed (Unix seconds): the date a reproducible build stamps."""
    unpublished: tuple[str, ...] = ()
    """Sources whose working-tree text differs from the last commit (not published)."""


def read_site(settings: Settings, *, now: datetime | None = None, with_drafts: bool = False) -> Site:
    """Read Git and versions/ into documents; raises PolicyError on input it cannot publish."""
    now = now or datetime.now(settings.timezone)
    history = History(settings.root)
    paths = {spec: _tracked_paths(settings, spec, history) for spec in settings.documents}
    revisions = history.revisions(
        [p for tracked in paths.values() for p in tracked], settings.timezone, now
    )
    documents, findings, unpublished = [], [], []
    for spec in settings.documents:
        own = [r for r in revisions if r.path in paths[spec]]
        versions, found = _versions(settings, spec, own, history)
        findings += found
        draft = _draft(settings, spec, versions[-1])
        if draft is not None:
            unpublished.append(settings.source_path(spec))
        documents.append(Document(spec, tuple(versions), settings.day_today(), draft if with_drafts else None))
    head = history.head
    head_time = history.committed_time(head) if head else None
    return Site(tuple(documents), tuple(findings), head, head_time, tuple(unpublished))


def _tracked_paths(settings: Settings, spec: DocumentSpec, history: History) -> set[str]:
    # Git names paths from the top of the work tree, which may sit above the config file.
    names = (spec.source, *spec.previous_paths)
    return {(settings.docs_dir / name).relative_to(history.top.resolve()).as_posix() for name in names}


def _versions(
    settings: Settings, spec: DocumentSpec, revisions: list[Revision], history: History
) -> tuple[list[Version], list[Finding]]:
    versions = imported.read_imported(settings.versions_dir, spec, settings.root)
    corrections = imported.read_corrections(settings.versions_dir, spec, settings.root)
    if revisions and versions and versions[-1].landed_on >= revisions[0].committed_at.date():
        raise PolicyError(
            f"this imported version is not older than the first Git revision "
            f"({revisions[0].committed_at.date()}, commit {revisions[0].commit[:12]}).",
            where=f"versions/{spec.slug}/{versions[-1].number}.md",
            fix="imported versions are for history from before Git: remove the file or fix its date.",
        )
    findings = []
    for landed_on, revision in _last_of_each_day(revisions).items():
        where = f"{revision.path} (commit {revision.commit[:12]}, landed {landed_on})"
        source = frontmatter.parse(history.read_blob(revision.blob), where)
        if versions and source.body == versions[-1].body:
            continue  # front matter, whitespace or line endings only
        correction = corrections.get(landed_on)
        note = _change_note(source, correction)
        if versions and source.front_matter.get("revision") == versions[-1].front_matter.get("revision"):
            findings.append(_unclassified(spec, revision, landed_on, source))
        # A correction's date stands in for the commit's, so a published mistake can be put right.
        effective = (correction.effective if correction and correction.effective else note.effective) or landed_on
        if effective < landed_on:
            raise PolicyError(
                f"revision.effective is {effective}, before the day this version landed ({landed_on}).",
                where=source.at("revision.effective"),
                fix="a version cannot take effect before it is published: set 'effective' to "
                f"{landed_on} or later (or remove it to use the landing day). If the change is already "
                f"published, add versions/{spec.slug}/{landed_on}.yml with 'effective: {landed_on}' instead.",
            )
        versions.append(
            Version(spec.slug, landed_on, effective, note.material, note.summary, source.body,
                    Source.GIT, revision.commit, front_matter=source.front_matter)
        )
    if not versions:
        raise PolicyError(
            "this document has no published version yet: it has never been committed.",
            where=settings.source_path(spec),
            fix="commit the file (git add, git commit) so it gets its first version date.",
        )
    return _apply_corrections(versions, corrections), findings


def _last_of_each_day(revisions: list[Revision]) -> dict[date, Revision]:
    # Revisions arrive oldest first, so the last write of each day wins.
    return {revision.committed_at.date(): revision for revision in revisions}


def _change_note(source: frontmatter.Source, correction: imported.Correction | None) -> ChangeNote:
    try:
        return frontmatter.change_note(source)
    except PolicyError:
        # A published version whose front matter was wrong is rescued by a correction, not a rewrite.
        if correction and correction.material is not None and correction.summary:
            return ChangeNote(correction.material, correction.summary, correction.effective)
        raise


def _unclassified(spec: DocumentSpec, revision: Revision, landed_on: date, source) -> Finding:
    return Finding(
        f"the text of {spec.title} changed on {landed_on} (commit {revision.commit[:12]}), but its "
        "'revision' block is the same as the previous version's, so the change is not classified.",
        where=revision.path,
        line=source.line_of("revision"),
        fix="update 'revision.material' and 'revision.summary' to describe this change. If it is already "
        f"published, add versions/{spec.slug}/{landed_on}.yml with 'material:' and 'summary:' instead.",
    )


def _apply_corrections(versions: list[Version], corrections: dict) -> list[Version]:
    by_day = {v.landed_on: v for v in versions}
    for landed_on, correction in corrections.items():
        if landed_on not in by_day:
            raise PolicyError(
                f"there is no version dated {landed_on} to correct.",
                where=correction.where,
                fix=f"rename the file after an existing version date: {', '.join(sorted(map(str, by_day)))}.",
            )
        version = by_day[landed_on]
        effective = correction.effective or version.effective
        if effective < landed_on:
            raise PolicyError(f"'effective' ({effective}) is before the version date.", where=correction.where,
                              fix=f"use {landed_on} or later.")
        by_day[landed_on] = replace(
            version,
            material=version.material if correction.material is None else correction.material,
            summary=correction.summary or version.summary,
            effective=effective,
            corrected=True,
        )
    return [by_day[v.landed_on] for v in versions]


def _draft(settings: Settings, spec: DocumentSpec, published: Version) -> str | None:
    path = settings.docs_dir / spec.source
    source = frontmatter.parse(path.read_text("utf-8"), settings.source_path(spec))
    return source.body if source.body != published.body else None
