"""Real site repositories for tests: Git commits with controlled dates, and builds of them.

A test reads like an editor's day:

    repo = SiteRepo.create(tmp_path)
    repo.write_statement("First text.", material=True, summary="First version.")
    repo.commit("2026-01-14T23:30:00-08:00")
    published = repo.publish(today="2026-01-20")

``publish`` runs the engine in this process, as the MkDocs adapter does, and gives what it hands
MkDocs (pages with their views, generated files, findings, the banner): for rules the engine
decides. ``build`` runs a real ``mkdocs build``: for what only MkDocs and the templates produce.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import builds
import yaml

if TYPE_CHECKING:
    from policypress import notices, site
    from policypress.errors import Finding, PolicyError
    from policypress.pages import SitePage

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


class _VersionList:
    """A build's versions.json, read back."""

    def versions_json(self) -> dict:
        raise NotImplementedError

    def versions(self, slug: str = "privacy-statement") -> list[dict]:
        return next(d for d in self.versions_json()["documents"] if d["slug"] == slug)["versions"]


@dataclass
class Build(_VersionList):
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
        # As `git config user.name …` and `git config user.email …` write it, without two more git
        # processes for each of the suite's few hundred repositories.
        with (root / ".git" / "config").open("a", encoding="utf-8") as config:
            config.write("[user]\n\tname = Legal Editor\n\temail = editor@example.org\n")
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
        """Run ``mkdocs build`` (``builds.mkdocs``: its own process); ``args`` adds options such as ``("-q",)``."""
        command = ["build", "-d", site_dir, *args]
        if strict:
            command.append("--strict")
        # The hook imports policypress: make it this checkout's, whatever is installed.
        pythonpath = os.pathsep.join(filter(None, [str(PROJECT / "src"), os.environ.get("PYTHONPATH")]))
        environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": pythonpath, **(env or {})}
        environment.pop("POLICYPRESS_TODAY", None)
        if today:
            environment["POLICYPRESS_TODAY"] = today
        code, output = builds.mkdocs(command, self.root, environment)
        return Build(code, output, self.root / site_dir)

    def publish(self, today: str | None = None, *, with_drafts: bool = False) -> Published:
        """What a build of this site publishes, computed in this process as the MkDocs adapter does
        (``with_drafts``: as ``mkdocs serve`` does); ``today`` as POLICYPRESS_TODAY, else the real date.
        An error the build would stop on is kept in ``Published.error``, not raised; any other
        exception is raised, as the build would show it, with a traceback."""
        from datetime import date

        from policypress import configuration, site
        from policypress.errors import PolicyError
        from policypress.urls import Urls

        config_file = self.root / "mkdocs.yml"
        try:
            config = configuration.read_config(config_file)
            settings = config.settings if today is None else replace(config.settings, today=date.fromisoformat(today))
            built = site.BuildCache().build(settings, Urls.for_site(settings.site_url), config.renderer,
                                            with_drafts=with_drafts, site_name=config.site_name)
        except PolicyError as error:
            return Published(None, error)
        return Published(built)

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


@dataclass(frozen=True)
class Published(_VersionList):
    """What the engine publishes in one build (``SiteRepo.publish``), or the error the build stops on.

    Pages and files are named as ``Build`` names them: ``page("privacy-statement/versions")``,
    ``file("privacy-statement/feed.xml")``."""

    built: site.Built | None
    error: PolicyError | None = None
    """The error a build would stop on, printing its message; None when the engine built the site."""

    @property
    def ok(self) -> bool:
        """A strict build passes: no error, and no findings."""
        return self.error is None and not self.built.findings

    @property
    def ok_without_strict(self) -> bool:
        """A build without ``--strict`` passes: its findings are only warnings."""
        return self.error is None

    @property
    def output(self) -> str:
        """What the build prints about the site: the error, or each finding, as the adapter words them."""
        if self.error is not None:
            return str(self.error)
        return "\n".join(str(finding) for finding in self.built.findings)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self._site().findings

    @property
    def banner(self) -> notices.Banner | None:
        """The change-notice banner every page but an archived version's shows; None when no notice runs."""
        return self._site().site_view().banner

    @property
    def site_view(self) -> site.SiteView:
        """What every page in the site's language shows (``site_view_in`` for another language)."""
        return self._site().site_view()

    def site_view_in(self, lang: str) -> site.SiteView:
        return self._site().site_view(lang)

    @property
    def pages(self) -> dict[str, SitePage]:
        """The engine's pages by address, as ``Build.page`` takes it: "privacy-statement/versions"."""
        return {page.src_uri.removesuffix("index.md").strip("/"): page for page in self._site().pages}

    def page(self, url: str) -> SitePage:
        found = self.pages.get(url.strip("/"))
        if found is None:
            raise KeyError(f"no page at {url!r}; the engine published {sorted(self.pages)}")
        return found

    def text(self, url: str) -> str:
        """A page's text as the engine hands it to MkDocs: its finished HTML, or the Markdown MkDocs renders."""
        page = self.page(url)
        return page.markdown if page.html is None else page.html

    def file(self, path: str) -> str:
        """A generated file, e.g. ``versions.json`` or ``privacy-statement/feed.xml``."""
        return self._site().files[path.strip("/")]

    def versions_json(self) -> dict:
        return json.loads(self.file("versions.json"))

    def _site(self) -> site.Built:
        if self.built is None:
            raise AssertionError(f"the build stopped: {self.error}")
        return self.built
