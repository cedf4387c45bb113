"""Rendered history is reused, and reuse never changes a byte of what the site publishes."""

import json
import os
import shutil
import subprocess
import sys
import zlib

import yaml
from sites import PROJECT, SiteRepo

from policypress import render_cache

TODAY = "2026-03-20"
PACKAGED_THEME = PROJECT / "src" / "policypress" / "theme"

# What `mkdocs serve` does: one process, the config loaded again for every build. Prints how many
# pages each build took from the cache.
SERVE = """
import json, shutil, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from policypress import render_cache

hits = []
get = render_cache.RenderedPages.get
def counted(self, key):
    html = get(self, key)
    hits[-1] += html is not None
    return html
render_cache.RenderedPages.get = counted

for number, site_dir in enumerate(sys.argv[1:]):
    if site_dir == "edit":
        with open("docs/privacy-statement.md", "a") as statement:
            statement.write("A sentence not yet committed.\\n")
        continue
    hits.append(0)
    config = load_config(config_file="mkdocs.yml", site_dir=site_dir)
    if number == 0:
        config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = "http://127.0.0.1:8000/"
    build(config, serve_url="http://127.0.0.1:8000/")
print(json.dumps(hits))
"""


def serve(repo: SiteRepo, *steps: str) -> list[int]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICYPRESS_TODAY": TODAY, "PYTHONPATH": str(PROJECT / "src")}
    result = subprocess.run([sys.executable, "-c", SERVE, *steps], cwd=repo.root, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def files(folder) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differing(a, b) -> list[str]:
    built_a, built_b = files(a), files(b)
    return sorted(path for path in built_a.keys() | built_b.keys() if built_a.get(path) != built_b.get(path))


def three_versions(repo: SiteRepo) -> None:
    for day, text in ((5, "We keep logs."), (12, "We keep logs for 30 days."), (19, "We keep logs for 14 days.")):
        repo.write_statement(f"{text}\n\n## Your rights\n\nAsk us.", summary=f"Version of the {day}th.")
        repo.commit(f"2026-01-{day}T10:00:00-08:00")


def test_a_preview_rebuild_reuses_history_and_publishes_the_bytes_a_cold_build_would(repo: SiteRepo):
    three_versions(repo)

    hits = serve(repo, "first", "unchanged", "edit", "edited")

    # 3 archived versions and 2 changes pages: all reused, also after the current text is edited.
    assert hits == [0, 5, 5]
    assert differing(repo.root / "first", repo.root / "unchanged") == []
    edited = (repo.root / "edited" / "privacy-statement" / "index.html").read_text()
    assert "A sentence not yet committed." in edited and "Unpublished draft" in edited
    # The edited state built from nothing, with no cache, gives the same bytes.
    (repo.root / "first").rename(repo.root / "kept")
    os.replace(repo.root / render_cache.CACHE_FOLDER, repo.root / "cache-of-the-session")
    assert serve(repo, "cold") == [0]
    assert differing(repo.root / "edited", repo.root / "cold") == []


def test_editing_the_sites_own_template_renders_history_again(repo: SiteRepo):
    # The site's overrides/ replaces policypress's notice with its own copy. (Editing a template of the
    # installed policypress renders history again too: tests/test_packaging.py.)
    config = yaml.safe_load((repo.root / "mkdocs.yml").read_text())
    config["theme"]["custom_dir"] = "overrides"
    (repo.root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    own_notice = repo.root / "overrides" / "partials" / "policypress" / "notice.html"
    own_notice.parent.mkdir(parents=True)
    own_notice.write_text((PACKAGED_THEME / "partials" / "policypress" / "notice.html").read_text())
    three_versions(repo)
    first = repo.build(today=TODAY, site_dir="first")
    own_notice.write_text(own_notice.read_text() + "<p>Template marker.</p>\n")

    again = repo.build(today=TODAY, site_dir="again")

    assert first.ok and again.ok, first.output + again.output
    for day in ("05", "12", "19"):
        assert "Template marker." not in first.page(f"/privacy-statement/versions/2026-01-{day}/")
        assert "Template marker." in again.page(f"/privacy-statement/versions/2026-01-{day}/")


def test_editing_a_second_hook_outside_hooks_renders_history_again(repo: SiteRepo):
    # A site's own hook, kept anywhere (here in tools/), may change every page it sees.
    config = yaml.safe_load((repo.root / "mkdocs.yml").read_text())
    config["hooks"] = [*config["hooks"], "tools/marker.py"]
    (repo.root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    hook = repo.root / "tools" / "marker.py"
    hook.parent.mkdir()
    marker = "def on_page_content(html, page, config, files):\n    return html + '<p>{}</p>'\n"
    hook.write_text(marker.format("first marker"))
    three_versions(repo)
    first = repo.build(today=TODAY, site_dir="first")
    hook.write_text(marker.format("second marker"))

    again = repo.build(today=TODAY, site_dir="again")

    assert first.ok and again.ok, first.output + again.output
    for day in ("05", "12", "19"):
        assert "first marker" in first.page(f"/privacy-statement/versions/2026-01-{day}/")
        assert "second marker" in again.page(f"/privacy-statement/versions/2026-01-{day}/")


def test_a_new_version_renders_the_archived_page_of_the_one_it_replaces(repo: SiteRepo):
    three_versions(repo)
    assert repo.build(today=TODAY).ok
    repo.write_statement("We keep logs for 7 days.\n\n## Your rights\n\nAsk us.", summary="Shorter logs.")
    repo.commit("2026-01-26T10:00:00-08:00")

    build = repo.build(today=TODAY)

    assert build.ok, build.output
    # The version that was in force no longer is: its archived page says so.
    replaced = build.page("/privacy-statement/versions/2026-01-19/")
    assert "applied from January 19, 2026 until January 26, 2026" in replaced


def test_a_corrupt_cache_is_ignored_and_never_changes_the_site(repo: SiteRepo):
    three_versions(repo)
    clean = repo.build(today=TODAY, site_dir="clean")
    entries = sorted((repo.root / render_cache.CACHE_FOLDER / "rendered").rglob("*"))
    entries = [entry for entry in entries if entry.is_file()]
    assert len(entries) == 5
    entries[0].write_bytes(entries[0].read_bytes()[:40])  # truncated
    entries[1].write_bytes(b"not a cache entry")
    html = zlib.decompress(entries[2].read_bytes()).replace(b"Ask us.", b"Tampered.")
    entries[2].write_bytes(zlib.compress(html))  # readable, but the checksum no longer matches
    entries[3].write_bytes(entries[4].read_bytes())  # another page's valid entry, under this key

    again = repo.build(today=TODAY, site_dir="again")

    assert again.ok, again.output
    assert differing(clean.site, again.site) == []


# A build in which the engine may neither render a version's Markdown nor redline: it can only
# take both from the cache folder.
BUILD_FROM_THE_STORE = """
import sys
from mkdocs.__main__ import cli
from policypress import redline, render
from policypress.redline import body

def refused(*args, **kwargs):
    raise SystemExit("the engine computed what the cache folder holds")

render.Renderer.__call__ = refused
redline.compare = refused
body.Parser.body = refused
sys.argv = ["mkdocs", "build", "-q", "-d", sys.argv[1]]
cli()
"""


def build_from_the_store(root, site_dir: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICYPRESS_TODAY": TODAY, "PYTHONPATH": str(PROJECT / "src")}
    return subprocess.run([sys.executable, "-c", BUILD_FROM_THE_STORE, site_dir], cwd=root, env=env,
                          capture_output=True, text=True)


def test_a_new_checkout_with_the_cache_folder_restored_renders_and_redlines_nothing_again(repo: SiteRepo, tmp_path):
    # What CI does with actions/cache: a fresh clone, the cache folder of an earlier run put back.
    three_versions(repo)
    first = repo.build(today=TODAY, site_dir="first")
    assert first.ok, first.output
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo.root), str(clone)], check=True)
    assert not (clone / render_cache.CACHE_FOLDER).exists()
    assert build_from_the_store(clone, "cold").returncode != 0  # without the folder it must compute

    shutil.copytree(repo.root / render_cache.CACHE_FOLDER, clone / render_cache.CACHE_FOLDER)
    (clone / render_cache.CACHE_FOLDER / "rendered").rename(clone / "pages-not-restored")
    restored = build_from_the_store(clone, "restored")

    assert restored.returncode == 0, restored.stderr
    assert differing(first.site, clone / "restored") == []


def test_corrupt_or_foreign_computed_entries_are_computed_again(repo: SiteRepo):
    three_versions(repo)
    clean = repo.build(today=TODAY, site_dir="clean")
    entries = sorted(p for p in (repo.root / render_cache.CACHE_FOLDER / "computed").rglob("*") if p.is_file())
    # Each version's HTML and redline.json, and the two redlines.
    assert len(entries) == 8
    for number, entry in enumerate(entries):
        stored = zlib.decompress(entry.read_bytes())
        header, _, content = stored.partition(b"\n\n")
        if number % 4 == 0:
            entry.write_bytes(entry.read_bytes()[:30])  # truncated
        elif number % 4 == 1:
            entry.write_bytes(zlib.compress(header + b"\n\n" + content.replace(b"Ask", b"Tell")))  # checksum fails
        elif number % 4 == 2:
            entry.write_bytes(entries[(number + 1) % len(entries)].read_bytes())  # another entry's, under this key
        else:
            # Whole and checksummed, but not what this engine writes: a foreign or older format.
            junk = b"[1, 2, 3]"
            key = header.split(b"\n")[1].decode()
            entry.write_bytes(zlib.compress(render_cache._header(key, junk) + b"\n\n" + junk))

    again = repo.build(today=TODAY, site_dir="again")

    assert again.ok, again.output
    assert differing(clean.site, again.site) == []


def test_a_build_deletes_the_entries_it_did_not_use(repo: SiteRepo):
    # Entries of older texts, settings or engines would pile up in a folder CI keeps for ever.
    three_versions(repo)
    first = repo.build(today=TODAY, site_dir="first")
    cache = repo.root / render_cache.CACHE_FOLDER
    kept = sorted(p.relative_to(cache) for p in cache.rglob("*") if p.is_file())
    stale = [cache / kind / "ab" / ("ab" + "0" * 62) for kind in ("rendered", "computed")]
    for entry in stale:
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.write_bytes(zlib.compress(b"an entry of an older build"))
    writing = cache / "computed" / "ab" / ".tmp-another-build"  # another build's entry, half written
    writing.write_bytes(b"")

    again = repo.build(today=TODAY, site_dir="again")

    assert again.ok, again.output
    assert differing(first.site, again.site) == []
    assert not any(entry.exists() for entry in stale)
    assert writing.exists()
    assert sorted(p.relative_to(cache) for p in cache.rglob("*") if p.is_file() and p != writing) == kept


def test_keys_are_the_same_in_every_process_and_refuse_what_has_no_stable_form():
    first = render_cache.fingerprint({"b": 1, "a": {3, 1, 2}}, ("x", b"bytes"))
    assert first == render_cache.fingerprint({"a": {2, 3, 1}, "b": 1}, ("x", b"bytes"))
    assert first != render_cache.fingerprint({"a": {1, 2}, "b": 1}, ("x", b"bytes"))
    try:
        render_cache.fingerprint(object())
    except TypeError as error:
        assert "no stable form" in str(error)
    else:
        raise AssertionError("an object keyed by its address would never be found again")
