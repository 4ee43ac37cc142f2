"""The check `make setup-train-cuda` ends with: the GPU torch sees, bf16 support, the versions of the training
stack, and bitsandbytes used for real: a CUDA tensor quantized to 4 bits and back, and one 8-bit AdamW step
(a broken native library imports fine and fails at its first use). Exit 1 when any of it fails.

    .venv-train/bin/python scripts/check_train_gpu.py [--smoke [key=value ...]]

--smoke then runs `python -m trainer.gpu_smoke`: 20 steps of the 1B recipe on a small slice (labels, falling
loss, evaluation, resume), which downloads the base model and a few hundred rows of FineTome.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

PACKAGES = ("torch", "bitsandbytes", "unsloth", "unsloth-zoo", "transformers", "trl", "peft", "accelerate",
            "datasets", "llama-cpp-python")
ROOT = Path(__file__).resolve().parents[1]


def versions() -> dict[str, str]:
    found = {}
    for name in PACKAGES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "missing"
    return found


def check_quantize_4bit(device: str) -> str:
    """NF4-quantize a tensor on the GPU and back: what `load_in_4bit` does to every weight."""
    import bitsandbytes.functional as bnbf
    import torch

    torch.manual_seed(0)
    weight = torch.randn(256, 256, device=device, dtype=torch.bfloat16)
    packed, state = bnbf.quantize_4bit(weight, quant_type="nf4")
    restored = bnbf.dequantize_4bit(packed, state, quant_type="nf4")
    error = (restored.float() - weight.float()).abs().mean().item()
    if not torch.isfinite(restored).all() or error > 0.2:
        raise RuntimeError(f"4-bit round trip is wrong (mean error {error:.3f})")
    return f"4-bit quantization on {device}: mean round-trip error {error:.4f}"


def check_adamw_8bit_step(device: str) -> str:
    """One AdamW8bit step on a GPU parameter: it must move, and stay finite."""
    import bitsandbytes as bnb
    import torch

    torch.manual_seed(0)
    parameter = torch.nn.Parameter(torch.randn(4096, device=device))  # large enough for the 8-bit state
    before = parameter.detach().clone()
    optimizer = bnb.optim.AdamW8bit([parameter], lr=1e-2)
    (parameter.square().sum()).backward()
    optimizer.step()
    torch.cuda.synchronize()
    moved = (parameter.detach() - before).abs().max().item()
    if not torch.isfinite(parameter).all() or moved == 0.0:
        raise RuntimeError(f"the 8-bit AdamW step left the parameter {'unchanged' if moved == 0 else 'non-finite'}")
    return f"8-bit AdamW step on {device}: largest update {moved:.2e}"


def run_checks(checks: list[tuple[str, Callable[[], str]]]) -> list[str]:
    """Runs each check, printing what it reports; returns the problems (a check that raised)."""
    problems = []
    for name, check in checks:
        try:
            print(check())
        except Exception as error:  # any failure of a native library is the same answer: not usable
            problems.append(f"{name}: {type(error).__name__}: {error}")
    return problems


def main(argv: list[str]) -> int:
    import torch

    problems = []
    print("training stack:", ", ".join(f"{name} {version}" for name, version in versions().items()))
    print(f"torch CUDA build: {torch.version.cuda or 'none (a CPU build)'}")
    gpu = torch.cuda.is_available()
    if gpu:
        for index in range(torch.cuda.device_count()):
            props = torch.cuda.get_device_properties(index)
            print(f"GPU {index}: {props.name}, {props.total_memory / 2**30:.1f} GiB, "
                  f"compute capability {props.major}.{props.minor}")
        print(f"bf16 supported: {torch.cuda.is_bf16_supported()}")
    else:
        problems.append("torch sees no CUDA GPU (driver missing, or a CPU build of torch was installed)")
    try:
        importlib.import_module("bitsandbytes")
    except Exception as error:
        problems.append(f"bitsandbytes does not load: {error}")
    else:
        if gpu:
            problems += run_checks([
                ("bitsandbytes 4-bit quantization", lambda: check_quantize_4bit("cuda:0")),
                ("bitsandbytes 8-bit AdamW", lambda: check_adamw_8bit_step("cuda:0")),
            ])
    try:
        importlib.import_module("unsloth")
    except Exception as error:
        problems.append(f"unsloth does not import: {error}")
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    print("GPU training stack ready" if not problems else "GPU training stack NOT ready")
    if problems:
        return 1
    if argv[:1] == ["--smoke"]:
        result = subprocess.run([sys.executable, "-m", "trainer.gpu_smoke", *argv[1:]], cwd=ROOT, check=False)
        return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
