"""The voice turn end to end on real models: speech → Whisper tiny.en → SmolLM2 → store."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from desktop.core.audio import read_wav
from desktop.core.errors import NothingHeard
from desktop.core.llm import GenerationParams
from desktop.core.store import ConversationStore
from desktop.core.turn import Token, Transcribed, TurnDone, UserMessage, VoiceTurn


@pytest.fixture
def turn(engine, transcriber, tmp_path: Path) -> VoiceTurn:
    return VoiceTurn(engine=engine, store=ConversationStore(tmp_path / "c.sqlite3"), model_name="smollm2",
                     system_prompt="You are a helpful assistant.", transcriber=transcriber,
                     params=GenerationParams(temperature=0.0, max_tokens=32, seed=3))


def test_voice_turn_from_speech_to_stored_streamed_reply(turn: VoiceTurn, capital_wav: Path) -> None:
    conversation = turn.store.create_conversation()
    events = list(turn.run(conversation.id, pcm=read_wav(capital_wav)))
    assert isinstance(events[0], Transcribed) and isinstance(events[1], UserMessage)
    tokens = [e.text for e in events if isinstance(e, Token)]
    done = events[-1]
    assert isinstance(done, TurnDone)
    assert "capital" in done.transcript.lower() and "france" in done.transcript.lower()
    assert len(tokens) > 3 and done.reply == "".join(tokens) and not done.stopped
    t = done.timings
    assert t.stt_s > 0 and 0 < t.ttft_s < t.total_s and t.tokens == len(tokens) and t.decode_tok_s > 0
    assert t.ttft_s >= t.stt_s  # measured from release, so it includes the transcription
    stored = turn.store.messages(conversation.id)
    assert [(m.role, m.source) for m in stored] == [("user", "voice"), ("assistant", "text")]
    assert stored[1].text == done.reply and stored[1].timings["tokens"] == t.tokens


def test_silence_is_nothing_heard_and_calls_no_model(turn: VoiceTurn) -> None:
    conversation = turn.store.create_conversation()
    with pytest.raises(NothingHeard, match="Nothing heard"):
        list(turn.run(conversation.id, pcm=np.zeros(16_000 * 2, np.float32)))
    assert turn.store.messages(conversation.id) == []


def test_cancelled_reply_is_kept_and_marked_stopped(turn: VoiceTurn) -> None:
    conversation = turn.store.create_conversation()
    turn.params = GenerationParams(temperature=0.0, max_tokens=200)
    cancel = threading.Event()
    seen = 0
    for event in turn.run(conversation.id, text="Write a long poem about rivers.", cancel=cancel):
        if isinstance(event, Token):
            seen += 1
            if seen == 4:
                cancel.set()
        if isinstance(event, TurnDone):
            done = event
    assert done.stopped and 4 <= done.timings.tokens <= 5
    reply = turn.store.messages(conversation.id)[-1]
    assert reply.stopped and reply.complete and reply.text == done.reply


def test_abandoned_generator_still_saves_the_partial_reply(turn: VoiceTurn) -> None:
    conversation = turn.store.create_conversation()
    turn.params = GenerationParams(temperature=0.0, max_tokens=200)
    events = turn.run(conversation.id, text="Count from one to fifty.")
    for event in events:
        if isinstance(event, Token):
            break
    events.close()  # e.g. the window closed mid-reply
    reply = turn.store.messages(conversation.id)[-1]
    assert reply.role == "assistant" and reply.text and reply.complete and reply.stopped


def test_second_turn_uses_history(turn: VoiceTurn) -> None:
    conversation = turn.store.create_conversation()
    list(turn.run(conversation.id, text="My name is Ada."))
    history = turn.history(conversation.id)
    assert [m["role"] for m in history] == ["system", "user", "assistant"]
    done = list(turn.run(conversation.id, text="What is my name?"))[-1]
    assert done.timings.reused_tokens > 0
    # The end of the first reply was evaluated while idle: the second turn only evaluates its own message
    # (its words and the chat template's role markers around them).
    words = len(turn.engine._llm.tokenize(b"What is my name?", add_bos=False))
    assert done.timings.prompt_tokens - done.timings.reused_tokens <= words + 8
