"""The check `make setup-train-cuda` ends with: the GPU torch sees, bf16 support, and the versions of the
training stack. Exit 1 when there is no usable GPU or bitsandbytes does not load (the Llama configs need it:
8-bit AdamW, 4-bit loading)."""

from __future__ import annotations

import importlib
import importlib.metadata
import sys

PACKAGES = ("torch", "bitsandbytes", "unsloth", "unsloth-zoo", "transformers", "trl", "peft", "accelerate",
            "datasets", "llama-cpp-python")


def versions() -> dict[str, str]:
    found = {}
    for name in PACKAGES:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "missing"
    return found


def main() -> int:
    import torch

    problems = []
    print("training stack:", ", ".join(f"{name} {version}" for name, version in versions().items()))
    print(f"torch CUDA build: {torch.version.cuda or 'none (a CPU build)'}")
    if torch.cuda.is_available():
        for index in range(torch.cuda.device_count()):
            props = torch.cuda.get_device_properties(index)
            print(f"GPU {index}: {props.name}, {props.total_memory / 2**30:.1f} GiB, "
                  f"compute capability {props.major}.{props.minor}")
        print(f"bf16 supported: {torch.cuda.is_bf16_supported()}")
    else:
        problems.append("torch sees no CUDA GPU (driver missing, or a CPU build of torch was installed)")
    try:
        importlib.import_module("bitsandbytes")
    except Exception as error:  # any failure to load its CUDA library is the same answer: not usable
        problems.append(f"bitsandbytes does not load: {error}")
    try:
        importlib.import_module("unsloth")
    except Exception as error:
        problems.append(f"unsloth does not import: {error}")
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    print("GPU training stack ready" if not problems else "GPU training stack NOT ready")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
