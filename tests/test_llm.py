"""ChatEngine on the real llama-cpp-python with the real SmolLM2 GGUF."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from desktop.core.errors import ModelLoadError, PromptTooLong
from desktop.core.llm import ChatEngine, GenerationParams

GREEDY = GenerationParams(temperature=0.0, max_tokens=24, seed=1)


def chat(*turns: str, system: str = "You are a helpful assistant.") -> list[dict[str, str]]:
    messages = [{"role": "system", "content": system}]
    for i, text in enumerate(turns):
        messages.append({"role": "user" if i % 2 == 0 else "assistant", "content": text})
    return messages


def test_streams_a_reply_with_stats(engine: ChatEngine) -> None:
    pieces = list(engine.stream(chat("What is the capital of France?"), GREEDY))
    reply = "".join(pieces)
    assert len(pieces) > 3 and reply.strip()
    assert "<|im_end|>" not in reply and "<|im_start|>" not in reply
    stats = engine.last_stats
    assert stats.completion_tokens == len(pieces)
    assert stats.finish_reason in ("stop", "length")
    assert stats.ttft_s > 0 and stats.decode_tok_s > 0


def test_chat_template_comes_from_the_gguf(engine: ChatEngine) -> None:
    tokens = engine.prompt_tokens(chat("hi"))
    text = engine._llm.detokenize(tokens, special=True).decode()
    assert "<|im_start|>system\nYou are a helpful assistant.<|im_end|>" in text
    assert text.rstrip().endswith("<|im_start|>assistant")


def test_same_seed_same_reply(engine: ChatEngine) -> None:
    params = GenerationParams(temperature=0.9, top_p=0.95, max_tokens=20, seed=1234)
    first = "".join(engine.stream(chat("Tell me a short story."), params))
    second = "".join(engine.stream(chat("Tell me a short story."), params))
    assert first == second


def test_cancel_stops_within_one_token(engine: ChatEngine) -> None:
    cancel = threading.Event()
    produced = []
    params = GenerationParams(temperature=0.0, max_tokens=200)
    for piece in engine.stream(chat("Write a long essay about the sea."), params, cancel):
        produced.append(piece)
        if len(produced) == 5:
            cancel.set()
    assert len(produced) <= 6
    assert engine.last_stats.finish_reason == "cancelled"
    # The engine is usable right after a cancel.
    assert "".join(engine.stream(chat("Say yes."), GREEDY)).strip()


def test_kv_cache_is_reused_across_turns(engine: ChatEngine) -> None:
    first_turn = chat("Name a fruit.")
    reply = "".join(engine.stream(first_turn, GREEDY))
    first = engine.last_stats
    second_turn = first_turn + [{"role": "assistant", "content": reply}, {"role": "user", "content": "Another?"}]
    list(engine.stream(second_turn, GREEDY))
    stats = engine.last_stats
    # The first prompt and the reply the model wrote were already in the cache: only the new turn is evaluated.
    assert stats.reused_tokens >= first.prompt_tokens + first.completion_tokens - 2
    assert stats.prompt_tokens - stats.reused_tokens < 20


def test_long_history_drops_oldest_turns_but_keeps_system(starter_gguf: Path) -> None:
    small = ChatEngine(starter_gguf, n_ctx=512, n_threads=2)
    turns = []
    for i in range(30):
        turns += [f"Question number {i}: what do you think about topic {i}?", f"Answer {i}: it is fine. " * 3]
    turns.append("And the last question: say OK.")
    messages = chat(*turns, system="SYSTEM-MARKER be brief.")
    reply = "".join(small.stream(messages, GenerationParams(temperature=0.0, max_tokens=16)))
    assert reply.strip()
    stats = small.last_stats
    assert stats.dropped_messages > 10 and stats.dropped_messages % 2 == 0
    assert stats.prompt_tokens + 16 <= 512
    kept = small._llm.detokenize(small._llm._input_ids[: stats.prompt_tokens]).decode()
    assert "SYSTEM-MARKER" in kept and "say OK" in kept and "Question number 0:" not in kept
    small.close()


def test_a_single_huge_message_is_a_clear_error(starter_gguf: Path) -> None:
    small = ChatEngine(starter_gguf, n_ctx=256, n_threads=2)
    with pytest.raises(PromptTooLong, match="too long"):
        list(small.stream(chat("word " * 2000), GREEDY))
    small.close()


def test_a_file_that_is_not_a_model(tmp_path: Path) -> None:
    fake = tmp_path / "fake.gguf"
    fake.write_bytes(b"GGUF" + b"\0" * 100)
    with pytest.raises(ModelLoadError, match="Cannot load fake.gguf"):
        ChatEngine(fake).load()
    with pytest.raises(ModelLoadError, match="does not exist"):
        ChatEngine(tmp_path / "nothing.gguf").load()
