"""The voice turn on the default model's family: speech → Whisper tiny.en → a Llama 3 model → store.

The other turn tests run on the SmolLM2 starter (ChatML); this runs the same path on a Llama 3 GGUF with the real
Llama 3.2 tokenizer and Chinwag's Llama 3 template (tests/llama3_model.py), for the things that differ by family:
the end-of-turn token, the family's sampling defaults, the cache reuse across turns and the idle prefill."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.audio import read_wav
from desktop.core.llm import ChatEngine, GenerationParams
from desktop.core.store import ConversationStore
from desktop.core.turn import Token, TurnDone, VoiceTurn


@pytest.fixture(scope="module")
def llama3_engine(llama3_gguf: Path):
    engine = ChatEngine(llama3_gguf, n_ctx=2048, n_threads=2)
    engine.load()
    yield engine
    engine.close()


def test_spoken_turns_on_a_llama3_model(llama3_engine: ChatEngine, transcriber, capital_wav: Path,
                                        tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "c.sqlite3")
    turn = VoiceTurn(engine=llama3_engine, store=store, model_name="llama3", system_prompt="Be brief.",
                     transcriber=transcriber, params=GenerationParams(max_tokens=24, seed=3))
    conversation = store.create_conversation()
    events = list(turn.run(conversation.id, pcm=read_wav(capital_wav)))
    done = events[-1]
    assert isinstance(done, TurnDone) and "capital" in done.transcript.lower()
    tokens = [e.text for e in events if isinstance(e, Token)]
    assert done.reply == "".join(tokens) and done.reply.strip() and "<|" not in done.reply
    # The family's defaults were used (no repeat penalty for Llama 3.2), and counted in tokens.
    assert llama3_engine.resolve(turn.params).repeat_penalty == 1.0
    assert done.timings.tokens == 24

    # A typed follow-up: the idle prefill after turn 1 left the whole history in the cache.
    second = [e for e in turn.run(conversation.id, text="And of Italy?") if isinstance(e, TurnDone)][0]
    stats = llama3_engine.last_stats
    new_block = "<|start_header_id|>user<|end_header_id|>\n\nAnd of Italy?<|eot_id|>" \
                "<|start_header_id|>assistant<|end_header_id|>\n\n"
    new_tokens = len(llama3_engine._llm.tokenize(new_block.encode(), add_bos=False, special=True))
    # Everything but the new message was reused (its opening header token was prefilled with the last reply).
    assert stats.prompt_tokens - stats.reused_tokens == new_tokens - 1
    assert second.timings.reused_tokens == stats.reused_tokens
    stored = store.messages(conversation.id)
    assert [m.role for m in stored] == ["user", "assistant", "user", "assistant"]
    assert stored[3].text == second.reply
    store.close()
