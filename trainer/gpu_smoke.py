"""The short run `make setup-train-cuda` ends with: the real recipe, a small slice, a few steps, checked.

    python -m trainer.gpu_smoke [--config trainer/configs/llama-3.2-1b-finetome.yaml] [--steps 20] [--rows 400]

1. prepare `data.max_rows` rows of the config's sources (`data.eval_size` small);
2. the labels of the first training batch: every trained token is the input token, each row trains some
   tokens, and every trained run ends with the template's end of turn (the response mask works on this
   tokenizer and template);
3. train `--steps` steps (a checkpoint and an evaluation at half-way) and check that the loss fell (the mean
   of the last quarter of the steps below that of the first);
4. resume from the half-way checkpoint and check that the run ends at the same loss.
It prints one line of figures (seconds per step, peak GPU memory, the losses) and exits 1 when a check fails.
On a CPU it runs the same code (the test suite runs it with the tiny CPU config); on a GPU it is the first
time Unsloth's compiled trainer, 4-bit loading and 8-bit AdamW meet this recipe.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG = ROOT / "trainer" / "configs" / "llama-3.2-1b-finetome.yaml"


class SmokeFailure(RuntimeError):
    """A check of the smoke run failed; the message says which and with what figures."""


def smoke_overrides(run_dir: Path, steps: int, rows: int) -> list[str]:
    half = max(1, steps // 2)
    return [
        f"run_dir={run_dir}",
        f"data.max_rows={rows}",
        "data.eval_size=16",
        f"train.max_steps={steps}",
        f"train.save_steps={half}",
        f"train.eval_steps={half}",
        "train.logging_steps=1",
        "train.save_total_limit=null",
        "train.report_to=[]",
        f"train.warmup_steps={min(2, half)}",
        "train.warmup_ratio=null",
    ]


def trained_runs(input_ids: list[int], labels: list[int]) -> list[list[int]]:
    """The stretches of tokens a row trains on (labels not -100), in order."""
    runs: list[list[int]] = []
    current: list[int] = []
    for token, label in zip(input_ids, labels, strict=True):
        if label != -100:
            if label != token:
                raise SmokeFailure(f"a label ({label}) is not its input token ({token}): the labels are shifted")
            current.append(token)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def check_label_batch(input_ids: list[list[int]], labels: list[list[int]], end_of_turn: int, pad: int | None) -> int:
    """Every row trains some tokens, and each trained run ends with the end-of-turn token (the assistant's
    answer and its end, not the next header). Returns the number of trained tokens."""
    trained = 0
    for ids, row_labels in zip(input_ids, labels, strict=True):
        runs = trained_runs(ids, row_labels)
        if not runs:
            raise SmokeFailure("a row of the first batch trains no token: the response mask found no answer")
        for run in runs:
            if run[-1] != end_of_turn:
                raise SmokeFailure(
                    f"a trained stretch ends with token {run[-1]}, not the end of turn {end_of_turn}: the mask "
                    "does not match this chat template"
                )
            if pad is not None and pad != end_of_turn and pad in run:
                raise SmokeFailure("padding is trained on")
        trained += sum(len(run) for run in runs)
    return trained


def loss_fell(losses: list[float], window: int = 3) -> tuple[float, float]:
    """(mean of the first `window` losses, mean of the last); SmokeFailure unless the second is lower."""
    if len(losses) < 2 * window:
        raise SmokeFailure(f"only {len(losses)} losses were logged")
    first = sum(losses[:window]) / window
    last = sum(losses[-window:]) / window
    if not last < first:
        raise SmokeFailure(f"the loss did not fall: {first:.4f} over the first {window} steps, {last:.4f} at the end")
    return first, last


def _trainer(args: list[str], env: dict[str, str] | None = None) -> None:
    command = [sys.executable, "-m", "trainer", *args, "--no-progress"]
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        raise SmokeFailure(f"`{' '.join(command[2:])}` failed (exit {result.returncode}); its messages are above")


def _labels(config: Path, overrides: list[str]) -> dict[str, Any]:
    """The first training batch, built exactly as train builds it (in a child: Unsloth patches on import)."""
    code = (
        "import json, sys\n"
        "from trainer.config import load_config\n"
        "from trainer.train import build_trainer\n"
        "cfg = load_config(sys.argv[1], sys.argv[2:])\n"
        "trainer, _, tokenizer = build_trainer(cfg, progress=False)\n"
        "batch = next(iter(trainer.get_train_dataloader()))\n"
        "print('LABELS ' + json.dumps({'input_ids': batch['input_ids'].tolist(), 'labels': batch['labels'].tolist(),"
        " 'eot': tokenizer.convert_tokens_to_ids(tokenizer.eos_token), 'pad': tokenizer.pad_token_id}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(config), *overrides], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    line = next((x for x in result.stdout.splitlines() if x.startswith("LABELS ")), None)
    if result.returncode != 0 or line is None:
        raise SmokeFailure(f"building the trainer failed (exit {result.returncode}):\n{result.stderr[-3000:]}")
    return json.loads(line.removeprefix("LABELS "))


def run_smoke(config: Path, run_dir: Path, steps: int = 20, rows: int = 400, extra: list[str] | None = None,
              resume_tolerance: float = 2e-2) -> dict[str, Any]:
    """The checks above; returns the figures. `resume_tolerance`: relative, for the final loss of the resumed
    run against the straight one (GPU kernels are not bit-reproducible; on a CPU the two agree to 1e-5)."""
    shutil.rmtree(run_dir, ignore_errors=True)
    overrides = [*smoke_overrides(run_dir, steps, rows), *(extra or [])]
    base = ["--config", str(config), *overrides]
    _trainer(["prepare", *base])
    batch = _labels(config, overrides)
    trained_tokens = check_label_batch(batch["input_ids"], batch["labels"], batch["eot"], batch["pad"])
    _trainer(["train", *base])
    straight = json.loads((run_dir / "train_result.json").read_text())
    history = json.loads((run_dir / "log_history.json").read_text())
    losses = [e["loss"] for e in history if "loss" in e]
    first, last = loss_fell(losses, window=max(2, steps // 4))
    if not any("eval_loss" in e for e in history):
        raise SmokeFailure("no evaluation ran at half-way")
    # Resume from the half-way checkpoint: the last one and the finished run's outputs go.
    half = max(1, steps // 2)
    for checkpoint in (run_dir / "checkpoints").glob("checkpoint-*"):
        if int(checkpoint.name.split("-")[1]) > half:
            shutil.rmtree(checkpoint)
    _trainer(["train", "--resume", *base])
    resumed = json.loads((run_dir / "train_result.json").read_text())
    if resumed["global_step"] != steps or not str(resumed["resumed_from"]).endswith(f"checkpoint-{half}"):
        raise SmokeFailure(f"the resumed run did not continue from checkpoint-{half} to step {steps}: {resumed}")
    a, b = straight["final_loss"], resumed["final_loss"]
    if abs(a - b) > resume_tolerance * max(abs(a), 1e-6):
        raise SmokeFailure(f"the resumed run ended at loss {b:.5f}, the straight one at {a:.5f}")
    return {
        "steps": steps,
        "trained_tokens_first_batch": trained_tokens,
        "loss_first": round(first, 4),
        "loss_last": round(last, 4),
        "final_loss": a,
        "resumed_final_loss": b,
        "seconds_per_step": straight.get("seconds_per_step"),
        "peak_gpu_memory_gb": straight.get("peak_gpu_memory_gb"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--run-dir", type=Path, default=ROOT / "runs" / "gpu-smoke")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--rows", type=int, default=400)
    parser.add_argument("overrides", nargs="*", metavar="key=value")
    args = parser.parse_args(argv)
    try:
        figures = run_smoke(args.config, args.run_dir, args.steps, args.rows, args.overrides)
    except SmokeFailure as error:
        print(f"smoke run FAILED: {error}", file=sys.stderr)
        return 1
    print("smoke run passed: " + json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
