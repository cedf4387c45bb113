"""How long a redline takes on pathological pairs of versions, and how that time grows.

Run with ``PYTHONPATH=src python bench/redline_cases.py``. Each case is built as HTML, the way
the site renders it, at two sizes or more; ``redline()`` (parsing included) is timed over ``RUNS``
runs: the median on the wall clock and in processor time, and the fastest run's processor time.
The growth exponent between the two largest sizes is ``log(t2 / t1) / log(n2 / n1)`` of the fastest
runs: on a shared virtual machine the same redline's processor time varies by up to 1.7 × from run to
run, which made an exponent of two medians wander between 0.6 and 1.6 for the same code; the
fastest run is what the code costs when nothing else interferes. Targets: every redline's median
wall time within ``TARGET_SECONDS`` and growth no faster than n log n (an exponent of
``TARGET_EXPONENT`` or less).
"""

from __future__ import annotations

import gc
import math
import random
import statistics
import time
from collections.abc import Callable

from policypress.redline import redline

RUNS = 7
TARGET_SECONDS = 1.0
TARGET_EXPONENT = 1.2
WORDS = (
    "we you your data collect use share store keep delete request service account provider partner law "
    "consent purpose security cookies device address email name payment country transfer rights access "
    "period months years the a and or of to in for with by on from as that which this may will must not"
).split()


def words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def table(rows: int) -> tuple[str, str]:
    """A table of ``rows`` rows, three cells each; every tenth row has a cell edited."""
    rng = random.Random(rows)
    cells = [[f"Item {row}", words(rng, 3), f"{rng.randint(1, 36)} months"] for row in range(rows)]

    def html(cells: list[list[str]]) -> str:
        body = "".join("<tr>\n" + "".join(f"<td>{cell}</td>\n" for cell in row) + "</tr>\n" for row in cells)
        head = "<tr>\n<th>Data</th>\n<th>Purpose</th>\n<th>Kept for</th>\n</tr>\n"
        return f"<table>\n<thead>\n{head}</thead>\n<tbody>\n{body}</tbody>\n</table>\n"

    edited = [list(row) for row in cells]
    for row in range(0, rows, 10):
        edited[row][1] = words(rng, 3)
    return html(cells), html(edited)


def long_list(items: int) -> tuple[str, str]:
    """A list of ``items`` items; every twentieth removed, a new one inserted every twentieth."""
    rng = random.Random(items)
    entries = [f"Entry {item}: {words(rng, 6)}" for item in range(items)]
    edited = []
    for index, entry in enumerate(entries):
        if index % 20 == 7:
            continue
        edited.append(entry)
        if index % 20 == 13:
            edited.append(f"New entry {index}: {words(rng, 6)}")

    def html(entries: list[str]) -> str:
        return "<ul>\n" + "".join(f"<li>{entry}</li>\n" for entry in entries) + "</ul>\n"

    return html(entries), html(edited)


def identical_paragraphs(count: int) -> tuple[str, str]:
    """``count`` identical paragraphs, the middle one changed."""
    paragraph = "<p>We may share your data with our partners when the law allows it.</p>\n"
    changed = "<p>We never share your data with our partners.</p>\n"
    return paragraph * count, paragraph * (count // 2) + changed + paragraph * (count - count // 2 - 1)


def sections_swapped(paragraphs: int) -> tuple[str, str]:
    """Two sections of ``paragraphs / 2`` paragraphs each, in the other order."""
    rng = random.Random(paragraphs)

    def section(title: str) -> str:
        body = "".join(f"<p>{words(rng, 25)}.</p>\n" for _ in range(paragraphs // 2))
        return f'<h2 id="{title.lower()}">{title}</h2>\n{body}'

    first, second = section("Cookies"), section("Sharing")
    return first + second, second + first


def rewritten_by_half(size: int) -> tuple[str, str]:
    """About ``size`` bytes of paragraphs; every second one has half of its words replaced."""
    rng = random.Random(size)
    old, new = [], []
    length = 0
    while length < size:
        text = [rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(80)]
        old.append(f"<p>{' '.join(text)}</p>\n")
        if len(old) % 2 == 0:
            for at in rng.sample(range(len(text)), len(text) // 2):
                text[at] = rng.choice(WORDS)
        new.append(f"<p>{' '.join(text)}</p>\n")
        length += len(old[-1])
    return "".join(old), "".join(new)


CASES: list[tuple[str, Callable[[int], tuple[str, str]], list[int], str]] = [
    ("table, every tenth row edited", table, [500, 1000, 2000], "rows"),
    ("list, items inserted and removed", long_list, [500, 1000, 2000], "items"),
    ("identical paragraphs, one changed", identical_paragraphs, [250, 500, 1000], "paragraphs"),
    ("two sections swapped", sections_swapped, [250, 500, 1000], "paragraphs"),
    ("document rewritten by half", rewritten_by_half, [250_000, 500_000, 1_000_000], "bytes"),
]


def seconds(old: str, new: str) -> tuple[float, float, float]:
    """The median wall-clock time of ``RUNS`` redlines, their median processor time and the fastest."""
    wall, processor = [], []
    for _ in range(RUNS):
        # Each run starts with the collector in the same state: what the run before left for it to
        # walk would otherwise land in this run's time, by chance (the collector's own walk at the
        # end of a redline is part of its time, and stays in).
        gc.collect()
        started, used = time.perf_counter(), time.process_time()
        redline(old, new)
        wall.append(time.perf_counter() - started)
        processor.append(time.process_time() - used)
    return statistics.median(wall), statistics.median(processor), min(processor)


def exponent(sizes: list[int], timings: list[float]) -> float:
    (n1, t1), (n2, t2) = zip(sizes[-2:], timings[-2:], strict=True)
    return math.log(t2 / t1) / math.log(n2 / n1)


def main() -> None:
    print(f"redline() time over {RUNS} runs (target: median ≤ {TARGET_SECONDS:.1f} s, exponent ≲ {TARGET_EXPONENT})")
    # On a shared machine others' work slows the clock on the wall, not the processor time used.
    print(f"  {'':36} {'size':>9} {'':10} {'median wall':>11}  {'median cpu':>10}  {'fastest cpu':>11}")
    failed = []
    for name, build, sizes, unit in CASES:
        wall, fastest = [], []
        for size in sizes:
            old, new = build(size)
            median_wall, median_processor, fastest_processor = seconds(old, new)
            wall.append(median_wall)
            fastest.append(fastest_processor)
            result = redline(old, new)
            times = f"{median_wall:9.3f} s  {median_processor:8.3f} s  {fastest_processor:9.3f} s"
            print(f"  {name:36} {size:>9} {unit:10} {times}  {result.count:5} changes")
        growth = exponent(sizes, fastest)
        print(f"  {'':36} growth exponent {growth:.2f} (of the medians on the wall: {exponent(sizes, wall):.2f})")
        if max(wall) > TARGET_SECONDS or growth > TARGET_EXPONENT:
            failed.append(name)
    print("all within targets" if not failed else f"outside targets: {', '.join(failed)}")


if __name__ == "__main__":
    main()
