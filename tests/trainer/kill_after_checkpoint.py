"""`python -m tests.trainer.kill_after_checkpoint STEP train --config ...`: the train subcommand, SIGKILLed
by itself right after the checkpoint of STEP is on disk — a hard crash at a known point, with no race
between a watching test and a fast tiny-model run."""

from __future__ import annotations

import os
import signal
import sys

from transformers import TrainerCallback

from trainer.cli import build_parser, resolve
from trainer.train import train


class KillAfterSave(TrainerCallback):
    def __init__(self, step: int) -> None:
        self.step = step

    def on_save(self, args, state, control, **kwargs):  # noqa: ANN001, ANN201 (TrainerCallback signature)
        if state.global_step == self.step:
            os.kill(os.getpid(), signal.SIGKILL)


def main() -> None:
    step = int(sys.argv[1])
    args = build_parser().parse_args(sys.argv[2:])
    cfg = resolve(args)
    train(cfg, resume=args.resume, callbacks=[KillAfterSave(step)], progress=False)
    raise SystemExit(f"training finished without reaching the kill at step {step}")


if __name__ == "__main__":
    main()
