"""The ``policypress`` command: check, list, compare and verify versions, and start a new site.

It reads the site's settings from mkdocs.yml without running MkDocs, then hands the work to the
engine: ``check`` (the policy lint), ``redline`` and ``terminal`` (diff), ``instant`` (at),
``verify`` (published versions intact), ``scaffold`` (new site).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import replace
from pathlib import Path

import click

from . import check as lint
from . import instant, notice_text, proposal, render, review, scaffold, terminal, versioning
from . import verify as integrity
from .configuration import Configuration, read_config
from .errors import Finding, PolicyError, plural
from .urls import Urls

# Reporting findings, for people and for GitHub Actions


def _report(findings: list[Finding], annotate: bool) -> None:
    for finding in findings:
        click.echo(_annotation(finding) if annotate else _plain(finding))


def _plain(finding: Finding) -> str:
    where = f"{finding.where}:{finding.line}" if finding.where and finding.line else finding.where
    text = f"{where}: {finding.severity}: {finding.problem}" if where else f"{finding.severity}: {finding.problem}"
    return text + (f"\n    To fix: {finding.fix}" if finding.fix else "")


_FILE = re.compile(r"[\w./-]+\.(?:md|yml|yaml|json)")


def _annotation(finding: Finding) -> str:
    # ::error file=…,line=…::message; the message names the place too when it is not a plain file.
    properties, message = [], finding.problem
    if finding.where and _FILE.fullmatch(finding.where):
        properties.append(f"file={_escape(finding.where, property=True)}")
        if finding.line:
            properties.append(f"line={finding.line}")
    elif finding.where:
        message = f"{finding.where}: {message}"
    if finding.fix:
        message += f"\nTo fix: {finding.fix}"
    kind = "error" if finding.severity == lint.ERROR else "warning"
    return f"::{kind} {','.join(properties)}::{_escape(message)}" if properties else f"::{kind}::{_escape(message)}"


def _escape(text: str, property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property else text


def _summary(findings: list[Finding]) -> tuple[int, int]:
    errors = sum(f.severity == lint.ERROR for f in findings)
    return errors, len(findings) - errors


# Commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-f", "--config", "config_file", default="mkdocs.yml", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="The site's MkDocs configuration file.")
@click.pass_context
def main(context: click.Context, config_file: Path) -> None:
    """Check, list and verify the versions of a policypress site, or start a new one."""
    context.obj = config_file


def _versions_html(config: Configuration) -> render.RenderVersion:
    return render.for_site(config.renderer, config.settings)


def _record(config_file: Path) -> tuple[Configuration, versioning.Record]:
    try:
        config = read_config(config_file)
        return config, versioning.read_record(config.settings)
    except PolicyError as error:
        raise click.ClickException(str(error)) from None


@main.command()
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--format", "output", type=click.Choice(["auto", "text", "github"]), default="auto",
              show_default=True, help="github writes GitHub Actions annotations; auto does so in GitHub Actions.")
@click.pass_obj
def check(config_file: Path, strict: bool, output: str) -> None:
    """The policy lint: exit status 1 on errors (and with --strict, on warnings)."""
    annotate = output == "github" or (output == "auto" and os.environ.get("GITHUB_ACTIONS") == "true")
    try:
        config = read_config(config_file)
        site = versioning.read_record(config.settings)
        findings = lint.check(config.settings, site, config.renderer)
    except PolicyError as error:
        findings = [Finding(error.problem, where=error.where, fix=error.fix, severity=lint.ERROR)]
        site = None
    _report(findings, annotate)
    errors, warnings = _summary(findings)
    if site is not None:
        for source in site.unpublished:
            click.echo(f"note: {source} has uncommitted edits; the check reads the committed text.")
    checked = f"{plural(len(site.documents), 'document')} checked: " if site else ""
    click.echo(f"{checked}{plural(errors, 'error')}, {plural(warnings, 'warning')}.")
    if errors or (strict and warnings):
        sys.exit(1)


@main.command()
@click.argument("slug", required=False)
@click.option("--lang", default=None, metavar="LANG", help="The document's translation into LANG (e.g. es).")
@click.pass_obj
def versions(config_file: Path, slug: str | None, lang: str | None) -> None:
    """The version table of every document, or of the document SLUG; with --lang, of its translation."""
    config, site = _record(config_file)
    documents = _chosen(site.documents, slug, lang)
    for number, document in enumerate(documents):
        if number:
            click.echo()
        click.echo(f"{document.title} (/{document.slug}/)")
        translated = document.spec.is_translation
        rows = [("Version", "Effective", "Kind", "Status", "Source", "Summary")]
        for version in document.newest_first():
            status = document.status(version).value
            summary = version.summary + (" (corrected)" if version.corrected else "")
            if translated:
                summary = f"[translates {version.translates}] {summary}"
            rows.append((version.number, version.effective.isoformat(), version.kind, status,
                         version.origin.value, summary))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
        for row in rows:
            click.echo("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1])
    for source in site.unpublished:
        click.echo(f"\nnote: {source} has uncommitted edits, which are not a version until committed.")


@main.command()
@click.argument("slug", required=False)
@click.argument("old", required=False, metavar="A")
@click.argument("new", required=False, metavar="B")
@click.option("--format", "output", type=click.Choice(["text", "markdown"]), default="text", show_default=True,
              help="markdown writes a review summary for a pull request, as GitHub renders it.")
@click.option("--base", metavar="REV", default=None,
              help="Review what merging HEAD into REV would publish (default without SLUG: origin/main, "
              "or else HEAD's first parent).")
@click.option("--color/--no-color", default=None, help="Colour the changes (default: when writing to a terminal).")
@click.option("--lang", default=None, metavar="LANG", help="The document's translation into LANG (e.g. es).")
@click.pass_obj
def diff(config_file: Path, slug: str | None, old: str | None, new: str | None, output: str, base: str | None,
         color: bool | None, lang: str | None) -> None:
    """The redline of document SLUG: its newest change, and its uncommitted edits.

    With A, from version A to the newest version; with A and B, from A to B, the older first.
    Without SLUG, or with --base, what merging HEAD into the base would publish, for every document
    it changes (or for SLUG): the version number it lands as if merged today, its kind, effective
    date and notice check. Without colour, deletions read [-old-] and insertions {+new+}.
    """
    try:
        config = read_config(config_file)
        if slug is None or base is not None:
            if old or new:
                raise click.UsageError("name versions A and B only with a SLUG and without --base.")
            shown = _pull_request_review(config, slug, base, lang)
        else:
            shown = _versions_review(config, slug, old, new, lang)
    except PolicyError as error:
        raise click.ClickException(str(error)) from None
    if output == "markdown":
        # UTF-8 whatever the locale: GitHub reads the job summary as UTF-8.
        sys.stdout.flush()
        sys.stdout.buffer.write(review.markdown(shown).encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        colour = sys.stdout.isatty() if color is None else color
        click.echo(_review_text(shown, colour), color=colour)
    if shown.error:
        raise click.ClickException(shown.error)


def _versions_review(config: Configuration, slug: str, old: str | None, new: str | None,
                     lang: str | None) -> review.Review:
    """Versions A and B of a document, or its newest change and its uncommitted draft."""
    site = versioning.read_record(config.settings, with_drafts=True)
    document = _by_slug(site.documents, slug, lang)
    timezone = config.settings.timezone.key
    numbers = {v.number: v for v in document.versions}
    for number in (old, new):
        if number is not None and number not in numbers:
            raise click.ClickException(f"the {document.title} has no version {number}. Its versions are: "
                                       f"{', '.join(reversed(numbers))}.")
    if old is not None:
        if new == old:
            raise click.ClickException(f"A and B are the same version ({old}): name two different versions.")
        after = numbers[new] if new else document.versions[-1]
        if after is numbers[old]:
            return review.Review((), timezone, notes=(f"Version {old} is the newest version of the {document.title}: "
                                                      "there is nothing after it to compare. Name two versions: A B.",))
        return review.Review((review.compare(document, numbers[old], after, config.settings, _versions_html(config)),),
                             timezone)
    comparisons = review.newest_changes(document, config.settings, _versions_html(config))
    if not comparisons:
        only = document.versions[0].number
        note = (f"The {document.title} has one version ({only}) and no uncommitted edits: there is nothing to "
                "compare yet.")
        return review.Review((), timezone, notes=(note,))
    return review.Review(tuple(comparisons), timezone)


def _pull_request_review(config: Configuration, slug: str | None, base: str | None,
                         lang: str | None) -> review.Review:
    """What merging HEAD into the base would publish, against what the base publishes."""
    settings = config.settings
    if slug is not None or lang is not None:
        settings = replace(settings, documents=_chosen(settings.documents, slug, lang))
    return review.of_merge(proposal.read(settings, base), settings, _versions_html(config))


def _review_text(shown: review.Review, colour: bool) -> str:
    paragraphs = [shown.intro] if shown.intro else []
    for comparison in shown.comparisons:
        lines = [comparison.note] if comparison.note else []
        lines.append(review.heading(comparison))
        lands = review.landing(comparison, shown.timezone)
        if lands:
            lines += [lands, f"Notice check: {comparison.notice.message}"]
            lines += [f"{finding.severity}: {finding.problem}" for finding in comparison.findings]
        if not comparison.redline.is_empty:
            lines += ["", terminal.format_for_terminal(comparison.redline, colour)]
        paragraphs.append("\n".join(lines))
    return "\n\n".join([*paragraphs, *shown.notes])


def _by_slug(documents, slug: str, lang: str | None = None):
    """The document (or its spec) with the slug, or its translation into ``lang``; an error listing the
    site's slugs and languages if there is none."""
    return _chosen(documents, slug, lang)[0]


def _chosen(documents, slug: str | None, lang: str | None) -> tuple:
    """The documents (or specs) with the slug, or every one without it, in ``lang`` when given. With
    ``lang``, a translation answers to its original's slug as well as to its own (es/privacy-statement)."""
    found = tuple(d for d in documents if _is(_spec(d), slug, lang))
    if not found:
        known = ", ".join(document.slug for document in documents)
        languages = list(dict.fromkeys(_spec(document).lang for document in documents))
        asked = f"the slug {slug!r}" + (f" in the language {lang!r}" if lang else "") if slug else \
            f"the language {lang!r}"
        also = f" (or an original's slug with --lang {' or '.join(languages)})" if len(languages) > 1 else ""
        raise click.ClickException(f"there is no document with {asked}. The site has: {known}{also}.")
    return found


def _is(spec, slug: str | None, lang: str | None) -> bool:
    if lang is not None and spec.lang != lang:
        return False
    return slug is None or slug == spec.slug or (lang is not None and slug == spec.document_slug)


def _spec(document):
    return getattr(document, "spec", document)


@main.command()
@click.argument("when")
@click.argument("slug", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object instead of text.")
@click.option("--lang", default=None, metavar="LANG", help="The document's translation into LANG (e.g. es).")
@click.pass_obj
def at(config_file: Path, when: str, slug: str | None, as_json: bool, lang: str | None) -> None:
    """The version of every document (or of SLUG) in force at WHEN: a day (YYYY-MM-DD) or an
    instant with its UTC offset (2024-03-03T14:00:00-08:00), whose day in the site's time zone counts."""
    config, site = _record(config_file)
    try:
        moment = instant.read_instant(when, config.settings.timezone)
    except PolicyError as error:
        raise click.ClickException(str(error)) from None
    documents = _chosen(site.documents, slug, lang)
    answers = instant.in_force_at(documents, moment)
    urls = Urls.for_site(config.settings.site_url)
    if as_json:
        click.echo(instant.as_json(answers, moment, urls), nl=False)
        return
    day = moment.day.isoformat()
    shown = day if moment.written == day else f"{moment.written}, which is {day} in {moment.timezone}"
    click.echo(f"At {shown}:")
    for answer in answers:
        click.echo(f"\n{answer.document.title} (/{answer.document.slug}/)")
        version = answer.version
        if version is None:
            click.echo(f"  none in force: the first version, {answer.first.number}, takes effect on "
                       f"{answer.first.effective.isoformat()}.")
            continue
        until = f"up to {version.effective_to.isoformat()} (not included)" if version.effective_to else \
            "with no end date yet"
        click.echo(f"  version {version.number}, in force from {version.effective.isoformat()} {until}")
        click.echo(f"  {urls.absolute(urls.version(answer.document.slug, version.number))}")
        click.echo(f"  sha256 {version.sha256}")


@main.command()
@click.argument("slug")
@click.argument("number", required=False, metavar="VERSION")
@click.option("--format", "output", type=click.Choice(sorted(notice_text.WRITERS)), default="text",
              show_default=True, help="text for a plain email, html for an HTML email or a web page, markdown to post.")
@click.option("--lang", default=None, metavar="LANG", help="The document's translation into LANG (e.g. es).")
@click.pass_obj
def notice(config_file: Path, slug: str, number: str | None, output: str, lang: str | None) -> None:
    """The notice of a change to document SLUG, to send by email or post: what changes, in the summary's
    words, the effective date, and the addresses of the text and the redline. Without VERSION, the newest
    change the banner announces (or else the newest upcoming one)."""
    config, site = _record(config_file)
    document = _by_slug(site.documents, slug, lang)
    try:
        version = notice_text.announced_version(document, config.settings.banner_days, number)
    except PolicyError as error:
        raise click.ClickException(str(error)) from None
    shown = notice_text.notice_text(document, version, Urls.for_site(config.settings.site_url))
    click.echo(notice_text.WRITERS[output](shown), nl=False)


@main.command()
@click.option("--against", "published", required=True, metavar="PATH_OR_URL",
              help="The live site: its versions.json, its folder or its address (a path or an http(s) URL).")
@click.option("--missing-ok", is_flag=True,
              help="Succeed when nothing is published there yet (the site's first deployment).")
@click.option("--published-only", is_flag=True,
              help="Check only the published files, with no repository: every source.md against the sha256 "
              "listed for it (the default where there is no mkdocs.yml).")
@click.pass_obj
def verify(config_file: Path, published: str, missing_ok: bool, published_only: bool) -> None:
    """Every published version must still be built as published: same date, text and description,
    and no new version dated between published ones. With no repository, every published text
    must hash to the sha256 listed for it."""
    # Without a repository (no mkdocs.yml here), what was published can only be checked against itself.
    outsider = published_only or not config_file.exists()
    config, site = (None, None) if outsider else _record(config_file)
    published = integrity.list_location(published)
    try:
        record = integrity.read_published(published)
        if record is None:
            if not missing_ok:
                raise click.ClickException(
                    f"nothing is published at {published}. If the site has never been deployed, pass --missing-ok."
                )
            click.echo(f"Nothing is published at {published} yet: nothing to verify.")
            return
        if outsider:
            click.echo(f"No repository{'' if published_only else f' ({config_file} not found)'}: checking each "
                       "published text against the sha256 listed for it.")
            findings = integrity.check_sources(record)
        else:
            findings = integrity.compare(record, site.documents, config.settings)
    except PolicyError as error:
        raise click.ClickException(str(error)) from None
    _report(findings, os.environ.get("GITHUB_ACTIONS") == "true")
    if findings:
        click.echo(f"{plural(len(findings), 'problem')} with the published record: what was published must "
                   "never change.")
        sys.exit(1)
    click.echo(f"All {plural(record.version_count, 'published version')} are intact.")


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--organization", default=None, help="Fills in [ORGANIZATION NAME] in the starter texts.")
@click.option("--timezone", default="America/Los_Angeles", show_default=True,
              help="The IANA time zone that dates versions.")
@click.option("--requirement", default=None, metavar="REQUIREMENT",
              help="The site's dependency on policypress, e.g. 'policypress @ git+https://…@v1.2.0' "
              "(default: where this policypress was installed from).")
def new(directory: Path, organization: str | None, timezone: str, requirement: str | None) -> None:
    """Start a new site repository in DIRECTORY."""
    try:
        requirement = requirement or scaffold.installed_requirement()
        written = scaffold.create(directory, organization=organization, timezone=timezone, requirement=requirement)
    except PolicyError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Created a policypress site in {directory} ({plural(len(written), 'file')}). Next:")
    click.echo(f"  cd {directory}")
    click.echo("  replace every [PLACEHOLDER] in docs/ and mkdocs.yml, and site_url, with your own text:")
    click.echo("    the first commit on main becomes each document's first version, kept for good")
    click.echo("  git init -b main && git add -A && git commit -m 'First version of the privacy statement'")
    click.echo("  NO_MKDOCS_2_WARNING=1 mkdocs build --strict   # fails naming any placeholder left")
    if re.search(r"@\s*file:", requirement):
        # An editable clone or a downloaded wheel: the publish workflow's install step would fail.
        click.echo(f"Note: pyproject.toml installs {requirement}, which only this computer has. Before you push, "
                   "name a source the workflow can reach in its dependency line, e.g. "
                   "'policypress @ git+https://github.com/your-org/policypress@v1.2.0' (or pass --requirement).")
