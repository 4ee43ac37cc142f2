#!/usr/bin/env bash
# The training stack, CPU build, into the given interpreter's environment (filled in by the trainer work).
set -euo pipefail
PY=${1:-.venv/bin/python}
"$PY" -m pip --disable-pip-version-check -q install -e ".[train]"
