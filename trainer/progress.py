"""Trainer callbacks: the progress bar (loss, learning rate, tokens/s, time left), one console line per
`logging_steps`, `log_history.jsonl` appended while training, and the config written into every
checkpoint."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from transformers import TrainerCallback

from trainer.config import RecipeConfig


class SaveConfigCallback(TrainerCallback):
    """Writes the resolved config into each checkpoint, after the trainer's own files (see
    `train.newest_checkpoint`: its presence marks the checkpoint complete)."""

    def __init__(self, cfg: RecipeConfig, name: str) -> None:
        self.cfg = cfg
        self.name = name

    def on_save(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if not state.is_world_process_zero:
            return
        checkpoint = Path(args.output_dir) / f"checkpoint-{state.global_step}"
        self.cfg.dump(checkpoint / self.name)


class TrainProgressCallback(TrainerCallback):
    """One tqdm bar over optimizer steps; tqdm itself shows the time left."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.last_tokens: float | None = None
        self.last_time = 0.0

    def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        from tqdm import tqdm

        if not state.is_world_process_zero:
            return  # one bar, not one per GPU
        self.bar = tqdm(total=state.max_steps, initial=state.global_step, desc="train", unit="step")
        self.last_time = time.monotonic()

    def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if self.bar is not None:
            self.bar.update(state.global_step - self.bar.n)

    def on_log(
        self, args: Any, state: Any, control: Any, logs: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        if self.bar is None or not logs:
            return
        postfix: dict[str, str] = {}
        if "loss" in logs:
            postfix["loss"] = f"{logs['loss']:.4f}"
        if "learning_rate" in logs:
            postfix["lr"] = f"{logs['learning_rate']:.2e}"
        tokens = logs.get("num_tokens")
        now = time.monotonic()
        if tokens is not None:
            if self.last_tokens is not None and now > self.last_time:
                postfix["tok/s"] = f"{(tokens - self.last_tokens) / (now - self.last_time):.0f}"
            self.last_tokens, self.last_time = tokens, now
        if "eval_loss" in logs:
            postfix["eval_loss"] = f"{logs['eval_loss']:.4f}"
        if postfix:
            self.bar.set_postfix(postfix, refresh=True)

    def on_train_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


# What the console line shows, in this order, when the trainer logged it.
_LOG_FIELDS = (
    ("loss", "loss", "{:.4f}"),
    ("learning_rate", "lr", "{:.3e}"),
    ("grad_norm", "grad_norm", "{:.3f}"),
    ("eval_loss", "eval_loss", "{:.4f}"),
)


def log_line(step: int, max_steps: int, logs: dict[str, Any]) -> str | None:
    parts = [label + " " + form.format(logs[key]) for key, label, form in _LOG_FIELDS if _number(logs.get(key))]
    return f"step {step}/{max_steps}: " + ", ".join(parts) if parts else None


def _number(value: Any) -> bool:
    # NaN is shown too (a diverging run must be visible); only absent or non-numeric values are left out.
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class LogLinesCallback(TrainerCallback):
    """Loss, learning rate, grad norm and eval loss as a console line every `logging_steps` (rank 0), written
    through tqdm so a progress bar stays intact."""

    def on_log(
        self, args: Any, state: Any, control: Any, logs: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        if not state.is_world_process_zero or not logs:
            return
        line = log_line(state.global_step, state.max_steps, logs)
        if line:
            from tqdm import tqdm

            tqdm.write(line)


class LogHistoryCallback(TrainerCallback):
    """`log_history.jsonl`, one JSON object per log entry, appended as the trainer logs (rank 0): a run killed
    or still going can be read mid-way, and a log costs one short write whatever the step (rewriting the whole
    history at every step grows with the run: 2 s a step by The Tome's ~218k steps). When training starts (or
    resumes) the file is rewritten once with the history the trainer holds, so entries a crashed run logged
    after its last checkpoint are not left behind; `train` writes the whole `log_history.json` at the end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.written = 0  # entries of state.log_history already in the file

    def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if not state.is_world_process_zero:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".partial")
        partial.write_text("".join(_jsonl(entry) for entry in state.log_history), encoding="utf-8")
        partial.replace(self.path)
        self.written = len(state.log_history)

    def on_log(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if not state.is_world_process_zero:
            return
        new = state.log_history[self.written :]
        if not new:
            return
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write("".join(_jsonl(entry) for entry in new))
        self.written = len(state.log_history)


def _jsonl(entry: dict[str, Any]) -> str:
    return json.dumps(entry, separators=(",", ":")) + "\n"


def read_log_history(path: Path) -> list[dict[str, Any]]:
    """The entries of a `log_history.jsonl` (a line cut short by a crash mid-write is skipped)."""
    entries = []
    with path.open("r", encoding="utf-8") as handle:
        for line in handle:
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return entries
