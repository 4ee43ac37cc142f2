"""Running a piece of the app in a child process of its own (the model probe, the CPU variant's proof).

From source the child is `python -m MODULE ARGS`; the frozen app has no `-m`, so it re-runs its own executable with a
flag that `desktop.app.main` hands to that module's `main`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def child_command(module: str, flag: str, *args: str) -> list[str]:
    if getattr(sys, "frozen", False):
        executable = Path(sys.executable)
        # A windowed .exe has no stdout on Windows; the bundle's console twin (build.spec) has.
        cli = executable.with_name(f"{executable.stem}-cli{executable.suffix}")
        if sys.platform == "win32" and cli.is_file():
            executable = cli
        return [str(executable), flag, *args]
    return [sys.executable, "-m", module, *args]


def child_env(drop: tuple[str, ...] = (), **extra: str) -> dict[str, str]:
    """This process's environment for the child, less `drop`, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(extra)
    if not getattr(sys, "frozen", False):
        # The child must import this same checkout, also when it is not installed (tests, `python -m desktop`).
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env
