"""What a real CUDA run would break or quietly get wrong, checked on the CPU (issue 11): tensors on the
model's device, the bitsandbytes requirement, packing with the response mask, the export gates, the math
check, logging, several ranks, the model card, and the knobs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from trainer.config import ConfigError, load_config

pytestmark = pytest.mark.train

ROOT = Path(__file__).resolve().parents[2]
ONE_B = ROOT / "trainer/configs/llama-3.2-1b-finetome.yaml"
SMOKE = ROOT / "trainer/configs/cpu-smoke.yaml"
SMOKE_LLAMA3 = ROOT / "trainer/configs/cpu-smoke-llama3.yaml"


# ------------------------------------------------------------------------------------------ 1. devices


class FakeGPUModel:
    """Says it lives on another device (meta) and records where the tensors handed to it live: on a CPU
    machine this is how a CUDA device mismatch shows."""

    def __init__(self) -> None:
        import torch

        self.device = torch.device("meta")
        self.seen: list[Any] = []

    def generate(self, **kwargs: Any) -> Any:
        import torch

        self.seen += [value.device for value in kwargs.values() if isinstance(value, torch.Tensor)]
        rows, width = kwargs["input_ids"].shape
        # The prompt plus two new tokens (on the CPU: a meta tensor holds no values to decode).
        return torch.cat([torch.zeros((rows, width), dtype=torch.long), torch.full((rows, 2), 7)], dim=1)


def test_eval_hands_the_model_tensors_on_its_own_device(llama3_tokenizer: Any) -> None:
    import torch

    from trainer.evaluate import Generator

    model = FakeGPUModel()
    Generator(model, llama3_tokenizer, batch_size=2)(["Hello there", "Hi"], max_new_tokens=2)
    assert model.seen and all(device == torch.device("meta") for device in model.seen), model.seen


# --------------------------------------------------------------------------------------- 2. bitsandbytes


def test_a_config_needing_bitsandbytes_fails_at_once_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import trainer.config
    from trainer.cli import main

    monkeypatch.setattr(trainer.config, "module_available", lambda name: name != "bitsandbytes")
    run_dir = tmp_path / "run"
    with pytest.raises(SystemExit) as exit_info:
        main(["all", "--config", str(ONE_B), "--no-progress", f"run_dir={run_dir}"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "train.optim=adamw_8bit" in err and "bitsandbytes" in err and "make setup-train-cuda" in err
    assert not run_dir.exists(), "nothing may be prepared before the check"
    three_b = load_config(ROOT / "trainer/configs/llama-3.2-3b-finetome.yaml")
    with pytest.raises(ConfigError, match=r"model\.load_in_4bit=true"):
        trainer.config.check_training_stack(three_b)
    trainer.config.check_training_stack(load_config(SMOKE))  # adamw_torch, 16-bit: nothing needed


def test_the_cuda_install_check_refuses_a_machine_without_a_usable_gpu() -> None:
    import subprocess
    import sys

    import torch

    if torch.cuda.is_available():
        pytest.skip("a GPU is here: the check's refusal is for machines without one")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/check_train_gpu.py")], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1
    assert "torch 2.13.0" in result.stdout and "transformers 5.17.0" in result.stdout
    assert "GPU training stack NOT ready" in result.stdout
    assert "torch sees no CUDA GPU" in result.stderr


# ------------------------------------------------------------------------------- 3. packing and masking


def test_packing_with_train_on_responses_only_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="packing.*train_on_responses_only"):
        load_config(SMOKE_LLAMA3, ["train.packing=true"])
    assert load_config(SMOKE_LLAMA3, ["train.packing=true", "train.train_on_responses_only=false"]).train.packing


def test_best_checkpoint_needs_a_checkpoint_at_every_evaluation() -> None:
    with pytest.raises(ConfigError, match="save_steps"):
        load_config(SMOKE_LLAMA3, ["train.save_steps=3", "train.eval_steps=2"])
    load_config(SMOKE_LLAMA3, ["train.save_steps=3", "train.eval_steps=2", "train.load_best_model_at_end=false"])


# ------------------------------------------------------------------------------------------- 7. gates


def test_a_continuation_may_part_ways_only_at_a_near_tie() -> None:
    from trainer.export import compare_continuation

    same = compare_continuation([1, 2], [np.zeros(4), np.zeros(4)], [1, 2], 0.05)
    assert same == {"matched": 2, "margin": None, "passed": True}
    # transformers' two best tokens 0.02 apart: f16 rounding may flip them, the paths part for no fault.
    tie = compare_continuation([1, 1], [np.array([0.0, 5.0, 4.98, 1.0]), np.zeros(4)], [2, 1], 0.05)
    assert tie["matched"] == 0 and tie["margin"] == pytest.approx(0.02) and tie["passed"] is True
    # 8 logits apart: llama.cpp chose a token transformers clearly did not.
    apart = compare_continuation([1, 2], [np.zeros(4), np.array([0.0, 1.0, 9.0, 1.0])], [1, 1], 0.05)
    assert apart["matched"] == 1 and apart["margin"] == pytest.approx(8.0) and apart["passed"] is False
    nan = compare_continuation([1], [np.array([0.0, np.nan, 1.0])], [2], 0.05)
    assert nan["passed"] is False


class FakeLlama:
    def __init__(self, logits: np.ndarray) -> None:
        self.logits = logits
        self.scores: np.ndarray = logits

    def reset(self) -> None:
        pass

    def eval(self, ids: list[int]) -> None:
        self.scores = self.logits[: len(ids)]


class FakeReference:
    def __init__(self, logits: np.ndarray) -> None:
        import torch

        self.device = torch.device("cpu")
        self.logits = logits

    def __call__(self, ids: Any) -> Any:
        import torch

        class Output:
            logits = torch.tensor(self.logits[None, : ids.shape[1]])

        return Output()


def test_nan_logits_fail_the_agreement_instead_of_vanishing() -> None:
    from trainer.export import next_token_agreement

    good = np.array([[0.0, 2.0, 1.0], [3.0, 0.0, 1.0], [0.0, 0.0, 4.0]], dtype=np.float32)
    broken = good.copy()
    broken[1, :] = np.nan
    clean = next_token_agreement(FakeReference(good), FakeLlama(good), [[1, 2, 3]])
    assert clean["agreement"] == 1.0 and clean["non_finite_positions"] == 0
    result = next_token_agreement(FakeReference(good), FakeLlama(broken), [[1, 2, 3]])
    assert result["non_finite_positions"] == 1
    assert result["agreement"] == pytest.approx(2 / 3)
    assert np.isfinite(result["max_abs_logit_diff"])


def test_prompts_cut_to_length_keep_bos_and_the_system_header(llama3_tokenizer: Any) -> None:
    from trainer.export import fit_prompt

    conversation = [
        {"role": "system", "content": "You answer briefly."},
        {"role": "user", "content": "first " * 80},
        {"role": "assistant", "content": "ok"},
        {"role": "user", "content": "Tell me about bees. " + "Bees are insects. " * 60},
        {"role": "assistant", "content": "They make honey."},
    ]
    ids = fit_prompt(llama3_tokenizer, conversation, 96)
    text = llama3_tokenizer.decode(ids)
    assert len(ids) <= 96
    assert ids[0] == llama3_tokenizer.convert_tokens_to_ids("<|begin_of_text|>")
    assert "<|start_header_id|>system<|end_header_id|>" in text and "You answer briefly." in text
    assert text.endswith("<|start_header_id|>assistant<|end_header_id|>\n\n")
    assert "first first" not in text and "Tell me about bees." in text


def test_push_refuses_an_export_that_failed_any_gate(tmp_path: Path) -> None:
    from trainer.config import RecipeError
    from trainer.push import failed_gates, push

    passing = {"gates": {"f16_matches_transformers": True, "q4_k_m_matches_f16": True}, "passed": True}
    assert failed_gates(passing) == []
    quant_failed = {"gates": {"f16_matches_transformers": True, "q4_k_m_matches_f16": False}, "passed": False}
    assert failed_gates(quant_failed) == ["q4_k_m_matches_f16"]
    assert failed_gates({"validation": {"passed": True}})  # an export from before the gates
    cfg = load_config(SMOKE, [f"run_dir={tmp_path}", "push.repo_id=me/model"])
    (tmp_path / "export").mkdir()
    report = {**quant_failed, "validation": {"passed": True}}
    (tmp_path / "export" / "export_report.json").write_text(json.dumps(report))
    with pytest.raises(RecipeError, match="q4_k_m_matches_f16"):
        push(cfg, api=object())


# --------------------------------------------------------------------------------------------- 8. math


def test_the_final_answer_is_read_not_any_number_in_the_reply() -> None:
    from trainer.evaluate import MATH_QUESTIONS, final_answer, is_correct, numbers_in

    ken, product, system = MATH_QUESTIONS
    assert not is_correct("Half of 20 is 10, and Nathan does 40, so Bob does 30.", ken)
    assert is_correct("Bob does 30 and Ken 20, so Bob does 10 more.", ken)
    assert is_correct("(887,1113)", system) and is_correct("x = 887 and y = 1,113", system)
    assert is_correct("So y = 1113 and x = 887. Check: 887 + 1113 = 2000", system)
    assert not is_correct("x = 1113, y = 887", system)
    assert is_correct("110 * 2.5 = 275.0", product) and not is_correct("275 is close, but 270", product)
    assert numbers_in("1,113 and 887,1113 and 0.50") == ["1113", "887", "1113", "0.5"]
    assert final_answer("no numbers here") == ()


def test_math_rows_become_held_out_questions_with_their_final_answer() -> None:
    from trainer.prepare import math_question

    row = [
        {"role": "user", "content": "Ann has 3 cats and gets 2 more. How many?"},
        {"role": "assistant", "content": "3 + 2 = 5. The answer is 5."},
    ]
    assert math_question(row) == {"question": row[0]["content"], "answer": "5", "reference": row[1]["content"]}
    assert math_question([row[0], {"role": "assistant", "content": "five"}]) is None


# ------------------------------------------------------------------------------------------ 9. logging


def test_the_console_line_shows_loss_lr_grad_norm_and_eval_loss() -> None:
    from trainer.progress import log_line

    line = log_line(3, 10, {"loss": 1.23456, "learning_rate": 2e-4, "grad_norm": 0.5, "epoch": 0.3})
    assert line == "step 3/10: loss 1.2346, lr 2.000e-04, grad_norm 0.500"
    assert log_line(4, 10, {"eval_loss": float("nan")}) == "step 4/10: eval_loss nan"
    assert log_line(4, 10, {"train_runtime": 3.0}) is None


def test_every_train_knob_reaches_the_trainer(tmp_path: Path) -> None:
    from trainer.train import lora_arguments, training_arguments

    cfg = load_config(
        SMOKE_LLAMA3,
        [
            f"run_dir={tmp_path}",
            "train.warmup_ratio=0.1",
            "train.max_grad_norm=0.3",
            "train.neftune_noise_alpha=5",
            "lora.use_dora=true",
            "train.report_to=[tensorboard,wandb]",
            "train.run_name=trial-7",
        ],
    )
    args = training_arguments(cfg)
    assert args.warmup_steps == pytest.approx(0.1)  # transformers 5: below 1 is a share of the steps
    assert args.max_grad_norm == pytest.approx(0.3) and args.neftune_noise_alpha == pytest.approx(5.0)
    assert set(args.report_to) == {"tensorboard", "wandb"} and args.run_name == "trial-7"
    assert args.logging_steps == 1
    assert args.load_best_model_at_end and args.metric_for_best_model == "eval_loss" and not args.greater_is_better
    assert lora_arguments(cfg)["use_dora"] is True
    no_eval = training_arguments(load_config(SMOKE, [f"run_dir={tmp_path}"]))
    assert not no_eval.load_best_model_at_end  # nothing to choose by without eval loss


# -------------------------------------------------------------------------------------- 11. several GPUs


@pytest.mark.parametrize("rank, expected", [("0", ["prepare", "train", "export", "eval"]), ("1", ["train"])])
def test_only_rank_zero_prepares_evaluates_exports_and_pushes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rank: str, expected: list[str]
) -> None:
    import trainer.cli as cli

    ran: list[str] = []
    barriers: list[str] = []
    monkeypatch.setenv("RANK", rank)
    monkeypatch.setenv("WORLD_SIZE", "2")
    monkeypatch.setattr(cli, "_run_step", lambda step, cfg, args, progress: ran.append(step) or {})
    monkeypatch.setattr(cli, "wait_for_everyone", lambda timeout_s: barriers.append(rank))
    run_dir = tmp_path / "run"
    assert cli.main(["all", "--config", str(SMOKE), f"run_dir={run_dir}", "push.repo_id=me/x"]) == 0
    assert ran == expected + (["push"] if rank == "0" else [])
    assert barriers == [rank], "every rank meets once after prepare, or the others train on no data"
    assert (run_dir / "config.yaml").is_file() == (rank == "0")
    for step in ("prepare", "eval", "export", "push"):
        ran.clear()
        assert cli.main([step, "--config", str(SMOKE), f"run_dir={run_dir}"]) == 0
        assert ran == ([step] if rank == "0" else [])


def test_tokenizing_processes_are_shared_among_the_ranks(monkeypatch: pytest.MonkeyPatch) -> None:
    import trainer.train as train_module

    cfg = load_config(SMOKE)
    monkeypatch.setattr(train_module.os, "cpu_count", lambda: 16)
    monkeypatch.delenv("LOCAL_WORLD_SIZE", raising=False)
    assert train_module.dataset_num_proc(cfg) == 16
    monkeypatch.setenv("LOCAL_WORLD_SIZE", "4")
    assert train_module.dataset_num_proc(cfg) == 4
    assert train_module.dataset_num_proc(cfg, rows=200) is None  # a pool costs more than it saves
    cfg.train.dataset_num_proc = 8
    assert train_module.dataset_num_proc(cfg) == 2
    monkeypatch.setenv("LOCAL_WORLD_SIZE", "8")
    assert train_module.dataset_num_proc(cfg) is None


# ------------------------------------------------------------------------------------------ 12. the card


def test_the_model_card_names_the_real_base_data_license_and_attribution(tmp_path: Path) -> None:
    import yaml

    from trainer.push import model_card

    cfg = load_config(ROOT / "trainer/configs/llama-3.2-3b-finetome.yaml", [f"run_dir={tmp_path}"])
    report = {
        "validation": {
            "next_token_agreement": 1.0,
            "next_token_positions": 500,
            "conversations": 4,
            "continuations_matched": [16, 16],
            "continuation_tokens": 16,
        },
        "quant_gate": {"quant": "q4_k_m", "agreement_with_f16": 0.93},
        "files": {q: {"size": 10**9, "sha256": "ab" * 32} for q in ("q8_0", "q4_k_m")},
        "adapter": {"description": "checkpoint-400 (lowest eval loss 0.9000)"},
    }
    card = model_card(cfg, {"rows_in": 10}, "# Evaluation\n| metric | base |\n", report)
    front = yaml.safe_load(card.split("---")[1])
    assert front["base_model"] == "meta-llama/Llama-3.2-3B-Instruct"
    assert front["datasets"] == ["mlabonne/FineTome-100k"]
    assert front["pipeline_tag"] == "text-generation" and front["license"] == "llama3.2"
    for needle in ("Built with Llama", "## Use", "llama-cli -m llama-3.2-3b-finetome.Q4_K_M.gguf",
                   "chinwag models add", "## Limitations", "checkpoint-400", "93.00%"):
        assert needle in card, needle
    assert "bnb-4bit" not in card.split("## Training config")[0]
