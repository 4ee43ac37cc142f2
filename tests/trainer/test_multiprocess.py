"""Several processes for real, and streaming, on the CPU (issue 20, items 11 and 12): the tiny recipe under
`accelerate launch --num_processes 2` (gloo) trains, checkpoints, evaluates and resumes; rank 0 alone writes;
the loss matches one process with the same global batch. Then `data.streaming`: an IterableDataset read from
the sources as training goes, with max_steps beyond one pass of the data. The tiny model keeps 4 of its
30 layers here, to keep these runs to seconds."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.trainer.conftest import CACHE, ROOT, SMOKE, check, run_trainer, train_env

pytestmark = [pytest.mark.train, pytest.mark.timeout(1200)]
LAYERS = "model.tiny_layers=4"


def common(run_dir: Path, data: Path, *extra: str) -> list[str]:
    return [
        "--config", str(SMOKE), "--no-progress", f"run_dir={run_dir}", f"data.dir={data}", f"model.cache_dir={CACHE}",
        LAYERS, "train.max_steps=4", "train.save_steps=2", "train.eval_steps=2", "train.load_best_model_at_end=false",
        "train.report_to=[]", "data.eval_size=4", *extra,
    ]


def launch_two(args: list[str]) -> subprocess.CompletedProcess[str]:
    """`accelerate launch --multi_gpu --num_processes 2 -m trainer ARGS` on this CPU: two ranks over gloo
    (without --multi_gpu, accelerate starts one process on a machine with no GPU)."""
    command = [sys.executable, "-m", "accelerate.commands.launch", "--multi_gpu", "--num_processes", "2",
               "--num_machines", "1", "--mixed_precision", "no", "--dynamo_backend", "no",
               "--main_process_port", "29533", "-m", "trainer", *args]
    env = {**train_env(), "OMP_NUM_THREADS": "1"}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


def losses(run_dir: Path) -> dict[int, float]:
    return {e["step"]: e["loss"] for e in json.loads((run_dir / "log_history.json").read_text()) if "loss" in e}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, train_stack: None) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("ranks")
    data = root / "data"
    check(run_trainer(["prepare", *common(root / "one", data)]))
    one, two, resumed = root / "one", root / "two", root / "resumed"
    # The same global batch of 2: one process with 2 rows a step, two ranks with 1 each.
    check(run_trainer(["train", *common(one, data, "train.per_device_train_batch_size=2")]))
    two_ranks = check(launch_two(["train", *common(two, data, "train.per_device_train_batch_size=1")]))
    # A crash after checkpoint-2, as the resume sees it: the later checkpoint and the finished outputs gone.
    shutil.copytree(two, resumed)
    shutil.rmtree(resumed / "checkpoints" / "checkpoint-4")
    for name in ("adapter", "train_result.json", "log_history.json"):
        target = resumed / name
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    resumed_run = check(
        launch_two(["train", "--resume", *common(resumed, data, "train.per_device_train_batch_size=1")])
    )
    return {"root": root, "one": one, "two": two, "resumed": resumed, "two_out": two_ranks.stdout + two_ranks.stderr,
            "resumed_out": resumed_run.stdout + resumed_run.stderr}


def test_two_ranks_train_checkpoint_and_evaluate(runs: dict) -> None:
    two = runs["two"]
    result = json.loads((two / "train_result.json").read_text())
    assert result["global_step"] == 4 and result["final_loss"] is not None
    for step in (2, 4):
        checkpoint = two / "checkpoints" / f"checkpoint-{step}"
        assert (checkpoint / "config.yaml").is_file() and (checkpoint / "adapter_model.safetensors").is_file()
    history = json.loads((two / "log_history.json").read_text())
    assert {e["step"] for e in history if "eval_loss" in e} == {2, 4}


def test_rank_zero_alone_writes(runs: dict) -> None:
    from trainer.progress import read_log_history

    lines = read_log_history(runs["two"] / "log_history.jsonl")
    steps = [e["step"] for e in lines if "loss" in e]
    assert steps == [1, 2, 3, 4], "each log once: a second writer would repeat them"
    out = runs["two_out"]
    assert out.count("step 1/4: loss") == 1, out[-3000:]


def test_the_loss_matches_one_process_with_the_same_global_batch(runs: dict) -> None:
    one, two = losses(runs["one"]), losses(runs["two"])
    assert one.keys() == two.keys() == {1, 2, 3, 4}
    for step in one:
        # Averaged over two ranks instead of over one batch of two: the same gradients up to float rounding.
        assert two[step] == pytest.approx(one[step], rel=2e-3), (step, one, two)


def test_two_ranks_resume_where_they_left_off(runs: dict) -> None:
    resumed = json.loads((runs["resumed"] / "train_result.json").read_text())
    straight = json.loads((runs["two"] / "train_result.json").read_text())
    assert resumed["resumed_from"].endswith("checkpoint-2") and resumed["global_step"] == 4
    assert resumed["final_loss"] == pytest.approx(straight["final_loss"], abs=1e-4)
    assert losses(runs["resumed"]) == pytest.approx(losses(runs["two"]), abs=1e-4)


# ------------------------------------------------------------------------------------------- 12. streaming


def last_answer(row: dict) -> str:
    turn = (row.get("messages") or row["conversations"])[-1]
    return turn.get("content", turn.get("value"))


def test_streaming_training_reads_the_sources_as_it_goes(tmp_path: Path, train_stack: None) -> None:
    from tests.trainer.fixture_data import good_rows

    rows = good_rows()[:9]  # 9 conversations: 3 held out, 6 train = 3 steps of 2, and max_steps=5 goes round again
    source = tmp_path / "rows.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in [*rows, rows[4]]))  # and a duplicate
    run_dir, data = tmp_path / "run", tmp_path / "data"
    args = ["--config", str(SMOKE), "--no-progress", f"run_dir={run_dir}", f"data.dir={data}",
            f"model.cache_dir={CACHE}", LAYERS, "data.streaming=true", "data.eval_size=3", "train.max_steps=5",
            "train.save_steps=5", "train.report_to=[]", "train.eval_steps=5", "train.load_best_model_at_end=false"]
    check(run_trainer(["prepare", "--data", str(source), *args]))
    report = json.loads((data / "data_report.json").read_text())
    assert report["eval"] == 3 and not (data / "train").exists(), "streaming writes no training set"
    held = [json.loads(line)["messages"] for line in (data / "eval.jsonl").read_text().splitlines()]
    assert [m[-1]["content"] for m in held] == [last_answer(r) for r in rows[:3]], "the head of the stream"
    check(run_trainer(["train", *args]))
    result = json.loads((run_dir / "train_result.json").read_text())
    assert result["global_step"] == 5 and result["final_loss"] is not None
    history = json.loads((run_dir / "log_history.json").read_text())
    assert [e["step"] for e in history if "loss" in e] == [1, 2, 3, 4, 5]
    assert any("eval_loss" in e for e in history), "the held-out rows are evaluated"
    # What the stream yields: the 6 training conversations, held-out rows and the duplicate skipped.
    from trainer.chat import load_tokenizer
    from trainer.config import SourceConfig, load_config
    from trainer.prepare import streaming_train_dataset

    cfg = load_config(SMOKE, args[3:])
    cfg.data.sources = [SourceConfig(kind="jsonl", name=str(source))]
    tokenizer = load_tokenizer(cfg)
    streamed = [tokenizer.decode(row["input_ids"]) for row in streaming_train_dataset(cfg, tokenizer)]
    assert len(streamed) == 6
    assert all(m[-1]["content"] not in text for m in held for text in streamed)
