"""How long the compare view takes to redline two versions in the browser (issue 15).

Run ``PYTHONPATH=src python bench/compare_view_bench.py SITE_DIR [SLUG]`` on a built site, e.g. the
real-shaped history (``bench/real_size_history.py``, then ``mkdocs build``). It serves the folder on
127.0.0.1, opens ``/SLUG/versions/compare/?from=OLDEST&to=NEWEST`` in Debian's Chromium (headless,
driven by Playwright) and times from navigation to the redline on screen, as the page's own
status line announces it. Then the same with the CPU throttled 4× (Chrome DevTools'
``Emulation.setCPUThrottlingRate``), as a slow phone would run it.

Also shown, in the same run: the time to open the pre-rendered changes page of the newest version,
so the ratio says what redlining in the browser costs next to reading a finished page.

Targets: oldest → newest of a 290 KB, 236-version history in ≤ 1 s, and ≤ 2.5 s at 4× throttle.
"""

from __future__ import annotations

import functools
import json
import statistics
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
RUNS = 5


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(folder: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def timed(page, url: str, ready: str) -> float:
    start = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function(ready, timeout=120_000)
    return time.perf_counter() - start


def main() -> None:
    site = Path(sys.argv[1])
    slug = sys.argv[2] if len(sys.argv) > 2 else "privacy-statement"
    document = next(d for d in json.loads((site / "versions.json").read_text())["documents"] if d["slug"] == slug)
    versions = sorted(v["version"] for v in document["versions"])
    oldest, newest = versions[0], versions[-1]
    text = site / slug / "versions" / newest / "source.md"
    print(f"{slug}: {len(versions)} versions, the newest text {text.stat().st_size / 1000:.0f} KB; "
          f"comparing {oldest} with {newest}")
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_port}"
    compared = "document.querySelector('.pp-compare-status')?.textContent.includes('compared with')"
    finished = "document.querySelector('.pp-redline') !== null"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for throttle in (1, 4):
            compare_runs, page_runs = [], []
            for _ in range(RUNS):
                # A fresh context each time: nothing cached from the run before, as a first visit.
                context = browser.new_context()
                page = context.new_page()
                page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttle})
                compare_runs.append(timed(page, f"{base}/{slug}/versions/compare/?from={oldest}&to={newest}",
                                          compared))
                page_runs.append(timed(page, f"{base}/{slug}/versions/{newest}/changes/", finished))
                context.close()
            compare_s, page_s = statistics.median(compare_runs), statistics.median(page_runs)
            print(f"CPU throttle {throttle}x: compare view median {compare_s:.2f} s (min {min(compare_runs):.2f}), "
                  f"pre-rendered changes page {page_s:.2f} s; ratio {compare_s / page_s:.1f}")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
