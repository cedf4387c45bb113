"""The compare view reads each version's text from its archived page, byte for byte.

An archived page holds its version's rendered text in marked pieces (around the version line);
the pieces, joined, must be exactly the HTML the build redlines, and the version's
``redline.json`` must say where the page is and what the markers are. A real ``mkdocs build``:
only MkDocs, Material and the templates decide the page's bytes.
"""

from __future__ import annotations

import json

from sites import STATEMENT, SiteRepo, front_matter

TODAY = "2026-03-20"

VERSIONS = {
    "2026-01-05": "# Privacy Statement\n\nWe keep logs & nothing else.\n\n## Your rights\n\nAsk us.\n",
    "2026-01-12": (
        "# Privacy Statement\n\nWe keep logs for 30 days; see "
        "[our *cookie* list](https://example.org/?a=1&b=2 'A \"list\"').\n\n"
        "| Data | Kept for |\n|---|---|\n| Invoices | 10 years |\n| Logs & traces | 30 days |\n\n"
        # Markdown numbers every list from 1: a list that starts elsewhere is written as HTML.
        '<ol start="3">\n<li>Access</li>\n<li>Erasure</li>\n</ol>\n\n'
        "R&amp;D &copy; 2026 &#169; \"quoted\" 'single' a < b > c\n\n"
        "    code  <kept>   as is\n"
    ),
    # No heading of its own: the page heads it with the title, which is not the version's text.
    "2026-01-19": "We keep logs for 14 days.\n\n## Your rights\n\n<!-- an editor's comment --> Ask us, *kindly*.\n",
}
# The first text again: a version of its own, at its own address.
VERSIONS["2026-01-26"] = VERSIONS["2026-01-05"]


def marked_text(page: str, markers: list[str]) -> str:
    """The page's pieces between the markers, joined: what the compare view reads (redline.js readVersion)."""
    start, end = markers
    pieces = []
    at = page.find(start)
    while at >= 0:
        close = page.index(end, at + len(start))
        pieces.append(page[at + len(start) : close])
        at = page.find(start, close + len(end))
    return "".join(pieces)


def test_each_archived_page_holds_exactly_the_text_the_build_redlines(tmp_path):
    repo = SiteRepo.create(tmp_path / "site-repo")
    for day, body in VERSIONS.items():
        repo.write(f"docs/{STATEMENT}", front_matter("Privacy Statement", summary=f"Version of {day}.") + body)
        repo.commit(f"{day}T10:00:00-08:00")

    build = repo.build(today=TODAY)
    published = repo.publish(today=TODAY)

    assert build.ok, build.output
    for day in VERSIONS:
        address = f"/privacy-statement/versions/{day}/"
        data = json.loads((build.site / f"privacy-statement/versions/{day}/redline.json").read_text("utf-8"))
        page = (build.site / f"privacy-statement/versions/{day}/index.html").read_text("utf-8")
        rendered = published.page(address).html
        assert data["text"] == address
        assert marked_text(page, data["markers"]) == rendered
    # What the versions hold, so the test covers them: a table, a link, a list starting at 3,
    # escaped characters and references, a <pre>, a comment, a text without a heading.
    second = published.page("/privacy-statement/versions/2026-01-12/").html
    third = published.page("/privacy-statement/versions/2026-01-19/").html
    for markup in ("<table>", '<a href="https://example.org/?a=1&amp;b=2" title="A &quot;list&quot;">',
                   '<ol start="3">', "a &lt; b &gt; c", "&copy;", "&#169;", "<pre><code>code  &lt;kept&gt;"):
        assert markup in second
    assert "<h1" not in third and "<!-- an editor's comment -->" in third
