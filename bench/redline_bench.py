"""How long a redline of a realistic Privacy Statement takes, next to a plain line diff.

Run with ``PYTHONPATH=src python bench/redline_bench.py``. A ~30 KB statement is generated
deterministically, about 5 % of its words are edited, both versions are rendered the way the
site renders them, and ``redline()`` is timed against ``difflib.unified_diff`` of the sources.
"""

from __future__ import annotations

import difflib
import random
import statistics
import time

import markdown

from policypress.redline import compare, parse_body, redline

RUNS = 30
TARGET_BYTES = 30_000
EDITED_SHARE = 0.05

VOCABULARY = (
    "we you your personal data information collect use share process store retain delete request "
    "service services account provider providers partner partners law legal basis consent interest "
    "contract purpose purposes security cookies device browser address email name payment country "
    "transfer transfers safeguards rights access correction objection portability period months years "
    "the a an and or of to in for with by on from as that which this these where when if may will must "
    "not any all other such including without limited reasonable necessary applicable"
).split()


def statement(rng: random.Random) -> str:
    """A statement in the shape of a real one: sections of prose, lists and one table."""

    def sentence() -> str:
        words = [rng.choice(VOCABULARY) for _ in range(rng.randint(8, 22))]
        if rng.random() < 0.2:
            at = rng.randrange(len(words))
            words[at] = f"[{words[at]}](https://example.org/{rng.choice(VOCABULARY)})"
        if rng.random() < 0.15:
            at = rng.randrange(len(words))
            words[at] = f"**{words[at]}**"
        text = " ".join(words)
        return text[0].upper() + text[1:] + rng.choice([".", ".", ".", ";", ":"])

    def paragraph() -> str:
        return " ".join(sentence() for _ in range(rng.randint(2, 5)))

    parts = ["# Privacy Statement", paragraph()]
    section = 0
    while sum(len(part) for part in parts) < TARGET_BYTES:
        section += 1
        parts.append(f"## {section}. {' '.join(rng.choice(VOCABULARY) for _ in range(3)).title()}")
        for _ in range(rng.randint(1, 4)):
            parts.append(paragraph())
        if section % 3 == 0:
            parts.append("\n".join(f"- {sentence()}" for _ in range(rng.randint(3, 6))))
        if section == 4:
            rows = [f"| {rng.choice(VOCABULARY)} | {sentence()} | {rng.randint(1, 36)} months |" for _ in range(8)]
            parts.append("\n".join(["| Data | Purpose | Retention |", "|---|---|---|", *rows]))
    return "\n\n".join(parts) + "\n"


def edited(source: str, rng: random.Random, share: float = EDITED_SHARE) -> str:
    """The statement with about ``share`` (5 %) of its plain words replaced, inserted or deleted."""
    words = source.split(" ")
    for _ in range(int(len(words) * share)):
        at = rng.randrange(len(words))
        if not words[at].isalpha():
            continue
        action = rng.random()
        if action < 0.6:
            words[at] = rng.choice(VOCABULARY)
        elif action < 0.8:
            words[at] = f"{words[at]} {rng.choice(VOCABULARY)}"
        else:
            words[at] = ""
    return " ".join(word for word in words if word)


def render(source: str) -> str:
    return markdown.Markdown(
        extensions=["toc", "tables", "attr_list"], extension_configs={"toc": {"permalink": True}}
    ).convert(source)


def timings(work, runs: int = RUNS) -> list[float]:
    result = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        result.append((time.perf_counter() - start) * 1000)
    return result


def main() -> None:
    rng = random.Random(2024)
    old_source = statement(rng)
    new_source = edited(old_source, rng)
    old_html, new_html = render(old_source), render(new_source)
    result = redline(old_html, new_html)

    redline_ms = timings(lambda: redline(old_html, new_html))
    # The build can parse each version once and reuse it for both of its redlines and its JSON.
    old_body, new_body = parse_body(old_html), parse_body(new_html)
    compare_ms = timings(lambda: compare(old_body, new_body))
    line_ms = timings(lambda: list(difflib.unified_diff(old_source.splitlines(), new_source.splitlines(), lineterm="")))

    print(f"statement: {len(old_source.encode()):,} bytes of Markdown, {len(old_html.encode()):,} bytes of HTML")
    print(f"redline: {result.count} changes, {len(result.html.encode()):,} bytes of HTML")
    print(f"redline():           median {statistics.median(redline_ms):7.2f} ms   min {min(redline_ms):7.2f} ms")
    print(f"compare() of parsed: median {statistics.median(compare_ms):7.2f} ms   min {min(compare_ms):7.2f} ms")
    print(f"line unified_diff:   median {statistics.median(line_ms):7.2f} ms   min {min(line_ms):7.2f} ms")
    print(f"redline / line diff: {statistics.median(redline_ms) / statistics.median(line_ms):7.1f}x")


if __name__ == "__main__":
    main()
