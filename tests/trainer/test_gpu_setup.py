"""The CUDA set-up proving itself, checked where a CPU can check it (issue 20, items 1-3): the torch build
chosen from the driver nvidia-smi reports (a fake nvidia-smi prints each driver table), bitsandbytes checks
that report a failing native library instead of passing on an import, and the smoke run's checks."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.train

ROOT = Path(__file__).resolve().parents[2]
PYPI, CU128, CU126 = "", "https://download.pytorch.org/whl/cu128", "https://download.pytorch.org/whl/cu126"


def fake_nvidia_smi(folder: Path, rows: list[str], query_works: bool = True) -> Path:
    """An `nvidia-smi` that answers the driver/compute-capability query with `rows` ("driver, compute_cap"),
    or, like one older than the compute_cap field, refuses that query and answers the driver-only one."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "full.csv").write_text("".join(row + "\n" for row in rows))
    (folder / "driver.csv").write_text("".join(row.split(",")[0] + "\n" for row in rows))
    full = f'cat "{folder}/full.csv"' if query_works else 'echo "compute_cap is not a valid field" >&2; exit 2'
    script = folder / "nvidia-smi"
    script.write_text(f'#!/bin/sh\ncase "$*" in\n  *compute_cap*) {full};;\n'
                      f'  *driver_version*) cat "{folder}/driver.csv";;\n  *) exit 3;;\nesac\n')
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return folder


def choose_with(
    tmp_path: Path, rows: list[str] | None, query_works: bool = True, **env: str
) -> subprocess.CompletedProcess[str]:
    """`scripts/install-train.sh --cuda --torch-choice-only` with the fake nvidia-smi first on PATH (or none)."""
    folder = tmp_path / "bin"
    path = os.environ["PATH"]
    if rows is not None:
        path = f"{fake_nvidia_smi(folder, rows, query_works)}:{path}"
    else:
        path = ":".join(p for p in path.split(":") if not (Path(p) / "nvidia-smi").exists())
    environment = {k: v for k, v in os.environ.items() if k not in ("TORCH_INDEX_URL", "TORCH_CUDA")}
    environment.update(PATH=path, PYTHON=sys.executable, **env)
    return subprocess.run([str(ROOT / "scripts/install-train.sh"), "--cuda", "--torch-choice-only",
                           str(tmp_path / "venv")], capture_output=True, text=True, timeout=60, env=environment)


@pytest.mark.parametrize(
    "rows, index, says",
    [
        (["580.65.06, 9.0"], PYPI, "CUDA 13.0 build"),  # H100 on a current driver: PyPI's wheel
        (["570.133.20, 8.9", "570.133.20, 8.9"], CU128, "CUDA 12.8"),  # two L4s on R570
        (["535.183.01, 7.5"], CU128, "compute capability 7.5"),  # Colab's T4 on R535
        (["550.54.15, 7.0"], CU126, "compute capability 7.0"),  # a V100: CUDA 13 and cu128 left it behind
        (["580.82.07, 8.0", "580.82.07, 6.1"], CU126, "compute capability 6.1"),  # the oldest GPU decides
    ],
)
def test_the_torch_build_follows_the_driver_and_the_gpus(
    tmp_path: Path, rows: list[str], index: str, says: str
) -> None:
    result = choose_with(tmp_path, rows)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"torch index: {index or 'PyPI'}"
    assert says in result.stderr
    assert not (tmp_path / "venv").exists(), "choosing installs nothing"


def test_a_driver_too_old_for_every_build_stops_at_once_saying_what_to_do(tmp_path: Path) -> None:
    result = choose_with(tmp_path, ["470.239.06, 8.0"])
    assert result.returncode == 1
    assert "470.239.06 is too old" in result.stderr and "R580" in result.stderr and "525.60.13" in result.stderr
    assert "make setup-train-cuda" in result.stderr and not (tmp_path / "venv").exists()
    ancient = choose_with(tmp_path, ["560.35.03, 3.7"])
    assert ancient.returncode == 1 and "older than any torch CUDA build" in ancient.stderr
    missing = choose_with(tmp_path, None)
    assert missing.returncode == 1 and "nvidia-smi was not found" in missing.stderr
    assert "make setup-train" in missing.stderr


def test_the_choice_can_be_overridden(tmp_path: Path) -> None:
    named = choose_with(tmp_path, ["580.65.06, 9.0"], TORCH_CUDA="cu126")
    assert named.returncode == 0 and named.stdout.strip() == f"torch index: {CU126}"
    too_new = choose_with(tmp_path, ["535.183.01, 8.0"], TORCH_CUDA="cu130")
    assert too_new.returncode == 1 and "TORCH_CUDA=cu130 needs NVIDIA driver 580" in too_new.stderr
    url = "https://example.invalid/whl/cu999"
    given = choose_with(tmp_path, None, TORCH_INDEX_URL=url)  # no nvidia-smi needed: the user decided
    assert given.returncode == 0 and given.stdout.strip() == f"torch index: {url}"


def test_an_old_nvidia_smi_without_compute_cap_still_reads_the_driver(tmp_path: Path) -> None:
    result = choose_with(tmp_path, ["575.57.08, 8.6"], query_works=False)
    assert result.returncode == 0 and result.stdout.strip() == f"torch index: {CU128}"
    assert "compute capability not reported" in result.stderr


# ------------------------------------------------------------------------------------------ 3. bitsandbytes


def test_a_bitsandbytes_check_that_fails_at_first_use_is_a_problem_not_a_pass(
    capsys: pytest.CaptureFixture[str],
) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import check_train_gpu
    finally:
        sys.path.remove(str(ROOT / "scripts"))

    def broken() -> str:
        raise OSError("libbitsandbytes_cuda130.so: cannot open shared object file")

    problems = check_train_gpu.run_checks([("bitsandbytes 8-bit AdamW", broken), ("fine", lambda: "all good")])
    assert problems == ["bitsandbytes 8-bit AdamW: OSError: libbitsandbytes_cuda130.so: cannot open shared object file"]
    assert "all good" in capsys.readouterr().out


# ---------------------------------------------------------------------------------------- 1. the smoke run


def test_the_smoke_runs_label_and_loss_checks() -> None:
    from trainer.gpu_smoke import SmokeFailure, check_label_batch, loss_fell

    eot, pad = 9, 0
    ids = [[1, 5, 6, 2, 7, 8, eot, 0], [1, 5, 2, 7, eot, 5, 2, 8]]
    labels = [[-100, -100, -100, -100, 7, 8, eot, -100], [-100, -100, -100, 7, eot, -100, -100, 8]]
    with pytest.raises(SmokeFailure, match="not the end of turn"):  # the second row's last run has no eot
        check_label_batch(ids, labels, eot, pad)
    labels[1][-1] = -100
    assert check_label_batch(ids, labels, eot, pad) == 5
    with pytest.raises(SmokeFailure, match="shifted"):
        check_label_batch([[1, 7, eot]], [[-100, eot, -100]], eot, pad)
    with pytest.raises(SmokeFailure, match="trains no token"):
        check_label_batch([[1, 2, 3]], [[-100, -100, -100]], eot, pad)
    assert loss_fell([3.0, 2.9, 2.8, 2.0, 1.9, 1.8]) == pytest.approx((2.9, 1.9))
    with pytest.raises(SmokeFailure, match="did not fall"):
        loss_fell([2.0, 2.0, 2.0, 2.1, 2.0, 2.2])


def test_the_smoke_run_passes_on_the_cpu_recipe(tmp_path: Path, train_stack: None) -> None:
    """The smoke run's whole code path (prepare, the first batch's labels, training with a checkpoint and an
    evaluation half-way, the loss falling, the resume) on the CPU recipe; on a GPU it runs the 1B config."""
    from tests.trainer.conftest import CACHE, SMOKE
    from trainer.gpu_smoke import run_smoke

    # 8 rows, 2 held out: 6 steps of 2 are two passes over the same 6, so the loss falls for certain.
    figures = run_smoke(SMOKE, tmp_path / "smoke", steps=6, rows=8, resume_tolerance=1e-5,
                        extra=[f"model.cache_dir={CACHE}", "model.tiny_layers=4", "data.eval_size=2"])
    assert figures["steps"] == 6 and figures["loss_last"] < figures["loss_first"]
    assert figures["trained_tokens_first_batch"] > 0 and figures["seconds_per_step"] > 0
    assert figures["peak_gpu_memory_gb"] is None  # no GPU here
