"""prepare: stream sources → standardize → clean → seeded held-out split → JSONL + data_report.json.

Everything streams: rows are read one at a time from `datasets` streaming iterators or local files, the
duplicate check keeps 8 bytes of hash per kept conversation, the length check tokenizes small batches,
and the held-out split is a seeded reservoir sample, so memory stays bounded by `data.eval_size`
conversations plus the hash set, whatever the size of the source (The Tome's 1.75M rows included).
"""

from __future__ import annotations

import hashlib
import json
import random
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


def iter_source(source: SourceConfig) -> Iterator[Any]:
    """Raw rows of one source: JSON text lines for JSONL (so bad JSON can be counted), dicts otherwise."""
    rows = _iter_source_unlimited(source)
    for count, row in enumerate(rows):
        if source.max_rows is not None and count >= source.max_rows:
            return
        yield row


def _iter_source_unlimited(source: SourceConfig) -> Iterator[Any]:
    if source.kind == "hub":
        from datasets import load_dataset

        yield from load_dataset(source.name, source.subset, split=source.split, streaming=True)
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


def mix_sources(cfg: RecipeConfig) -> Iterator[tuple[SourceConfig, Any]]:
    """Weighted, seeded interleaving of the sources (each row's source drawn by weight)."""
    sources = cfg.data.sources
    if not sources:
        raise ValueError("data.sources is empty: give at least one source or --data PATH")
    if any(s.weight <= 0 for s in sources):
        raise ValueError("data source weights must be positive")
    rng = random.Random(cfg.data.mix_seed)
    live = [(s, iter_source(s)) for s in sources]
    produced = 0
    while live:
        if cfg.data.max_rows is not None and produced >= cfg.data.max_rows:
            return
        index = rng.choices(range(len(live)), weights=[s.weight for s, _ in live])[0] if len(live) > 1 else 0
        source, rows = live[index]
        try:
            row = next(rows)
        except StopIteration:
            if cfg.data.mix_stopping == "first_exhausted" and len(sources) > 1:
                return
            live.pop(index)
            continue
        produced += 1
        yield source, row


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


# ------------------------------------------------------------------------------------------------ split


class ReservoirSplit:
    """Seeded uniform sample of exactly `size` rows for eval; every other row streams to `train_sink`."""

    def __init__(self, size: int, seed: int, train_sink: Any) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.reservoir: list[Conversation] = []
        self.seen = 0
        self.train_sink = train_sink
        self.train_count = 0

    def add(self, conversation: Conversation) -> None:
        self.seen += 1
        if len(self.reservoir) < self.size:
            self.reservoir.append(conversation)
            return
        slot = self.rng.randrange(self.seen)
        if slot < self.size:
            conversation, self.reservoir[slot] = self.reservoir[slot], conversation
        self._emit(conversation)

    def _emit(self, conversation: Conversation) -> None:
        self.train_sink(conversation)
        self.train_count += 1


# ----------------------------------------------------------------------------------------------- driver


def clean_stream(
    rows: Iterable[tuple[SourceConfig, Any]],
    report: DataReport,
    token_lengths: Any,
    max_tokens: int,
    batch_size: int,
) -> Iterator[tuple[SourceConfig, Conversation]]:
    """Kept conversations (with their source) in input order; `token_lengths(batch) -> list[int]` measures
    templated length."""
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


def prepare(cfg: RecipeConfig, out_dir: Path | None = None, progress: bool = True) -> DataReport:
    from tqdm import tqdm

    out = Path(out_dir) if out_dir is not None else cfg.data_path
    out.mkdir(parents=True, exist_ok=True)
    tokenizer = load_tokenizer(cfg)
    report = DataReport()
    train_tmp, eval_tmp = out / "train.jsonl.partial", out / "eval.jsonl.partial"
    with train_tmp.open("w", encoding="utf-8") as train_file:
        split = ReservoirSplit(cfg.data.eval_size, cfg.data.split_seed, lambda c: _write_row(train_file, c))
        rows = tqdm(mix_sources(cfg), desc="prepare", unit=" rows", disable=not progress, mininterval=1.0)
        kept = clean_stream(
            rows, report, template_token_counter(tokenizer), cfg.model.max_seq_length, cfg.data.tokenize_batch
        )
        # A math source first gives its own seeded sample of questions; the rest of its rows join the mix.
        math_splits = {
            id(s): ReservoirSplit(s.math_holdout, cfg.data.split_seed + index, split.add)
            for index, s in enumerate(cfg.data.sources)
            if s.math_holdout > 0
        }
        for source, conversation in kept:
            if id(source) in math_splits and math_question(conversation) is not None:
                math_splits[id(source)].add(conversation)
            else:
                split.add(conversation)
    with eval_tmp.open("w", encoding="utf-8") as eval_file:
        for conversation in split.reservoir:
            _write_row(eval_file, conversation)
    math_questions = [q for m in math_splits.values() for q in map(math_question, m.reservoir) if q]
    math_file = out / MATH_EVAL_FILE
    if math_questions:
        math_file.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in math_questions))
    elif math_file.exists():
        math_file.unlink()  # from an earlier prepare with another config
    train_tmp.replace(out / "train.jsonl")
    eval_tmp.replace(out / "eval.jsonl")
    report.rows_out = split.seen + sum(len(m.reservoir) for m in math_splits.values())
    report.train, report.eval = split.train_count, len(split.reservoir)
    report.math_eval = len(math_questions)
    # Which sources this data came from (--data may have replaced the config's): the catalog entry and the
    # model card describe the model with it.
    (out / "sources.json").write_text(json.dumps([vars(s) for s in cfg.data.sources], indent=2) + "\n")
    (out / "data_report.json").write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")
    if report.train == 0:
        raise ValueError(
            f"prepare kept {report.rows_out} rows, all held out (data.eval_size="
            f"{cfg.data.eval_size}): nothing is left to train on"
        )
    return report


def _write_row(handle: Any, conversation: Conversation) -> None:
    handle.write(json.dumps({"messages": conversation}, ensure_ascii=False) + "\n")


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
