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
