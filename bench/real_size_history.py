"""A site whose history is shaped like a real privacy policy's, for the scale benchmark (issue 15).

Real statements are not the synthetic benchmark's evenly edited 30 KB texts. This one is ~300 KB:
about 30 sections of prose, nested lists, a subprocessor table of a few hundred rows and a cookie
table. Over ``versions`` versions (250 by default), one or a few a month:

- most versions edit one to three sections only (real amendments cluster);
- every 9th version changes link targets only (a moved help page), no words;
- every 60th version rewrites about half of its sections (a new statement);
- every 4th version adds, removes or edits rows of the subprocessor table;
- about a third are material.

The California notice beside it is short and changes rarely. Written with one ``git fast-import``
through ``synthetic_site``'s history writer, so ``scale_bench.py --real-size`` measures it with
the same floor and the same columns as the synthetic sizes.

Run ``PYTHONPATH=src python bench/real_size_history.py OUT [VERSIONS]`` to make one and print its
shape.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import synthetic_site
import yaml
from redline_bench import VOCABULARY

SECTIONS = 32
SUBPROCESSORS = 300
COOKIES = 120
LINK_ONLY_EVERY, REWRITE_EVERY, TABLE_EVERY = 9, 60, 4
HOSTS = ("help.example.org", "support.example.org", "legal.example.org")


class _Text:
    """A statement as sections of Markdown, so that edits can land in a few of them."""

    def __init__(self, rng: random.Random, title: str, sections: int, scale: float = 1.0):
        self.rng, self.title = rng, title
        self.sections = [self._section(number, scale) for number in range(1, sections + 1)]

    def markdown(self) -> str:
        return "\n\n".join([f"# {self.title}", *self.sections]) + "\n"

    # What a section holds

    def _words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(VOCABULARY) for _ in range(self.rng.randint(low, high)))

    def _sentence(self) -> str:
        words = self._words(10, 24).split()
        if self.rng.random() < 0.25:
            at = self.rng.randrange(len(words))
            words[at] = f"[{words[at]}](https://{self.rng.choice(HOSTS)}/{self.rng.choice(VOCABULARY)})"
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def _paragraph(self) -> str:
        return " ".join(self._sentence() for _ in range(self.rng.randint(3, 7)))

    def _nested_list(self) -> str:
        lines = []
        for _ in range(self.rng.randint(4, 8)):
            lines.append(f"- {self._sentence()}")
            for _ in range(self.rng.randint(0, 3)):
                lines.append(f"    - {self._sentence()}")
        return "\n".join(lines)

    def _row(self, columns: int) -> str:
        return "| " + " | ".join(self._words(1, 4 if column else 2).title() if column < columns - 1
                                 else f"{self.rng.randint(1, 36)} months" for column in range(columns)) + " |"

    def _table(self, header: tuple[str, ...], rows: int) -> str:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return "\n".join(lines + [self._row(len(header)) for _ in range(rows)])

    def _section(self, number: int, scale: float) -> str:
        parts = [f"## {number}. {self._words(2, 4).title()}"]
        parts += [self._paragraph() for _ in range(max(1, int(self.rng.randint(8, 14) * scale)))]
        if number % 3 == 0:
            parts.append(self._nested_list())
        if number == 7 and scale == 1.0:
            parts.append(self._table(("Subprocessor", "Service", "Location", "Retention"), SUBPROCESSORS))
        if number == 12 and scale == 1.0:
            parts.append(self._table(("Cookie", "Set by", "Purpose", "Type", "Lifetime"), COOKIES))
        return "\n\n".join(parts)

    # How a version changes it

    def amend(self, number: int) -> tuple[bool, str]:
        """Edit the text as version ``number`` does; whether the change is material, and its summary."""
        rng = self.rng
        if number % REWRITE_EVERY == REWRITE_EVERY - 1:
            rewritten = rng.sample(range(len(self.sections)), len(self.sections) // 2)
            for at in rewritten:
                self.sections[at] = self._section(at + 1, 1.0)
            return True, f"Rewrites {len(rewritten)} sections of the statement."
        if number % LINK_ONLY_EVERY == LINK_ONLY_EVERY - 1:
            old, new = rng.sample(HOSTS, 2)
            at = next((i for i, s in enumerate(self.sections) if f"https://{old}/" in s), 0)
            self.sections[at] = self.sections[at].replace(f"https://{old}/", f"https://{new}/")
            return False, f"Points the links of section {at + 1} to their new addresses."
        if number % TABLE_EVERY == TABLE_EVERY - 1 and len(self.sections) >= 7:
            self._edit_table(6)
        edited = rng.sample(range(len(self.sections)), rng.choice((1, 1, 2, 3)))
        for at in edited:
            self.sections[at] = self._edit_section(self.sections[at])
        return rng.random() < 0.3, f"Revises section{'s' if len(edited) > 1 else ''} " \
                                   f"{', '.join(str(at + 1) for at in sorted(edited))}."

    def _edit_section(self, section: str) -> str:
        paragraphs = section.split("\n\n")
        prose = [i for i, part in enumerate(paragraphs) if i and not part.startswith(("|", "-"))]
        for at in self.rng.sample(prose, min(len(prose), self.rng.randint(1, 3))):
            sentences = paragraphs[at].split(". ")
            sentences[self.rng.randrange(len(sentences))] = self._sentence().rstrip(".")
            if self.rng.random() < 0.3:
                sentences.insert(self.rng.randrange(len(sentences) + 1), self._sentence().rstrip("."))
            paragraphs[at] = ". ".join(sentences)
        if self.rng.random() < 0.2:
            paragraphs.insert(self.rng.randint(1, len(paragraphs)), self._paragraph())
        return "\n\n".join(paragraphs)

    def _edit_table(self, rows: int) -> None:
        """Rows of the subprocessor table (section 7) edited, added or removed."""
        lines = self.sections[6].split("\n")
        body = [i for i, line in enumerate(lines) if line.startswith("| ") and i > 1 and lines[i - 1].startswith("|")]
        for _ in range(rows):
            action, where = self.rng.random(), self.rng.choice(body)
            if action < 0.4:
                lines[where] = self._row(4)
            elif action < 0.7:
                lines[where] = f"{lines[where]}\n{self._row(4)}"
            else:
                lines[where] = ""
        self.sections[6] = "\n".join(line for line in lines if line)


class RealSizeHistory(synthetic_site._History):
    """``synthetic_site``'s history writer with real-shaped texts and clustered edits."""

    def __init__(self, rng: random.Random):
        super().__init__(rng)
        self.documents = {
            "privacy.md": _Text(rng, "Privacy Statement", SECTIONS),
            "ccpa-notice.md": _Text(rng, "California Notice", 6, scale=0.5),
        }
        self.texts = {name: text.markdown() for name, text in self.documents.items()}

    def _edit(self, number: int, name: str, *, rename_to: str | None = None,
              summary_only: bool = False) -> dict[str, str | None]:
        if name == "ccpa-notice.md" and number % 25:
            return {}  # the notice changes rarely
        text = self.documents[name]
        if rename_to:
            self.documents[rename_to] = self.documents.pop(name)
        material, summary = (False, "Wording.") if summary_only or rename_to else text.amend(number)
        path = rename_to or name
        self.texts[path] = text.markdown()
        front = {"title": text.title, "revision": {"material": material, "summary": f"{summary} (version {number})"}}
        body = f"---\n{yaml.safe_dump(front, sort_keys=False)}---\n\n{self.texts[path]}"
        if rename_to:
            self.texts.pop(name, None)
            return {f"docs/{name}": None, f"docs/{rename_to}": body}
        return {f"docs/{name}": body}


def make_site(root: Path, versions: int = 250, seed: int = 2025) -> Path:
    return synthetic_site.make_site(root, versions, seed, history=RealSizeHistory)


if __name__ == "__main__":
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 250
    make_site(out, count)
    statement = (out / "docs" / "privacy-statement.md").read_text()
    print(f"{out}: {count} versions; the statement is {len(statement.encode()) / 1000:.0f} KB, "
          f"{statement.count(chr(10) + '| ')} table rows, {statement.count(chr(10) + '    - ')} nested items")
