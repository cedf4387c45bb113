"""The suite's forked builds (``builds.mkdocs``) end and speak as ``python -m mkdocs`` does."""

import os
import subprocess
import sys

import builds
import pytest


@pytest.mark.parametrize("args", [["build", "--no-such-option"], ["--version"], ["build", "-f", "missing.yml"]])
def test_a_forked_mkdocs_exits_and_prints_as_python_m_mkdocs_does(tmp_path, args):
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    real = subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=tmp_path, capture_output=True,
                          text=True, env=environment)

    code, output = builds.mkdocs(args, tmp_path, environment)

    assert code == real.returncode
    assert output == real.stdout + real.stderr


def test_a_build_that_imports_from_elsewhere_is_a_python_m_mkdocs_subprocess(tmp_path):
    # A PYTHONPATH the forkserver did not import from: the build must see it, as its own process would.
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "mkdocs_shadow").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: Shadowed\nhooks: [hook.py]\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "hook.py").write_text("import mkdocs_shadow\nprint('imported', mkdocs_shadow.__path__[0])\n")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(elsewhere)}

    code, output = builds.mkdocs(["build", "-q"], tmp_path, environment)

    assert code == 0, output
    assert f"imported {elsewhere / 'mkdocs_shadow'}" in output
