"""The example site is the same site whichever engine builds it: MkDocs 1.6, or ProperDocs, its
maintained drop-in fork. Zensical does not run MkDocs hooks, so it is stopped before it publishes.

ProperDocs installs beside MkDocs (its own ``properdocs`` package and command); while it runs, it
answers every ``import mkdocs...``, so Material and our hook run on it unchanged.
"""

import os
import subprocess
import sys
import tomllib
from datetime import datetime
from importlib import metadata
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from sites import PROJECT

# One engine's `build`, as its command runs it, except that the rendered-page cache is this build's
# own: the one beside mkdocs.yml is keyed on MkDocs' version, not on the engine, so ProperDocs would
# be handed pages MkDocs rendered, and the comparison would compare the cache with itself.
BUILD = """
import runpy, sys
from policypress import render_cache
engine, render_cache.CACHE_FOLDER = sys.argv.pop(1), sys.argv.pop(1)
runpy.run_module(engine, run_name="__main__", alter_sys=True)
"""

# Material names the engine in every HTML page, and only there:
# <meta name="generator" content="mkdocs-{{ mkdocs_version }}, mkdocs-material-…">. MkDocs' version is
# "1.6.1"; ProperDocs gives templates "ProperDocs 1.6.7" as mkdocs_version.
GENERATOR = {
    "mkdocs": f'<meta name="generator" content="mkdocs-{metadata.version("mkdocs")}, ',
    "properdocs": f'<meta name="generator" content="mkdocs-ProperDocs {metadata.version("properdocs")}, ',
}


def build(engine: str, tmp_path: Path, today: str) -> dict[str, bytes]:
    """The example site in place (its mkdocs.yml, docs and Git history), into a folder of its own."""
    site = tmp_path / engine
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICYPRESS_TODAY": today,
                   "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT / "src"), os.environ.get("PYTHONPATH")]))}
    environment.pop("SOURCE_DATE_EPOCH", None)  # the hook takes it from Git, as in a real build
    command = [sys.executable, "-c", BUILD, engine, str(tmp_path / f"{engine}-cache"),
               "build", "--strict", "-q", "-d", str(site)]
    built = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, env=environment)
    assert built.returncode == 0, f"{engine} cannot build the example site:\n{built.stdout}{built.stderr}"
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def without_generator(engine: str, path: str, content: bytes) -> bytes:
    """The page with the engine's name taken out of its generator tag, which every page must have once."""
    if not path.endswith(".html"):
        return content
    html = content.decode("utf-8")
    assert html.count(GENERATOR[engine]) == 1, f"{path} was not rendered by {engine}"
    return html.replace(GENERATOR[engine], '<meta name="generator" content="ENGINE, ').encode("utf-8")


@pytest.mark.integration
def test_properdocs_builds_the_example_site_byte_for_byte_as_mkdocs_does(tmp_path):
    timezone = yaml.safe_load((PROJECT / "mkdocs.yml").read_text("utf-8"))["extra"]["policypress"]["timezone"]
    today = datetime.now(ZoneInfo(timezone)).date().isoformat()  # one day for both builds, even at midnight

    by_mkdocs, by_properdocs = build("mkdocs", tmp_path, today), build("properdocs", tmp_path, today)

    assert "versions.json" in by_mkdocs and "privacy-statement/versions/index.html" in by_mkdocs
    assert sorted(by_properdocs) == sorted(by_mkdocs)
    differing = [path for path in by_mkdocs if without_generator("mkdocs", path, by_mkdocs[path])
                 != without_generator("properdocs", path, by_properdocs[path])]
    assert differing == [], f"ProperDocs builds these {len(differing)} of {len(by_mkdocs)} files differently"


def test_a_zensical_build_stops_before_it_publishes_a_site_without_versions():
    # Zensical reads zensical.toml before mkdocs.yml and stops when its docs_dir does not exist.
    zensical = tomllib.loads((PROJECT / "zensical.toml").read_text("utf-8"))["project"]
    assert zensical["site_name"], "without a site_name Zensical stops with a message that says nothing of why"
    assert not (PROJECT / zensical["docs_dir"]).exists()
