#!/usr/bin/env bash
# Prints the path of the project's Python virtual environment (~/.cache/newskg/venv, or
# $NEWSKG_VENV) after making sure it exists and holds the PyPI packages given as
# arguments (installed with pip when missing). Used by the test scripts for independent
# RDF tools: the Oxigraph server, pyld, pySHACL.
set -euo pipefail
venv="${NEWSKG_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/newskg/venv}"
if [ ! -x "$venv/bin/python" ]; then
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv" >&2
fi
missing=()
for pkg in "$@"; do
  "$venv/bin/python" -m pip show -q "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "venv: installing ${missing[*]} into $venv" >&2
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "${missing[@]}" >&2
fi
echo "$venv"
