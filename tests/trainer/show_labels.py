"""`python -m tests.trainer.show_labels OUT.json train --config ...`: builds the trainer exactly as `train`
does and writes the first training batch's input ids and labels, without training (what the model is
actually taught, for the masking test)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from trainer.cli import build_parser, resolve
from trainer.train import build_trainer


def main() -> None:
    out = Path(sys.argv[1])
    cfg = resolve(build_parser().parse_args(sys.argv[2:]))
    trainer, _, _ = build_trainer(cfg, progress=False)
    batch = next(iter(trainer.get_train_dataloader()))
    out.write_text(json.dumps({"input_ids": batch["input_ids"].tolist(), "labels": batch["labels"].tolist()}))


if __name__ == "__main__":
    main()
