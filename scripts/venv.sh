# shellcheck shell=bash
# The project's virtualenv, .venv/, shared by scripts/serve and scripts/test (sourced, not run).
# Debian's python3 is "externally managed" (PEP 668): pip may not install into it, so policypress
# and everything it needs go into .venv/, made here with python3's venv module.
# After `venv_ready SPEC`, $PYTHON is the virtualenv's python and its bin/ is first on PATH.

VENV="$PWD/.venv"
PYTHON="$VENV/bin/python"

# apt_install PACKAGE...: Debian packages, through sudo unless we are root.
apt_install() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# A virtualenv works while its python runs and has pip (a system upgrade can break both).
_venv_works() {
  "$PYTHON" -c 'import sys; sys.exit(sys.prefix == sys.base_prefix)' 2>/dev/null \
    && "$PYTHON" -m pip --version >/dev/null 2>&1
}

_make_venv() {
  rm -rf "$VENV"
  python3 -m venv "$VENV" >/dev/null 2>&1 && _venv_works && return
  # Debian ships venv's ensurepip apart from python3, in python3-venv.
  echo "python3 cannot make a virtualenv: installing Debian's python3-venv with apt-get" >&2
  rm -rf "$VENV"
  apt_install python3-venv
  python3 -m venv "$VENV"
}

# venv_ready SPEC: .venv/ exists and works, with `pip install -e SPEC` done (SPEC is . or '.[test]').
# pip runs again only when pyproject.toml, SPEC or the checkout's folder changed since it last ran:
# the install is editable, so edits to the sources need none.
venv_ready() {
  local stamp="$VENV/.policypress-installed" wanted
  _venv_works || _make_venv
  wanted="$1 $PWD $(sha256sum pyproject.toml | cut -d' ' -f1)"
  if ! grep -qxF "$wanted" "$stamp" 2>/dev/null; then
    "$PYTHON" -m pip install -q --disable-pip-version-check -e "$1"
    echo "$wanted" >>"$stamp"
  fi
  export VIRTUAL_ENV="$VENV" PATH="$VENV/bin:$PATH"
}
