"""The `chinwag` command in real subprocesses, on a fresh (empty) config and data directory, offline."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import cli_env, run_cli


def last_json(stdout: str) -> dict:
    return json.loads(stdout.strip().splitlines()[-1])


def test_ask_text_works_offline_on_a_fresh_install(tmp_path: Path, starter_gguf: Path) -> None:
    result = run_cli(["ask", "--text", "What is the capital of France?", "--temperature", "0", "--max-tokens", "24",
                      "--json"], cli_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "not downloaded" in result.stderr and "SmolLM2" in result.stderr
    answer = last_json(result.stdout)
    assert answer["model"] == "smollm2-135m-starter"
    assert answer["transcript"] == "What is the capital of France?"
    assert answer["reply"].strip() and answer["reply"] in result.stdout  # streamed before the JSON line
    timings = answer["timings"]
    assert set(timings) == {"stt_s", "ttft_s", "tokens", "decode_tok_s", "total_s"}
    assert timings["stt_s"] == 0 and timings["tokens"] > 0 and timings["ttft_s"] > 0
    # The turn was stored.
    data = tmp_path / "data" / "Chinwag" / "conversations.sqlite3"
    assert data.exists()


def test_ask_wav_transcribes_and_answers(tmp_path: Path, capital_wav: Path, starter_gguf: Path,
                                         whisper_dir: Path) -> None:
    result = run_cli(["ask", "--wav", str(capital_wav), "--temperature", "0", "--max-tokens", "16", "--json"],
                     cli_env(tmp_path))
    assert result.returncode == 0, result.stderr
    answer = last_json(result.stdout)
    assert "capital" in answer["transcript"].lower() and "france" in answer["transcript"].lower()
    assert answer["timings"]["stt_s"] > 0 and answer["reply"].strip()
    assert answer["timings"]["ttft_s"] >= answer["timings"]["stt_s"]


def test_models_lists_variants_and_what_is_present(tmp_path: Path, starter_gguf: Path) -> None:
    result = run_cli(["models", "--json"], cli_env(tmp_path))
    assert result.returncode == 0, result.stderr
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert rows["smollm2-135m-starter"]["downloaded"] is True
    assert rows["whisper-tiny.en"]["downloaded"] is True
    assert rows["llama-3.2-1b-finetome-q4_k_m"]["downloaded"] is False
    assert rows["llama-3.2-1b-finetome-q4_k_m"]["default"] is True
    assert rows["llama-3.2-3b-finetuned-q4_k_m"]["size_mb"] == 2010
    plain = run_cli(["models"], cli_env(tmp_path))
    assert "llama-3.2-1b-finetome-q4_k_m" in plain.stdout


def test_errors_are_messages_not_tracebacks(tmp_path: Path) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_text("not audio")
    result = run_cli(["ask", "--wav", str(bad)], cli_env(tmp_path))
    assert result.returncode == 1
    assert "error: Cannot read" in result.stderr and "Traceback" not in result.stderr
    result = run_cli(["ask", "--text", "hi", "--model", "no-such-model"], cli_env(tmp_path))
    assert result.returncode == 1 and "Unknown llm model 'no-such-model'" in result.stderr
    result = run_cli(["ask", "--text", "hi", "--model", "llama-3.2-1b-finetome-q4_k_m"], cli_env(tmp_path))
    assert result.returncode == 1 and "chinwag download llama-3.2-1b-finetome-q4_k_m" in result.stderr
    result = run_cli(["download", "llama-3.2-1b-finetome-q4_k_m"], cli_env(tmp_path))
    assert result.returncode == 1 and "offline" in result.stderr and "Traceback" not in result.stderr


def test_corrupted_settings_warn_and_the_app_still_answers(tmp_path: Path, starter_gguf: Path) -> None:
    config = tmp_path / "config" / "Chinwag"
    config.mkdir(parents=True)
    (config / "settings.json").write_text("{{{ this is not json")
    result = run_cli(["ask", "--text", "hi", "--max-tokens", "4", "--json"], cli_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "warning: Settings file was unreadable" in result.stderr
    assert list(config.glob("settings.json.corrupt-*"))


def test_version(tmp_path: Path) -> None:
    from desktop import __version__

    result = run_cli(["--version"], cli_env(tmp_path, XDG_STATE_HOME=str(tmp_path / "state")))
    lines = result.stdout.strip().splitlines()
    assert lines[:2] == [f"chinwag {__version__}", f"log: {tmp_path / 'state' / 'Chinwag' / 'log' / 'chinwag.log'}"]
    # Which of llama.cpp's CPU variants runs, and why; then the variants a user may pin (tests/test_cpu_variant.py).
    assert lines[2].startswith("llama.cpp CPU code: ") and "(" in lines[2], lines
    assert lines[3].startswith("variants, best first (CHINWAG_CPU_VARIANT=NAME pins one") and "x64" in lines[3]
    assert result.returncode == 0


def test_ask_with_a_damaged_model_file_is_a_message(tmp_path: Path, starter_gguf: Path) -> None:
    cut = tmp_path / "half.gguf"
    cut.write_bytes(starter_gguf.read_bytes()[:40_000_000])  # an interrupted copy
    result = run_cli(["ask", "--text", "hi", "--model", str(cut)], cli_env(tmp_path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "error: half.gguf is not a usable model file" in result.stderr and "cut short" in result.stderr


def test_ask_with_a_local_model_file_loads_it_once_in_a_child_first(tmp_path: Path, starter_gguf: Path) -> None:
    copy = tmp_path / "mine.gguf"
    copy.write_bytes(starter_gguf.read_bytes())
    result = run_cli(["ask", "--text", "hi", "--model", str(copy), "--max-tokens", "4"], cli_env(tmp_path))
    assert result.returncode == 0, result.stderr
    verdicts = json.loads((tmp_path / "data" / "Chinwag" / "model-checks.json").read_text())
    assert str(copy.resolve()) in verdicts
