"""The policy lint: what an editor must fix before a change is merged, each finding with its fix.

Each rule is one function that returns Findings naming the file, the line where there is one, and
what to do. ``check`` runs them all over a site read from Git. Rules read the *rendered* text
(headings and their ids, tables, links), never guess from prose, so what they demand is explicit structure
an editor can see. The wording rules are the exception: they match known phrases, addresses and
summaries, quote what they matched, and a site may accept such a finding with a reason.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from difflib import SequenceMatcher
from functools import cache, cached_property
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from . import frontmatter, imported, notices, translations
from . import words as catalog
from .document import Document, DocumentSpec
from .errors import Finding, Severity, plural
from .render import Renderer
from .settings import Accepted, Settings
from .urls import Urls
from .version import Origin, Version
from .versioning import Record

ERROR = Severity.ERROR
WARNING = Severity.WARNING

REVIEW_WARNING_DAY = 330
"""Days since the last revision or review from which the review rule warns."""
REVIEW_LIMIT_DAYS = 365
"""California requires a privacy policy to be updated at least once every 12 months."""
REVIEWED_KEY = "reviewed"

PLACEHOLDER = re.compile(r"\[[A-Z]{2,}\b[^\]\n]*\](?![(\[:])")
"""Starter-text placeholders such as [ORGANIZATION NAME]: brackets opening with a capitalised word,
not a link."""
PLACEHOLDER_DOMAIN = "invalid"
"""The top-level domain of the starter's site_url: reserved (RFC 2606) so that no site is ever there."""
WORKFLOW = ".github/workflows/publish.yml"

GPC_SECTION = "global-privacy-control"
"""The heading id of the section that explains how the organization treats GPC signals."""

CCPA_SECTIONS = {
    "categories-of-personal-information-we-collect": "Categories of personal information we collect",
    "purposes-of-use": "Purposes of use",
    "sale-and-sharing-of-personal-information": "Sale and sharing of personal information",
    "how-long-we-keep-personal-information": "How long we keep personal information",
    "your-rights-and-how-to-exercise-them": "Your rights and how to exercise them",
    "date-last-updated": "Date last updated",
}
"""Heading ids a ``ccpa`` notice must have, with the heading that produces each id."""
CCPA_CATEGORIES = "categories-of-personal-information-we-collect"
CCPA_COLUMNS = {
    "Category": ("categor",),
    "Purposes": ("purpose",),
    "Retention": ("retention", "retain", "how long"),
}
"""Columns the categories table must have, with the words (any, case-insensitive) that name each."""

READER_BURDEN = "reader-burden"
THIRD_PARTY_RESOURCE = "third-party-resource"
PLACEHOLDER_SUMMARY = "placeholder-summary"
MATERIAL_SECTION = "material-section"
"""An editorial change inside a section listed as material; suppressed by an ``editorial_reason``, which the
archive shows, not by ``accepted``."""
ACCEPTABLE_RULES = {
    READER_BURDEN: "wording that leaves it to the reader to spot changes",
    THIRD_PARTY_RESOURCE: "a file a version loads from another host",
    PLACEHOLDER_SUMMARY: "a material version's summary that says nothing",
}
"""The rules whose findings a site may accept (``extra.policypress.accepted``), by id."""

_OFTEN = (r"(?:periodically|regularly|frequently|occasionally|from\s+time\s+to\s+time|every\s+so\s+often"
          r"|now\s+and\s+then)")
_LOOK = r"(?:review|visit|check|consult|read|revisit|monitor)(?:ing)?"
_THIS_TEXT = r"(?:this|the|our)\s+(?:[\w-]+\s+){0,2}?(?:page|policy|statement|notice|site|website)"
BURDEN_WORDING = tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
    r"\bcheck\s+back\b",
    r"\bre-?read(?:ing)?\b",
    rf"\b(?:you|please|users?|visitors?|readers?)\b[^.;]{{0,60}}?\b(?:{_LOOK}\s+(?:back\s+)?(?:to\s+)?{_THIS_TEXT}"
    rf"[^.;]{{0,40}}?{_OFTEN}|{_OFTEN}\s+{_LOOK}\b)",
    rf"^(?:please\s+)?{_LOOK}\s+{_THIS_TEXT}[^.;]{{0,40}}?{_OFTEN}",
    r"\b(?:you|please)\b[^.;]{0,60}?\b(?:check|look|watch)\w*\s+for\s+(?:any\s+)?(?:changes|updates|revisions)\b",
    r"\b(?:it\s+is|it's|it\s+remains)\s+(?:your|the\s+user's|the\s+reader's)\s+(?:sole\s+)?responsibility\s+to\s+"
    r"(?:[\w-]+\s+){0,2}?(?:review|check|read|monitor|visit|stay|keep|familiari[sz]e)\w*",
    r"\byou\s+are\s+(?:solely\s+)?responsible\s+for\s+(?:periodically\s+|regularly\s+)?"
    r"(?:review|check|monitor|read|visit)ing\b",
    r"\bcontinu(?:ed|ing)\s+(?:to\s+)?(?:use|access|brows|visit)\w*\b[^.]{0,120}?\b(?:constitutes?|means|signif\w+|"
    r"indicates?|deemed|amounts?\s+to)\b[^.]{0,60}?\b(?:accept|agree|consent|assent)\w*",
    r"\bby\s+continuing\s+to\s+(?:use|access|browse|visit)\b[^.]{0,120}?\byou\s+(?:accept|agree|consent)\w*",
))
"""Wording that puts the burden of spotting changes on the reader, matched in each sentence of the
rendered text; the organization says how it notifies instead."""
NOTIFY_EXAMPLE = ("We announce material changes on this page 30 days before they take effect, in our feed, and by "
                  "email to account holders.")
TEXT_BLOCKS = {"p", "li", "td", "th", "tr", "dt", "dd", "blockquote", "div", "br", "pre", "table",
               "h1", "h2", "h3", "h4", "h5", "h6"}
"""Elements that end a sentence's run of text: wording is matched within one."""

RESOURCES = {
    "img": (("src", "srcset"), "an image"),
    "picture": (("srcset",), "an image"),
    "iframe": (("src",), "a frame"),
    "frame": (("src",), "a frame"),
    "script": (("src",), "a script"),
    "link": (("href",), "a stylesheet or other linked file"),
    "audio": (("src",), "audio"),
    "video": (("src", "poster"), "a video"),
    "source": (("src", "srcset"), "a media file"),
    "track": (("src",), "a text track"),
    "embed": (("src",), "an embedded object"),
    "object": (("data",), "an embedded object"),
    "input": (("src",), "an image"),
}
"""Elements a browser loads a file for, with the attributes naming it and what to call it (``<a href>`` only
links)."""
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE)
"""Files CSS loads (fonts, images, stylesheets), in a style attribute or element."""

TRANSLATION_PARITY = "translation-parity"
"""The rule holding a translation to the structure of the text it translates (heading ids, links, tables)."""
TRANSLATION_LAG = "translation-lag"
"""A translation behind its original: a warning, and an error once a material change it lacks has been in
force for ``translation_grace_days``."""

MIN_SUMMARY = 12
"""A summary shorter than this cannot say what changed (the shortest real one, 'Adds cookies.', has 13)."""
PLACEHOLDER_SUMMARIES = {"todo", "tbd", "tbc", "tba", "update", "updates", "updated", "change", "changes", "changed",
                         "misc", "wip", "fix", "fixes", "edit", "edits", "summary", "xxx", "n/a", "none",
                         "various changes", "minor changes", "some changes", "small changes", "misc changes",
                         "misc updates", "minor updates", "various updates", "lorem ipsum"}
"""Summaries that say nothing, compared without capitals or closing punctuation."""


# The rendered structure of a version: its headings, and the tables, text and links under each


@dataclass(frozen=True)
class Table:
    """A table as rendered: its header cells, and the size a translation must keep."""

    header: tuple[str, ...]
    columns: int
    """The cells of its widest row."""
    rows: int
    """Its rows below the header."""


@dataclass(frozen=True)
class Section:
    """A heading and what follows it up to the next heading of any level."""

    level: int
    id: str | None
    title: str
    tables: tuple[Table, ...] = ()
    text: str = ""
    links: tuple[str, ...] = ()
    """The target (href) of each link in the section, as written."""


@dataclass(frozen=True)
class Outline:
    sections: tuple[Section, ...]

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(s.id for s in self.sections if s.id)

    def section(self, heading_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == heading_id), None)

    def under(self, heading_id: str) -> tuple[Section, ...]:
        """The section with this id and its subsections."""
        start = next(i for i, s in enumerate(self.sections) if s.id == heading_id)
        level = self.sections[start].level
        end = next((i for i in range(start + 1, len(self.sections)) if self.sections[i].level <= level),
                   len(self.sections))
        return self.sections[start:end]


class _OutlineParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[dict] = [dict(level=0, id=None, title=[], tables=[], text=[], links=[])]
        self.heading: dict | None = None
        self.in_headerlink = False
        self.table: dict | None = None
        self.in_head = False
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.heading = dict(level=int(tag[1]), id=attributes.get("id"), title=[], tables=[], text=[], links=[])
            self.sections.append(self.heading)
        elif tag == "a" and "headerlink" in (attributes.get("class") or "").split():
            self.in_headerlink = True  # the toc extension's ¶ permalink is not heading text
        elif tag == "a" and attributes.get("href") is not None:
            self.sections[-1]["links"].append(attributes["href"])
        elif tag == "table":
            self.table = dict(header=[], columns=0, rows=0, cells=0, data=False)
            self.in_head = True  # header cells until </thead>, or the whole table if it has none
        elif tag == "tr" and self.table is not None:
            self.table.update(cells=0, data=False)
        elif tag in ("th", "td") and self.table is not None:
            self.table["cells"] += 1
            self.table["columns"] = max(self.table["columns"], self.table["cells"])
            self.table["data"] = self.table["data"] or tag == "td"  # a row of header cells only is no row
            if tag == "th" and self.in_head:
                self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.heading = None
        elif tag == "a":
            self.in_headerlink = False
        elif tag == "th" and self.cell is not None and self.table is not None:
            self.table["header"].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.table is not None:
            self.table["rows"] += self.table["data"]
        elif tag == "thead":
            self.in_head = False
        elif tag == "table" and self.table is not None:
            self.sections[-1]["tables"].append(Table(tuple(self.table["header"]), self.table["columns"],
                                                     self.table["rows"]))
            self.table, self.in_head = None, False

    def handle_data(self, data: str) -> None:
        if self.in_headerlink:
            return
        if self.heading is not None:
            self.heading["title"].append(data)
        else:
            self.sections[-1]["text"].append(data)
        if self.cell is not None:
            self.cell.append(data)


def outline(html: str) -> Outline:
    """The headings of a rendered body, with the tables, text and links under each."""
    parser = _OutlineParser()
    parser.feed(html)
    parser.close()
    return Outline(tuple(
        Section(s["level"], s["id"], " ".join("".join(s["title"]).split()), tuple(s["tables"]),
                " ".join("".join(s["text"]).split()), tuple(s["links"]))
        for s in parser.sections if s["level"] or s["text"] or s["tables"]
    ))


# The check


def check(settings: Settings, record: Record, renderer: Renderer) -> list[Finding]:
    """Every finding for a site read from Git, errors first; each finding is reported once."""
    html_of = cache(lambda body: renderer(body).html)
    outline_of = cache(lambda body: outline(html_of(body)))
    findings = [*build_findings(record), *notice_period(settings, record)]
    acceptable: list[Acceptable] = []
    for document in record.documents:
        source = _source_file(settings, document)
        findings += review_age(settings, document, source)
        findings += removed_headings(settings, document, outline_of)
        # A translation keeps its original's ids and tables (translation_parity), whose profile it meets.
        if document.spec.profile and not document.spec.is_translation:
            findings += PROFILES[document.spec.profile].rule(settings, document, source, outline_of)
        findings += material_sections(settings, document, source, outline_of)
        acceptable += reader_burden(settings, document, source, html_of)
        acceptable += third_party_resources(settings, document, source, html_of)
        acceptable += placeholder_summary(settings, document, source)
        if document.spec.is_translation:
            original = translations.original_of(document, record.documents)
            findings += translation_parity(settings, document, original, source, outline_of)
            findings += translation_lag(settings, document, original, source)
    findings += not_accepted(settings, acceptable)
    findings += gpc_statement(settings, record.documents, outline_of)
    findings += placeholders(settings, record)
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=lambda f: f.severity != ERROR)


def translation_lag(settings: Settings, document: Document, original: Document,
                    source: SourceFile) -> list[Finding]:
    """A translation whose newest text renders an older version than its original's newest. California
    requires the policy in every language the business uses with consumers (11 CCR §7003(b)(2)): a
    material change not translated leaves those readers with a text that no longer applies."""
    lag = translations.newest_lag(document, original)
    if lag is None:
        return []
    language = catalog.of(settings.language).language(document.spec.lang)
    grace = settings.translation_grace_days
    overdue = lag.overdue(document.today, grace)
    behind = ", ".join(f"{v.number} ({v.kind})" for v in lag.behind)
    problem = (f"the {language} translation of the {original.title} renders version {lag.translated.number} "
               f"('translates: {lag.translated.number}'), but the {original.title} has changed since: {behind}")
    if overdue:
        first = overdue[0]
        passed = f", and the {plural(grace, 'day')} of grace ended on {first.effective + timedelta(days=grace)}" \
            if grace else ""
        problem += (f". Its material change of version {first.number} took effect on {first.effective}{passed}: "
                    f"readers of the {language} text are reading one that no longer applies")
    elif lag.material:
        first = lag.material[0]
        deadline = first.effective + timedelta(days=grace)
        then = f", then {plural(grace, 'day')} of grace" if grace else ""
        problem += (f". This becomes an error on {deadline} (version {first.number} takes effect on {first.effective}"
                    f"{then}) unless the translation catches up")
    urls = Urls.for_site(settings.site_url)
    changes = urls.absolute(urls.comparison(original.slug, lag.translated.number, lag.newest.number))
    fix = (f"translate the changes ({changes}) into {settings.source_path(document.spec)}, set 'translates: "
           f"{lag.newest.number}' in its front matter, and describe the change in its 'revision' block, in {language}.")
    newest = document.versions[-1]
    return [Finding(f"{problem} (rule {TRANSLATION_LAG}).", where=settings.source_path(document.spec),
                    line=source.line_of("translates") if newest.origin is Origin.GIT else None, fix=fix,
                    severity=ERROR if overdue else WARNING)]


def build_findings(record: Record) -> list[Finding]:
    """What the build itself reports (an unclassified change): ``mkdocs build --strict`` fails on
    these, so the check calls them errors."""
    return [replace(finding, severity=ERROR) for finding in record.findings]


def notice_period(settings: Settings, record: Record) -> list[Finding]:
    """A material change taking effect sooner than ``notice_period_days`` (the rule lives in notices)."""
    sources = {settings.source_path(d.spec): d for d in record.documents}

    def revision_line(finding: Finding) -> int | None:
        document = sources.get(finding.where)
        return _source_file(settings, document).line_of("revision.effective") if document else None

    return [replace(f, severity=ERROR, line=f.line or revision_line(f))
            for f in notices.notice_period_findings(record.documents, settings)]


def review_age(settings: Settings, document: Document, source: SourceFile) -> list[Finding]:
    """More than 12 months since the document was last revised or reviewed."""
    where = settings.source_path(document.spec)
    line = source.line_of(REVIEWED_KEY)
    reviewed = _as_date(source.parsed.front_matter.get(REVIEWED_KEY))
    if reviewed is not None and not _is_date(reviewed):
        return [Finding(
            f"front matter key '{REVIEWED_KEY}' is {reviewed!r}, which is not a date.", where=where, line=line,
            fix=f"write the day the text was last reviewed as YYYY-MM-DD, e.g. '{REVIEWED_KEY}: "
            f"{document.today}'.", severity=ERROR,
        )]
    if reviewed is not None and reviewed > document.today:
        return [Finding(
            f"front matter key '{REVIEWED_KEY}' is {reviewed}, which is in the future.", where=where, line=line,
            fix=f"record a review on the day it happened, at the latest today ({document.today}).",
            severity=ERROR,
        )]
    revised = document.versions[-1].landed_on
    last = max(revised, reviewed or revised)
    age = (document.today - last).days
    if age < REVIEW_WARNING_DAY:
        return []
    history = f"last revised on {revised}" + (f" and last reviewed on {reviewed}" if reviewed else "")
    deadline = last + timedelta(days=REVIEW_LIMIT_DAYS)
    return [Finding(
        f"the {document.title} was {history}, {age} days ago. California requires a privacy policy to "
        f"be updated at least once every 12 months"
        + (f"; this is overdue since {deadline}." if age > REVIEW_LIMIT_DAYS else f", by {deadline}."),
        where=where, line=line or 1,
        fix=f"review the text. If it still holds, record the review with '{REVIEWED_KEY}: {document.today}' "
        "in its front matter (this does not make a new version); otherwise revise it.",
        severity=ERROR if age > REVIEW_LIMIT_DAYS else WARNING,
    )]


def placeholders(settings: Settings, record: Record) -> list[Finding]:
    """Starter text not yet replaced, wherever the site would publish or run it: each document's newest
    text, the other pages of docs/, mkdocs.yml (site_url among it) and the publish workflow.

    The build reports these too (``site.plan``), so ``mkdocs build --strict`` fails on them: placeholder
    text committed on main would otherwise become a version the archive keeps for good."""
    fix = (f"replace each bracketed placeholder with your own text before the first commit lands on main: that "
           "commit becomes the first version of each document, and the archive keeps every version for good. "
           f"Committed already? Land the fix the same day ({settings.timezone.key}): a version is the day's last "
           "text.")
    findings = []
    for what, where, text, lines in _published_texts(settings, record):
        found = list(dict.fromkeys(PLACEHOLDER.findall(text)))
        if found:
            shown = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
            line = next((number for number, row in enumerate(lines, 1) if found[0] in row), None)
            findings.append(Finding(f"{what} still has placeholder text: {shown}.", where=where, line=line, fix=fix,
                                    severity=ERROR))
    if (urlsplit(settings.site_url).hostname or "").rsplit(".", 1)[-1] == PLACEHOLDER_DOMAIN:
        findings.append(Finding(
            f"setting 'site_url' is still the starter's placeholder, {settings.site_url}: no site can be published "
            f"under .{PLACEHOLDER_DOMAIN}.",
            where=settings.config_file.name, line=_config_line(settings, "site_url"),
            fix="replace the placeholder with the address where the site will be published, e.g. "
            "https://privacy.example.org/, before the first commit lands on main: every page, feed entry and "
            "version in versions.json is published at an address that starts with it, for good.",
            severity=ERROR,
        ))
    return findings


def _published_texts(settings: Settings, record: Record) -> Iterator[tuple[str, str, str, tuple[str, ...]]]:
    """What a placeholder may hide in: what to call it, its path, its text, and the lines to point at."""
    for document in record.documents:
        where = settings.source_path(document.spec)
        yield f"the {document.title}", where, document.versions[-1].body, _lines(settings.root / where)
    sources = {settings.docs_dir / document.spec.source for document in record.documents}
    for page in sorted(settings.docs_dir.rglob("*.md")):
        if page not in sources and page.is_file() and \
                not any(part.startswith(".") for part in page.relative_to(settings.docs_dir).parts):
            lines = _lines(page)
            yield "this page", page.relative_to(settings.root).as_posix(), "\n".join(lines), lines
    for where in (settings.config_file.name, WORKFLOW):
        # What YAML reads, not its comments: a placeholder in a comment is never published or run.
        lines = tuple(re.sub(r"(^|\s)#.*", "", line) for line in _lines(settings.root / where))
        yield "this file", where, "\n".join(lines), lines


def ccpa_profile(settings: Settings, document: Document, source: SourceFile,
                 outline_of: Callable[[str], Outline]) -> list[Finding]:
    """A California notice states each required disclosure under its own heading, and has a table of
    categories with their purposes and retention."""
    newest = document.versions[-1]
    structure = outline_of(newest.body)
    where = settings.source_path(document.spec)
    findings = []
    for heading_id, heading in CCPA_SECTIONS.items():
        if structure.section(heading_id) is None:
            findings.append(Finding(
                f"version {newest.number} of the {document.title} has no section with the id '{heading_id}'; "
                "the ccpa profile requires it.",
                where=where,
                fix=f"add a section headed '## {heading}'. To keep your own wording, give your heading "
                f"that id with '{{#{heading_id}}}' after it (needs attr_list in markdown_extensions).",
                severity=ERROR,
            ))
        elif not any(s.text or s.tables for s in structure.under(heading_id)):
            findings.append(Finding(
                f"the section '{heading}' of the {document.title} is empty.",
                where=where, line=source.heading_line(structure.section(heading_id).title),
                fix="write what the section must disclose, or remove the heading and explain why in review.",
                severity=ERROR,
            ))
    if structure.section(CCPA_CATEGORIES) is not None:
        findings += _categories_table(document, structure, where, source)
    return findings


def _categories_table(document: Document, structure: Outline, where: str,
                      source: SourceFile) -> list[Finding]:
    tables = [table.header for s in structure.under(CCPA_CATEGORIES) for table in s.tables]

    def lacking(header: tuple[str, ...]) -> list[str]:
        return [column for column, words in CCPA_COLUMNS.items()
                if not any(word in cell.lower() for cell in header for word in words)]

    missing = min((lacking(header) for header in tables), key=len, default=list(CCPA_COLUMNS))
    if not missing:
        return []
    title = structure.section(CCPA_CATEGORIES).title
    found = "no table" if not tables else f"a table without the column{'s' if len(missing) > 1 else ''} " + \
        ", ".join(f"'{c}'" for c in missing)
    return [Finding(
        f"the section '{title}' of the {document.title} has {found}; the ccpa profile needs a table "
        "listing each category with the purposes it is used for and how long it is kept.",
        where=where, line=source.heading_line(title),
        fix="put a table under the heading with one row per category and the columns "
        "| Category | Examples | Purposes of use | Retention |.",
        severity=ERROR,
    )]


# Compliance profiles, and the sections whose every change is presumed material


@dataclass(frozen=True)
class Profile:
    """What a compliance profile demands of a document: the rule checking its structure, and the heading
    ids whose text an editorial change may not touch without saying why (``material_sections``)."""

    rule: Callable[..., list[Finding]] | None
    material_sections: dict[str, str]
    """Heading id: the kind of change made there, as the finding names it."""


COLORADO_MATERIAL_SECTIONS = {
    "information-about-site-visitors": "what is collected",
    "information-we-collect": "what is collected",
    "how-we-collect-and-use-personal-information": "what is collected and how it is used",
    "how-we-use-information": "how information is used",
    "disclosures": "with whom information is shared",
    "sharing-and-disclosure": "with whom information is shared",
    "your-choices-and-rights": "how people exercise their rights",
    "global-privacy-control": "how people opt out",
    "contact-us": "who is responsible, and how people reach them to exercise their rights",
}
"""The default for a document without a profile: Colorado's Privacy Act Rules (4 CCR 904-3, Rule 6.04(A)(1))
list changes to the categories of personal data processed, the processing purposes, the controller's identity,
sharing with third parties, the categories of those third parties, and the ways people exercise their rights as
material; these are the sections of policypress's example and starter statements that say those things."""

PROFILES: dict[str, Profile] = {
    "ccpa": Profile(ccpa_profile, {
        "categories-of-personal-information-we-collect": "what is collected",
        "purposes-of-use": "how information is used",
        "sale-and-sharing-of-personal-information": "whether information is sold or shared",
        "how-long-we-keep-personal-information": "how long information is kept",
        "your-rights-and-how-to-exercise-them": "how people exercise their rights",
    }),
}
"""Compliance profiles a document may declare (``profile:``): the rule that checks each, and its sections."""
NO_PROFILE = Profile(None, COLORADO_MATERIAL_SECTIONS)
"""What a document declaring no profile is held to."""


def material_sections_of(spec: DocumentSpec) -> dict[str, str]:
    """The guarded heading ids of a document: those it lists in ``material_sections``, else its profile's."""
    defaults = PROFILES.get(spec.profile or "", NO_PROFILE).material_sections
    if spec.material_sections is None:
        return defaults
    return {heading_id: defaults.get(heading_id, "a section your configuration lists as material")
            for heading_id in spec.material_sections}


def material_sections(settings: Settings, document: Document, source: SourceFile,
                      outline_of: Callable[[str], Outline]) -> list[Finding]:
    """An editorial version (``material: false``) that changes the text of a section listed as material, with
    no ``editorial_reason``: checked for every version, since an unannounced material change stays one."""
    guarded = material_sections_of(document.spec)
    findings = _unknown_sections(settings, document, source, outline_of) if document.spec.material_sections else []
    for previous, version in zip(document.versions, document.versions[1:], strict=False):
        if version.material or version.editorial_reason:
            continue
        before, after = outline_of(previous.body), outline_of(version.body)
        for heading_id, kind in guarded.items():
            if _section_text(before, heading_id) != _section_text(after, heading_id):
                findings.append(_editorial_in_material_section(settings, document, source, version, heading_id,
                                                               (after.section(heading_id)
                                                                or before.section(heading_id)).title, kind))
    return findings


def _section_text(structure: Outline, heading_id: str) -> str | None:
    """What a reader reads under a heading, subsections and tables included, spacing aside; None without it."""
    if structure.section(heading_id) is None:
        return None
    return " ".join(" ".join((s.title, s.text)).strip() for s in structure.under(heading_id))


def _editorial_in_material_section(settings: Settings, document: Document, source: SourceFile, version: Version,
                                   heading_id: str, heading: str, kind: str) -> Finding:
    newest = version is document.versions[-1]
    commit = f" (commit {version.commit[:12]})" if version.commit else ""
    correction = imported.correction_file(document.slug, version.number)
    where = imported.written_in(version, settings.source_path(document.spec))
    published = ("" if newest and version.origin is Origin.GIT else
                 f" This version is published already, so write either in {correction} instead ('editorial_reason: "
                 "<why>', or 'material: true' with 'summary: <what changes>'); the archive shows it.")
    return Finding(
        f"version {version.number}{commit} of the {document.title} is classified editorial ('material: false'), but "
        f"it changes the section '{heading}' (#{heading_id}), which says {kind}: a change there is presumed material "
        f"(rule {MATERIAL_SECTION}).",
        where=where, line=source.line_of("revision.material") if newest and version.origin is Origin.GIT else None,
        fix="mark the change 'material: true' with a summary saying what changes for the reader (and give notice "
        "with 'effective:'), or if it truly changes no meaning (a typo, a link), add 'editorial_reason: <why>' to "
        "the revision block, which the archive shows." + published,
        severity=ERROR,
    )


def _unknown_sections(settings: Settings, document: Document, source: SourceFile,
                      outline_of: Callable[[str], Outline]) -> list[Finding]:
    """A listed id the newest version has no heading for guards nothing: a typo, or a heading renamed."""
    newest = document.versions[-1]
    missing = [i for i in document.spec.material_sections if i not in outline_of(newest.body).ids]
    config = _lines(settings.config_file)
    return [Finding(
        f"setting 'material_sections' of the {document.title} lists '{heading_id}', but version {newest.number} has "
        "no section with that id, so no change is guarded there.",
        where=settings.config_file.name, line=_line_matching(config, lambda line, i=heading_id: i in line),
        fix="copy the id from the section's address (/slug/#id), or remove it from the list.",
    ) for heading_id in missing]


def gpc_statement(settings: Settings, documents: tuple[Document, ...],
                  outline_of: Callable[[str], Outline]) -> list[Finding]:
    """``gpc: true`` (the site publishes gpc.json) exactly when a document explains GPC in a section
    with the id ``global-privacy-control``."""
    explaining = [d for d in documents if GPC_SECTION in outline_of(d.versions[-1].body).ids]
    if settings.gpc and not explaining:
        return [Finding(
            "setting 'extra.policypress.gpc' is true, so the site publishes /.well-known/gpc.json, but no "
            "document has a section on Global Privacy Control.",
            where=settings.config_file.name, line=_config_line(settings, "gpc"),
            fix="add a section headed '## Global Privacy Control' to the Privacy Statement saying how you "
            "treat GPC signals, or set 'gpc: false' if you do not honour them.",
            severity=ERROR,
        )]
    if not settings.gpc and explaining:
        document = explaining[0]
        return [Finding(
            f"the {document.title} has a section on Global Privacy Control, but setting "
            "'extra.policypress.gpc' is false, so the site does not publish /.well-known/gpc.json.",
            where=settings.source_path(document.spec),
            line=_source_file(settings, document).heading_line(
                outline_of(document.versions[-1].body).section(GPC_SECTION).title),
            fix=f"if you honour GPC signals, set 'gpc: true' under extra.policypress in {settings.config_file.name}; "
            "if you do not, make sure the section says so plainly.",
        )]
    return []


def removed_headings(settings: Settings, document: Document,
                     outline_of: Callable[[str], Outline]) -> list[Finding]:
    """A section id of the previous version that the newest version lost: links citing it break."""
    newest = document.versions[-1]
    previous = document.previous(newest)
    if previous is None:
        return []
    lost = sorted(outline_of(previous.body).ids - outline_of(newest.body).ids)
    return [_lost_heading(settings, document, previous, newest, heading_id) for heading_id in lost]


def _lost_heading(settings: Settings, document: Document, previous: Version, newest: Version,
                  heading_id: str) -> Finding:
    return Finding(
        f"the section id '{heading_id}' of version {previous.number} is gone from version {newest.number}, "
        f"so links citing /{document.slug}/#{heading_id} no longer reach a section.",
        where=settings.source_path(document.spec),
        fix=f"if the section was renamed, keep its old address by writing '{{#{heading_id}}}' after the new "
        "heading (needs attr_list in markdown_extensions); if it was removed on purpose, nothing to do.",
    )


# A translation keeps the structure of the text it translates


@dataclass(frozen=True)
class _Translated:
    """A translation's newest text beside the original's version it renders: what the parity findings compare,
    and how they name each side."""

    settings: Settings
    translation: Document
    original: Document
    rendered: Version
    """The original's version the translation's newest text renders (its ``translates:``)."""
    source: SourceFile

    @property
    def language(self) -> str:
        """The translation's language, named in the editors' (the site's) language: "Spanish"."""
        return catalog.of(self.settings.language).language(self.translation.spec.lang)

    @property
    def name(self) -> str:
        return f"the {self.language} translation of the {self.original.title}"

    @property
    def them(self) -> str:
        return f"version {self.rendered.number} of the {self.original.title}, the text it translates"

    @property
    def address(self) -> str:
        return Urls.for_site(self.settings.site_url).current(self.translation.slug)

    def finding(self, problem: str, fix: str, line: int | None, severity: Severity = WARNING) -> Finding:
        return Finding(f"{problem} (rule {TRANSLATION_PARITY}).", line=line, fix=fix, severity=severity,
                       where=self.settings.source_path(self.translation.spec))

    def heading_line(self, heading: Section | None) -> int | None:
        return self.source.heading_line(heading.title) if heading is not None and heading.level else None


def translation_parity(settings: Settings, document: Document, original: Document, source: SourceFile,
                       outline_of: Callable[[str], Outline]) -> list[Finding]:
    """A translation keeps the structure of the original's version it renders: its heading ids, levels and order
    (a citation of a section works in every language), its links and its tables."""
    translated = _Translated(settings, document, original, translations.translated(document.versions[-1], original),
                             source)
    theirs, ours = outline_of(translated.rendered.body), outline_of(document.versions[-1].body)
    pairs = _HeadingPairs.of(_headings(theirs), _headings(ours))
    newest_ids = outline_of(original.versions[-1].body).ids
    return [*_heading_parity(translated, pairs, newest_ids), *_link_parity(translated, theirs, ours, pairs),
            *_table_parity(translated, theirs, ours, pairs)]


def _headings(structure: Outline) -> tuple[Section, ...]:
    return tuple(s for s in structure.sections if s.level and s.id)


@dataclass(frozen=True)
class _HeadingPairs:
    """The original's headings and the translation's, each translation heading matched to its counterpart by
    index: the same id, or a different id where the original has one the translation lacks."""

    theirs: tuple[Section, ...]
    ours: tuple[Section, ...]
    in_place: dict[int, int]
    """The same id in the same order."""
    renamed: dict[int, int]
    """Another id, in the place of an original id the translation lacks."""
    moved: dict[int, int]
    """The same id, out of the original's order."""

    @classmethod
    def of(cls, theirs: tuple[Section, ...], ours: tuple[Section, ...]) -> _HeadingPairs:
        their_ids, our_ids = [s.id for s in theirs], [s.id for s in ours]
        in_place, renamed = {}, {}
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, their_ids, our_ids, autojunk=False).get_opcodes():
            if tag == "equal":
                in_place.update(zip(range(j1, j2), range(i1, i2), strict=True))
            elif tag == "replace":
                renamed.update((j, i) for i, j in zip(range(i1, i2), range(j1, j2), strict=False)
                               if their_ids[i] not in our_ids and our_ids[j] not in their_ids)
        moved = {j: their_ids.index(heading_id) for j, heading_id in enumerate(our_ids)
                 if j not in in_place and heading_id in their_ids}
        return cls(theirs, ours, in_place, renamed, moved)

    @cached_property
    def matched(self) -> dict[int, int]:
        return {**self.in_place, **self.renamed, **self.moved}

    def counterpart(self, section: Section) -> Section | None:
        """The translation's heading for a section of the original; None for one it lacks, or the text before the
        first heading."""
        index = self.theirs.index(section) if section in self.theirs else None
        return next((self.ours[j] for j, i in self.matched.items() if i == index), None)

    def original_id(self, section: Section) -> str | None:
        """The id of the original's heading a section of the translation stands for (its own when it has none)."""
        index = self.matched.get(self.ours.index(section)) if section in self.ours else None
        return section.id if index is None else self.theirs[index].id


def _heading_parity(translated: _Translated, pairs: _HeadingPairs, newest_ids: frozenset[str]) -> list[Finding]:
    """Every heading id of the original in the translation, at the original's level and in its order."""
    theirs, ours, matched = pairs.theirs, pairs.ours, pairs.matched
    findings = [_renamed_heading(translated, ours[j], theirs[i]) for j, i in pairs.renamed.items()]
    for i, heading in enumerate(theirs):
        if i not in matched.values():
            after = max(((k, ours[j]) for j, k in matched.items() if k < i), default=None, key=lambda pair: pair[0])
            findings.append(_missing_heading(translated, heading, after and after[1]))
    findings += [_extra_heading(translated, heading, newest_ids) for j, heading in enumerate(ours) if j not in matched]
    findings += [_moved_heading(translated, ours, theirs, j, i) for j, i in pairs.moved.items()]
    findings += [_heading_level(translated, ours[j], theirs[i]) for j, i in matched.items()
                 if ours[j].level != theirs[i].level]
    return findings


def _renamed_heading(translated: _Translated, heading: Section, original: Section) -> Finding:
    return translated.finding(
        f"the heading '{heading.title}' of {translated.name} has the id '{heading.id}', where {translated.them}, has "
        f"'{original.id}' ('{original.title}'), so links citing {translated.address}#{original.id} reach no section",
        fix=f"write the heading with the original's id: '{'#' * original.level} {heading.title} {{#{original.id}}}' "
        "(needs attr_list in markdown_extensions).",
        line=translated.heading_line(heading), severity=ERROR,
    )


def _missing_heading(translated: _Translated, original: Section, after: Section | None) -> Finding:
    place = f", after the section '{after.title}'" if after else ", at the start"
    return translated.finding(
        f"{translated.name} has no heading with the id '{original.id}', which {translated.them}, gives the section "
        f"'{original.title}', so links citing {translated.address}#{original.id} reach no section",
        fix=f"translate the section '{original.title}'{place}, under a heading with the original's id: "
        f"'{'#' * original.level} <its title in {translated.language}> {{#{original.id}}}' (needs "
        "attr_list in markdown_extensions).",
        line=translated.heading_line(after), severity=ERROR,
    )


def _extra_heading(translated: _Translated, heading: Section, newest_ids: frozenset[str]) -> Finding:
    newest = translated.original.versions[-1]
    later = (f" Version {newest.number} of the {translated.original.title} has it: if you translated that version, "
             f"say so with 'translates: {newest.number}' in the front matter."
             if heading.id in newest_ids and newest != translated.rendered else "")
    return translated.finding(
        f"the heading '{heading.title}' of {translated.name} has the id '{heading.id}', which no heading of "
        f"{translated.them}, has",
        fix="if it translates a heading of the original, write that heading's id after it with '{#id}'; if the "
        "section is the translation's own, remove it, or add it to the original first: a translation says what "
        "the original says." + later,
        line=translated.heading_line(heading),
    )


def _moved_heading(translated: _Translated, ours: tuple[Section, ...], theirs: tuple[Section, ...], j: int,
                   i: int) -> Finding:
    def place(headings: tuple[Section, ...], index: int) -> str:
        return f"after '{headings[index - 1].title}'" if index else "first"

    heading = ours[j]
    return translated.finding(
        f"the heading '{heading.title}' (#{heading.id}) of {translated.name} comes {place(ours, j)}, but "
        f"{place(theirs, i)} in {translated.them}",
        fix="put the section where the original has it, so readers of every language follow the same outline.",
        line=translated.heading_line(heading),
    )


def _heading_level(translated: _Translated, heading: Section, original: Section) -> Finding:
    return translated.finding(
        f"the heading '{heading.title}' (#{heading.id}) of {translated.name} is a level-{heading.level} heading "
        f"('{'#' * heading.level}'), where {translated.them}, has a level-{original.level} heading "
        f"('{'#' * original.level} {original.title}')",
        fix=f"write it with '{'#' * original.level}', as the original does, so its sections nest the same in every "
        "language.",
        line=translated.heading_line(heading),
    )


@dataclass(frozen=True)
class _Placed:
    """A link or a table of one side, in its section, with the original's heading id that section stands for."""

    item: str | Table
    """A link's target as written (href), or a table."""
    section: Section
    place: str | None
    key: str = ""
    """What a link reaches (``_link_target``), which the two sides are compared by."""
    number: int = 0
    """A table's number in its text, from 1."""
    nth: int = 0
    """A table's order under its heading, from 0."""


def _link_parity(translated: _Translated, theirs: Outline, ours: Outline, pairs: _HeadingPairs) -> list[Finding]:
    """The original's links in the translation, each as often (where in a section is the translator's): compared
    by what they reach, so a link to another document's translation counts as one to that document."""
    settings = translated.settings

    def links(structure: Outline, written_at: str, place: Callable[[Section], str | None]) -> list[_Placed]:
        return [_Placed(href, section, place(section), _link_target(settings, href, written_at))
                for section in structure.sections for href in section.links]

    their_links = links(theirs, translated.original.spec.source, lambda section: section.id)
    our_links = links(ours, translated.translation.spec.source, pairs.original_id)
    return [*(_missing_link(translated, link, count, present, pairs)
              for link, count, present in _surplus(their_links, our_links)),
            *(_extra_link(translated, link, count, present)
              for link, count, present in _surplus(our_links, their_links))]


def _surplus(links: list[_Placed], others: list[_Placed]) -> list[tuple[_Placed, int, int]]:
    """Each target ``links`` reach more often than ``others`` do, once: its first link in a section that has it
    more often than the other side's section there, with how often each side links to it."""
    count, other_count = Counter(link.key for link in links), Counter(link.key for link in others)
    places = Counter((link.key, link.place) for link in links)
    other_places = Counter((link.key, link.place) for link in others)
    found: dict[str, _Placed] = {}
    for link in links:
        if count[link.key] > other_count[link.key] and link.key not in found and \
                places[link.key, link.place] > other_places[link.key, link.place]:
            found[link.key] = link
    return [(link, count[key], other_count[key]) for key, link in found.items()]


def _missing_link(translated: _Translated, link: _Placed, count: int, present: int, pairs: _HeadingPairs) -> Finding:
    where = _under(link.section)
    problem = (f"{translated.name} has no link to {link.item}, which {translated.them}, has{where}" if not present
               else f"{translated.name} links to {link.item} {_times(present)}, where {translated.them}, does "
               f"{_times(count)}: one is{where}")
    return translated.finding(
        problem,
        fix=f"link to {link.item} where the original does, so readers of every language reach the same pages and "
        "sections. If the translation links to the same page in its own language on purpose, nothing to do.",
        line=translated.heading_line(pairs.counterpart(link.section)),
    )


def _extra_link(translated: _Translated, link: _Placed, count: int, present: int) -> Finding:
    where = _under(link.section)
    problem = (f"{translated.name} links to {link.item}{where}, which {translated.them}, does not link to"
               if not present else f"{translated.name} links to {link.item} {_times(count)}, where "
               f"{translated.them}, does {_times(present)}: one more is{where}")
    return translated.finding(
        problem,
        fix="link where the original links, to what it links to: if this link stands for one of the original's, "
        "give it the original's target; if it is the translation's own, remove it. If it is the same page in the "
        "translation's language, nothing to do.",
        line=_line_matching(translated.source.lines, lambda line: link.item in line,
                            start=translated.heading_line(link.section) or 1),
    )


def _link_target(settings: Settings, href: str, written_at: str) -> str:
    """What a link reaches, comparable across languages: a relative path resolved from docs/, with a translation's
    source read as its original's (each language links to its own)."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return href
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return href
    path = posixpath.normpath(posixpath.join(posixpath.dirname(written_at), parts.path))
    originals = {spec.slug: spec.source for spec in settings.documents}
    path = next((originals[spec.document_slug] for spec in settings.documents if spec.source == path), path)
    return urlunsplit(parts._replace(path=path))


def _table_parity(translated: _Translated, theirs: Outline, ours: Outline, pairs: _HeadingPairs) -> list[Finding]:
    """The original's tables in the translation, under the same headings, each with as many columns and rows."""
    their_tables = _tables(theirs, lambda section: section.id)
    our_tables = _tables(ours, pairs.original_id)
    counts = ("" if len(their_tables) == len(our_tables) else
              f"; the translation has {plural(len(our_tables), 'table')}, the original {len(their_tables)}")
    findings = []
    for place, table in their_tables.items():
        if place not in our_tables:
            which = f"the {_ordinal(table.nth + 1)} table" if len(table.section.tables) > 1 else "the table"
            findings.append(translated.finding(
                f"{translated.name} lacks {which}{_under(table.section)} of {translated.them} (its "
                f"{_ordinal(table.number)} table: {_columns(table.item)}){counts}",
                fix=f"translate the table{_under(table.section)}, with the original's columns in its order and one "
                "row for each of its rows.",
                line=translated.heading_line(pairs.counterpart(table.section)),
            ))
    for place, table in our_tables.items():
        original = their_tables.get(place)
        if original is None:
            findings.append(translated.finding(
                f"the {_ordinal(table.number)} table of {translated.name},{_under(table.section)}, has no "
                f"counterpart in {translated.them}{counts}",
                fix="if it translates one of the original's tables, put it under the same heading as the original "
                "does; if it is the translation's own, remove it: a translation says what the original says.",
                line=_table_line(translated, table),
            ))
        elif (table.item.columns, table.item.rows) != (original.item.columns, original.item.rows):
            findings.append(_table_shape(translated, table, original))
    return findings


def _tables(structure: Outline, place: Callable[[Section], str | None]) -> dict[tuple[str | None, int], _Placed]:
    """Each table, by the original's heading id its section stands for and its order there."""
    placed = [(section, index, table) for section in structure.sections for index, table in enumerate(section.tables)]
    return {(place(section), index): _Placed(table, section, place(section), number=number, nth=index)
            for number, (section, index, table) in enumerate(placed, 1)}


def _table_shape(translated: _Translated, table: _Placed, original: _Placed) -> Finding:
    ours, theirs = table.item, original.item
    differ = [(what, mine, its) for what, mine, its in (("column", ours.columns, theirs.columns),
                                                        ("row", ours.rows, theirs.rows)) if mine != its]
    fixes = {"column": f"give it the original's columns in its order ({_columns(theirs)}), each header translated.",
             "row": "translate each row of the original's table into a row of its own."}
    return translated.finding(
        f"the {_ordinal(table.number)} table of {translated.name},{_under(table.section)}, has "
        + " and ".join(plural(mine, what) for what, mine, _ in differ)
        + f", where the table of {translated.them}, has " + " and ".join(str(its) for _, _, its in differ),
        fix=" ".join(fixes[what] for what, _, _ in differ),
        line=_table_line(translated, table),
    )


def _table_line(translated: _Translated, table: _Placed) -> int | None:
    """The line a table starts on in the translation's source: its nth under its heading."""
    lines = translated.source.lines
    start = translated.heading_line(table.section) if table.section.level else 1
    if start is None:
        return None
    starts = [number for number in range(start, len(lines) + 1) if _starts_table(lines, number)]
    return starts[table.nth] if table.nth < len(starts) else start


def _starts_table(lines: tuple[str, ...], number: int) -> bool:
    row = lines[number - 1].lstrip()
    continued = number > 1 and lines[number - 2].lstrip().startswith("|")
    return row.startswith("<table") or (row.startswith("|") and not continued)


def _under(section: Section) -> str:
    return f" under '{section.title}'" if section.level else " before the first heading"


def _columns(table: Table) -> str:
    return f"| {' | '.join(table.header)} |" if table.header else plural(table.columns, "column")


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


# Rules a site may accept a finding of (``extra.policypress.accepted``)


@dataclass(frozen=True)
class Acceptable:
    """A finding of a rule a site may accept, with the text (wording, address or summary) an entry names."""

    rule: str
    text: str
    finding: Finding


def not_accepted(settings: Settings, acceptable: list[Acceptable]) -> list[Finding]:
    """The findings no entry of ``extra.policypress.accepted`` accepts, and a warning for each entry that
    accepts nothing: left in place, it would hide the same text written again later."""
    findings = [a.finding for a in acceptable if not any(entry.accepts(a.rule, a.text) for entry in settings.accepted)]
    return findings + [_unused(settings, entry) for entry in settings.accepted
                       if not any(entry.accepts(a.rule, a.text) for a in acceptable)]


def _unused(settings: Settings, entry: Accepted) -> Finding:
    config = _lines(settings.config_file)
    return Finding(
        f"setting 'extra.policypress.accepted' accepts '{entry.text}' for rule {entry.rule}, but no document has it.",
        where=settings.config_file.name, line=_line_matching(config, lambda line: entry.text in line),
        fix="remove the entry: the text it named is gone, and the entry would let it back in unreviewed.",
    )


def _accept_fix(settings: Settings, rule: str, text: str) -> str:
    quoted = text.replace('"', '\\"')
    return (f"To keep it on purpose, list it under extra.policypress.accepted in {settings.config_file.name}: "
            f'{{rule: {rule}, text: "{quoted}", reason: <why>}}.')


def reader_burden(settings: Settings, document: Document, source: SourceFile,
                  html_of: Callable[[str], str]) -> list[Acceptable]:
    """Wording that leaves readers to find changes themselves ("please check back", "continued use
    constitutes acceptance"): WP260 rev.01 para. 29 calls it "not only insufficient but also unfair"."""
    newest = document.versions[-1]
    where = settings.source_path(document.spec)
    found = dict.fromkeys(" ".join(match.group(0).split())
                          for sentence in _sentences(html_of(newest.body))
                          for pattern in BURDEN_WORDING for match in pattern.finditer(sentence))
    return [Acceptable(READER_BURDEN, wording, Finding(
        f'version {newest.number} of the {document.title} leaves readers to spot changes themselves: "{wording}" '
        f"(rule {READER_BURDEN}). The Article 29 Working Party calls this \"not only insufficient but also unfair\" "
        "(WP260 rev.01, para. 29).",
        where=where, line=_phrase_line(source.lines, wording),
        fix=f'say how you tell readers about changes instead, e.g. "{NOTIFY_EXAMPLE}" '
        + _accept_fix(settings, READER_BURDEN, wording),
        severity=ERROR,
    )) for wording in found]


def third_party_resources(settings: Settings, document: Document, source: SourceFile,
                          html_of: Callable[[str], str]) -> list[Acceptable]:
    """Images, frames, scripts, stylesheets, fonts and media the newest version loads from another host: the
    site promises that visitors' browsers make no request to anyone but the organization."""
    newest = document.versions[-1]
    where = settings.source_path(document.spec)
    own_host = (urlsplit(settings.site_url).hostname or "").lower()
    findings = []
    for kind, url in dict.fromkeys(_resources(html_of(newest.body))):
        host = _host(url)
        if host is None or host == own_host:
            continue
        findings.append(Acceptable(THIRD_PARTY_RESOURCE, url, Finding(
            f"version {newest.number} of the {document.title} loads {kind} from another host, {host}: {url} "
            f"(rule {THIRD_PARTY_RESOURCE}). Every visitor's browser would ask {host} for it, and the site promises "
            "no third-party requests.",
            where=where, line=_line_matching(source.lines, lambda line, url=url: url in line),
            fix="copy the file into docs/ (e.g. docs/assets/) and refer to it by a relative path, or link to it with "
            "[text](address) instead of embedding it. " + _accept_fix(settings, THIRD_PARTY_RESOURCE, url),
            severity=ERROR,
        )))
    return findings


def placeholder_summary(settings: Settings, document: Document, source: SourceFile) -> list[Acceptable]:
    """A material newest version whose summary says nothing ("TBD", "Updates."). Only the newest: an older
    summary is published already, feeds and versions.json carry it, and only a correction file changes it."""
    newest = document.versions[-1]
    summary = " ".join(newest.summary.split())
    if not newest.material or not _says_nothing(summary):
        return []
    correction = imported.correction_file(document.slug, newest.number)
    return [Acceptable(PLACEHOLDER_SUMMARY, summary, Finding(
        f'version {newest.number} of the {document.title} is a material change with the summary "{summary}", '
        f"which does not say what changed (rule {PLACEHOLDER_SUMMARY}). Readers, the feeds and versions.json "
        "show it as the description of the change.",
        where=settings.source_path(document.spec), line=source.line_of("revision.summary"),
        fix="write one sentence saying what changes for the reader, e.g. 'revision.summary: Adds a section on Global "
        "Privacy Control.' Already on main? Then the summary is published: correct it with "
        f"'summary: <the sentence>' in {correction}. " + _accept_fix(settings, PLACEHOLDER_SUMMARY, summary),
        severity=ERROR,
    ))]


def _says_nothing(summary: str) -> bool:
    bare = summary.casefold().strip(" .!:;-")
    return (len(summary) < MIN_SUMMARY or bare in PLACEHOLDER_SUMMARIES or PLACEHOLDER.fullmatch(summary) is not None
            or re.search(r"\b(?:todo|tbd|tbc|fixme|xxx)\b", bare) is not None)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[list[str]] = [[]]
        self.in_headerlink = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in TEXT_BLOCKS:
            self.runs.append([])
        elif tag == "a" and "headerlink" in (dict(attrs).get("class") or "").split():
            self.in_headerlink = True

    def handle_endtag(self, tag: str) -> None:
        if tag in TEXT_BLOCKS:
            self.runs.append([])
        elif tag == "a":
            self.in_headerlink = False

    def handle_data(self, data: str) -> None:
        if not self.in_headerlink:
            self.runs[-1].append(data)


def _sentences(html: str) -> Iterator[str]:
    """The rendered text, sentence by sentence, each within one block (paragraph, list item, cell)."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    for run in parser.runs:
        text = " ".join("".join(run).split())
        yield from (sentence for sentence in re.split(r"(?<=[.!?])\s+", text) if sentence)


class _ResourceParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.resources: list[tuple[str, str]] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = {name: value or "" for name, value in attrs}
        names, kind = RESOURCES.get(tag, ((), ""))
        if tag == "link" and "stylesheet" in attributes.get("rel", "").lower().split():
            kind = "a stylesheet"
        for name in names:
            value = attributes.get(name, "")
            urls = [c.split()[0] for c in value.split(",") if c.strip()] if name.endswith("srcset") else [value]
            self.resources += [(kind, url.strip()) for url in urls if url.strip()]
        self._css(attributes.get("style", ""))
        self.in_style = self.in_style or tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self._css(data)

    def _css(self, css: str) -> None:
        for match in CSS_URL.finditer(css):
            self.resources.append(("a font or other file named in CSS", (match.group(2) or match.group(4)).strip()))


def _resources(html: str) -> list[tuple[str, str]]:
    """What the rendered HTML makes a browser load: what to call each, and its address as written."""
    parser = _ResourceParser()
    parser.feed(html)
    parser.close()
    return parser.resources


def _host(url: str) -> str | None:
    """The host an absolute http(s) or protocol-relative address loads from; None for one on the site itself."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") and not (not parts.scheme and url.startswith("//")):
        return None
    return (parts.hostname or "").lower() or None


def _phrase_line(lines: tuple[str, ...], phrase: str) -> int | None:
    """The source line holding a phrase found in the rendered text, or else its first two words (Markdown
    may wrap or emphasise it)."""
    for words in (phrase, " ".join(phrase.split()[:2])):
        wanted = words.casefold()
        line = _line_matching(lines, lambda row, wanted=wanted: wanted in " ".join(row.split()).casefold())
        if line:
            return line
    return None


# Helpers: where in the files a finding points


@dataclass(frozen=True)
class SourceFile:
    """A document's source as the editor opens it (in CI, the committed text)."""

    parsed: frontmatter.Parsed
    lines: tuple[str, ...]

    def line_of(self, key: str) -> int | None:
        return self.parsed.line_of(key)

    def heading_line(self, title: str) -> int | None:
        return _line_matching(self.lines, lambda line: _heading_text(line) == title)


def _source_file(settings: Settings, document: Document) -> SourceFile:
    text = (settings.docs_dir / document.spec.source).read_text("utf-8")
    return SourceFile(frontmatter.parse(text, settings.source_path(document.spec)), tuple(text.splitlines()))


def _lines(path: Path) -> tuple[str, ...]:
    # Only to point at a line: a file that is missing or not UTF-8 is reported by the rule that reads it.
    return tuple(path.read_text("utf-8", errors="replace").splitlines()) if path.is_file() else ()


def _heading_text(line: str) -> str | None:
    match = re.match(r"#{1,6}\s+(.*?)\s*(?:\{[^}]*\})?\s*#*\s*$", line)
    return " ".join(match.group(1).split()) if match else None


def _line_matching(lines: tuple[str, ...] | list[str], wanted: Callable[[str], bool], start: int = 1) -> int | None:
    return next((number for number, line in enumerate(lines, 1) if number >= start and wanted(line)), None)


def _config_line(settings: Settings, key: str) -> int | None:
    config = settings.config_file
    if not config.is_file():
        return None
    return _line_matching(config.read_text("utf-8").splitlines(), lambda line: line.strip().startswith(f"{key}:"))


def _as_date(value: object) -> object:
    # YAML reads 2026-05-01 as a date, '2026-05-01' as text: both mean the day.
    try:
        return date.fromisoformat(value) if isinstance(value, str) else value
    except ValueError:
        return value


def _is_date(value: object) -> bool:
    return isinstance(value, date) and not hasattr(value, "hour")
