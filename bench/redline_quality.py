"""How well the redline reads on real amendments: before and after a change to its algorithm.

Run with ``PYTHONPATH=src python bench/redline_quality.py [--before REV]``. Reads the real
privacy-policy histories in ``/work/shared/real-histories/`` (one folder per service, each
``NNN-<unix time>.md`` a recorded text; see its README) and skips cleanly when they are absent:
they are third-party texts and stay out of the repository.

Each text is rendered as the site renders it (``policypress.render.Renderer``), then redlined
twice in the same run: by the redline of this working tree (AFTER) and by the redline package as
committed at ``REV`` (BEFORE; default ``BEFORE_REV``, the commit before the pairing and the
clean-up), loaded from ``git show`` into a package of its own. Per service, for the consecutive
pairs (totals) and for oldest → newest, it prints:

- changes: the redline's "N changes", the places a reader must look at;
- whole: blocks shown deleted as a whole beside a block inserted as a whole, in one run (a
  rewrite shown as deletion plus insertion), counted as pairs;
- paired: leaf blocks shown as one block with word edits;
- kept: the share of the words of both versions that the redline shows unchanged;
- slivers: unchanged runs of one or two words between two changes in a paragraph (confetti);
- both sides: whether each side of the redline reads exactly as its version (must be yes).
"""

from __future__ import annotations

import argparse
import importlib
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

from policypress import redline as after_redline
from policypress.render import Renderer

HISTORIES = Path("/work/shared/real-histories")
BEFORE_REV = "03c5bf7"
"""The last commit whose redline paired blocks by similarity alone."""
REPOSITORY = Path(__file__).resolve().parent.parent


@dataclass
class Quality:
    """What one or more redlines show, summed."""

    redlines: int = 0
    changes: int = 0
    whole: int = 0
    paired: int = 0
    kept: int = 0
    words: int = 0
    slivers: int = 0
    exact: bool = True
    seconds: float = 0.0

    def add(self, other: Quality) -> None:
        for name in ("redlines", "changes", "whole", "paired", "kept", "words", "slivers", "seconds"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.exact = self.exact and other.exact

    def row(self) -> str:
        kept = self.kept / self.words if self.words else 1.0
        return (
            f"changes {self.changes:5}  whole {self.whole:4}  paired {self.paired:4}  kept {kept:6.1%}  "
            f"slivers {self.slivers:5}  both sides {'yes' if self.exact else 'NO'}  {self.seconds:6.2f} s"
        )


def measure(package: ModuleType, old_html: str, new_html: str) -> Quality:
    started = time.perf_counter()
    result = package.redline(old_html, new_html)
    quality = Quality(redlines=1, changes=result.count, seconds=time.perf_counter() - started)
    _walk(result.blocks, quality)
    quality.exact = _side(result.html, "ins", "pp-block-ins") == _text(old_html) and _side(
        result.html, "del", "pp-block-del"
    ) == _text(new_html)
    return quality


def _walk(aligned, quality: Quality) -> None:
    run = {"deleted": 0, "inserted": 0}
    for item in [*aligned, None]:
        status = str(item.status) if item is not None else None
        if status in run:
            run[status] += 1
            words = len((item.old or item.new).keys)
            quality.words += words
            continue
        quality.whole += min(run.values())
        run = {"deleted": 0, "inserted": 0}
        if item is None:
            break
        if status == "unchanged":
            quality.kept += 2 * len(item.new.keys)
            quality.words += 2 * len(item.new.keys)
        elif item.children:
            _walk(item.children, quality)
        else:
            quality.paired += 1
            quality.words += len(item.old.keys) + len(item.new.keys)
            statuses = [str(edit.status) for edit in item.edits]
            for index, edit in enumerate(item.edits):
                if statuses[index] != "unchanged":
                    continue
                quality.kept += 2 * len(edit.tokens)
                between = 0 < index < len(item.edits) - 1
                if between and len(edit.tokens) <= 2:
                    quality.slivers += 1


class _Side(HTMLParser):
    """The words of one side of a redline: the other side's marks, blocks and the notes left out."""

    def __init__(self, dropped_mark: str, dropped_block: str):
        super().__init__(convert_charrefs=True)
        self.dropped_mark, self.dropped_block = dropped_mark, dropped_block
        self.skipping = 0
        self.words: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if tag in ("br", "img", "hr"):
            return
        if self.skipping or tag == self.dropped_mark or classes & {self.dropped_block, "pp-sr", "pp-link-note"}:
            self.skipping += 1

    def handle_endtag(self, tag):
        if self.skipping and tag not in ("br", "img", "hr"):
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.words.extend(data.split())


def _side(html: str, dropped_mark: str, dropped_block: str) -> list[str]:
    side = _Side(dropped_mark, dropped_block)
    side.feed(html)
    return side.words


def _text(html: str) -> list[str]:
    html = re.sub(r'<a class="headerlink".*?</a>', "", html)
    return unescape(re.sub(r"<[^>]+>", " ", html)).split()


def before_package(rev: str, folder: Path) -> ModuleType | None:
    """``policypress.redline`` as committed at ``rev``, imported as ``before_policypress.redline``."""

    def show(path: str) -> str:
        return subprocess.run(
            ["git", "show", f"{rev}:{path}"], cwd=REPOSITORY, capture_output=True, text=True, check=True
        ).stdout

    try:
        names = subprocess.run(
            ["git", "ls-tree", "--name-only", rev, "src/policypress/redline/"],
            cwd=REPOSITORY, capture_output=True, text=True, check=True,
        ).stdout.split()
        package = folder / "before_policypress"
        (package / "redline").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "memo.py").write_text(show("src/policypress/memo.py"))
        for name in names:
            if name.endswith(".py"):
                (package / "redline" / Path(name).name).write_text(show(name))
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"BEFORE unavailable ({error}): only AFTER is measured.", file=sys.stderr)
        return None
    sys.path.insert(0, str(folder))
    return importlib.import_module("before_policypress.redline")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE_REV, help="the commit whose redline is BEFORE")
    parser.add_argument("--histories", type=Path, default=HISTORIES)
    arguments = parser.parse_args()
    if not arguments.histories.is_dir():
        print(f"No real histories at {arguments.histories}: nothing to measure.")
        return
    render = Renderer(["toc", "tables", "fenced_code", "attr_list"], {"toc": {"permalink": True}})
    with tempfile.TemporaryDirectory() as folder:
        before = before_package(arguments.before, Path(folder))
        packages = {"BEFORE": before, "AFTER": after_redline} if before else {"AFTER": after_redline}
        for service in sorted(path for path in arguments.histories.iterdir() if path.is_dir()):
            texts = [render(path.read_text("utf-8")).html for path in sorted(service.glob("[0-9]*.md"))]
            if len(texts) < 2:
                continue
            print(f"\n{service.name}: {len(texts)} versions")
            for label, package in packages.items():
                consecutive = Quality()
                for old, new in zip(texts, texts[1:], strict=False):
                    consecutive.add(measure(package, old, new))
                print(f"  {label:6} consecutive ({consecutive.redlines:2}): {consecutive.row()}")
            for label, package in packages.items():
                print(f"  {label:6} oldest → newest:   {measure(package, texts[0], texts[-1]).row()}")


if __name__ == "__main__":
    main()
