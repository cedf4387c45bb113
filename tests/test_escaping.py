"""Editors' words are printed as text: markup in a title, a summary or a heading id never becomes HTML.

MkDocs does not autoescape its templates, so every value our templates print is escaped unless it
is HTML the engine finished (a version's text, a redline).
"""

from html.parser import HTMLParser

import pytest
from sites import STATEMENT, Build, SiteRepo

TITLE = "Privacy <b>Statement</b>"
SUMMARY = 'Explains <script>alert(1)</script> "cookies" & web logs.'
HEADING_ID = 'x"y<z&w'  # attr_list takes any word after "#" as the id
BASE_PATH = "/terms&copy/"  # unescaped, a browser reads "&copy" as "©"

ESCAPED_TITLE = "Privacy &lt;b&gt;Statement&lt;/b&gt;"
ESCAPED_SUMMARY = "Explains &lt;script&gt;alert(1)&lt;/script&gt; &#34;cookies&#34; &amp; web logs."
ARCHIVE = "privacy-statement/versions"
CHANGES = "privacy-statement/versions/2026-01-09/changes"
UPCOMING = "privacy-statement/upcoming"


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Build:
    """A material change to a section with an awkward id, summarised with markup, taking effect later."""
    repo = SiteRepo.create(tmp_path_factory.mktemp("escaping") / "site-repo",
                           documents=[{"source": STATEMENT, "slug": "privacy-statement", "title": TITLE}],
                           site_url=f"https://example.org{BASE_PATH}")
    repo.write_statement(f"## Cookies & more {{ #{HEADING_ID} }}\n\nWe set no cookies.", summary="First version.")
    repo.commit("2026-01-05T10:00:00-08:00")
    repo.write_statement(f"## Cookies & more {{ #{HEADING_ID} }}\n\nWe set one cookie.", summary=SUMMARY,
                         effective="2026-03-01")
    repo.commit("2026-01-09T10:00:00-08:00")
    built = repo.build(today="2026-01-10")
    assert built.ok, built.output
    return built


class Links(HTMLParser):
    """The ids on a page and where its links and forms lead, as a browser reads them."""

    def __init__(self, page: str):
        super().__init__()
        self.ids: set[str] = set()
        self.targets: list[str] = []
        """In-page links, without the "#"."""
        self.addresses: list[str] = []
        """Links and form actions to other pages."""
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        address = attributes.get("href") if tag == "a" else attributes.get("action") if tag == "form" else None
        if address and address.startswith("#"):
            self.targets.append(address[1:])
        elif address:
            self.addresses.append(address)


def test_no_page_carries_a_summarys_script(build: Build):
    pages = [path for path in build.site.rglob("*.html")]

    assert len(pages) > 5
    assert not [path for path in pages if "<script>alert(1)</script>" in path.read_text("utf-8")]


@pytest.mark.parametrize("url", [ARCHIVE, CHANGES])
def test_a_summary_with_markup_quotes_and_ampersands_is_printed_as_text(build: Build, url):
    assert ESCAPED_SUMMARY in build.page(url)


def test_the_changes_list_links_to_a_section_whose_id_needs_escaping(build: Build):
    page = build.page(CHANGES)
    links = Links(page)

    assert f'href="#{HEADING_ID}"' not in page
    assert HEADING_ID in links.ids and HEADING_ID in links.targets
    assert set(links.targets) <= links.ids  # every in-page link leads somewhere


@pytest.mark.parametrize(("url", "sentence"), [
    (ARCHIVE, f"Versions of the {ESCAPED_TITLE}"),
    (UPCOMING, f"This version of the {ESCAPED_TITLE} takes effect on"),
    ("privacy-statement", f'type="application/atom+xml" title="{ESCAPED_TITLE}: changes"'),
])
def test_a_document_title_with_markup_is_printed_as_text(build: Build, url, sentence):
    assert sentence in build.page(url)


@pytest.mark.parametrize("url", ["privacy-statement", UPCOMING, ARCHIVE, CHANGES, "privacy-statement/versions/compare"])
def test_links_to_versions_keep_a_site_path_that_needs_escaping(build: Build, url):
    addresses = [address for address in Links(build.page(url)).addresses if address.startswith("/terms")]

    assert addresses and all(address.startswith(BASE_PATH) for address in addresses), addresses


def test_the_upcoming_version_leads_to_what_changes(build: Build):
    assert f'href="{BASE_PATH.replace("&", "&amp;")}{CHANGES}/">See what changes</a>' in build.page(UPCOMING)
