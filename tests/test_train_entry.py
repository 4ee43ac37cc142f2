"""`chinwag-train` from the app's environment (no training stack) says how to install it, in one line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _stack_present() -> bool:
    sys.path.insert(0, str(ROOT))
    try:
        from trainer.__main__ import missing_training_stack
    finally:
        sys.path.pop(0)
    return not missing_training_stack()


@pytest.mark.parametrize("entry", [
    ["-m", "trainer", "--help"],
    ["-m", "trainer", "prepare", "--config", "trainer/configs/llama-3.2-1b-finetome.yaml"],
    # What the console script generated from pyproject runs.
    ["-c", "import sys; from trainer.__main__ import main; sys.exit(main())", "train", "--config", "x.yaml"],
])
def test_without_the_training_stack_one_clear_line(entry: list[str]) -> None:
    if _stack_present():
        pytest.skip("this environment has the training stack; the check is for the app's environment")
    result = subprocess.run([sys.executable, *entry], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "make setup-train" in lines[0] and "torch" in lines[0]
    assert "Traceback" not in result.stderr


def test_the_console_script_is_the_checked_entry() -> None:
    # The script line in pyproject (tomllib is not in Python 3.10, which the project supports).
    lines = (ROOT / "pyproject.toml").read_text().splitlines()
    assert 'chinwag-train = "trainer.__main__:main"' in lines
