"""Atom feeds of versions: ``/feed.xml`` for every document and ``/<slug>/feed.xml`` for each.

A feed is a function of the history alone, never of the clock, so a rebuild writes the same
bytes: entries are newest first (documents in declaration order within a day), every timestamp
is the start of a version's day in the organization's time zone, and ids never change:

    tag:<host>,<version>:<slug>/<version>      entry (the same in both feeds)
    tag:<host>,<first version>:<slug>/feed     a document's feed
    tag:<host>,<first version>:feed            the feed of every document
    tag:<host>,<first version>:<lang>/feed     the feed of every document in a translation's language

``<host>`` is the site's host name; without ``site_url`` it is the document's slug (the first
document's for the feed of every document), which is a valid tag authority too. A document's feed is in
its language (``views.words_for``); the feed of every document in the first one's, the site's.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, time
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from . import views
from .document import Document
from .urls import Urls
from .version import Version
from .words import Words

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"


@dataclass(frozen=True)
class FeedLink:
    """A feed as a page head advertises it for autodiscovery."""

    title: str
    url: str


def feed_links(documents: tuple[Document, ...], urls: Urls, site_name: str,
               lang: str | None = None) -> tuple[FeedLink, ...]:
    """The feeds of ``documents``, all in one language: ``lang`` for a translation's (None for the site's)."""
    every = FeedLink(_title(documents, None, site_name), urls.feed(lang=lang))
    return (every, *(FeedLink(_title(documents, d, site_name), urls.feed(d.slug)) for d in documents))


def atom_feeds(documents: tuple[Document, ...], urls: Urls, timezone: ZoneInfo, site_name: str,
               lang: str | None = None) -> dict[str, str]:
    """Site path (relative to the site root) to Atom XML, for every feed of ``documents``, all in one language:
    ``lang`` for translations (their feed of every document is ``/<lang>/feed.xml``), None for the site's."""
    feeds = {urls.site_file(urls.feed(lang=lang)): _feed(documents, None, urls, timezone, site_name, lang)}
    for document in documents:
        feeds[urls.site_file(urls.feed(document.slug))] = _feed((document,), document, urls, timezone, site_name)
    return feeds


def _feed(documents: tuple[Document, ...], own: Document | None, urls: Urls, timezone: ZoneInfo,
          site_name: str, lang: str | None = None) -> str:
    entries = sorted(
        ((document, version) for document in documents for version in document.versions),
        key=lambda pair: (-pair[1].landed_on.toordinal(), documents.index(pair[0])),
    )
    authority = _authority(urls, (own or documents[0]).slug)
    first = min(version.landed_on for _, version in entries).isoformat()
    feed = ET.Element("feed", xmlns=ATOM)
    if own:
        _text(feed, "id", f"tag:{authority},{first}:{own.slug}/feed")
    else:
        _text(feed, "id", f"tag:{authority},{first}:{lang}/feed" if lang else f"tag:{authority},{first}:feed")
    w = _words(documents, own)
    _text(feed, "title", _title(documents, own, site_name))
    names = [w("feed_document", title=d.title) for d in documents]
    listed = w("list_last", rest=", ".join(names[:-1]), last=names[-1]) if len(names) > 1 else names[0]
    _text(feed, "subtitle", w("feed_subtitle", documents=listed))
    _text(feed, "updated", _timestamp(entries[0][1], timezone))
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = site_name
    _link(feed, "self", urls.absolute(urls.feed(own.slug) if own else urls.feed(lang=lang)), MEDIA_TYPE)
    # A language has no home page of its own: its feed of every document leads to the first one's archive.
    home = urls.archive(documents[0].slug) if lang else urls.base_path
    _link(feed, "alternate", urls.absolute(urls.archive(own.slug) if own else home), "text/html")
    for document, version in entries:
        _entry(feed, document, version, urls, timezone)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _entry(feed: ET.Element, document: Document, version: Version, urls: Urls, timezone: ZoneInfo) -> None:
    entry = ET.SubElement(feed, "entry")
    _text(entry, "id", f"tag:{_authority(urls, document.slug)},{version.number}:{document.slug}/{version.number}")
    w = views.words_for(document)
    change = w(f"change_{version.kind}")
    if version.takes_effect_later:
        title = w("feed_entry_effective", title=document.title, change=change, number=version.number,
                  date=w.date(version.effective))
    else:
        title = w("feed_entry", title=document.title, change=change, number=version.number)
    _text(entry, "title", title)
    _text(entry, "updated", _timestamp(version, timezone))
    page = (urls.changes(document.slug, version.number) if document.previous(version)
            else urls.version(document.slug, version.number))
    _link(entry, "alternate", urls.absolute(page), "text/html")
    _link(entry, "related", urls.absolute(urls.version(document.slug, version.number)), "text/html")
    ET.SubElement(entry, "category", term=version.kind, label=views.change_label(w, version.kind))
    _text(entry, "summary", version.summary).set("type", "text")


def _title(documents: tuple[Document, ...], own: Document | None, site_name: str) -> str:
    return _words(documents, own)("feed_title", title=own.title if own else site_name)


def _words(documents: tuple[Document, ...], own: Document | None) -> Words:
    """A document's feed speaks its language; the feed of every document, the first document's (the site's)."""
    return views.words_for(own or documents[0])


def _authority(urls: Urls, slug: str) -> str:
    return (urlsplit(urls.site_url).hostname if urls.site_url else None) or slug


def _timestamp(version: Version, timezone: ZoneInfo) -> str:
    return datetime.combine(version.landed_on, time(), timezone).isoformat()


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _link(parent: ET.Element, rel: str, href: str, media_type: str) -> None:
    ET.SubElement(parent, "link", rel=rel, type=media_type, href=href)
