"""policypress as an organization installs it: a wheel that carries the theme and the starter, sites
that install it with their workflow's own install step, and builds that use the installed templates.

Everything runs offline: policypress comes from a wheel built here, everything else from this
interpreter's site-packages (the virtual environments see them). Nothing puts this checkout on the
path of the venv's processes: what loads there is the installed package.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path
from site import getsitepackages

import pytest
import yaml
from sites import PROJECT, SiteRepo
from test_scaffold import TODAY, fill_in, new_site

PACKAGE = PROJECT / "src" / "policypress"
WORKFLOW = Path(".github") / "workflows" / "publish.yml"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel of this checkout, built from its sources alone (a stale build/ folder is not packed)."""
    source, wheels = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheels")
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(PROJECT / name, source / name)
    shutil.copytree(PACKAGE, source / "src" / "policypress", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(wheels), str(source)], check=True, capture_output=True)
    return next(wheels.glob("policypress-*.whl"))


@dataclass
class Venv:
    """A virtual environment that sees this interpreter's packages (MkDocs, Material …) but runs only
    what is installed in it, or found on PATH, with no PYTHONPATH."""

    root: Path

    @classmethod
    def create(cls, root: Path) -> "Venv":
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
        # The test's own site-packages, as plain folders at the end of the venv's path: pip comes from
        # there too, and installs into the venv that runs it. ("--system-site-packages" would give the
        # base interpreter's, which has none of them when the test runs in a virtualenv.) Their .pth
        # files are not read, so this checkout's editable install is not on the path.
        venv_packages = Path(sysconfig.get_path("purelib", vars={"base": str(root)}))
        (venv_packages / "outer-site-packages.pth").write_text(
            "".join(f"{folder}\n" for folder in _site_packages()), "utf-8")
        return cls(root)

    @property
    def python(self) -> str:
        return str(self.root / "bin" / "python")

    def env(self, **extra: str) -> dict:
        environment = {key: value for key, value in os.environ.items()
                       if key not in ("PYTHONPATH", "POLICYPRESS_TODAY", "GITHUB_ACTIONS")}
        path = os.pathsep.join([str(self.root / "bin"), environment.get("PATH", "")])
        return {**environment, "PATH": path, "NO_MKDOCS_2_WARNING": "1", "POLICYPRESS_TODAY": TODAY, **extra}

    def run(self, *command: str, cwd: Path, **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run(command, cwd=cwd, env=self.env(**extra), capture_output=True, text=True)

    def install(self, wheel: Path) -> None:
        installed = self.run(self.python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel),
                             cwd=self.root)
        assert installed.returncode == 0, installed.stderr

    def installed_package(self) -> Path:
        where = self.run(self.python, "-c", "import policypress; print(policypress.__file__)", cwd=self.root)
        return Path(where.stdout.strip()).parent

    def mkdocs_build(self, site: Path) -> subprocess.CompletedProcess:
        return self.run(self.python, "-m", "mkdocs", "build", "--strict", cwd=site)


def _site_packages() -> list[str]:
    """Where the interpreter running the tests finds its packages (MkDocs, Material, pip …)."""
    folders = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib"), *getsitepackages()}
    return sorted(folder for folder in folders if Path(folder).is_dir())


def install_step(site: Path) -> str:
    """What the site's own workflow runs to install what the site needs."""
    workflow = yaml.safe_load((site / WORKFLOW).read_text("utf-8"))
    return next(step["run"] for step in workflow["jobs"]["build"]["steps"] if step.get("name") == "Install")


def test_the_wheel_carries_the_theme_and_the_starter_with_its_hook_and_workflow_and_no_copied_site_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())

    packaged = {f"policypress/{path.relative_to(PACKAGE).as_posix()}"
                for folder in ("theme", "starter_site") for path in (PACKAGE / folder).rglob("*")
                if path.is_file() and "__pycache__" not in path.parts}
    assert packaged <= names, sorted(packaged - names)
    for expected in ("policypress/mkdocs_hook.py", "policypress/theme/main.html",
                     "policypress/theme/partials/policypress/notice.html",
                     "policypress/theme/assets/stylesheets/redline.css",
                     "policypress/theme/assets/javascripts/redline.js",
                     "policypress/starter_site/hooks/policypress_hook.py",
                     "policypress/starter_site/github/workflows/publish.yml"):
        assert expected in names
    assert not [name for name in names if name.startswith("policypress/site_files/")]


def test_policypress_new_from_the_installed_wheel_writes_a_site_that_installs_that_wheel(tmp_path, wheel):
    venv = Venv.create(tmp_path / "venv")
    venv.install(wheel)

    made = venv.run(str(venv.root / "bin" / "policypress"), "new", "clinic", "--organization", "Example Clinic",
                    cwd=tmp_path)

    assert made.returncode == 0, made.stderr
    site = tmp_path / "clinic"
    shim = Path("hooks") / "policypress_hook.py"
    assert (site / shim).read_bytes() == (PROJECT / shim).read_bytes()
    assert (site / WORKFLOW).is_file() and not (site / "overrides").exists()
    # pip recorded the wheel's file and hash (PEP 610): the site depends on exactly that file.
    dependencies = tomllib.loads((site / "pyproject.toml").read_text())["project"]["dependencies"]
    assert dependencies == [f"policypress @ {wheel.as_uri()}#sha256={sha256(wheel)}"]


def test_a_new_site_installs_with_its_workflows_install_step_then_checks_and_builds(tmp_path, wheel):
    # The dependency line a site made from this wheel gets. (A plain "policypress" would be satisfied
    # by the policypress installed beside the test's MkDocs, and the wheel never installed.)
    requirement = f"policypress @ {wheel.as_uri()}#sha256={sha256(wheel)}"
    site = new_site(tmp_path, "--organization", "Example Clinic", "--requirement", requirement)
    fill_in(site.root)
    site.commit(f"{TODAY}T10:00:00-08:00", "First version of the privacy statement")
    venv = Venv.create(tmp_path / "venv")

    # Offline: policypress from the wheel's folder, the rest (and the site's build backend, hence no
    # build isolation) from the system site-packages.
    installed = subprocess.run(install_step(site.root), shell=True, cwd=site.root, capture_output=True, text=True,
                               env=venv.env(PIP_NO_INDEX="1", PIP_FIND_LINKS=str(wheel.parent),
                                            PIP_NO_BUILD_ISOLATION="0"))
    checked = venv.run(str(venv.root / "bin" / "policypress"), "check", cwd=site.root)
    built = venv.mkdocs_build(site.root)

    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert venv.installed_package().is_relative_to(venv.root)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "2 documents checked: 0 errors, 0 warnings." in checked.stdout
    assert built.returncode == 0, built.stderr
    assert (site.root / "site" / "privacy-statement" / "versions" / TODAY / "index.html").is_file()


def test_a_site_is_built_with_the_templates_of_the_policypress_it_installed(tmp_path, wheel):
    site = new_site(tmp_path, "--organization", "Example Clinic", "--requirement", "policypress")
    fill_in(site.root)
    site.commit(f"{TODAY}T10:00:00-08:00", "First version of the privacy statement")
    venv = Venv.create(tmp_path / "venv")
    venv.install(wheel)
    package = venv.installed_package()
    assert package.is_relative_to(venv.root)
    archived = site.root / "site" / "privacy-statement" / "versions" / TODAY / "index.html"
    first = venv.mkdocs_build(site.root)
    before = archived.read_text()
    sources = {p: p.read_bytes() for p in site.root.rglob("*") if p.is_file() and _is_source(site, p)}

    notice = package / "theme" / "partials" / "policypress" / "notice.html"
    notice.write_text(notice.read_text() + "<p>Installed template marker.</p>\n")
    again = venv.mkdocs_build(site.root)

    assert first.returncode == 0 and again.returncode == 0, first.stderr + again.stderr
    assert "Installed template marker." not in before
    assert "Installed template marker." in archived.read_text()
    assert {p: p.read_bytes() for p in sources} == sources  # the site itself was not touched


def _is_source(site: SiteRepo, path: Path) -> bool:
    return path.relative_to(site.root).parts[0] not in ("site", ".git", ".policypress-cache")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
