"""``mkdocs build`` as a command, in a process of its own, without paying for Python's start each time.

A build's process is forked from a server process (multiprocessing's "forkserver") that has imported
MkDocs, Material and policypress and done nothing else. The child then runs ``mkdocs`` as
``python -m mkdocs`` would: the module run as ``__main__`` with the build's arguments, working
folder and environment, its output written to a file the caller reads back, its exit status the
process's. Each build starts from the same untouched state, so no build sees another's; what is
saved is the start and the imports, about a third of a small site's build.

Only the checkout's own MkDocs and policypress are preloaded. A build whose PYTHONPATH names a folder
this process does not import from runs as an ordinary ``python -m mkdocs`` subprocess; builds with
another interpreter (an installed wheel, ProperDocs) do not come here.
"""

from __future__ import annotations

import multiprocessing
import os
import runpy
import subprocess
import sys
import tempfile
from pathlib import Path

PRELOADED = ["click", "mkdocs.commands.build", "mkdocs.commands.serve", "material.plugins.search.plugin",
             "policypress.mkdocs_hook"]
"""What ``mkdocs build`` imports, except ``mkdocs.__main__`` itself: ``python -m`` runs that fresh."""

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(PRELOADED)


def _mkdocs(args: list[str], cwd: str, environment: dict[str, str], output: str) -> None:
    """In the forked child: run ``python -m mkdocs ARGS`` in ``cwd`` and exit with its status."""
    code = 1
    try:
        descriptor = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(descriptor, 1)
        os.dup2(descriptor, 2)
        os.close(descriptor)
        sys.stdout = open(1, "w", buffering=1, closefd=False, encoding="utf-8")
        sys.stderr = open(2, "w", buffering=1, closefd=False, encoding="utf-8", errors="backslashreplace")
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(environment)
        sys.path.insert(0, cwd)  # as `python -m` starts: the working folder first
        sys.argv = ["mkdocs", *args]
        try:
            runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
            code = 0
        except SystemExit as done:  # as Python ends: a number is the status, anything else is printed
            if done.code is None or isinstance(done.code, int):
                code = done.code or 0
            else:
                print(done.code, file=sys.stderr)
                code = 1
    except BaseException:  # an uncaught error: Python's own report, as a subprocess would print it
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def mkdocs(args: list[str], cwd: Path, environment: dict[str, str]) -> tuple[int, str]:
    """Run ``mkdocs ARGS`` in ``cwd`` with exactly ``environment``: its exit status and its output
    (stdout and stderr, line by line in the order written)."""
    if not _imports_as_preloaded(environment):
        run = subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=environment,
                             capture_output=True, text=True)
        return run.returncode, run.stdout + run.stderr
    with tempfile.NamedTemporaryFile(prefix="mkdocs-output-", delete=False) as file:
        output = file.name
    try:
        process = _context.Process(target=_mkdocs, args=(list(args), str(cwd), dict(environment), output))
        process.start()
        process.join()
        return process.exitcode, Path(output).read_text("utf-8", errors="replace")
    finally:
        os.unlink(output)


def _imports_as_preloaded(environment: dict[str, str]) -> bool:
    """Whether a build with this environment would import from the folders this process imports from."""
    here = {os.path.abspath(folder) for folder in sys.path}
    wanted = environment.get("PYTHONPATH", "").split(os.pathsep)
    return all(os.path.abspath(folder) in here for folder in wanted if folder)
