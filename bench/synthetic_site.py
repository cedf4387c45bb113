"""Synthetic site repositories with long, realistic histories, and the plain-MkDocs floor for each.

A site has two ~30 KB documents with ``versions`` versions each, one a week: a few percent of the
words change per version, about a third of the versions are material, some days have two commits,
every 20th version arrives through a merged branch, and the statement is renamed half-way. The
history is written with one ``git fast-import``, so even 500 versions take seconds to make.

The floor is the same site as plain MkDocs sees it: every page the engine plans (current texts,
archives, archived versions, changes pages) as a static Markdown file with the same content, the
same theme and search settings, and no hook.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from redline_bench import edited, statement

PROJECT = Path(__file__).resolve().parents[1]
TIMEZONE = ZoneInfo("America/Los_Angeles")
FIRST_DAY = date(2000, 1, 3)
EDITED_SHARE = 0.02
SITE_URL = "https://privacy.example.org/"
DOCUMENTS = (
    {"source": "privacy-statement.md", "slug": "privacy-statement", "title": "Privacy Statement",
     "previous_paths": ["privacy.md"]},
    {"source": "ccpa-notice.md", "slug": "ccpa-notice", "title": "California Notice"},
)


def config(*, with_hook: bool) -> dict:
    """The example site's mkdocs.yml; the floor has the same theme, search and Markdown settings."""
    theme = {
        "name": "material", "language": "en", "font": False,
        "palette": [{"scheme": "default", "primary": "indigo", "accent": "indigo"},
                    {"scheme": "slate", "primary": "indigo", "accent": "indigo"}],
        "features": ["navigation.sections", "toc.follow", "search.highlight"],
    }
    site = {"site_name": "Synthetic privacy", "site_url": SITE_URL, "theme": theme, "plugins": ["search"],
            "markdown_extensions": [{"toc": {"permalink": True}}, "tables", "attr_list"]}
    if with_hook:
        site["hooks"] = ["hooks/policypress_hook.py"]
        site["nav"] = [{"Home": "index.md"}, *({d["title"]: d["source"]} for d in DOCUMENTS)]
        site["extra"] = {"policypress": {"timezone": TIMEZONE.key, "documents": list(DOCUMENTS)}}
    else:
        site["nav"] = [{"Home": "index.md"}, *({d["title"]: f"{d['slug']}/index.md"} for d in DOCUMENTS)]
    return site


def today(versions: int) -> str:
    """The pinned build day: a week after the last version, so its banner still runs."""
    return (FIRST_DAY + timedelta(weeks=versions)).isoformat()


def make_site(root: Path, versions: int, seed: int = 2024, history: type | None = None) -> Path:
    """A site repository at ``root`` whose documents each have ``versions`` versions (written by
    ``history``, a ``_History`` by default)."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    (root / "docs").mkdir(parents=True)
    shutil.copytree(PROJECT / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config(with_hook=True), sort_keys=False))
    (root / ".gitignore").write_text("site/\n")
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    stream = (history or _History)(rng).stream(versions)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=stream, check=True)
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=root, check=True)
    return root


def make_floor(site_root: Path, root: Path, versions: int) -> Path:
    """The floor for the site at ``site_root``: its planned pages as static Markdown, no hook."""

    from policypress import links, site
    from policypress.configuration import read_config
    from policypress.urls import Urls, directory_url

    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    docs.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config(with_hook=False), sort_keys=False))
    configured = read_config(site_root / "mkdocs.yml")
    loaded = replace(configured.settings, today=date.fromisoformat(today(versions)))
    urls = Urls.for_site(loaded.site_url)
    # Links to other documents become site paths: in the floor no page sits at their source path.
    def url_for(source: str) -> str:
        return directory_url("/", source)

    cache = site.BuildCache()
    built = cache.build(loaded, urls, configured.renderer, site_name=configured.site_name)
    # The floor renders each version's text from Markdown, as plain MkDocs would.
    texts = {}
    for document in cache.read(loaded, with_drafts=False).documents:
        shown = [(urls.site_file(urls.version(document.slug, v.number)), v) for v in document.versions]
        if document.upcoming:
            shown.append((urls.site_file(urls.upcoming(document.slug)), document.upcoming))
        for src_uri, version in shown:
            texts[src_uri] = links.rebase(version.text, document.spec.source, url_for)
    (docs / "index.md").write_text((site_root / "docs" / "index.md").read_text())
    for page in built.pages:
        front = {"title": page.title, **({} if page.searchable else {"search": {"exclude": True}})}
        body = texts.get(page.src_uri) or (page.html if page.html is not None else page.markdown)
        _write(docs / page.src_uri, f"---\n{yaml.safe_dump(front)}---\n\n{body}\n")
    for path, content in built.files.items():
        _write(docs / path, content)
    return root


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


class _History:
    """The ``git fast-import`` stream of a site's history."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.parts: list[bytes] = []
        self.mark = 0
        self.texts = {
            "privacy.md": statement(rng).replace("# Privacy Statement", "# Privacy Statement\n\nSee also our "
                                                 "[California notice](ccpa-notice.md).", 1),
            "ccpa-notice.md": statement(rng).replace("# Privacy Statement", "# California Notice", 1),
        }

    def stream(self, versions: int) -> bytes:
        head = self.commit("main", self._at(FIRST_DAY, 9), "Home page",
                           {"docs/index.md": "# Privacy\n\n[Statement](privacy-statement.md)\n"}, parent=None)
        for number in range(versions):
            day = FIRST_DAY + timedelta(weeks=number)
            if number == versions // 2 and number:
                head = self.commit("main", self._at(day, 8), "Rename the statement",
                                   self._edit(number, "privacy.md", rename_to="privacy-statement.md"), parent=head)
            changes = {**self._edit(number, self._statement()), **self._edit(number, "ccpa-notice.md")}
            if number % 20 == 10:
                # A branch with two commits from earlier days, merged on this day.
                branch = self.commit(f"topic-{number}", self._at(day - timedelta(days=3), 11), "Draft",
                                     self._edit(number, "ccpa-notice.md", summary_only=True), parent=head)
                branch = self.commit(f"topic-{number}", self._at(day - timedelta(days=2), 11), "Edit",
                                     changes, parent=branch)
                head = self.commit("main", self._at(day, 15), "Merge", changes, parent=head, merge=branch)
            else:
                head = self.commit("main", self._at(day, 10), f"Version {number}", changes, parent=head)
                if number % 7 == 3:  # a second edit the same day: still one version
                    head = self.commit("main", self._at(day, 16), "Fix a typo",
                                       self._edit(number, self._statement()), parent=head)
        return b"".join(self.parts)

    def commit(self, branch: str, when: datetime, message: str, files: dict[str, str], *,
               parent: int | None, merge: int | None = None) -> int:
        self.mark += 1
        stamp = f"{int(when.timestamp())} {when.strftime('%z')}"
        lines = [f"commit refs/heads/{branch}", f"mark :{self.mark}",
                 f"author Legal Editor <editor@example.org> {stamp}",
                 f"committer Legal Editor <editor@example.org> {stamp}"]
        self.parts.append(("\n".join(lines) + "\n").encode() + _data(message))
        commands = [f"from :{parent}"] if parent else []
        if merge:
            commands.append(f"merge :{merge}")
        self.parts.append("".join(f"{c}\n" for c in commands).encode())
        for path, text in files.items():
            if text is None:
                self.parts.append(f"D {path}\n".encode())
            else:
                self.parts.append(f"M 100644 inline {path}\n".encode() + _data(text))
        self.parts.append(b"\n")
        return self.mark

    def _statement(self) -> str:
        return "privacy-statement.md" if "privacy-statement.md" in self.texts else "privacy.md"

    def _edit(self, number: int, name: str, *, rename_to: str | None = None,
              summary_only: bool = False) -> dict[str, str | None]:
        """The document's next text: a few percent of its words edited, with a new revision block."""
        if not summary_only:
            self.texts[name] = edited(self.texts[name], self.rng, EDITED_SHARE)
        material = self.rng.random() < 0.3
        kind = "material" if material else "editorial"
        title = "California Notice" if name == "ccpa-notice.md" else "Privacy Statement"
        front = {"title": title, "revision": {"material": material,
                                            "summary": f"Change {number} of {name}, {kind}."}}
        text = f"---\n{yaml.safe_dump(front, sort_keys=False)}---\n\n{self.texts[name]}"
        if rename_to:
            self.texts[rename_to] = self.texts.pop(name)
            return {f"docs/{name}": None, f"docs/{rename_to}": text}
        return {f"docs/{name}": text}

    @staticmethod
    def _at(day: date, hour: int) -> datetime:
        return datetime.combine(day, time(hour), TIMEZONE)


def _data(text: str) -> bytes:
    encoded = text.encode()
    return f"data {len(encoded)}\n".encode() + encoded + b"\n"
