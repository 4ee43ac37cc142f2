"""The recipe at The Tome's scale and on real models (issue 20), checked cheaply on the CPU: a missing report_to
library, the export gate's margin from the measured error, catalog entries only after the gates, the 16-bit
merge, what push ships with a Llama model, pinned Hub revisions, append-only logging, and prepare's
`datasets` stages (the same result on one process or several, ids train refuses when they are stale)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.trainer.conftest import CACHE, has_module
from trainer.config import ConfigError, RecipeError, SourceConfig, load_config

pytestmark = pytest.mark.train

ROOT = Path(__file__).resolve().parents[2]
SMOKE = ROOT / "trainer/configs/cpu-smoke.yaml"
ONE_B = ROOT / "trainer/configs/llama-3.2-1b-finetome.yaml"
THREE_B = ROOT / "trainer/configs/llama-3.2-3b-finetome.yaml"


# ------------------------------------------------------------------------------- 4. report_to libraries


def test_report_to_wandb_without_wandb_fails_before_any_data_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from trainer.cli import main

    if has_module("wandb"):
        pytest.skip("wandb is installed here: the refusal is for environments without it")
    run_dir = tmp_path / "run"
    with pytest.raises(SystemExit) as exit_info:
        main(["all", "--config", str(SMOKE), "--no-progress", f"run_dir={run_dir}",
              "train.report_to=[tensorboard,wandb]"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "train.report_to includes wandb" in err and "pip install wandb" in err
    assert "train.report_to=[tensorboard]" in err, "the message says what to drop it to"
    assert not run_dir.exists(), "nothing may be prepared before the check"
    # TensorBoard's writer is in the train extra (tensorboardX): the default passes.
    from trainer.config import check_training_stack

    check_training_stack(load_config(SMOKE, ["train.report_to=[tensorboard]"]))


# ------------------------------------------------------------------------------------ 5. the gate margin


def test_the_tie_margin_follows_the_measured_logit_error_up_to_a_ceiling() -> None:
    from trainer.export import allowed_tie_margin, compare_continuation, top_logit_errors

    reference = np.array([[5.0, 4.9, 0.0, -3.0], [0.0, 1.0, 7.0, 2.0]], dtype=np.float32)
    llama = reference.copy()
    llama[0, 1] += 0.3  # llama.cpp's f16 path moved the runner-up by 0.3: it now wins
    llama[1, 3] += 9.0  # a broken file: llama.cpp's best is a token 5 logits down in transformers
    errors = top_logit_errors(reference, llama)
    assert errors.tolist() == pytest.approx([0.3, 9.0])
    assert allowed_tie_margin(0.1, 0.02, 1.0) == pytest.approx(0.1)  # the toy model: the configured floor
    assert allowed_tie_margin(0.1, 0.3, 1.0) == pytest.approx(0.6)  # a 1B model's honest f16 error
    assert allowed_tie_margin(0.1, 9.0, 1.0) == pytest.approx(1.0)  # never beyond the ceiling
    assert allowed_tie_margin(0.1, float("inf"), 1.0) == pytest.approx(0.1)
    # A continuation parting at a 0.4-logit near-tie passes with the measured margin, not with the toy's 0.1.
    hf_rows = [np.array([0.0, 5.0, 4.6, 0.0])]
    cpp_rows = [np.array([0.0, 4.8, 4.9, 0.0])]
    assert not compare_continuation([1], hf_rows, [2], 0.1, cpp_rows)["passed"]
    parted = compare_continuation([1], hf_rows, [2], 0.6, cpp_rows)
    assert parted["passed"] and parted["margin"] == pytest.approx(0.4)
    assert parted["llama_cpp_margin"] == pytest.approx(0.1)
    # llama.cpp sure of a token transformers ranks 0.4 below: not a tie on llama.cpp's side.
    sure = compare_continuation([1], hf_rows, [2], 0.6, [np.array([0.0, 1.0, 4.9, 0.0])])
    assert not sure["passed"]


def test_catalog_entries_only_for_an_export_that_passed_every_gate(tmp_path: Path) -> None:
    from transformers import LlamaConfig

    from trainer.export import ExportValidationError, remove_catalog_entries, write_catalog_entries

    cfg = load_config(SMOKE, [f"run_dir={tmp_path}"])
    out = tmp_path / "export"
    out.mkdir()
    files = {}
    for quant in ("f16", "q8_0", "q4_k_m"):
        files[quant] = out / f"cpu-smoke.{quant.upper()}.gguf"
        files[quant].write_bytes(b"GGUF" + bytes(100))
    from trainer.export import file_record

    records = {quant: file_record(path) for quant, path in files.items()}
    config = LlamaConfig(hidden_size=64, num_attention_heads=4, num_key_value_heads=2, num_hidden_layers=2)
    failed = {"files": records, "gates": {"f16_matches_transformers": True, "q4_k_m_matches_f16": False},
              "passed": False}
    with pytest.raises(ExportValidationError, match="q4_k_m_matches_f16"):
        write_catalog_entries(cfg, out, failed, files, config)
    assert not list(out.glob("catalog_entry*.json"))
    passed = {**failed, "gates": {"f16_matches_transformers": True, "q4_k_m_matches_f16": True}, "passed": True}
    entries = write_catalog_entries(cfg, out, passed, files, config)
    assert set(entries) == {"q8_0", "q4_k_m"}
    assert json.loads((out / "catalog_entry.json").read_text())["quant"] == "Q4_K_M"
    remove_catalog_entries(out)  # what export does first: a failed re-export leaves no stale entry behind
    assert not list(out.glob("catalog_entry*.json"))


# ------------------------------------------------------------------------------------ 6. the 16-bit merge


def _small_lora_model(tmp_path: Path) -> tuple[Any, Path]:
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    config = LlamaConfig(vocab_size=256, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, tie_word_embeddings=True)
    base = LlamaForCausalLM(config).to(torch.float16)
    base_dir = tmp_path / "base"
    base.save_pretrained(base_dir)
    lora = LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj", "down_proj"], init_lora_weights=False)
    model = get_peft_model(LlamaForCausalLM.from_pretrained(base_dir, dtype=torch.float32), lora)
    adapter = tmp_path / "adapter"
    model.save_pretrained(adapter)
    return model, adapter


def test_the_merge_in_16_bits_rounds_once_like_a_float32_merge(tmp_path: Path) -> None:
    import torch
    from peft import PeftModel
    from transformers import LlamaForCausalLM

    from trainer.export import float32_compute, merge_lora_layers_in_float32

    _, adapter = _small_lora_model(tmp_path)
    # The old way: everything in float32, merged, then rounded to float16 once.
    wide = PeftModel.from_pretrained(LlamaForCausalLM.from_pretrained(tmp_path / "base", dtype=torch.float32),
                                     str(adapter)).merge_and_unload().to(torch.float16)
    # The new way: a float16 model, one layer at a time in float32.
    narrow_peft = PeftModel.from_pretrained(
        LlamaForCausalLM.from_pretrained(tmp_path / "base", dtype=torch.float16), str(adapter)
    )
    assert merge_lora_layers_in_float32(narrow_peft, torch.float16) == 2 * 3
    narrow = narrow_peft.unload()
    wide_state, narrow_state = wide.state_dict(), narrow.state_dict()
    assert wide_state.keys() == narrow_state.keys()
    assert all(narrow_state[k].dtype == torch.float16 for k in narrow_state)
    for key in wide_state:
        assert torch.equal(wide_state[key], narrow_state[key]), key
    # The validation's reference: float32 arithmetic on the float16 weights, without a float32 copy of them.
    ids = torch.tensor([[1, 5, 9, 200, 3, 77]])
    with torch.inference_mode():
        expected = wide.float()(ids).logits
        got = float32_compute(narrow)(ids).logits
    assert got.dtype == torch.float32
    assert narrow.model.layers[0].self_attn.q_proj.parametrizations.weight.original.dtype == torch.float16
    assert narrow.model.embed_tokens.weight.dtype == torch.float16, "no float32 copy of the weights is kept"
    torch.testing.assert_close(got, expected, rtol=0, atol=1e-5)


# ------------------------------------------------------------------------------------------ 7. push


def test_a_llama_push_ships_the_licence_its_notice_and_the_export_report(tmp_path: Path) -> None:
    import yaml

    from trainer.push import LLAMA_NOTICE, license_files, model_card

    cfg = load_config(ONE_B, [f"run_dir={tmp_path}"])
    shipped = dict(license_files(cfg, tmp_path))
    assert set(shipped) == {"LICENSE", "NOTICE"}
    licence = shipped["LICENSE"].read_text(encoding="utf-8")
    assert licence.startswith("LLAMA 3.2 COMMUNITY LICENSE AGREEMENT") and "Built with Llama" in licence
    assert LLAMA_NOTICE.strip() in licence, "the notice is the one the licence itself quotes"
    assert shipped["NOTICE"].read_text(encoding="utf-8") == LLAMA_NOTICE
    assert license_files(load_config(SMOKE, [f"run_dir={tmp_path}"]), tmp_path) == []  # apache-2.0: none
    unknown = load_config(ONE_B, [f"run_dir={tmp_path}", "model.license=llama9"])
    with pytest.raises(RecipeError, match="no licence text"):
        license_files(unknown, tmp_path)
    report = {
        "validation": {"next_token_agreement": 1.0, "next_token_positions": 10, "conversations": 1,
                       "continuations_matched": [16], "continuation_tokens": 16},
        "files": {q: {"size": 1, "sha256": "00"} for q in ("q8_0", "q4_k_m")},
    }
    card = model_card(cfg, None, None, report)
    front = yaml.safe_load(card.split("---")[1])
    assert front["base_model"] == "meta-llama/Llama-3.2-1B-Instruct" and front["base_model_relation"] == "finetune"
    assert "`export_report.json`" in card and "`LICENSE`" in card and "`NOTICE`" in card


# -------------------------------------------------------------------------------------- 8. revisions


def test_hub_revisions_are_resolved_once_and_read_back_by_every_later_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trainer.revisions import pinned_revision, read_pins

    monkeypatch.delenv("RANK", raising=False)
    cfg = load_config(ONE_B, [f"run_dir={tmp_path}"])
    asked: list[tuple[str, str, str]] = []

    def hub(repo_type: str, name: str, revision: str) -> str:
        asked.append((repo_type, name, revision))
        return ("a" if repo_type == "model" else "b") * 40

    assert pinned_revision(cfg, "model", "unsloth/Llama-3.2-1B-Instruct", None, hub) == "a" * 40
    assert pinned_revision(cfg, "dataset", "mlabonne/FineTome-100k", "main", hub) == "b" * 40
    assert asked == [("model", "unsloth/Llama-3.2-1B-Instruct", "main"), ("dataset", "mlabonne/FineTome-100k", "main")]

    def moved(repo_type: str, name: str, revision: str) -> str:  # months later, main points elsewhere
        raise AssertionError("a recorded revision must not be looked up again")

    assert pinned_revision(cfg, "model", "unsloth/Llama-3.2-1B-Instruct", None, moved) == "a" * 40
    assert read_pins(cfg)["dataset:mlabonne/FineTome-100k"] == {"requested": "main", "commit": "b" * 40}
    # A commit in the config is used as it is; another branch is resolved anew; local paths have none.
    assert pinned_revision(cfg, "model", "unsloth/Llama-3.2-1B-Instruct", "c" * 40, moved) == "c" * 40
    assert pinned_revision(cfg, "model", "unsloth/Llama-3.2-1B-Instruct", "v2", lambda *a: "d" * 40) == "d" * 40
    assert pinned_revision(cfg, "model", str(tmp_path), None, moved) is None
    assert pinned_revision(cfg, "model", "tiny-smollm2", None, moved) is None
    # The config keys, with their defaults (null: main, pinned at first use).
    assert cfg.model.revision is None and cfg.model.merge_base_revision is None
    assert cfg.data.sources[0].revision is None
    pinned = load_config(ONE_B, [f"run_dir={tmp_path / 'other'}", f"model.revision={'e' * 40}"])
    from trainer.chat import base_model_revision, merge_base_revision

    assert base_model_revision(pinned) == merge_base_revision(pinned) == "e" * 40
    three_b = load_config(THREE_B, [f"run_dir={tmp_path / '3b'}", f"model.merge_base_revision={'f' * 40}"])
    assert merge_base_revision(three_b) == "f" * 40


# ---------------------------------------------------------------------------------------- 9. logging


def test_the_log_history_is_appended_and_a_resume_starts_from_the_trainers_own(tmp_path: Path) -> None:
    from transformers import TrainerControl, TrainerState, TrainingArguments

    from trainer.progress import LogHistoryCallback, read_log_history

    path = tmp_path / "log_history.jsonl"
    args = TrainingArguments(output_dir=str(tmp_path / "out"), report_to="none")
    state = TrainerState()
    callback = LogHistoryCallback(path)
    callback.on_train_begin(args, state, TrainerControl())
    for step in range(1, 6):
        state.log_history.append({"step": step, "loss": 1.0 / step})
        callback.on_log(args, state, TrainerControl())
    assert read_log_history(path) == state.log_history
    with path.open("a") as handle:
        handle.write('{"step": 6, "lo')  # killed mid-write
    assert len(read_log_history(path)) == 5
    # Resumed from a step-3 checkpoint: the trainer's history holds steps 1-3; 4 and 5 will be logged again.
    resumed = TrainerState(log_history=state.log_history[:3])
    again = LogHistoryCallback(path)
    again.on_train_begin(args, resumed, TrainerControl())
    resumed.log_history.append({"step": 4, "loss": 0.3})
    again.on_log(args, resumed, TrainerControl())
    assert [e["step"] for e in read_log_history(path)] == [1, 2, 3, 4]


def test_a_log_costs_the_same_at_step_200k_as_at_step_1(tmp_path: Path) -> None:
    """The cost the review measured (the whole history rewritten at every log) grows with the step; an append
    does not. Timed against a history of The Tome's length, with a wide margin for a busy machine."""
    from transformers import TrainerControl, TrainerState, TrainingArguments

    from trainer.progress import LogHistoryCallback

    args = TrainingArguments(output_dir=str(tmp_path / "out"), report_to="none")
    entry = {"loss": 1.2345, "grad_norm": 0.5, "learning_rate": 2e-4, "epoch": 0.5, "num_tokens": 1e6}
    state = TrainerState(log_history=[{**entry, "step": i} for i in range(200_000)])
    callback = LogHistoryCallback(tmp_path / "log_history.jsonl")
    callback.written = len(state.log_history)  # as if trained this far
    started = time.perf_counter()
    for step in range(200_000, 200_050):
        state.log_history.append({**entry, "step": step})
        callback.on_log(args, state, TrainerControl())
    per_log = (time.perf_counter() - started) / 50
    assert per_log < 0.01, f"{per_log * 1000:.1f} ms a log"
    assert sum(1 for _ in (tmp_path / "log_history.jsonl").open()) == 50


# ---------------------------------------------------------------------------------------- 10. prepare


def _synthetic(path: Path, rows: int) -> None:
    lines = []
    for i in range(rows):
        if i % 40 == 7:
            lines.append('{"conversations": [')
        elif i % 40 == 9:
            lines.append(lines[-1])  # a duplicate of the row before
        else:
            lines.append(json.dumps({"conversations": [
                {"from": "human", "value": f"Question {i}: what is {i} plus {i % 7}?"},
                {"from": "gpt", "value": f"{i} plus {i % 7} is {i + i % 7}. " * (1 + i % 9)}]}))
    path.write_text("\n".join(lines) + "\n")


@pytest.fixture(scope="module")
def prepared_twice(tmp_path_factory: pytest.TempPathFactory, train_stack: None) -> dict[str, Any]:
    """The same 600 rows prepared in one process and in two (each stage split into shards)."""
    from trainer.prepare import prepare

    root = tmp_path_factory.mktemp("prepare")
    _synthetic(root / "rows.jsonl", 600)
    outcome = {}
    for procs in (1, 2):
        cfg = load_config(SMOKE, [f"run_dir={root / 'run'}", f"model.cache_dir={CACHE}", "data.eval_size=20",
                                  f"data.num_proc={procs}", "data.tokenize_batch=64", "model.max_seq_length=96"])
        cfg.data.sources = [SourceConfig(kind="jsonl", name=str(root / "rows.jsonl"))]
        out = root / f"data-{procs}"
        report = prepare(cfg, out_dir=out, progress=False)
        outcome[procs] = {"cfg": cfg, "out": out, "report": report.to_dict()}
    return outcome


def test_prepare_gives_the_same_data_on_one_process_or_several(prepared_twice: dict[str, Any]) -> None:
    from datasets import load_from_disk

    one, two = prepared_twice[1], prepared_twice[2]
    assert one["report"] == two["report"]
    report = one["report"]
    assert report["rows_in"] == 600 and report["dropped"]["malformed"] == 15 and report["dropped"]["duplicate"] == 15
    assert report["dropped"]["too_long"] > 0 and report["train"] + report["eval"] == report["rows_out"]
    assert json.loads((two["out"] / "prepare_stats.json").read_text())["num_proc"] == 2
    for split in ("train", "eval"):
        a, b = load_from_disk(str(one["out"] / split)), load_from_disk(str(two["out"] / split))
        assert a["input_ids"] == b["input_ids"] and a["messages"] == b["messages"]
    assert (one["out"] / "eval.jsonl").read_text() == (two["out"] / "eval.jsonl").read_text()


def test_the_ids_are_the_templated_conversation_tokenized_once(prepared_twice: dict[str, Any]) -> None:
    from datasets import load_from_disk

    from trainer.chat import load_tokenizer
    from trainer.train import load_split

    one = prepared_twice[1]
    cfg = one["cfg"]
    cfg.data.dir = str(one["out"])
    tokenizer = load_tokenizer(cfg)
    saved = load_from_disk(str(one["out"] / "train"))
    train = load_split(cfg, "train", tokenizer)
    assert train.column_names == ["input_ids"] and len(train) == len(saved)
    for row in (0, len(saved) // 2, len(saved) - 1):
        text = tokenizer.apply_chat_template(json.loads(saved[row]["messages"]), tokenize=False)
        assert train[row]["input_ids"] == tokenizer(text, add_special_tokens=False)["input_ids"]
        assert len(train[row]["input_ids"]) <= 96
    held = {line for line in (one["out"] / "eval.jsonl").read_text().splitlines()}
    assert len(held) == 20
    assert not held & {json.dumps({"messages": json.loads(m)}, ensure_ascii=False) for m in saved["messages"]}
    # Ids made with another length cap (or tokenizer, or template) are refused, not trained on.
    cfg.model.max_seq_length = 128
    from trainer.train import TrainError

    with pytest.raises(TrainError, match="max_seq_length"):
        load_split(cfg, "train", tokenizer)


def test_a_config_error_names_streaming_without_max_steps() -> None:
    with pytest.raises(ConfigError, match="data.streaming needs train.max_steps"):
        load_config(SMOKE, ["data.streaming=true", "train.max_steps=-1"])
