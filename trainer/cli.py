"""`chinwag-train` / `python -m trainer`: one subcommand per recipe step, plus `all`.

chinwag-train prepare --config trainer/configs/llama-3.2-1b-finetome.yaml [--data F.jsonl] [--out DIR]
chinwag-train train   --config ... [--resume] [key=value ...]
chinwag-train export | eval | push | all --config ... [key=value ...]

`all` runs prepare → train → export → eval → push: eval scores what ships (the merged model and the
quantized GGUF), which export makes. Under `accelerate launch`/`torchrun` every rank trains; prepare,
export, eval and push run on rank 0 alone, the other ranks waiting for prepare's data before training.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from trainer.config import ConfigError, RecipeConfig, RecipeError, SourceConfig, check_training_stack, load_config

COMMANDS = ("prepare", "train", "eval", "export", "push", "all")
RECIPE = ("prepare", "train", "export", "eval", "push")
# Steps that read and write the run's shared files: one process does them, whatever the launcher started.
RANK_ZERO_STEPS = ("prepare", "export", "eval", "push")
# Steps `all` runs in a fresh process: importing Unsloth (done by train) patches transformers for its own
# kernels, and on a CPU that leaves plain transformers forward passes ~10x slower (measured: 45 s instead of
# 5 s for the same generate call), which export's checks and eval's generation would pay.
ISOLATED_STEPS = ("export", "eval")


def rank() -> int:
    """This process's global rank under a multi-GPU launcher (accelerate launch, torchrun set RANK); 0 alone."""
    return int(os.environ.get("RANK", "0"))


def world_size() -> int:
    return int(os.environ.get("WORLD_SIZE", "1"))


def local_rank() -> int:
    """This process's GPU on its node."""
    return int(os.environ.get("LOCAL_RANK", "0"))


def wait_for_everyone(timeout_s: int = 1800) -> None:
    """Barrier between the ranks (after rank 0 has prepared the data); nothing to wait for in one process.
    `timeout_s` (train.ddp_timeout) is how long a rank waits before the run fails. The process group made here
    is the one the trainer then uses (accelerate keeps one per process): on a machine without a GPU, gloo."""
    if world_size() <= 1:
        return
    from datetime import timedelta

    import torch
    from accelerate import PartialState

    PartialState(cpu=not torch.cuda.is_available(), timeout=timedelta(seconds=timeout_s)).wait_for_everyone()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chinwag-train", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        command = sub.add_parser(name, help=f"run the {name} step" if name != "all" else "the whole recipe")
        command.add_argument("--config", type=Path, required=True, help="recipe YAML (trainer/configs/)")
        command.add_argument("overrides", nargs="*", metavar="key=value", help="config overrides")
        command.add_argument("--no-progress", action="store_true", help="no progress bars")
        if name in ("prepare", "all"):
            command.add_argument(
                "--data",
                type=Path,
                action="append",
                default=[],
                help="local ShareGPT JSONL file; repeatable; replaces the configured sources",
            )
            command.add_argument("--out", type=Path, help="directory for the processed data (data.dir)")
        if name in ("train", "all"):
            command.add_argument("--resume", action="store_true", help="continue from the newest checkpoint")
    return parser


def resolve(args: argparse.Namespace) -> RecipeConfig:
    cfg = load_config(args.config, args.overrides)
    data_files: list[Path] = getattr(args, "data", []) or []
    if data_files:
        cfg.data.sources = [SourceConfig(kind="jsonl", name=str(p)) for p in data_files]
    if getattr(args, "out", None) is not None:
        cfg.data.dir = str(args.out)
    return cfg


def run(args: argparse.Namespace) -> int:
    cfg = resolve(args)
    if args.command in ("train", "all"):
        check_training_stack(cfg)  # before any data work: a missing library is known now, not hours later
    if rank() == 0:
        cfg.dump(cfg.run_path / "config.yaml")
    progress = not args.no_progress and rank() == 0
    steps = RECIPE if args.command == "all" else (args.command,)
    for step in steps:
        if step in RANK_ZERO_STEPS and rank() != 0:
            print(f"{step}: skipped on rank {rank()} (rank 0 does it)", flush=True)
            if step == "prepare":
                wait_for_everyone(cfg.train.ddp_timeout)  # rank 0 is writing the data this rank trains on
            continue
        if step == "push" and args.command == "all" and not cfg.push.repo_id:
            print("push: skipped (push.repo_id is not set)", flush=True)
            continue
        summary = _run_step(step, cfg, args, progress)
        if summary is not None:  # a step run in a child process has printed its own line
            print(f"{step}: {json.dumps(summary)}", flush=True)
        if step == "prepare" and args.command == "all":
            wait_for_everyone(cfg.train.ddp_timeout)
        if step == "train" and rank() != 0:
            break  # the rest of the recipe is rank 0's
    return 0


def _run_step(step: str, cfg: RecipeConfig, args: argparse.Namespace, progress: bool) -> dict | None:
    if args.command == "all" and step in ISOLATED_STEPS:
        return _run_isolated(step, cfg, progress)
    if step == "prepare":
        from trainer.prepare import prepare

        return prepare(cfg, progress=progress).to_dict()
    if step == "train":
        from trainer.train import train

        return train(cfg, resume=getattr(args, "resume", False), progress=progress).to_dict()
    if step == "eval":
        from trainer.evaluate import evaluate

        return evaluate(cfg, progress=progress)["summary"]
    if step == "export":
        from trainer.export import export

        return export(cfg, progress=progress)["summary"]
    if step == "push":
        from trainer.push import push

        return push(cfg)
    raise AssertionError(step)


def _run_isolated(step: str, cfg: RecipeConfig, progress: bool) -> None:
    """`chinwag-train STEP` in a child process, on the resolved config `run` saved in the run directory."""
    command = [sys.executable, "-m", "trainer", step, "--config", str(cfg.run_path / "config.yaml")]
    if not progress:
        command.append("--no-progress")
    result = subprocess.run(command, check=False)
    if result.returncode != 0:
        raise RecipeError(f"{step} failed (exit {result.returncode}); its messages are above")
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return run(args)
    except ConfigError as error:
        parser.exit(2, f"chinwag-train: config error: {error}\n")
    except (RecipeError, FileNotFoundError) as error:
        # Expected failures (missing data, failed validation, ...) are reported, not dumped as tracebacks.
        print(f"chinwag-train {args.command}: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    finally:
        _close_process_group()
    return 0


def _close_process_group() -> None:
    """Several ranks: tear this rank's process group down before the interpreter exits. A gloo group left to the
    interpreter's own teardown sometimes ended a rank with "terminate called without an active exception" after its
    work was done and saved (seen in the two-rank resume test)."""
    torch_distributed = sys.modules.get("torch.distributed")
    if torch_distributed is None:
        return
    try:
        if torch_distributed.is_available() and torch_distributed.is_initialized():
            torch_distributed.destroy_process_group()
    except Exception as error:  # noqa: BLE001 - leaving anyway; say why, never fail a finished run for it
        print(f"chinwag-train: could not close the process group cleanly: {error}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
