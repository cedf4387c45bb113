"""Wheels also carry the MkDocs hook, the templates and the publish workflow, so that
``policypress new`` works from any installation. In the repository each lives once, at the top
level; everything else about the package is in pyproject.toml."""

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

sys.path.insert(0, str(Path(__file__).parent / "src"))
from policypress.scaffold import PACKAGED, SITE_FILES  # noqa: E402


class BuildWithSiteFiles(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads them from the checkout
        target = Path(self.build_lib) / "policypress" / PACKAGED
        for relative in SITE_FILES:
            origin, copy = Path(relative), target / relative
            copy.parent.mkdir(parents=True, exist_ok=True)
            if origin.is_dir():
                shutil.copytree(origin, copy, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copyfile(origin, copy)


setup(cmdclass={"build_py": BuildWithSiteFiles})
