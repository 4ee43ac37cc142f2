"""prepare: sources → standardize → mix → one global dedup pass → render and tokenize once → seeded held-out
split → `datasets` saved to disk, which train loads as they are (no rank tokenizes again).

Stages, each a `datasets` data set in `<data>/.work/` (removed at the end, each stage's input as soon as the
next one is written, so the disk holds about two copies of the data at the worst moment):
1. read: each source's rows, streamed (`datasets` streaming for Hub sets, line by line for JSONL, batches for
   Parquet) into an Arrow file of raw JSON text (one process: reading is the cheap part);
2. standardize (parallel: `data.num_proc` processes, each on its shard): role/content turns, the drop reason
   (malformed, empty) and an 8-byte hash of the normalized conversation;
3. mix: the seeded weighted interleaving of the sources, as an index plan (no copy), cut at `data.max_rows`;
4. dedup: one global pass over the hashes (numpy; 8 bytes a row), keeping each conversation's first occurrence;
5. tokenize (parallel): each unique row rendered with the recipe's chat template and tokenized, once; rows
   longer than `model.max_seq_length` tokens are dropped (`too_long`);
6. split: a seeded uniform sample of exactly `data.eval_size` rows for eval (after each math source's
   `math_holdout` questions), the rest for training in mix order; written with `save_to_disk` as
   `<data>/train` and `<data>/eval` (columns `messages`, JSON text, and `input_ids`), plus `eval.jsonl` and
   `math_eval.jsonl` for export and eval, `tokenization.json` (what the ids were made with: train refuses ids
   from another tokenizer, template or length) and `prepare_stats.json` (time per stage, peak RAM, peak disk).

With `data.streaming`, prepare only holds the eval rows out, and training streams the sources itself
(`streaming_train_dataset`): for corpora larger than the disk.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trainer.chat import Conversation, load_tokenizer, render
from trainer.config import RecipeConfig, SourceConfig

DROP_REASONS = ("malformed", "empty", "duplicate", "too_long")
MATH_EVAL_FILE = "math_eval.jsonl"
_ROLE_NAMES = {
    "human": "user",
    "user": "user",
    "gpt": "assistant",
    "assistant": "assistant",
    "system": "system",
}


class DropRow(Exception):
    """Raised by `standardize` with the cleaning category the row falls in."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


@dataclass
class DataReport:
    rows_in: int = 0
    dropped: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DROP_REASONS, 0))
    rows_out: int = 0
    train: int = 0
    eval: int = 0
    math_eval: int = 0  # math questions held out (SourceConfig.math_holdout); only reported when some are

    def to_dict(self) -> dict[str, Any]:
        report = {
            "rows_in": self.rows_in,
            "dropped": dict(self.dropped),
            "rows_out": self.rows_out,
            "train": self.train,
            "eval": self.eval,
        }
        if self.math_eval:
            report["math_eval"] = self.math_eval
        return report


# ---------------------------------------------------------------------------------------------- sources


def iter_source(source: SourceConfig, revision: str | None = None) -> Iterator[Any]:
    """Raw rows of one source: JSON text lines for JSONL (so bad JSON can be counted), dicts otherwise.
    `revision`: the commit a Hub set is read at (trainer.revisions pins it per run)."""
    rows = _iter_source_unlimited(source, revision)
    for count, row in enumerate(rows):
        if source.max_rows is not None and count >= source.max_rows:
            return
        yield row


def _iter_source_unlimited(source: SourceConfig, revision: str | None = None) -> Iterator[Any]:
    if source.kind == "hub":
        from datasets import load_dataset

        yield from load_dataset(source.name, source.subset, split=source.split, streaming=True, revision=revision)
    elif source.kind == "jsonl":
        for path in _expand(source.name):
            with path.open("r", encoding="utf-8", errors="replace") as handle:
                for line in handle:
                    if line.strip():  # a blank line is layout, not a row
                        yield line
    elif source.kind == "parquet":
        import pyarrow.parquet as pq

        for path in _expand(source.name):
            for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
                yield from batch.to_pylist()
    else:
        raise ValueError(f"data source kind must be hub, jsonl or parquet, got {source.kind!r}")


def _expand(name: str) -> list[Path]:
    path = Path(name).expanduser()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".jsonl", ".json", ".parquet"))
    elif any(ch in name for ch in "*?["):
        files = sorted(path.parent.glob(path.name))
    else:
        files = [path]
    missing = [str(p) for p in files if not p.is_file()]
    if missing or not files:
        raise FileNotFoundError(f"data source not found: {', '.join(missing) or name}")
    return files


def source_revision(cfg: RecipeConfig, source: SourceConfig) -> str | None:
    """The commit a Hub source is read at in this run (resolved and recorded at first use); None otherwise."""
    if source.kind != "hub":
        return None
    from trainer.revisions import pinned_revision

    return pinned_revision(cfg, "dataset", source.name, source.revision)


def mix_sources(cfg: RecipeConfig) -> Iterator[tuple[SourceConfig, Any]]:
    """Weighted, seeded interleaving of the sources' raw rows (each row's source drawn by weight), streamed."""
    sources = _checked_sources(cfg)
    streams = [((s, row) for row in iter_source(s, source_revision(cfg, s))) for s in sources]
    yield from interleave(streams, [s.weight for s in sources], cfg.data.mix_seed, cfg.data.mix_stopping,
                          cfg.data.max_rows)


def mix_plan(cfg: RecipeConfig, counts: list[int]) -> Any:
    """The same interleaving as `mix_sources`, for sources of known row counts: the row indices into the
    sources concatenated, in mix order (a plan for `Dataset.select`, no rows copied)."""
    import numpy as np

    sources = _checked_sources(cfg)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    if len(counts) == 1:  # no draws to make: the source in its order, cut at max_rows
        total = counts[0] if cfg.data.max_rows is None else min(counts[0], cfg.data.max_rows)
        return np.arange(total, dtype=np.int64)
    streams = [iter(range(int(offsets[i]), int(offsets[i + 1]))) for i in range(len(counts))]
    plan = interleave(streams, [s.weight for s in sources], cfg.data.mix_seed, cfg.data.mix_stopping,
                      cfg.data.max_rows)
    return np.fromiter(plan, dtype=np.int64)


def _checked_sources(cfg: RecipeConfig) -> list[SourceConfig]:
    sources = cfg.data.sources
    if not sources:
        raise ValueError("data.sources is empty: give at least one source or --data PATH")
    if any(s.weight <= 0 for s in sources):
        raise ValueError("data source weights must be positive")
    return sources


def interleave(
    streams: list[Iterator[Any]], weights: list[float], seed: int, stopping: str, max_rows: int | None
) -> Iterator[Any]:
    """Items of several streams, each next one taken from a stream drawn by weight (seeded). `first_exhausted`
    ends at the first stream drawn dry (the weights' proportions hold); `all_exhausted` drains them all."""
    rng = random.Random(seed)
    live = list(zip(streams, weights, strict=True))
    several = len(live) > 1
    produced = 0
    while live:
        if max_rows is not None and produced >= max_rows:
            return
        index = rng.choices(range(len(live)), weights=[w for _, w in live])[0] if len(live) > 1 else 0
        try:
            item = next(live[index][0])
        except StopIteration:
            if stopping == "first_exhausted" and several:
                return
            live.pop(index)
            continue
        produced += 1
        yield item


# ----------------------------------------------------------------------------------------- standardize


def standardize(row: Any, source: SourceConfig) -> Conversation:
    """Role/content turns, or DropRow('malformed' | 'empty')."""
    if isinstance(row, str):
        try:
            row = json.loads(row)
        except json.JSONDecodeError as error:
            raise DropRow("malformed", f"not valid JSON ({error.msg})") from None
    if not isinstance(row, dict):
        raise DropRow("malformed", "row is not a JSON object")
    turns = _qa_turns(row, source) if source.format == "qa" else _sharegpt_turns(row)
    _check_not_empty(turns)
    return turns


def _sharegpt_turns(row: dict[str, Any]) -> Conversation:
    raw = row.get("conversations", row.get("messages"))
    if not isinstance(raw, list):
        raise DropRow("malformed", "no conversation list")
    turns: Conversation = []
    for turn in raw:
        if not isinstance(turn, dict):
            raise DropRow("malformed", "a turn is not an object")
        role = turn.get("from", turn.get("role"))
        text = turn.get("value", turn.get("content"))
        if not isinstance(role, str) or not role:
            raise DropRow("malformed", "a turn has no role")
        if not isinstance(text, str):
            raise DropRow("malformed", "a turn has no text")
        if role.lower() not in _ROLE_NAMES:
            # The chat template knows only these roles; anything else cannot be rendered faithfully.
            raise DropRow("malformed", f"unknown role {role!r}")
        turns.append({"role": _ROLE_NAMES[role.lower()], "content": text})
    return turns


def _qa_turns(row: dict[str, Any], source: SourceConfig) -> Conversation:
    question, answer = row.get(source.question_field), row.get(source.answer_field)
    if not isinstance(question, str) or not isinstance(answer, str):
        raise DropRow("malformed", f"no {source.question_field}/{source.answer_field} text")
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


def _check_not_empty(turns: Conversation) -> None:
    roles = {t["role"] for t in turns}
    if "user" not in roles:
        raise DropRow("empty", "no user turn")
    if "assistant" not in roles:
        raise DropRow("empty", "no assistant turn")
    if any(not t["content"].strip() for t in turns):
        raise DropRow("empty", "a turn has only white space")


def conversation_key(turns: Conversation) -> int:
    """8-byte hash of the conversation with white space and case normalized (duplicate detection)."""
    digest = hashlib.blake2b(digest_size=8)
    for turn in turns:
        digest.update(turn["role"].encode())
        digest.update(b"\x00")
        digest.update(" ".join(turn["content"].lower().split()).encode("utf-8"))
        digest.update(b"\x01")
    return int.from_bytes(digest.digest(), "little")


# ----------------------------------------------------------------------------------------- stream clean


def clean_stream(
    rows: Iterable[tuple[SourceConfig, Any]],
    report: DataReport,
    token_lengths: Any,
    max_tokens: int,
    batch_size: int,
) -> Iterator[tuple[SourceConfig, Conversation]]:
    """Kept conversations (with their source) in input order, streamed (the streaming train path):
    `token_lengths(batch) -> list[int]` measures templated length; the duplicate check keeps 8 bytes a row."""
    seen: set[int] = set()
    pending: list[tuple[SourceConfig, Conversation]] = []

    def flush() -> Iterator[tuple[SourceConfig, Conversation]]:
        for item, length in zip(pending, token_lengths([turns for _, turns in pending]), strict=True):
            if length > max_tokens:
                report.dropped["too_long"] += 1
            else:
                yield item
        pending.clear()

    for source, row in rows:
        report.rows_in += 1
        try:
            turns = standardize(row, source)
        except DropRow as drop:
            report.dropped[drop.reason] += 1
            continue
        key = conversation_key(turns)
        if key in seen:
            report.dropped["duplicate"] += 1
            continue
        seen.add(key)
        pending.append((source, turns))
        if len(pending) >= batch_size:
            yield from flush()
    if pending:
        yield from flush()


def template_token_counter(tokenizer: Any) -> Any:
    def lengths(batch: list[Conversation]) -> list[int]:
        encoded = tokenizer(render(tokenizer, batch), add_special_tokens=False)["input_ids"]
        return [len(ids) for ids in encoded]

    return lengths


# ------------------------------------------------------------------------------------- datasets stages

# Drop reasons as small codes in the standardized data set (0: kept).
_DROP_CODES = {"malformed": 1, "empty": 2}
TRAIN_DIR, EVAL_DIR = "train", "eval"
TOKENIZATION_FILE = "tokenization.json"
STATS_FILE = "prepare_stats.json"
WORK_DIR = ".work"


def _raw_rows(source: SourceConfig, revision: str | None) -> Iterator[dict[str, str]]:
    """A source's rows as raw JSON text (one schema for every source, so the sources can be mixed)."""
    for row in iter_source(source, revision):
        yield {"raw": row if isinstance(row, str) else json.dumps(row, ensure_ascii=False, default=str)}


def _standardize_batch(batch: dict[str, list[Any]], source: SourceConfig, index: int) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {"messages": [], "drop": [], "key": [], "source": [], "math": []}
    for raw in batch["raw"]:
        try:
            turns = standardize(raw, source)
        except DropRow as drop:
            out["messages"].append("")
            out["drop"].append(_DROP_CODES[drop.reason])
            out["key"].append(0)
            out["math"].append(False)
        else:
            out["messages"].append(json.dumps(turns, ensure_ascii=False))
            out["drop"].append(0)
            key = conversation_key(turns)
            out["key"].append(key - (1 << 64) if key >= 1 << 63 else key)  # as int64: Arrow takes it from Python
            out["math"].append(source.math_holdout > 0 and math_question(turns) is not None)
        out["source"].append(index)
    return out


def _tokenize_batch(batch: dict[str, list[Any]], tokenizer: Any) -> dict[str, list[Any]]:
    conversations = [json.loads(m) for m in batch["messages"]]
    ids = tokenizer(render(tokenizer, conversations), add_special_tokens=False)["input_ids"]
    return {"input_ids": ids, "length": [len(row) for row in ids]}


def _features() -> tuple[Any, Any]:
    from datasets import Features, Sequence, Value

    standardized = Features(
        {
            "messages": Value("string"),
            "drop": Value("int8"),
            "key": Value("int64"),
            "source": Value("int16"),
            "math": Value("bool"),
        }
    )
    tokenized = Features({**standardized, "input_ids": Sequence(Value("int32")), "length": Value("int32")})
    return standardized, tokenized


def prepare_num_proc(cfg: RecipeConfig) -> int | None:
    """Worker processes for the parallel stages (None: in this process)."""
    count = cfg.data.num_proc or os.cpu_count() or 1
    return count if count > 1 else None


def tokenization_fingerprint(cfg: RecipeConfig, tokenizer: Any) -> dict[str, Any]:
    """What the saved ids depend on: the tokenizer's vocabulary and rules, the chat template, the length cap.
    train compares it with its own tokenizer's before using the ids."""
    backend = getattr(tokenizer, "backend_tokenizer", None)
    spec = backend.to_str() if backend is not None else json.dumps(tokenizer.get_vocab(), sort_keys=True)
    return {
        "tokenizer_sha256": hashlib.sha256(spec.encode("utf-8")).hexdigest(),
        "chat_template_sha256": hashlib.sha256((tokenizer.chat_template or "").encode("utf-8")).hexdigest(),
        "special_tokens": {"bos": tokenizer.bos_token, "eos": tokenizer.eos_token, "pad": tokenizer.pad_token},
        "max_seq_length": cfg.model.max_seq_length,
        "chat_template_name": cfg.model.chat_template,
    }


class _Stages:
    """Wall time per stage, and the data directory's size after each (peak disk)."""

    def __init__(self, out: Path, progress: bool) -> None:
        self.out = out
        self.progress = progress
        self.seconds: dict[str, float] = {}
        self.disk: dict[str, int] = {}
        self.started = time.perf_counter()

    def done(self, name: str, detail: str = "") -> None:
        now = time.perf_counter()
        self.seconds[name] = round(now - self.started, 3)
        self.started = now
        self.disk[name] = _tree_size(self.out)
        if self.progress:
            print(f"prepare: {name} {detail}({self.seconds[name]:.1f} s, data dir {self.disk[name] / 1e6:.0f} MB)",
                  flush=True)


def _tree_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() else 0


def _peak_rss_mb() -> dict[str, float]:
    import resource

    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return {
        "main_process": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale, 1),
        "largest_worker": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale, 1),
    }


def prepare(cfg: RecipeConfig, out_dir: Path | None = None, progress: bool = True) -> DataReport:
    import numpy as np
    from datasets import Dataset, concatenate_datasets, disable_progress_bars, enable_progress_bars

    out = Path(out_dir) if out_dir is not None else cfg.data_path
    out.mkdir(parents=True, exist_ok=True)
    if cfg.data.streaming:
        return prepare_streaming(cfg, out, progress)
    work = out / WORK_DIR
    shutil.rmtree(work, ignore_errors=True)
    for stale in (TRAIN_DIR, EVAL_DIR, "train.jsonl"):  # an earlier prepare's output
        target = out / stale
        shutil.rmtree(target, ignore_errors=True) if target.is_dir() else target.unlink(missing_ok=True)
    tokenizer = load_tokenizer(cfg)
    num_proc = prepare_num_proc(cfg)
    batch = cfg.data.tokenize_batch
    standardized_features, tokenized_features = _features()
    sources = _checked_sources(cfg)
    stages = _Stages(out, progress)
    (disable_progress_bars if not progress else enable_progress_bars)()
    try:
        # 1-2. read each source into Arrow, then standardize it on num_proc shards.
        raw = [
            Dataset.from_generator(
                _raw_rows,
                gen_kwargs={"source": source, "revision": source_revision(cfg, source)},
                cache_dir=str(work / "raw" / str(index)),
            )
            for index, source in enumerate(sources)
        ]
        stages.done("read", f"{sum(len(r) for r in raw)} rows ")
        standardized = [
            rows.map(
                _standardize_batch,
                fn_kwargs={"source": source, "index": index},
                batched=True,
                batch_size=batch,
                num_proc=num_proc if len(rows) >= 2 * batch else None,
                remove_columns=rows.column_names,
                features=standardized_features,
                cache_file_name=str(work / "standardized" / f"{index}.arrow"),
                desc=f"standardize source {index}",
            )
            for index, (source, rows) in enumerate(zip(sources, raw, strict=True))
        ]
        stages.done("standardize")
        shutil.rmtree(work / "raw", ignore_errors=True)  # the standardized copy has what is needed
        # 3. the mix, as an index plan over the sources concatenated.
        everything = concatenate_datasets(standardized)
        mixed = everything.select(mix_plan(cfg, [len(d) for d in standardized]))
        report = DataReport(rows_in=len(mixed))
        # 4. one global dedup pass over the hashes, in mix order (the first occurrence is kept).
        columns = mixed.select_columns(["drop", "key"]).with_format("numpy")[:]
        drop, keys = columns["drop"], columns["key"]
        for reason, code in _DROP_CODES.items():
            report.dropped[reason] = int((drop == code).sum())
        valid = np.flatnonzero(drop == 0)
        _, first = np.unique(keys[valid], return_index=True)
        unique = np.sort(valid[first])
        report.dropped["duplicate"] = len(valid) - len(unique)
        del columns, drop, keys, valid, first
        stages.done("mix and dedup", f"{len(unique)} unique of {report.rows_in} ")
        # 5. render and tokenize each unique row once, on num_proc shards.
        tokenized = mixed.select(unique).map(
            _tokenize_batch,
            fn_kwargs={"tokenizer": tokenizer},
            batched=True,
            batch_size=batch,
            num_proc=num_proc if len(unique) >= 2 * batch else None,
            features=tokenized_features,
            cache_file_name=str(work / "tokenized.arrow"),
            desc="render and tokenize",
        )
        stages.done("tokenize")
        shutil.rmtree(work / "standardized", ignore_errors=True)
        # 6. split: math questions held out, then a seeded uniform eval sample, the rest trains in mix order.
        meta = tokenized.select_columns(["length", "source", "math"]).with_format("numpy")[:]
        fits = meta["length"] <= cfg.model.max_seq_length
        report.dropped["too_long"] = int((~fits).sum())
        kept = np.flatnonzero(fits)
        math_rows = []
        for index, source in enumerate(sources):
            if source.math_holdout > 0:
                candidates = kept[(meta["source"][kept] == index) & meta["math"][kept]]
                rng = np.random.default_rng([cfg.data.split_seed, index])
                take = min(source.math_holdout, len(candidates))
                math_rows.append(np.sort(rng.choice(candidates, size=take, replace=False)))
        math_held = np.concatenate(math_rows) if math_rows else np.zeros(0, dtype=np.int64)
        rest = np.setdiff1d(kept, math_held)  # sorted: mix order
        rng = np.random.default_rng(cfg.data.split_seed)
        eval_rows = np.sort(rng.choice(rest, size=min(cfg.data.eval_size, len(rest)), replace=False))
        train_rows = np.setdiff1d(rest, eval_rows)
        report.rows_out = len(kept)
        report.train, report.eval = len(train_rows), len(eval_rows)
        if report.train == 0:
            raise ValueError(
                f"prepare kept {report.rows_out} rows, all held out (data.eval_size="
                f"{cfg.data.eval_size}): nothing is left to train on"
            )
        _write_conversations(out / "eval.jsonl", tokenized.select(eval_rows)["messages"])
        math_questions = [
            q for q in (math_question(json.loads(m)) for m in tokenized.select(math_held)["messages"]) if q
        ]
        report.math_eval = len(math_questions)
        _write_math_questions(out / MATH_EVAL_FILE, math_questions)
        for name, rows in ((TRAIN_DIR, train_rows), (EVAL_DIR, eval_rows)):
            part = tokenized.select(rows).select_columns(["messages", "input_ids"])
            partial = out / f"{name}.partial"
            shutil.rmtree(partial, ignore_errors=True)
            part.save_to_disk(str(partial), num_proc=num_proc if len(rows) > 50_000 else None)
            partial.replace(out / name)
        stages.done("split and save", f"{report.train} train, {report.eval} eval ")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        enable_progress_bars()
    _write_json(out / TOKENIZATION_FILE, tokenization_fingerprint(cfg, tokenizer))
    _finish(cfg, out, report)
    _write_json(
        out / STATS_FILE,
        {
            "rows_in": report.rows_in,
            "num_proc": num_proc or 1,
            "stage_seconds": stages.seconds,
            "parallel_stages": ["standardize", "tokenize"],
            "data_dir_bytes_after_stage": stages.disk,
            "peak_disk_bytes": max(stages.disk.values()),
            "final_disk_bytes": _tree_size(out),
            "peak_rss_mb": _peak_rss_mb(),
        },
    )
    return report


def _finish(cfg: RecipeConfig, out: Path, report: DataReport) -> None:
    # Which sources this data came from (--data may have replaced the config's): the catalog entry and the
    # model card describe the model with it.
    _write_json(out / "sources.json", [vars(s) for s in cfg.data.sources])
    _write_json(out / "data_report.json", report.to_dict())


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_conversations(path: Path, messages: Iterable[str]) -> None:
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8") as handle:
        for text in messages:
            handle.write(json.dumps({"messages": json.loads(text)}, ensure_ascii=False) + "\n")
    partial.replace(path)


def _write_math_questions(path: Path, questions: list[dict[str, str]]) -> None:
    if questions:
        path.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in questions), encoding="utf-8")
    elif path.exists():
        path.unlink()  # from an earlier prepare with another config


# ------------------------------------------------------------------------------------------- streaming


def prepare_streaming(cfg: RecipeConfig, out: Path, progress: bool = True) -> DataReport:
    """data.streaming: hold out the eval rows only (the first eval_size kept rows of the mix, and the first
    math_holdout questions of each math source), tokenized and saved like the full prepare's; training
    streams the rest. The report counts the rows read to find them."""
    from datasets import Dataset

    tokenizer = load_tokenizer(cfg)
    report = DataReport()
    held: list[Conversation] = []
    math: dict[int, list[dict[str, str]]] = {id(s): [] for s in cfg.data.sources if s.math_holdout > 0}

    def math_full() -> bool:
        return all(len(math[id(s)]) >= s.math_holdout for s in cfg.data.sources if s.math_holdout > 0)

    kept = clean_stream(mix_sources(cfg), report, template_token_counter(tokenizer), cfg.model.max_seq_length,
                        cfg.data.tokenize_batch)
    held_out: list[int] = []  # hashes of every held-out conversation: the training stream skips them
    for source, conversation in kept:
        question = math_question(conversation) if id(source) in math else None
        if question is not None and len(math[id(source)]) < source.math_holdout:
            math[id(source)].append(question)
            held_out.append(conversation_key(conversation))
        elif len(held) < cfg.data.eval_size:
            held.append(conversation)
            held_out.append(conversation_key(conversation))
        if len(held) >= cfg.data.eval_size and math_full():
            break
    questions = [q for qs in math.values() for q in qs]
    report.eval, report.math_eval = len(held), len(questions)
    report.rows_out = report.eval + report.math_eval
    _write_conversations(out / "eval.jsonl", (json.dumps(c) for c in held))
    _write_math_questions(out / MATH_EVAL_FILE, questions)
    shutil.rmtree(out / EVAL_DIR, ignore_errors=True)
    for stale in (TRAIN_DIR, "train.jsonl"):
        target = out / stale
        shutil.rmtree(target, ignore_errors=True) if target.is_dir() else target.unlink(missing_ok=True)
    messages = [json.dumps(c, ensure_ascii=False) for c in held]
    ids = tokenizer(render(tokenizer, held), add_special_tokens=False)["input_ids"] if held else []
    Dataset.from_dict({"messages": messages, "input_ids": ids}).save_to_disk(str(out / EVAL_DIR))
    _write_json(out / "streaming_holdout.json", {"keys": [str(k) for k in held_out]})
    _write_json(out / TOKENIZATION_FILE, tokenization_fingerprint(cfg, tokenizer))
    _finish(cfg, out, report)
    if progress:
        print(f"prepare: streaming: {report.eval} eval rows and {report.math_eval} math questions held out "
              f"from the first {report.rows_in} rows; training streams the rest", flush=True)
    return report


def streaming_train_dataset(cfg: RecipeConfig, tokenizer: Any) -> Any:
    """The training rows as a `datasets.IterableDataset` read from the sources as training goes: mixed,
    cleaned, deduplicated (8 bytes a row kept in memory), the held-out rows skipped, rendered and tokenized
    in batches. Restarts from the first row when the stream ends before train.max_steps."""
    from datasets import Features, IterableDataset, Sequence, Value

    holdout = cfg.data_path / "streaming_holdout.json"
    if not holdout.is_file():
        raise FileNotFoundError(f"{holdout} not found: run `chinwag-train prepare` with data.streaming=true first")
    skip = {int(k) for k in json.loads(holdout.read_text())["keys"]}
    features = Features({"input_ids": Sequence(Value("int32"))})
    return IterableDataset.from_generator(
        _stream_rows, features=features, gen_kwargs={"cfg": cfg, "tokenizer": tokenizer, "skip": skip}
    )


def _stream_rows(cfg: RecipeConfig, tokenizer: Any, skip: set[int]) -> Iterator[dict[str, list[int]]]:
    report = DataReport()
    pending: list[Conversation] = []
    kept = clean_stream(mix_sources(cfg), report, template_token_counter(tokenizer), cfg.model.max_seq_length,
                        cfg.data.tokenize_batch)
    for _, conversation in kept:
        if conversation_key(conversation) in skip:
            continue
        pending.append(conversation)
        if len(pending) >= cfg.data.tokenize_batch:
            yield from _encoded(tokenizer, pending)
            pending = []
    if pending:
        yield from _encoded(tokenizer, pending)


def _encoded(tokenizer: Any, conversations: list[Conversation]) -> Iterator[dict[str, list[int]]]:
    for ids in tokenizer(render(tokenizer, conversations), add_special_tokens=False)["input_ids"]:
        yield {"input_ids": ids}


def math_question(conversation: Conversation) -> dict[str, str] | None:
    """{question, answer, reference} of a one-exchange math row: the expected answer is the reference's last
    number (how math word-problem sets end their worked answers); None when it has no number."""
    from trainer.evaluate import numbers_in

    users = [t["content"] for t in conversation if t["role"] == "user"]
    answers = [t["content"] for t in conversation if t["role"] == "assistant"]
    if len(users) != 1 or len(answers) != 1:
        return None
    numbers = numbers_in(answers[0])
    if not numbers:
        return None
    return {"question": users[0], "answer": numbers[-1], "reference": answers[0]}


def read_math_questions(path: Path, limit: int | None = None) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open("r", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return rows[:limit] if limit is not None else rows


def read_conversations(path: Path, limit: int | None = None) -> list[Conversation]:
    rows: list[Conversation] = []
    with path.open("r", encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and len(rows) >= limit:
                break
            rows.append(json.loads(line)["messages"])
    return rows
