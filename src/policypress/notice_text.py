"""The notice of a change an organization sends by email or posts: ``policypress notice S [VERSION]``.

It says what the banner says (``notices.wording``: one wording for every notice of a change), then what
changes in the summary's words, the effective date, and the addresses to read the text and the redline,
absolute so that they work outside the site; all in the document's language. Editor text is escaped for
HTML and Markdown.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from . import notices, review, views
from .document import Document
from .errors import PolicyError
from .timeline import Status
from .urls import Urls
from .version import Version


@dataclass(frozen=True)
class NoticeText:
    """A notice's finished parts, plain text, before a format lays them out."""

    headline: str
    """The banner's sentence, e.g. "Changes to our Privacy Statement take effect on January 1, 2027"."""
    what_label: str
    """"What changes" while the change is ahead, "What changed" once it has taken effect."""
    summary: str
    effective_label: str
    """"Effective date", in the document's language."""
    effective: str
    """The effective date in words, with the version number."""
    links: tuple[notices.Link, ...]
    """The banner's links, then the version's permanent address and the archive, all absolute."""


def announced_version(document: Document, banner_days: int, number: str | None) -> Version:
    """The version a notice is about: ``number``, or the newest one the banner announces (or else upcoming)."""
    choices = [v for v in document.newest_first() if document.previous(v) is not None]
    if number is None:
        announced = document.timeline.announced(document.today, banner_days)
        chosen = announced[-1] if announced else document.upcoming
        if chosen is not None and document.previous(chosen) is not None:
            return chosen
        raise PolicyError(
            f"the {document.title} has no change announced or upcoming on {document.today}, so there is no notice "
            "to write.",
            fix=_name_one(choices, document))
    found = next((v for v in document.versions if v.number == number), None)
    if found is None or document.previous(found) is None:
        problem = (f"version {number} is the {document.title}'s first version, which changes nothing to announce"
                   if found else f"the {document.title} has no version {number}")
        raise PolicyError(f"{problem}.", fix=_name_one(choices, document))
    return found


def _name_one(choices: list[Version], document: Document) -> str:
    if not choices:
        return f"the {document.title} has one version only: a notice announces a change to it."
    return "name a version that changes the text: " + ", ".join(v.number for v in choices) + "."


def notice_text(document: Document, version: Version, urls: Urls) -> NoticeText:
    """The notice of ``version`` as it stands on the document's day."""
    w = views.words_for(document)
    wording = notices.wording(document, version, urls)
    ahead = document.status(version) is Status.UPCOMING
    permanent = (notices.Link(w("notice_permanent", number=version.number),
                              urls.version(document.slug, version.number)),
                 notices.Link(w("every_version_of", title=document.title), urls.archive(document.slug)))
    return NoticeText(
        headline=wording.sentence,
        what_label=w("notice_what_changes" if ahead else "notice_what_changed"),
        summary=version.summary,
        effective_label=w("notice_effective_date"),
        effective=w("notice_effective", date=w.date(version.effective), number=version.number),
        links=tuple(notices.Link(link.label, urls.absolute(link.url)) for link in (*wording.links, *permanent)),
    )


def as_text(notice: NoticeText) -> str:
    lines = [f"{notice.headline}.", "", f"{notice.what_label}: {notice.summary}", "",
             f"{notice.effective_label}: {notice.effective}", ""]
    lines += [f"{link.label}: {link.url}" for link in notice.links]
    return "\n".join(lines) + "\n"


def as_markdown(notice: NoticeText) -> str:
    lines = [f"**{review.escape(notice.headline)}.**", "",
             f"{notice.what_label}: {review.escape(notice.summary)}", "",
             f"{review.escape(notice.effective_label)}: {review.escape(notice.effective)}", ""]
    lines += [f"- [{review.escape(link.label)}](<{link.url}>)" for link in notice.links]
    return "\n".join(lines) + "\n"


def as_html(notice: NoticeText) -> str:
    def e(text: str) -> str:
        return html.escape(text, quote=True)

    lines = [f"<p><strong>{e(notice.headline)}.</strong></p>",
             f"<p>{e(notice.what_label)}: {e(notice.summary)}</p>",
             f"<p>{e(notice.effective_label)}: {e(notice.effective)}</p>",
             "<ul>",
             *(f'  <li><a href="{e(link.url)}">{e(link.label)}</a></li>' for link in notice.links),
             "</ul>"]
    return "\n".join(lines) + "\n"


WRITERS = {"text": as_text, "html": as_html, "markdown": as_markdown}
"""Each output format, by the name ``--format`` takes."""
