"""Local actions in the turn (issue 22): a matching request, typed or spoken (espeak-ng → Whisper tiny.en), is
answered at once without the model and stored; a near-miss still goes to the model; `chinwag ask … --wait`."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from desktop.core.actions import ACTION_MODEL, Actions, warm
from desktop.core.audio import read_wav
from desktop.core.llm import GenerationParams
from desktop.core.store import ConversationStore
from desktop.core.turn import Token, Transcribed, TurnDone, UserMessage, VoiceTurn
from tests.conftest import cli_env, espeak, run_cli


@pytest.fixture
def turn(engine, transcriber, tmp_path: Path) -> VoiceTurn:
    warm()  # SymPy and Pint loaded ahead, as the window does at start-up
    store = ConversationStore(tmp_path / "c.sqlite3")
    return VoiceTurn(engine=engine, store=store, model_name="smollm2", system_prompt="You are a helpful assistant.",
                     transcriber=transcriber, params=GenerationParams(temperature=0.0, max_tokens=8, seed=3),
                     actions=Actions(store))


def _done(events) -> tuple[TurnDone, list]:  # noqa: ANN001
    events = list(events)
    assert isinstance(events[-1], TurnDone)
    return events[-1], events


@pytest.mark.parametrize(("said", "answer"), [
    ("open bracket 50 plus 60 close bracket times open bracket 50 times 3 over 60 close bracket", "= 275"),
    ("7 x plus 10 y equals 17339 and x plus y equals 2000", "x = 887, y = 1113"),
])
def test_spoken_maths_is_answered_exactly_without_the_model(turn: VoiceTurn, tmp_path: Path, said: str,
                                                             answer: str) -> None:
    pcm = read_wav(espeak(said, tmp_path / "q.wav"))
    conversation = turn.store.create_conversation()
    prompt_tokens_before = turn.engine.last_stats.prompt_tokens
    released = time.perf_counter()
    done, events = _done(turn.run(conversation.id, pcm=pcm, released_at=released))
    assert [type(e) for e in events] == [Transcribed, UserMessage, Token, TurnDone]
    assert done.action == "maths" and done.model == ACTION_MODEL and answer in done.reply
    assert events[2].text == done.reply  # the reply reaches the window as its text, so it is spoken as usual
    stored = turn.store.messages(conversation.id)
    assert [m.role for m in stored] == ["user", "assistant"] and stored[1].text == done.reply
    assert stored[1].model == ACTION_MODEL and stored[1].finish_reason == "stop"
    assert turn.engine.last_stats.prompt_tokens == prompt_tokens_before  # the model was not asked
    # release → answer: the transcription plus next to nothing
    assert done.timings.total_s - done.timings.stt_s < 0.5, done.timings
    print(f"\nrelease → answer {done.timings.total_s:.3f} s (transcription {done.timings.stt_s:.3f} s)")


def test_a_typed_timer_is_stored_with_its_due_time(turn: VoiceTurn) -> None:
    conversation = turn.store.create_conversation()
    before = time.time()
    done, _ = _done(turn.run(conversation.id, text="Set a pasta timer for 5 minutes."))
    assert done.action == "timer.set" and done.reply == "Pasta timer set for 5 minutes."
    (alarm,) = turn.store.pending_alarms()
    assert alarm.label == "pasta" and alarm.conversation_id == conversation.id
    assert before + 300 <= alarm.due <= time.time() + 300


def test_a_near_miss_goes_to_the_model(turn: VoiceTurn) -> None:
    conversation = turn.store.create_conversation()
    done, events = _done(turn.run(conversation.id, text="I need more time to think"))
    assert done.action == "" and done.model == "smollm2" and done.timings.tokens > 0
    assert turn.store.pending_alarms() == []


def test_ask_sets_a_timer_and_waits_for_it(tmp_path: Path) -> None:
    started = time.monotonic()
    result = run_cli(["ask", "set a timer for 2 seconds", "--wait"], cli_env(tmp_path), timeout=60)
    took = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines == ["Timer set for 2 seconds.", "Time's up: Timer for 2 seconds."]
    assert 2 <= took < 20  # no language model was loaded for it
    store = ConversationStore(tmp_path / "data" / "Chinwag" / "conversations.sqlite3")
    assert store.pending_alarms() == []  # fired, so the window will not fire it again


def test_a_reply_that_claims_an_action_no_tool_ran_is_caught(llama3_gguf: Path, tmp_path: Path) -> None:
    """A Llama 3 test model scripted by a llama.cpp grammar: it says it set a timer (no action ran), then it answers
    honestly. Only the claim gets the note, and nothing is set either way."""
    from desktop.core.llm import ChatEngine

    engine = ChatEngine(llama3_gguf, n_ctx=512, n_threads=2)
    engine.load()
    store = ConversationStore(tmp_path / "c.sqlite3")
    claim = "Sure, I've set a timer for five minutes."
    turn = VoiceTurn(engine=engine, store=store, model_name="llama3-test", actions=Actions(store),
                     params=GenerationParams(temperature=0.0, max_tokens=48), grammar=f'root ::= "{claim}"')
    conversation = store.create_conversation()
    done, events = _done(turn.run(conversation.id, text="could you time my pasta"))
    assert done.action == "" and done.reply.startswith(claim)
    assert "Nothing was set" in done.reply and "".join(e.text for e in events if isinstance(e, Token)) == done.reply
    assert store.messages(conversation.id)[-1].text == done.reply and store.pending_alarms() == []
    turn.grammar = 'root ::= "A timer counts down."'
    done, _ = _done(turn.run(conversation.id, text="what does a timer do"))
    assert done.reply == "A timer counts down."
    engine.close()


def _llama3_turn(llama3_gguf: Path, tmp_path: Path, script: str):  # noqa: ANN202
    from desktop.core.llm import ChatEngine

    engine = ChatEngine(llama3_gguf, n_ctx=2048, n_threads=2)
    engine.load()
    store = ConversationStore(tmp_path / "c.sqlite3")
    turn = VoiceTurn(engine=engine, store=store, model_name="llama3-test", actions=Actions(store), tools=True,
                     params=GenerationParams(temperature=0.0, max_tokens=80, seed=1), grammar=script)
    return turn, engine, store


def test_a_llama3_tool_call_runs_the_action_and_the_model_answers_from_its_result(llama3_gguf: Path,
                                                                                   tmp_path: Path) -> None:
    """The Llama 3 test model, scripted by a grammar, answers with a call; the call is never shown, the timer is
    set in the store, and the reply (the model's answer after the result) carries no 'nothing was set' note."""
    call = '{"name": "set_timer", "parameters": {"seconds": 120, "name": "tea"}}'
    script = "root ::= " + json.dumps(call)
    turn, engine, store = _llama3_turn(llama3_gguf, tmp_path, script)
    conversation = store.create_conversation()
    done, events = _done(turn.run(conversation.id, text="could you time my tea, two minutes"))
    assert done.action == "timer.set" and done.model == "llama3-test"
    (alarm,) = store.pending_alarms()
    assert alarm.label == "tea" and alarm.duration == 120
    shown = "".join(e.text for e in events if isinstance(e, Token))
    assert '"set_timer"' not in shown and "Nothing was set" not in shown
    assert "ipython" in engine.last_prompt and "Tea timer set for 2 minutes." in engine.last_prompt
    engine.close()


def test_the_call_grammar_only_admits_real_actions(llama3_gguf: Path) -> None:
    """Whatever the (random-weight) model would write, under the call grammar it writes a valid call to a real
    action, with its parameters' types."""
    from desktop.core.actions.tools import NAMES, call_grammar, parse_call
    from desktop.core.llm import ChatEngine

    engine = ChatEngine(llama3_gguf, n_ctx=1024, n_threads=2)
    engine.load()
    grammar = call_grammar()
    params = GenerationParams(temperature=0.0, max_tokens=60)
    written = "".join(engine.stream([{"role": "user", "content": "set a timer"}], params, grammar=grammar))
    assert engine.last_stats.finish_reason == "stop"  # the grammar ended it: a complete call
    assert parse_call(written)["name"] in NAMES
    engine.close()


def test_an_invalid_tool_call_is_never_shown(llama3_gguf: Path, tmp_path: Path) -> None:
    script = "root ::= " + json.dumps('{"name": "launch_rockets", "parameters": {}}')
    turn, engine, store = _llama3_turn(llama3_gguf, tmp_path, script)
    conversation = store.create_conversation()
    done, events = _done(turn.run(conversation.id, text="launch the rockets"))
    assert "launch_rockets" not in done.reply and done.reply_message_id is not None or done.reply == ""
    assert done.action in ("", *("timer.set", "reminder.set", "timer.cancel", "timer.status", "clock.time",
                                 "clock.date", "maths", "convert"))
    engine.close()
