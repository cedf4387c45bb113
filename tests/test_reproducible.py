"""Reproducible builds: the same commit and the same "today" build a byte-identical site."""

import gzip
import re

from sites import SiteRepo

SITE_URL = "https://privacy.example.org/"


def files(folder) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_of_one_commit_are_byte_identical_and_dated_from_git(repo: SiteRepo):
    repo.configure(settings={"gpc": True}, site_url=SITE_URL)
    repo.write_statement("Intro.\n\n## Global Privacy Control\n\nWe honor GPC.", summary="First version.")
    repo.commit("2025-06-02T10:00:00-07:00")
    repo.write_statement("Intro.\n\n## Global Privacy Control\n\nWe honor GPC signals.", material=True,
                         summary="Explains GPC.", effective="2025-08-01")
    repo.commit("2025-07-01T16:45:00-07:00")

    first = repo.build(today="2025-07-20", site_dir="site-a")
    second = repo.build(today="2025-07-20", site_dir="site-b")

    assert first.ok and second.ok, first.output + second.output
    built_a, built_b = files(first.site), files(second.site)
    assert built_a.keys() == built_b.keys()
    assert [path for path in built_a if built_a[path] != built_b[path]] == []
    # The sitemap is dated by the last commit (in UTC), not by the day the build ran.
    sitemap = built_a["sitemap.xml"].decode()
    assert set(re.findall(r"<lastmod>(.*)</lastmod>", sitemap)) == {"2025-07-01"}
    assert gzip.decompress(built_a["sitemap.xml.gz"]).decode() == sitemap
    assert {"search/search_index.json", "versions.json", "feed.xml"} <= built_a.keys()


def test_a_source_date_epoch_set_by_whoever_builds_is_kept(repo: SiteRepo):
    repo.configure(site_url=SITE_URL)
    repo.write_statement("We collect web logs.", summary="First version.")
    repo.commit("2025-06-02T10:00:00-07:00")

    build = repo.build(env={"SOURCE_DATE_EPOCH": "1767225600"})  # 2026-01-01 UTC

    assert build.ok, build.output
    assert "<lastmod>2026-01-01</lastmod>" in build.page("sitemap.xml")
