"""ChatEngine on the real llama-cpp-python, on both model families the app ships for: SmolLM2 (ChatML, the bundled
starter) and Llama 3 (the default download; a tiny model with the real Llama 3.2 tokenizer, tests/llama3_model.py)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from desktop.core import chat_templates
from desktop.core.errors import ChatTemplateError, ModelLoadError, PromptTooLong
from desktop.core.llm import ChatEngine, GenerationParams, TokenText, _token_text

GREEDY = GenerationParams(temperature=0.0, max_tokens=24, seed=1)
END_MARKERS = ("<|im_end|>", "<|im_start|>", "<|eot_id|>", "<|eom_id|>", "<|start_header_id|>", "<|end_of_text|>")


def chat(*turns: str, system: str = "You are a helpful assistant.") -> list[dict[str, str]]:
    messages = [{"role": "system", "content": system}]
    for i, text in enumerate(turns):
        messages.append({"role": "user" if i % 2 == 0 else "assistant", "content": text})
    return messages


@pytest.fixture(scope="module")
def family_engine(family_gguf: Path):
    chat_engine = ChatEngine(family_gguf, n_ctx=2048, n_threads=2)
    chat_engine.load()
    yield chat_engine
    chat_engine.close()


def test_streams_a_reply_with_stats(family_engine: ChatEngine) -> None:
    pieces = list(family_engine.stream(chat("What is the capital of France?"), GREEDY))
    reply = "".join(pieces)
    assert len(pieces) > 3 and reply.strip()
    assert not any(marker in reply for marker in END_MARKERS)
    stats = family_engine.last_stats
    # Tokens, not chunks: a token holding half a character yields no text of its own.
    assert stats.completion_tokens >= len(pieces)
    assert stats.finish_reason in ("stop", "length")
    assert stats.ttft_s > 0 and stats.decode_tok_s > 0


def test_completion_tokens_count_tokens(family_engine: ChatEngine) -> None:
    params = GenerationParams(temperature=1.0, top_k=0, top_p=1.0, min_p=0.0, max_tokens=20, seed=5)
    list(family_engine.stream(chat("Write a poem about rain."), params))
    stats = family_engine.last_stats
    if stats.finish_reason == "length":
        assert stats.completion_tokens == 20
    # Every sampled token but the last was evaluated into the cache after the prompt.
    evaluated = family_engine._llm.n_tokens - stats.prompt_tokens
    assert stats.completion_tokens - evaluated in (0, 1)


def test_chat_template_comes_from_the_gguf(family_engine: ChatEngine) -> None:
    tokens = family_engine.prompt_tokens(chat("hi"))
    text = family_engine._llm.detokenize(tokens, special=True).decode()
    if family_engine.family == "chatml":
        assert "<|im_start|>system\nYou are a helpful assistant.<|im_end|>" in text
        assert text.rstrip().endswith("<|im_start|>assistant")
    else:
        assert family_engine.family == "llama3"
        today = time.strftime("%d %b %Y")
        assert text == (
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
            f"Cutting Knowledge Date: December 2023\nToday Date: {today}\n\n"
            "You are a helpful assistant.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|>"
            "<|start_header_id|>assistant<|end_header_id|>\n\n"
        )
        # One BOS (the template writes it; tokenizing adds none) and the markers are single special tokens.
        assert tokens.count(128000) == 1 and tokens[0] == 128000
        assert tokens.count(128006) == 3 and tokens.count(128009) == 2


def test_same_seed_same_reply(family_engine: ChatEngine) -> None:
    params = GenerationParams(temperature=0.9, top_p=0.95, max_tokens=20, seed=1234)
    first = "".join(family_engine.stream(chat("Tell me a short story."), params))
    second = "".join(family_engine.stream(chat("Tell me a short story."), params))
    assert first == second


def test_cancel_stops_within_one_token(family_engine: ChatEngine) -> None:
    cancel = threading.Event()
    produced = []
    params = GenerationParams(temperature=0.0, max_tokens=200)
    for piece in family_engine.stream(chat("Write a long essay about the sea."), params, cancel):
        produced.append(piece)
        if len(produced) == 5:
            cancel.set()
    assert len(produced) <= 6
    assert family_engine.last_stats.finish_reason == "cancelled"
    # The engine is usable right after a cancel.
    assert "".join(family_engine.stream(chat("Say yes."), GREEDY)).strip()


def test_kv_cache_is_reused_across_turns(family_engine: ChatEngine) -> None:
    first_turn = chat("Name a fruit.")
    reply = "".join(family_engine.stream(first_turn, GREEDY))
    first = family_engine.last_stats
    second_turn = first_turn + [{"role": "assistant", "content": reply}, {"role": "user", "content": "Another?"}]
    list(family_engine.stream(second_turn, GREEDY))
    stats = family_engine.last_stats
    # The first prompt and the reply the model wrote were already in the cache: only the new turn is evaluated.
    assert stats.reused_tokens >= first.prompt_tokens + first.completion_tokens - 2
    assert stats.prompt_tokens - stats.reused_tokens < 20


def test_prefill_after_evaluates_exactly_the_closing_tokens(family_engine: ChatEngine) -> None:
    first_turn = chat("Name a colour.")
    reply = "".join(family_engine.stream(first_turn, GenerationParams(temperature=0.0, max_tokens=12)))
    assert family_engine.last_stats.finish_reason == "length"  # the last sampled token is not in the cache yet
    before = family_engine._llm.n_tokens
    evaluated = family_engine.prefill_after(first_turn, reply)
    llm = family_engine._llm
    closing = llm.detokenize(list(llm._input_ids[before:llm.n_tokens]), special=True).decode()
    # What every next prompt starts with: the end-of-turn marker and the token that opens the next header.
    marker = "<|im_end|>\n<|im_start|>" if family_engine.family == "chatml" else "<|eot_id|><|start_header_id|>"
    marker_tokens = len(llm.tokenize(marker.encode(), add_bos=False, special=True))
    # The reply's last sampled token (never evaluated while generating), then those markers; nothing else.
    assert evaluated == llm.n_tokens - before == 1 + marker_tokens
    assert closing.endswith(marker) and reply.endswith(closing[: -len(marker)])
    # The next turn then evaluates only its own message: the cache covers the whole previous history.
    second_turn = first_turn + [{"role": "assistant", "content": reply}, {"role": "user", "content": "Another?"}]
    list(family_engine.stream(second_turn, GREEDY))
    stats = family_engine.last_stats
    assert stats.reused_tokens == before + evaluated
    assert stats.prompt_tokens - stats.reused_tokens <= 12
    # Nothing left to do for a history already in the cache.
    assert family_engine.prefill_after(first_turn, reply) == 0


def test_sampling_follows_the_family_then_the_catalog_then_the_user(family_engine: ChatEngine) -> None:
    own = family_engine.resolve(GenerationParams())
    if family_engine.family == "llama3":
        # Meta's generation defaults for Llama 3.2 Instruct: no repeat penalty.
        assert (own.temperature, own.top_p, own.repeat_penalty) == (0.6, 0.9, 1.0)
    else:
        assert own.repeat_penalty == 1.1
    saved = family_engine.defaults
    try:
        family_engine.defaults = {"temperature": 0.3}
        assert family_engine.resolve(GenerationParams()).temperature == 0.3
        assert family_engine.resolve(GenerationParams(temperature=1.2)).temperature == 1.2
    finally:
        family_engine.defaults = saved


def test_long_history_drops_oldest_turns_but_keeps_system(family_gguf: Path) -> None:
    small = ChatEngine(family_gguf, n_ctx=512, n_threads=2)
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
    kept = small._llm.detokenize(list(small._llm._input_ids[: stats.prompt_tokens])).decode()
    assert "SYSTEM-MARKER" in kept and "say OK" in kept and "Question number 0:" not in kept
    small.close()


def test_a_single_huge_message_is_a_clear_error(family_gguf: Path) -> None:
    small = ChatEngine(family_gguf, n_ctx=256, n_threads=2)
    with pytest.raises(PromptTooLong, match="too long"):
        list(small.stream(chat("word " * 2000), GREEDY))
    small.close()


@pytest.mark.parametrize("end", ["eot", "eom"])
def test_llama3_end_of_turn_tokens_end_a_reply(llama3_models, end: str) -> None:
    token = {"eot": llama3_models.EOT, "eom": llama3_models.EOM}[end]
    path = llama3_models.tiny_llama3(llama3_models.default_cache_dir(), end_token=token)
    engine = ChatEngine(path, n_ctx=1024, n_threads=2)
    params = GenerationParams(temperature=1.0, top_k=0, top_p=1.0, min_p=0.0, max_tokens=400, seed=3)
    endings = []
    for seed in range(4):
        text = "".join(engine.stream(chat("Hello"), GenerationParams(**{**params.__dict__, "seed": seed})))
        stats = engine.last_stats
        assert not any(marker in text for marker in END_MARKERS)
        endings.append((stats.finish_reason, stats.stop_token, stats.completion_tokens))
    # llama.cpp's end-of-generation set holds the token; the reply stops on it, well before the token budget.
    assert all(reason == "stop" and stop == token and n < 400 for reason, stop, n in endings), endings
    engine.close()


def test_a_gguf_without_bos_or_eos_loads_and_answers(llama3_models) -> None:
    path = llama3_models.tiny_llama3(llama3_models.default_cache_dir(), bos=False, eos=False)
    engine = ChatEngine(path, n_ctx=512, n_threads=2)
    engine.load()
    # llama.cpp substitutes a default id for the missing ones; the prompt must not start with that stray token.
    assert engine.prompt_text(chat("hi")).startswith("<|start_header_id|>system")
    assert "".join(engine.stream(chat("hi"), GREEDY)).strip()
    # An id of -1 (what llama.cpp reports for vocabularies that have none) reads as no text instead of aborting.
    assert _token_text(engine._llm, -1) == "" and _token_text(engine._llm, engine._llm.n_vocab()) == ""
    engine.close()


def test_a_llama3_gguf_without_template_gets_the_llama3_layout(llama3_models) -> None:
    path = llama3_models.tiny_llama3(llama3_models.default_cache_dir(), chat_template=None)
    engine = ChatEngine(path, n_ctx=512, n_threads=2)
    engine.load()
    assert engine.family == "llama3"
    tokens = engine.prompt_tokens(chat("hi"))
    # Its markers are real special tokens, not text the model would have to read letter by letter.
    assert tokens.count(128006) == 3 and tokens.count(128007) == 3
    assert engine.resolve(GenerationParams()).repeat_penalty == 1.0
    engine.close()


def test_fallback_template_follows_the_vocabulary(engine: ChatEngine) -> None:
    # SmolLM2's vocabulary has ChatML's markers as single tokens but not Llama 3's.
    assert ChatEngine._fallback_template(engine._llm) == chat_templates.CHATML

    class NoMarkers:  # a vocabulary that spells every marker out in pieces
        def tokenize(self, text: bytes, add_bos: bool, special: bool) -> list[int]:
            return list(text)

    assert ChatEngine._fallback_template(NoMarkers()) == chat_templates.PLAIN


def test_a_template_that_refuses_is_a_clear_error(starter_gguf: Path, tmp_path: Path) -> None:
    engine = ChatEngine(starter_gguf, n_ctx=512, n_threads=2)
    engine.load()
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    # Mistral-style templates raise when roles do not alternate.
    engine._formatter = Jinja2ChatFormatter(
        template="{% for m in messages %}{% if m['role'] == 'system' %}{{ raise_exception('roles must alternate') }}"
        "{% endif %}{{ m['content'] }}{% endfor %}",
        eos_token="", bos_token="",
    )
    with pytest.raises(ChatTemplateError, match="roles must alternate"):
        list(engine.stream(chat("hi"), GREEDY))
    engine.close()


def test_token_text_decodes_split_characters_incrementally(family_engine: ChatEngine) -> None:
    text = "Grüße, 世界! 👋🏽 naïve café — ok"
    llm = family_engine._llm
    tokens = llm.tokenize(text.encode(), add_bos=False, special=False)
    decoder = TokenText(llm._model.vocab)
    decoder.start()
    pieces = [decoder.text(t) for t in tokens] + [decoder.flush()]
    assert "".join(pieces) == text
    assert "\ufffd" not in "".join(pieces)
    # Byte-level vocabularies split these characters over several tokens: some tokens yield no text at all.
    assert len(tokens) > len([p for p in pieces if p])


def test_a_damaged_file_is_refused_before_llama_cpp_sees_it(starter_gguf: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "cut-short.gguf"
    damaged.write_bytes(starter_gguf.read_bytes()[: starter_gguf.stat().st_size // 2])
    with pytest.raises(ModelLoadError, match="cut-short.gguf"):
        ChatEngine(damaged, verdicts_dir=tmp_path / "verdicts").load()
    # A sound file is checked once (header, then a load in a child process), then remembered.
    good = ChatEngine(starter_gguf, n_ctx=512, n_threads=2, verdicts_dir=tmp_path / "verdicts")
    good.load()
    assert str(starter_gguf.resolve()) in (tmp_path / "verdicts" / "model-checks.json").read_text()
    good.close()


def test_a_file_that_is_not_a_model(tmp_path: Path) -> None:
    fake = tmp_path / "fake.gguf"
    fake.write_bytes(b"GGUF" + b"\0" * 100)
    with pytest.raises(ModelLoadError, match="fake.gguf"):
        ChatEngine(fake).load()
    with pytest.raises(ModelLoadError, match="does not exist"):
        ChatEngine(tmp_path / "nothing.gguf").load()
