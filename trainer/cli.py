"""`chinwag-train` / `python -m trainer`: one subcommand per recipe step, plus `all`.

chinwag-train prepare --config trainer/configs/llama-3.2-1b-finetome.yaml [--data F.jsonl] [--out DIR]
chinwag-train train   --config ... [--resume] [key=value ...]
chinwag-train eval | export | push | all --config ... [key=value ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from trainer.config import ConfigError, RecipeConfig, RecipeError, SourceConfig, load_config

COMMANDS = ("prepare", "train", "eval", "export", "push", "all")


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
    cfg.dump(cfg.run_path / "config.yaml")
    progress = not args.no_progress
    steps = ("prepare", "train", "eval", "export", "push") if args.command == "all" else (args.command,)
    for step in steps:
        if step == "push" and args.command == "all" and not cfg.push.repo_id:
            print("push: skipped (push.repo_id is not set)")
            continue
        summary = _run_step(step, cfg, args, progress)
        print(f"{step}: {json.dumps(summary)}")
    return 0


def _run_step(step: str, cfg: RecipeConfig, args: argparse.Namespace, progress: bool) -> dict:
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

        return export(cfg, progress=progress)["validation"]
    if step == "push":
        from trainer.push import push

        return push(cfg)
    raise AssertionError(step)


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
    return 0


if __name__ == "__main__":
    sys.exit(main())
