"""An organization that installs policypress from a wheel can still start a site with it."""

import os
import subprocess
import sys
import zipfile

from sites import PROJECT

NEW_SITE = "from pathlib import Path; import sys; from policypress import scaffold; " \
           "scaffold.create(Path(sys.argv[1]), organization='Example Clinic')"


def test_a_wheel_carries_the_hook_templates_and_workflow_and_new_sites_get_them(tmp_path):
    wheels, installed, site = tmp_path / "wheels", tmp_path / "installed", tmp_path / "clinic"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(wheels), str(PROJECT)], check=True, capture_output=True)
    wheel = next(wheels.glob("policypress-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "policypress/site_files/hooks/policypress_hook.py" in names
    assert "policypress/site_files/.github/workflows/publish.yml" in names
    assert "policypress/site_files/overrides/main.html" in names

    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target",
                    str(installed), str(wheel)], check=True, capture_output=True)
    # Only the installed copy is importable: no checkout beside it to copy from.
    environment = {**os.environ, "PYTHONPATH": str(installed)}
    subprocess.run([sys.executable, "-c", NEW_SITE, str(site)], check=True, env=environment, cwd=tmp_path)

    for relative in ("hooks/policypress_hook.py", ".github/workflows/publish.yml", "overrides/main.html"):
        assert (site / relative).read_bytes() == (PROJECT / relative).read_bytes()
