"""How policypress builds scale with the length of history, next to plain MkDocs (issue #7).

Run with ``PYTHONPATH=src python bench/scale_bench.py`` (about 10 minutes on 2 cores, 30 with
``--repeat 3``; ``--sizes 10,60`` for a quick run; ``--real-size 250`` adds the real-shaped
history of bench/real_size_history.py, ``--sizes ''`` leaves the synthetic ones out).

For each size N it makes a synthetic site (bench/synthetic_site.py: two ~30 KB documents with N
versions each) and its floor (the same pages as static Markdown, same theme, no hook), then
measures, each in a fresh interpreter on this machine:

(a) ``mkdocs build`` of the site, (b) ``mkdocs build`` of the floor, and (c) what ``mkdocs serve``
does: a first build, then in the same process a rebuild with nothing changed and one after an
edit of the current text only. Every build runs with a ``git`` on PATH that logs each start.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import real_size_history
import synthetic_site

BENCH = Path(__file__).resolve().parent
SERVE_URL = "http://127.0.0.1:8000/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,60,120,500", help="versions per document, comma-separated")
    parser.add_argument("--repeat", type=int, default=1, help="builds per measurement (the median is shown)")
    parser.add_argument("--work", type=Path, help="where to make the sites (default: a temporary folder)")
    parser.add_argument("--real-size", type=int, metavar="N", default=0,
                        help="also a real-shaped history of N versions (bench/real_size_history.py; 250 is its size)")
    parser.add_argument("--serve-rebuilds", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_rebuilds:
        print(json.dumps(serve_rebuilds(args.serve_rebuilds)))
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="policypress-bench-"))
    rows = [measure(work, int(size), args.repeat) for size in filter(None, args.sizes.split(","))]
    if args.real_size:
        rows.append(measure(work, args.real_size, args.repeat, real_size=True))
    print_table(rows)


def measure(work: Path, versions: int, repeat: int, *, real_size: bool = False) -> dict:
    if real_size:
        site = real_size_history.make_site(work / f"real-size-{versions}", versions)
    else:
        site = synthetic_site.make_site(work / f"site-{versions}", versions)
    floor = synthetic_site.make_floor(site, work / f"floor-{versions}", versions)
    shim = _git_shim(work)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "POLICYPRESS_TODAY": synthetic_site.today(versions),
           "PATH": f"{shim.parent}:{os.environ['PATH']}"}
    built, warm, floors = [], [], []
    for _ in range(repeat):  # interleaved, so that a machine slowing down mid-run skews no one ratio
        built.append(_build(site, env, shim))
        warm.append(_build(site, env, shim, keep_cache=True))
        floors.append(_build(floor, env, shim))
    serves = []
    for _ in range(repeat):
        shutil.rmtree(site / ".policypress-cache", ignore_errors=True)  # (c) starts from nothing on disk
        result = subprocess.run([sys.executable, __file__, "--serve-rebuilds", str(site)], env=env,
                                capture_output=True, text=True, check=True)
        serves.append(json.loads(result.stdout.splitlines()[-1]))
        subprocess.run(["git", "checkout", "-q", "--", "docs"], cwd=site, check=True)
    _build(site, env, shim)  # a cold build to weigh
    pages = sum(1 for _ in (site / "site").rglob("index.html"))
    weight = site_weight(site / "site")

    def median(runs: list[dict], key: str) -> float:
        return statistics.median(run[key] for run in runs)

    return {
        "versions": f"{versions} real-size" if real_size else versions, "pages": pages, **weight,
        "build": median(built, "seconds"), "floor": median(floors, "seconds"), "warm": median(warm, "seconds"),
        "build_mb": median(built, "peak_mb"), "floor_mb": median(floors, "peak_mb"),
        "git_build": built[0]["git"],
        **{key: median(serves, key) for key in ("first", "unchanged", "edited")},
        "git_serve": serves[0]["git"],
    }


def print_table(rows: list[dict]) -> None:
    header = ("| N | pages | floor (b) s | build (a) s | a/b | serve 1st s | unchanged s | /1st | edited s | /1st "
              "| build, cache kept s | /a | floor MB | build MB | ratio | git per build "
              "| site MB | archived + changes MB | ratio | gzip ratio |")
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for r in rows:
        print(f"| {r['versions']} | {r['pages']} | {r['floor']:.1f} | {r['build']:.1f} | {r['build'] / r['floor']:.2f} "
              f"| {r['first']:.1f} | {r['unchanged']:.1f} | {r['unchanged'] / r['first']:.2f} "
              f"| {r['edited']:.1f} | {r['edited'] / r['first']:.2f} | {r['warm']:.1f} | {r['warm'] / r['build']:.2f} "
              f"| {r['floor_mb']:.0f} | {r['build_mb']:.0f} | {r['build_mb'] / r['floor_mb']:.2f} "
              f"| {r['git_build']} (serve: {'/'.join(map(str, r['git_serve']))}) "
              f"| {r['site'] / 1e6:.1f} | {r['history'] / 1e6:.1f} | {r['site'] / r['history']:.2f} "
              f"| {r['site_gzip'] / r['history_gzip']:.2f} |")


def site_weight(folder: Path) -> dict:
    """The built site's bytes, and those of its archived pages and changes pages (issue 15's
    baseline), plain and gzipped as a static host would serve them."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    history = [p for p in files if re.fullmatch(r"[^/]+/versions/\d{4}-\d{2}-\d{2}/(changes/)?index\.html",
                                                p.relative_to(folder).as_posix())]

    def weigh(paths: list[Path]) -> tuple[int, int]:
        return sum(p.stat().st_size for p in paths), sum(len(gzip.compress(p.read_bytes(), 6)) for p in paths)

    (site, site_gzip), (archived, archived_gzip) = weigh(files), weigh(history)
    return {"site": site, "site_gzip": site_gzip, "history": archived, "history_gzip": archived_gzip}


def _build(root: Path, env: dict, shim: Path, keep_cache: bool = False) -> dict:
    """One ``mkdocs build`` in a fresh interpreter: wall time, peak memory and git processes.
    Cold unless ``keep_cache``: then it reuses the pages the last build left in .policypress-cache."""
    shutil.rmtree(root / "site", ignore_errors=True)
    if not keep_cache:
        shutil.rmtree(root / ".policypress-cache", ignore_errors=True)
    shim.with_suffix(".log").write_text("")
    peak = shim.with_name("peak-kb")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _WITH_PEAK, str(peak), "build", "-q", "-d", "site"], cwd=root,
                            env=env)
    seconds = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"mkdocs build failed in {root}")
    return {"seconds": seconds, "peak_mb": int(peak.read_text()) / 1024, "git": _git_calls(shim)}


# Runs MkDocs and writes the process's own peak memory. (The rusage of a child counts the pages
# it shared with this process before exec, and this process holds a whole synthetic site.)
_WITH_PEAK = """
import atexit, runpy, sys
report = sys.argv.pop(1)
def write_peak():
    status = open("/proc/self/status").read()
    open(report, "w").write(status.split("VmHWM:")[1].split()[0])
atexit.register(write_peak)
sys.argv[0] = "mkdocs"
runpy.run_module("mkdocs", run_name="__main__")
"""


def serve_rebuilds(root: Path) -> dict:
    """What ``mkdocs serve`` does, in this process: a first build, a rebuild with nothing changed,
    and a rebuild after an edit of the current text (timings in seconds, git processes per build)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.chdir(root)
    shim = Path(os.environ["PATH"].split(":")[0]) / "git"
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")

    def rebuild(first: bool = False) -> tuple[float, int]:
        # Like mkdocs.commands.serve: the config is loaded again for every rebuild.
        shim.with_suffix(".log").write_text("")
        start = time.perf_counter()
        config = load_config(config_file="mkdocs.yml", site_dir=site_dir)
        if first:
            config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL)
        return time.perf_counter() - start, _git_calls(shim)

    first, unchanged = rebuild(first=True), rebuild()
    statement = root / "docs" / "privacy-statement.md"
    statement.write_text(statement.read_text() + "\nWe also keep a record of this preview edit.\n")
    edited = rebuild()
    shutil.rmtree(site_dir)
    return {"first": first[0], "unchanged": unchanged[0], "edited": edited[0],
            "git": [first[1], unchanged[1], edited[1]]}


def _git_shim(work: Path) -> Path:
    """A ``git`` that logs each start, then runs the real one."""
    shim = work / "shim" / "git"
    shim.parent.mkdir(parents=True, exist_ok=True)
    real = shutil.which("git")
    shim.write_text(f'#!/bin/sh\necho "$*" >> {shim.with_suffix(".log")}\nexec {real} "$@"\n')
    shim.chmod(0o755)
    return shim


def _git_calls(shim: Path) -> int:
    log = shim.with_suffix(".log")
    return sum(1 for line in log.read_text().splitlines() if line != "version")  # GitPython's probe


if __name__ == "__main__":
    main()
