"""Real site repositories for tests: Git commits with controlled dates, and real MkDocs builds.

A test reads like an editor's day:

    repo = SiteRepo.create(tmp_path)
    repo.write_statement("First text.", material=True, summary="First version.")
    repo.commit("2026-01-14T23:30:00-08:00")
    site = repo.build()
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[1]

STATEMENT = "privacy-statement.md"
NOTICE = "ccpa-notice.md"
SITE_URL = "https://privacy.test-health.example/"
"""The address every test site is published at, unless a test names another."""


def front_matter(title: str, material: bool | None = False, summary: str | None = "A change.",
                 effective: str | None = None, extra: dict | None = None, immediate: str | None = None,
                 editorial_reason: str | None = None) -> str:
    revision = {}
    if material is not None:
        revision["material"] = material
    if summary is not None:
        revision["summary"] = summary
    if effective:
        revision["effective"] = effective
    if immediate:
        revision["immediate"] = immediate
    if editorial_reason:
        revision["editorial_reason"] = editorial_reason
    data = {"title": title, "revision": revision, **(extra or {})}
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n\n"


@dataclass
class Build:
    """The outcome of one ``mkdocs build``."""

    returncode: int
    output: str
    site: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def page(self, url: str) -> str:
        path = self.site / url.strip("/") / "index.html" if not url.endswith((".xml", ".json")) else \
            self.site / url.strip("/")
        return path.read_text("utf-8")

    def versions_json(self) -> dict:
        return json.loads((self.site / "versions.json").read_text("utf-8"))

    def versions(self, slug: str = "privacy-statement") -> list[dict]:
        return next(d for d in self.versions_json()["documents"] if d["slug"] == slug)["versions"]


class SiteRepo:
    """A throwaway site repository whose one-line hook loads this checkout's policypress."""

    def __init__(self, root: Path):
        self.root = root

    @classmethod
    def create(cls, root: Path, *, timezone: str = "America/Los_Angeles", documents: list | None = None,
               settings: dict | None = None, site_url: str | None = None) -> SiteRepo:
        root.mkdir(parents=True, exist_ok=True)
        (root / "docs").mkdir(exist_ok=True)
        (root / "hooks").mkdir(exist_ok=True)
        shutil.copyfile(PROJECT / "hooks" / "policypress_hook.py", root / "hooks" / "policypress_hook.py")
        (root / "docs" / "index.md").write_text("# Privacy\n\n[Statement](privacy-statement.md)\n")
        repo = cls(root)
        repo.configure(timezone=timezone, documents=documents, settings=settings, site_url=site_url)
        repo.git("init", "-q", "-b", "main")
        repo.git("config", "user.name", "Legal Editor")
        repo.git("config", "user.email", "editor@example.org")
        return repo

    def configure(self, *, timezone: str = "America/Los_Angeles", documents: list | None = None,
                  settings: dict | None = None, site_url: str | None = None) -> None:
        """Write mkdocs.yml; ``site_url`` defaults to SITE_URL, and ``site_url=""`` leaves it out."""
        documents = documents or [{"source": STATEMENT, "slug": "privacy-statement", "title": "Privacy Statement"}]
        config = {
            "site_name": "Test Health privacy",
            "theme": {"name": "material", "font": False},
            "hooks": ["hooks/policypress_hook.py"],
            "plugins": ["search"],
            "markdown_extensions": [{"toc": {"permalink": True}}, "tables", "attr_list"],
            "extra": {"policypress": {"timezone": timezone, "documents": documents, **(settings or {})}},
        }
        site_url = SITE_URL if site_url is None else site_url
        if site_url:
            config["site_url"] = site_url
        (self.root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))

    # -- editing -------------------------------------------------------------------------------

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")

    def write_statement(self, body: str, *, material: bool | None = False, summary: str | None = "A change.",
                        effective: str | None = None, path: str = STATEMENT,
                        title: str = "Privacy Statement", immediate: str | None = None,
                        editorial_reason: str | None = None) -> None:
        """An editorial change unless told otherwise; ``immediate`` gives the reason a material change
        takes effect the day it lands, ``editorial_reason`` why an editorial one changes no meaning."""
        self.write(f"docs/{path}", front_matter(title, material, summary, effective, immediate=immediate,
                                                editorial_reason=editorial_reason) + f"# {title}\n\n{body}\n")

    def git(self, *args: str, env: dict | None = None) -> str:
        result = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True,
                                env={**os.environ, **(env or {})})
        if result.returncode:
            raise RuntimeError(f"git {' '.join(args)} failed: {result.stderr}")
        return result.stdout.strip()

    def commit(self, when: str, message: str = "Edit", *, author_date: str | None = None) -> str:
        """Commit everything; ``when`` is an ISO time with offset, e.g. 2026-01-14T23:30:00-08:00."""
        self.git("add", "-A")
        dates = {"GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": author_date or when}
        self.git("commit", "-q", "--allow-empty", "-m", message, env=dates)
        return self.git("rev-parse", "HEAD")

    def merge(self, branch: str, when: str, message: str = "Merge") -> str:
        dates = {"GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when}
        self.git("merge", "-q", "--no-ff", "-m", message, branch, env=dates)
        return self.git("rev-parse", "HEAD")

    # -- building ------------------------------------------------------------------------------

    def build(self, *, strict: bool = True, today: str | None = None, site_dir: str = "site",
              env: dict | None = None, args: tuple[str, ...] = ()) -> Build:
        """Run ``mkdocs build``; ``args`` adds options such as ``("-q",)``."""
        command = [sys.executable, "-m", "mkdocs", "build", "-d", site_dir, *args]
        if strict:
            command.append("--strict")
        # The hook imports policypress: make it this checkout's, whatever is installed.
        pythonpath = os.pathsep.join(filter(None, [str(PROJECT / "src"), os.environ.get("PYTHONPATH")]))
        environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": pythonpath, **(env or {})}
        environment.pop("POLICYPRESS_TODAY", None)
        if today:
            environment["POLICYPRESS_TODAY"] = today
        result = subprocess.run(command, cwd=self.root, capture_output=True, text=True, env=environment)
        return Build(result.returncode, result.stdout + result.stderr, self.root / site_dir)

    def read(self, *, today: str, with_drafts: bool = False):
        """The site as the engine reads it, in this process: for rules where only the model matters."""
        from datetime import date

        from policypress import configuration, versioning

        config = configuration.read_config(self.root / "mkdocs.yml")
        settings = replace(config.settings, today=date.fromisoformat(today))
        return versioning.read_record(settings, with_drafts=with_drafts)

    def policypress(self, *args: str, today: str | None = None, env: dict | None = None) -> Run:
        """Run the ``policypress`` command on this site, e.g. ``repo.policypress("check")``."""
        from click.testing import CliRunner

        from policypress.cli import main

        environment = {"POLICYPRESS_TODAY": today, "GITHUB_ACTIONS": None, **(env or {})}
        result = CliRunner().invoke(main, ["--config", str(self.root / "mkdocs.yml"), *args], env=environment)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result.exit_code, result.output)


@dataclass
class Run:
    """The outcome of one ``policypress`` command."""

    exit_code: int
    output: str
