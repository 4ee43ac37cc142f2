"""llama.cpp's CPU variant is chosen by proof, and a crash of the CPU code is never blamed on a model file.

The stand-in variant (tests/fake_cpu_variant.c, built here with the C compiler) scores above every real one, loads
like a real one, answers one-token evaluations and dies with SIGILL on the first batched matrix product: what the
sapphirerapids variant did on an Intel virtual machine that reported AMX. With it in the variant folder, the CLI,
its model probe and `--version` must go down to a real variant, answer, and name the CPU rather than the file.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core import cpu_variant
from tests.conftest import ROOT, cli_env, need, run_cli

FAKE = "fakeamx"


@pytest.fixture(scope="module")
def real_dir() -> Path:
    folder = cpu_variant.variant_dir()
    need(folder is not None, "this llama-cpp-python build has no run-time CPU variants (make builds it with them)")
    return folder


@pytest.fixture(scope="module")
def fake_dir(tmp_path_factory, real_dir: Path) -> Path:
    """A variant folder: links to every real variant, and the stand-in that scores above them all."""
    need(shutil.which("cc") is not None, "no C compiler")
    folder = tmp_path_factory.mktemp("variants")
    for path in real_dir.iterdir():
        if "ggml-cpu-" in path.name:
            (folder / path.name).symlink_to(path)
    subprocess.run(["cc", "-shared", "-fPIC", "-O1", "-o", str(folder / f"libggml-cpu-{FAKE}.so"),
                    str(ROOT / "tests" / "fake_cpu_variant.c"), "-ldl"], check=True)
    return folder


def _env(home: Path, fake_dir: Path, real_dir: Path, **extra: str) -> dict[str, str]:
    """A fresh machine as far as the choice goes: its own cache, the stand-in's folder, no inherited choice."""
    env = cli_env(home, XDG_CACHE_HOME=str(home / "cache"), **{
        cpu_variant.DIR_ENV: str(fake_dir),
        "CHINWAG_FAKE_VARIANT_REAL": str(real_dir / "libggml-cpu-x64.so"),
    }, **extra)
    env.pop(cpu_variant.CHOSEN_ENV, None)
    return env


def test_the_proof_model_holds_every_tensor_type_the_catalog_uses(tmp_path: Path, monkeypatch) -> None:
    from gguf import GGUFReader

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    types = {t.tensor_type.name for t in GGUFReader(cpu_variant.proof_model_file()).tensors}
    assert {"Q4_K", "Q6_K", "Q4_1", "Q8_0", "F16", "F32"} <= types


def test_the_stand_in_scores_first_and_crashes_only_on_a_batch(tmp_path: Path, fake_dir: Path, real_dir: Path,
                                                                monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("CHINWAG_FAKE_VARIANT_REAL", str(real_dir / "libggml-cpu-x64.so"))
    variants = cpu_variant.scored_variants(fake_dir)
    assert variants[0].name == FAKE, [v.name for v in variants]
    assert variants[-1].score == 0 or any(v.name == "x64" and v.score > 0 for v in variants)
    assert cpu_variant.prove(variants[0]) == "crashed with SIGILL"
    # Like the AMX kernels: loading and one-token decodes work, the first batch dies. A quick check that evaluates a
    # single token would have passed it.
    code = ("import sys; from desktop.core import cpu_variant; cpu_variant.ensure_loaded(); import llama_cpp; "
            "llm = llama_cpp.Llama(model_path=sys.argv[1], n_ctx=64, verbose=False); llm.eval([1]); llm.eval([5]); "
            "print('one token: fine', flush=True); llm.eval(list(range(3, 40)))")
    env = {**os.environ, cpu_variant.CHOSEN_ENV: str(variants[0].path), "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", code, str(cpu_variant.proof_model_file())], env=env,
                         capture_output=True, text=True, timeout=120)
    assert "one token: fine" in run.stdout and run.returncode == -signal.SIGILL, (run.returncode, run.stderr[-500:])
    x64 = next(v for v in variants if v.name == "x64")
    assert cpu_variant.prove(x64) is None


def test_the_cli_falls_back_names_the_cpu_and_answers(tmp_path: Path, fake_dir: Path, real_dir: Path) -> None:
    env = _env(tmp_path, fake_dir, real_dir)
    result = run_cli(["ask", "--text", "Say hello.", "--max-tokens", "8"], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip(), "no answer"
    assert f"could not run llama.cpp's {FAKE} code" in result.stderr
    assert "damaged" not in result.stderr + result.stdout

    verdict = json.loads((tmp_path / "cache" / "Chinwag" / "cpu-variant.json").read_text())
    assert verdict["failed"] == {FAKE: "crashed with SIGILL"}
    chosen = verdict["chosen"]
    best_real = next(v.name for v in cpu_variant.scored_variants(real_dir) if v.score > 0)
    assert chosen == best_real  # the next one down the score order, proven

    version = run_cli(["--version"], env)
    assert version.returncode == 0, version.stderr
    assert f"llama.cpp CPU code: {chosen} (proven earlier on this computer; fell back from {FAKE}: crashed with " \
           f"SIGILL)" in version.stdout
    assert "test run" not in version.stderr  # the verdict was kept: no proof ran again


def test_a_pinned_variant_that_crashes_is_named_not_the_file(tmp_path: Path, fake_dir: Path, real_dir: Path,
                                                             starter_gguf: Path) -> None:
    env = _env(tmp_path, fake_dir, real_dir, **{cpu_variant.PIN_ENV: FAKE})
    result = run_cli(["ask", "--text", "Say hello.", "--max-tokens", "8"], env)
    assert result.returncode == 1
    assert f"This computer's CPU could not run llama.cpp's {FAKE} code" in result.stderr
    assert "The file is not at fault" in result.stderr
    assert "damaged" not in result.stderr


def test_a_pin_that_names_no_variant_is_a_clear_error(tmp_path: Path, fake_dir: Path, real_dir: Path) -> None:
    env = _env(tmp_path, fake_dir, real_dir, **{cpu_variant.PIN_ENV: "pentium4"})
    result = run_cli(["--version"], env)
    assert result.returncode == 1
    assert "CHINWAG_CPU_VARIANT='pentium4' names no llama.cpp CPU variant here" in result.stdout
    assert "x64" in result.stdout and FAKE in result.stdout


def test_this_machine_runs_its_best_scoring_variant(tmp_path: Path, real_dir: Path) -> None:
    """Where nothing crashes, the proof changes nothing: the best-scoring variant is chosen (AMX where AMX runs)."""
    env = cli_env(tmp_path, XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop(cpu_variant.CHOSEN_ENV, None)
    result = run_cli(["--version"], env)
    assert result.returncode == 0, result.stderr
    best = next(v.name for v in cpu_variant.scored_variants(real_dir) if v.score > 0)
    assert f"llama.cpp CPU code: {best} (proven on this computer)" in result.stdout


def test_child_processes_inherit_the_choice(tmp_path: Path, real_dir: Path) -> None:
    x64 = real_dir / "libggml-cpu-x64.so"
    env = {**os.environ, cpu_variant.CHOSEN_ENV: str(x64), "PYTHONPATH": str(ROOT)}
    code = "from desktop.core import cpu_variant; c = cpu_variant.ensure_loaded(); print(c.name, c.how)"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["x64", "inherited"]
