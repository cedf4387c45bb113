"""The ``policypress`` command: check, list, compare and verify versions, and start a new site.

It reads the site's settings from mkdocs.yml without running MkDocs, then hands the work to the
engine: ``check`` (the policy lint), ``redline`` and ``terminal`` (diff), ``verify`` (published
versions intact), ``scaffold`` (new site).
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import click
import markdown
import yaml

from . import check as lint
from . import redline, scaffold, terminal, versioning
from . import settings as site_settings
from . import verify as integrity
from .errors import Finding, PolicyError
from .pages import Render

BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
"""MkDocs always renders with these, before the site's own markdown_extensions."""


@dataclass(frozen=True)
class SiteConfig:
    """What the command needs from mkdocs.yml: the policypress settings and the site's Markdown."""

    settings: site_settings.Settings
    render: Render


# Reading mkdocs.yml without MkDocs


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML that also reads MkDocs' tags: !ENV, !!python/name:, and ignores any other tag."""


def _environment(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    # !ENV VAR or !ENV [VAR, OTHER_VAR, default], as MkDocs reads it.
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    variables, default = (names[:-1], names[-1]) if len(names) > 1 else (names, None)
    return next((os.environ[name] for name in variables if name in os.environ), default)


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    module, _, attribute = suffix.rpartition(".")
    return getattr(importlib.import_module(module), attribute)


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


_ConfigLoader.add_constructor("!ENV", _environment)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_ConfigLoader.add_multi_constructor("", _untagged)


def read_config(config_file: Path) -> SiteConfig:
    """The site's settings and Markdown renderer, read from its MkDocs configuration file."""
    if not config_file.is_file():
        raise PolicyError(
            f"there is no {config_file.name} here.", where=str(config_file.parent.resolve()),
            fix="run the command in the site's repository, or name the file with --config.",
        )
    try:
        config = yaml.load(config_file.read_text("utf-8"), Loader=_ConfigLoader) or {}
    except yaml.YAMLError as error:
        raise PolicyError(f"the file is not valid YAML ({error}).", where=config_file.name,
                          fix="correct the line the message names.") from None
    docs_dir = config_file.resolve().parent / config.get("docs_dir", "docs")
    settings = site_settings.load(
        (config.get("extra") or {}).get("policypress"), config_file=config_file, docs_dir=docs_dir,
        site_url=config.get("site_url"),
    )
    return SiteConfig(settings, _renderer(config.get("markdown_extensions") or []))


def _renderer(configured: list | dict) -> Render:
    names, options = list(BUILTIN_EXTENSIONS), {}
    entries = configured.items() if isinstance(configured, dict) else (
        next(iter(e.items())) if isinstance(e, dict) else (e, None) for e in configured
    )
    for name, config in entries:
        if name not in names:
            names.append(name)
        if config:
            options.setdefault(name, {}).update(config)

    def render(text: str) -> str:
        return markdown.Markdown(extensions=names, extension_configs=options).convert(text)

    return render


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


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# Commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-f", "--config", "config_file", default="mkdocs.yml", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="The site's MkDocs configuration file.")
@click.pass_context
def main(context: click.Context, config_file: Path) -> None:
    """Check, list and verify the versions of a policypress site, or start a new one."""
    context.obj = config_file


def _site(config_file: Path) -> tuple[SiteConfig, versioning.Site]:
    try:
        config = read_config(config_file)
        return config, versioning.read_site(config.settings)
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
        site = versioning.read_site(config.settings)
        findings = lint.check(config.settings, site, config.render)
    except PolicyError as error:
        findings = [Finding(error.problem, where=error.where, fix=error.fix, severity=lint.ERROR)]
        site = None
    _report(findings, annotate)
    errors, warnings = _summary(findings)
    if site is not None:
        for source in site.unpublished:
            click.echo(f"note: {source} has uncommitted edits; the check reads the committed text.")
    checked = f"{_plural(len(site.documents), 'document')} checked: " if site else ""
    click.echo(f"{checked}{_plural(errors, 'error')}, {_plural(warnings, 'warning')}.")
    if errors or (strict and warnings):
        sys.exit(1)


@main.command()
@click.argument("slug", required=False)
@click.pass_obj
def versions(config_file: Path, slug: str | None) -> None:
    """The version table of every document, or of the document SLUG."""
    config, site = _site(config_file)
    documents = [d for d in site.documents if slug in (None, d.slug)]
    if not documents:
        known = ", ".join(d.slug for d in site.documents)
        raise click.ClickException(f"there is no document with the slug {slug!r}. The site has: {known}.")
    for number, document in enumerate(documents):
        if number:
            click.echo()
        click.echo(f"{document.title} (/{document.slug}/)")
        rows = [("Version", "Effective", "Kind", "Status", "Source", "Summary")]
        for version in document.newest_first():
            status = document.status(version).value
            rows.append((version.number, version.effective.isoformat(), version.kind, status,
                         version.source.value, version.summary + (" (corrected)" if version.corrected else "")))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
        for row in rows:
            click.echo("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1])
    for source in site.unpublished:
        click.echo(f"\nnote: {source} has uncommitted edits, which are not a version until committed.")


@main.command()
@click.argument("slug")
@click.argument("old", required=False, metavar="A")
@click.argument("new", required=False, metavar="B")
@click.option("--color/--no-color", default=None, help="Colour the changes (default: when writing to a terminal).")
@click.pass_obj
def diff(config_file: Path, slug: str, old: str | None, new: str | None, color: bool | None) -> None:
    """The redline of document SLUG from version A to version B.

    B defaults to the version in force, A to the version before B. Without colour, deletions
    read [-old-] and insertions {+new+}.
    """
    config, site = _site(config_file)
    document = next((d for d in site.documents if d.slug == slug), None)
    if document is None:
        known = ", ".join(d.slug for d in site.documents)
        raise click.ClickException(f"there is no document with the slug {slug!r}. The site has: {known}.")
    numbers = {v.number: v for v in document.versions}
    for number in (old, new):
        if number is not None and number not in numbers:
            raise click.ClickException(f"the {document.title} has no version {number}. Its versions are: "
                                       f"{', '.join(reversed(numbers))}.")
    after = numbers[new] if new else (document.current or document.versions[-1])
    before = numbers[old] if old else document.previous(after)
    if before is None:
        raise click.ClickException(f"version {after.number} is the first version of the {document.title}: "
                                   "there is nothing before it to compare. Name two versions: A B.")
    changes = redline.redline(config.render(before.body), config.render(after.body))
    colour = sys.stdout.isatty() if color is None else color
    click.echo(f"{document.title}: {before.number} → {after.number}, {_plural(changes.count, 'change')}")
    if not changes.is_empty:
        click.echo()
        click.echo(terminal.format_for_terminal(changes, colour), color=colour)


@main.command()
@click.option("--against", "published", required=True, metavar="PATH_OR_URL",
              help="The live site's versions.json: a file path or an http(s) URL.")
@click.option("--missing-ok", is_flag=True,
              help="Succeed when nothing is published there yet (the site's first deployment).")
@click.pass_obj
def verify(config_file: Path, published: str, missing_ok: bool) -> None:
    """Every published version must still be built as published: same date, text and description,
    and no new version dated between published ones."""
    config, site = _site(config_file)
    try:
        record = integrity.read_published(published)
    except PolicyError as error:
        raise click.ClickException(str(error)) from None
    if record is None:
        if not missing_ok:
            raise click.ClickException(
                f"nothing is published at {published}. If the site has never been deployed, pass --missing-ok."
            )
        click.echo(f"Nothing is published at {published} yet: nothing to verify.")
        return
    findings = integrity.compare(record, site.documents, config.settings)
    _report(findings, os.environ.get("GITHUB_ACTIONS") == "true")
    if findings:
        click.echo(f"{_plural(len(findings), 'problem')} with the published record: what was published must "
                   "never change.")
        sys.exit(1)
    click.echo(f"All {_plural(record.version_count, 'published version')} are intact.")


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--organization", default=None, help="Fills in [ORGANIZATION NAME] in the starter texts.")
@click.option("--timezone", default="America/Los_Angeles", show_default=True,
              help="The IANA time zone that dates versions.")
def new(directory: Path, organization: str | None, timezone: str) -> None:
    """Start a new site repository in DIRECTORY."""
    try:
        written = scaffold.create(directory, organization=organization, timezone=timezone)
    except PolicyError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Created a policypress site in {directory} ({_plural(len(written), 'file')}). Next:")
    click.echo(f"  cd {directory}")
    click.echo("  git init -b main && git add -A && git commit -m 'First version of the privacy statement'")
    click.echo("  NO_MKDOCS_2_WARNING=1 mkdocs build --strict   # or: mkdocs serve, to preview")
    click.echo("Then replace every [PLACEHOLDER] in docs/ and mkdocs.yml (policypress check lists what is missing).")
