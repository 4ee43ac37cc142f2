"""Speed of llama.cpp's CPU variants on this machine: the one Chinwag chose by proof, and the next two candidates.

    .venv/bin/python benchmarks/portable_cpu.py [--rounds 3] [--json] [--skip-1b] [--native-python PY]

For each variant (the chosen one first, then the next two that score above zero on this CPU), prompt evaluation
(256 tokens in one batch) and decode (64 tokens) in tokens/s, for the bundled starter (SmolLM2 135M Q4_1) and for a
Llama-3.2-1B-shaped Q4_K_M (random weights, real shape: tests/llama3_model.py). Each measurement is a short
subprocess that registers exactly one variant (`CHINWAG_CPU_VARIANT_FILE`), rounds alternate between variants so
that machine noise hits them alike, and medians are reported. A candidate that crashes says so instead of a speed:
the point of proving the variant. With `--native-python` (an environment with a -march=native build, `make
bench-portable` makes it) the native build is measured too, as before.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core import cpu_variant  # noqa: E402

_MEASURE = r"""
import json, sys, time
model, threads, n_prompt, n_decode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
try:
    from desktop.core.cpu_variant import ensure_loaded
    ensure_loaded()
except ImportError:  # a native build's environment: its CPU code is linked in
    pass
import llama_cpp
llm = llama_cpp.Llama(model_path=model, n_ctx=1024, n_batch=512, n_threads=threads, n_threads_batch=threads,
                      flash_attn=True, use_mmap=False, verbose=False)
vocab = llm.n_vocab()
prompt = [llm.token_bos()] + [1000 + (i * 7919) % (vocab - 2000) for i in range(n_prompt - 1)]
started = time.perf_counter()
llm.eval(prompt)
prompt_s = time.perf_counter() - started
started = time.perf_counter()
for i in range(n_decode):
    llm.eval([1000 + (i * 104729) % (vocab - 2000)])
decode_s = time.perf_counter() - started
print(json.dumps({"prompt_tok_s": n_prompt / prompt_s, "decode_tok_s": n_decode / decode_s}))
"""


def measure(python: str, model: Path, variant: Path | None, threads: int) -> dict[str, float] | str:
    env = {k: v for k, v in os.environ.items() if k not in (cpu_variant.CHOSEN_ENV, cpu_variant.PIN_ENV)}
    env["PYTHONPATH"] = str(ROOT)
    if variant is not None:
        env[cpu_variant.CHOSEN_ENV] = str(variant)
    result = subprocess.run([python, "-c", _MEASURE, str(model), str(threads), "256", "64"], env=env,
                            capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        return (f"crashed with {cpu_variant.signal_name(result.returncode)}" if result.returncode < 0
                else f"failed: {(result.stderr.strip().splitlines() or [''])[-1][:120]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def candidates() -> tuple[cpu_variant.Choice, list[tuple[str, Path | None]]]:
    choice = cpu_variant.choose()
    if choice.variant is None:
        return choice, [("built in", None)]
    others = [v for v in cpu_variant.scored_variants(choice.variant.path.parent)
              if v.score > 0 and v.name != choice.variant.name]
    return choice, [(choice.variant.name, choice.variant.path)] + [(v.name, v.path) for v in others[:2]]


def models(skip_1b: bool) -> list[tuple[str, Path]]:
    from desktop.context import starter_gguf

    found = [("SmolLM2-135M Q4_1 (starter)", Path(starter_gguf()))]
    if not skip_1b:
        code = "from tests import llama3_model as m; print(m.one_b_q4_k_m(m.default_cache_dir()))"
        built = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
        found.append(("Llama-3.2-1B-shaped Q4_K_M", Path(built.stdout.strip().splitlines()[-1])))
    return found


def _median(samples: list, field: str) -> float | str:
    numbers = [s[field] for s in samples if isinstance(s, dict)]
    if not numbers:
        return next(s for s in samples if isinstance(s, str))
    return round(statistics.median(numbers), 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--skip-1b", action="store_true", help="only the starter (the 1B shape takes minutes to build)")
    parser.add_argument("--native-python", help="python of an environment with a -march=native build")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    choice, runs = candidates()
    print(f"chosen: {choice.describe()}")
    builds = [(name, sys.executable, path) for name, path in runs]
    if args.native_python:
        builds.append(("native build", args.native_python, None))
    report = {"chosen": choice.name, "why": choice.describe(), "threads": args.threads, "models": {}}
    for model_name, model in models(args.skip_1b):
        samples: dict[str, list] = {name: [] for name, _, _ in builds}
        for i in range(args.rounds):
            order = builds if i % 2 == 0 else list(reversed(builds))
            for name, python, variant in order:
                samples[name].append(measure(python, model, variant, args.threads))
        rows = {name: {"prompt_tok_s": _median(s, "prompt_tok_s"), "decode_tok_s": _median(s, "decode_tok_s")}
                for name, s in samples.items()}
        report["models"][model_name] = rows
        print(f"\n{model_name}, {args.threads} threads, median of {args.rounds} (prompt 256 tokens, decode 64):")
        for name, row in rows.items():
            mark = " (chosen)" if name == choice.name else ""
            print(f"  {name:<16} prompt {row['prompt_tok_s']:>8} tok/s   decode {row['decode_tok_s']:>8} tok/s{mark}")
    if args.json:
        print(json.dumps(report))


if __name__ == "__main__":
    main()
