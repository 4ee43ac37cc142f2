"""`python -m trainer ...` is `chinwag-train ...` (the console script points at `main` here).

The training stack (torch, transformers, datasets, unsloth) lives in its own environment, `.venv-train`. Run
from the app's environment, where it is absent, the command says how to install it in one line instead of
failing with an ImportError traceback from deep inside a recipe step; hence the check comes before any import
of the trainer itself.
"""

import importlib.util
import sys

TRAINING_STACK = ("torch", "transformers", "datasets", "unsloth")


def missing_training_stack() -> list[str]:
    return [name for name in TRAINING_STACK if importlib.util.find_spec(name) is None]


def main() -> int:
    missing = missing_training_stack()
    if missing:
        print(f"chinwag-train: the training stack is not installed in this environment (missing: "
              f"{', '.join(missing)}). Install it with `make setup-train`, then run .venv-train/bin/chinwag-train.",
              file=sys.stderr)
        return 2
    from trainer.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
