"""The voice turn end to end on real models: speech → Whisper tiny.en → SmolLM2 → store."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from desktop.core.audio import read_wav
from desktop.core.errors import NothingHeard
from desktop.core.llm import GenerationParams
from desktop.core.store import ConversationStore, Message
from desktop.core.turn import (
    ChatTemplateError,
    Token,
    Transcribed,
    TurnCancelled,
    TurnDone,
    UserMessage,
    VoiceTurn,
    chat_messages,
    fold_system,
)


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


# ---- issue 8 §1: cancels that store nothing, no empty rows, alternating roles, templates with no system role ----


def test_cancel_before_the_first_token_keeps_no_empty_reply_row(turn: VoiceTurn) -> None:
    conversation = turn.store.create_conversation()
    cancel = threading.Event()
    events = turn.run(conversation.id, text="Hello there.", cancel=cancel)
    assert isinstance(next(events), UserMessage)
    cancel.set()  # after the user's message is stored, before any token
    done = [e for e in events if isinstance(e, TurnDone)][-1]
    assert done.stopped and done.reply == "" and done.reply_message_id is None
    assert [(m.role, m.text) for m in turn.store.messages(conversation.id)] == [("user", "Hello there.")]
    # The next turn's history joins the unanswered message with the new one: roles still alternate.
    list(turn.run(conversation.id, text="Are you there?"))
    roles = [m["role"] for m in turn.history(conversation.id)]
    assert roles == ["system", "user", "assistant"]
    assert turn.history(conversation.id)[1]["content"] == "Hello there.\n\nAre you there?"


def test_cancel_before_the_message_is_stored_stores_nothing_and_gives_the_words_back(turn: VoiceTurn,
                                                                                     capital_wav: Path) -> None:
    conversation = turn.store.create_conversation()
    cancel = threading.Event()
    cancel.set()
    assert list(turn.run(conversation.id, text="Typed words", cancel=cancel)) == [TurnCancelled("Typed words")]
    spoken = list(turn.run(conversation.id, pcm=read_wav(capital_wav), cancel=cancel))
    assert isinstance(spoken[0], Transcribed) and isinstance(spoken[-1], TurnCancelled)
    assert "capital" in (spoken[-1].text or "").lower()
    assert turn.store.messages(conversation.id) == []
    # Closing the window: the words are stored (no reply is started), so a restart shows them.
    keep = threading.Event()
    keep.set()
    events = list(turn.run(conversation.id, text="Keep me", cancel=cancel, keep_words=keep))
    assert [type(e) for e in events] == [UserMessage, TurnDone] and events[-1].reply_message_id is None
    assert [(m.role, m.text) for m in turn.store.messages(conversation.id)] == [("user", "Keep me")]


def _message(ident: int, role: str, text: str) -> Message:
    return Message(ident, 1, role, text, 0.0)


def test_history_never_has_two_turns_of_one_role_in_a_row() -> None:
    stored = [_message(1, "user", "one"), _message(2, "assistant", ""), _message(3, "user", "two"),
              _message(4, "assistant", "reply"), _message(5, "user", "three"), _message(6, "user", "four")]
    history = chat_messages("Be brief.", stored)
    assert history == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "one\n\ntwo"},
        {"role": "assistant", "content": "reply"},
        {"role": "user", "content": "three\n\nfour"},
    ]


# A Gemma-like template: no system role, strict alternation (both raise, as Gemma's and Mistral's templates do).
_NO_SYSTEM_TEMPLATE = (
    "{% for m in messages %}"
    "{% if m['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}"
    "{% if (m['role'] == 'user') != (loop.index0 % 2 == 0) %}"
    "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
    "<start_of_turn>{{ m['role'] }}\n{{ m['content'] }}<end_of_turn>\n"
    "{% endfor %}<start_of_turn>model\n"
)


class TemplateEngine:
    """A ChatEngine stand-in that renders a real Jinja chat template (as llama-cpp-python's formatter does,
    `raise_exception` raising ValueError) and answers with fixed pieces: the unit under test is the turn."""

    def __init__(self, template: str) -> None:
        from jinja2.sandbox import ImmutableSandboxedEnvironment

        from desktop.core.llm import StreamStats

        def raise_exception(message: str) -> None:
            raise ValueError(message)

        self.template = ImmutableSandboxedEnvironment().from_string(template)
        self.template.globals["raise_exception"] = raise_exception
        self.prompts: list[str] = []
        self.last_stats = StreamStats()
        self.prefilled = 0

    def stream(self, messages, params, cancel):  # noqa: ANN001, ANN201 (the ChatEngine.stream interface)
        from desktop.core.llm import StreamStats

        self.last_stats = StreamStats()
        self.prompts.append(self.template.render(messages=messages))
        for piece in ("Hi", " there."):
            self.last_stats.completion_tokens += 1
            yield piece
        self.last_stats.finish_reason = "stop"

    def prefill_after(self, messages, reply) -> int:  # noqa: ANN001
        self.template.render(messages=[*messages, {"role": "assistant", "content": reply}])
        self.prefilled += 1
        return 0


def test_a_template_without_a_system_role_gets_the_prompt_folded_into_the_first_user_turn(tmp_path: Path) -> None:
    engine = TemplateEngine(_NO_SYSTEM_TEMPLATE)
    turn = VoiceTurn(engine=engine, store=ConversationStore(tmp_path / "c.sqlite3"), model_name="gemma-like",
                     system_prompt="Answer like a pirate.")
    conversation = turn.store.create_conversation()
    done = list(turn.run(conversation.id, text="Hello?"))[-1]
    assert isinstance(done, TurnDone) and done.reply == "Hi there." and not done.stopped
    assert engine.prompts == [
        "<start_of_turn>user\nAnswer like a pirate.\n\nHello?<end_of_turn>\n<start_of_turn>model"]
    assert engine.prefilled == 1  # the folded history is what the idle prefill renders too
    assert fold_system([{"role": "system", "content": "S"}, {"role": "user", "content": "U"}]) == [
        {"role": "user", "content": "S\n\nU"}]


def test_a_template_that_raises_anyway_is_a_clear_error_and_stores_no_empty_reply(tmp_path: Path) -> None:
    engine = TemplateEngine("{{ raise_exception('This template only takes tools') }}")
    turn = VoiceTurn(engine=engine, store=ConversationStore(tmp_path / "c.sqlite3"), model_name="odd")
    conversation = turn.store.create_conversation()
    with pytest.raises(ChatTemplateError, match="chat template rejected the conversation.*only takes tools"):
        list(turn.run(conversation.id, text="Hello?"))
    assert [m.role for m in turn.store.messages(conversation.id)] == ["user"]  # what was sent stays; no empty reply


# ---- issue 21 §2: edit and resend, and stopping inside a long prompt's evaluation ------------------------------


def test_edit_and_resend_deletes_the_originals_only_when_the_new_message_is_stored(turn: VoiceTurn) -> None:
    conversation = turn.store.create_conversation()
    list(turn.run(conversation.id, text="Say hello."))
    list(turn.run(conversation.id, text="Say goodbye."))
    originals = turn.store.messages(conversation.id)
    edited = originals[0]
    # Stopped before it is stored: nothing is deleted, and the words come back.
    stopped = threading.Event()
    stopped.set()
    events = list(turn.run(conversation.id, text="Say good morning.", cancel=stopped, replace_from=edited.id))
    assert events == [TurnCancelled("Say good morning.")]
    assert turn.store.messages(conversation.id) == originals
    # A take that hears nothing fails before anything is stored: nothing is deleted either.
    with pytest.raises(NothingHeard):
        list(turn.run(conversation.id, pcm=np.zeros(16_000, np.float32), replace_from=edited.id))
    assert turn.store.messages(conversation.id) == originals
    # Sent: the originals go as the new message is stored, and the model answers the new history only.
    events = list(turn.run(conversation.id, text="Say good morning.", replace_from=edited.id))
    stored = turn.store.messages(conversation.id)
    assert [(m.role, m.text if m.role == "user" else "") for m in stored] == [
        ("user", "Say good morning."), ("assistant", "")]
    assert "Say hello" not in turn.engine.last_prompt and "Say good morning." in turn.engine.last_prompt
    assert isinstance(events[-1], TurnDone) and not events[-1].stopped


def test_a_stop_between_batches_of_a_long_prompt_ends_the_turn_as_stopped(starter_gguf: Path,
                                                                           tmp_path: Path) -> None:
    """The worker's check between two decode batches (desktop/ui/shell/worker.py) on a real llama.cpp context: the turn
    ends as stopped with its message stored, and the next turn, on the same context, answers normally."""
    from desktop.core.llm import ChatEngine
    from desktop.ui.shell.worker import _stop_between_batches

    engine = ChatEngine(starter_gguf, n_ctx=2048, n_threads=2, n_batch=32)
    engine.load()
    try:
        decoded: list[int] = []
        stop = threading.Event()
        armed = [True]

        def should_stop() -> bool:
            decoded.append(1)
            if armed[0] and len(decoded) == 3:  # two batches of the prompt evaluated, then the user presses Stop
                stop.set()
            return armed[0] and stop.is_set()

        _stop_between_batches(engine, should_stop)
        turn = VoiceTurn(engine=engine, store=ConversationStore(tmp_path / "c.sqlite3"), model_name="smollm2",
                         params=GenerationParams(temperature=0.0, max_tokens=8, seed=3))
        conversation = turn.store.create_conversation()
        question = "Count the words: " + " ".join(["alpha beta gamma"] * 40)
        events = list(turn.run(conversation.id, text=question, cancel=stop))
        done = events[-1]
        assert isinstance(done, TurnDone) and done.stopped and done.finish_reason == "cancelled"
        assert done.reply == "" and done.reply_message_id is None
        assert len(decoded) == 3 and engine.last_stats.prompt_tokens > 3 * 32  # it stopped well before the end
        assert [(m.role, m.text) for m in turn.store.messages(conversation.id)] == [("user", question)]
        # The context is consistent: the next turn reuses the batches that were evaluated and answers.
        armed[0] = False
        again = list(turn.run(conversation.id, text="Say hi.", cancel=threading.Event()))
        assert isinstance(again[-1], TurnDone) and not again[-1].stopped and again[-1].reply.strip()
        assert engine.last_stats.reused_tokens >= 64
    finally:
        engine.close()
