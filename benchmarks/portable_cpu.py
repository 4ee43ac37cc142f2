"""Decode speed of the portable llama.cpp build (run-time CPU variants) against a native (-march=native) build.

    .venv/bin/python benchmarks/portable_cpu.py --native-python build/native-venv/bin/python [--rounds 5] [--json]

`make bench-portable` builds the native wheel and its environment. Two builds of llama-cpp-python cannot
live in one process, so each measurement is a short subprocess, alternating portable and native in the same
run so that machine noise hits both alike. Prints median decode tokens/s of each and portable/native.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_MEASURE = r"""
import ctypes, json, sys, time
from pathlib import Path
import llama_cpp
lib = Path(llama_cpp.__file__).parent / "lib"
variants = Path(llama_cpp.__file__).parent.parent / "bin"
if any(variants.glob("libggml-cpu-*")):
    ggml = ctypes.CDLL(str(lib / "libggml.so.0"))
    ggml.ggml_backend_load_all_from_path(str(variants).encode())
llm = llama_cpp.Llama(model_path=sys.argv[1], n_ctx=1024, n_threads=int(sys.argv[2]),
                      n_threads_batch=int(sys.argv[2]), verbose=False)
chat = b"<|im_start|>user\nWrite a long story about a lighthouse keeper.<|im_end|>\n<|im_start|>assistant\n"
prompt = llm.tokenize(chat, add_bos=False, special=True)
llm.eval(prompt)
count, started = 0, time.perf_counter()
for token in llm.generate(prompt, temp=0.0, reset=False):
    count += 1
    if count == int(sys.argv[3]):
        break
print(json.dumps({"tok_s": count / (time.perf_counter() - started)}))
"""


def measure(python: str, gguf: str, threads: int, tokens: int) -> float:
    out = subprocess.run([python, "-c", _MEASURE, gguf, str(threads), str(tokens)], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])["tok_s"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--native-python", required=True, help="python of an environment with a native build")
    parser.add_argument("--portable-python", default=sys.executable)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from desktop.context import starter_gguf

    gguf = str(starter_gguf())
    portable, native = [], []
    for i in range(args.rounds):
        order = [(portable, args.portable_python), (native, args.native_python)]
        for bucket, python in order if i % 2 == 0 else reversed(order):
            bucket.append(measure(python, gguf, args.threads, args.tokens))
    result = {
        "portable_tok_s": round(statistics.median(portable), 1),
        "native_tok_s": round(statistics.median(native), 1),
        "portable_over_native": round(statistics.median(portable) / statistics.median(native), 3),
        "rounds": args.rounds,
    }
    print(f"decode tok/s (SmolLM2 Q4_1, {args.threads} threads, {args.tokens} tokens, median of {args.rounds}): "
          f"portable {result['portable_tok_s']}, native {result['native_tok_s']}, "
          f"ratio {result['portable_over_native']}")
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
