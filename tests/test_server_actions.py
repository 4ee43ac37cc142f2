"""Chinwag's actions for API clients (issue 22 §5): off by default, asked for per request as tools named
`chinwag.<action>`, and run only at the level the user allowed (Settings → Local API server, `chinwag serve
--allow-actions`): read-only (time, date, sums, conversions) or all (timers and reminders on this desktop too).

The first part checks the pieces in plain Python (a fake engine stands in for the model); the second drives the real
server with the official `openai` client and a Llama 3 test model (real tokenizer, random weights) whose replies a
llama.cpp grammar scripts: what it "decides" to call is the test's choice, the rest (template, grammar, parsing,
the action, the store, the response) is the real path.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import openai
import pytest

from desktop.core.actions import Actions
from desktop.core.actions import tools as action_tools
from desktop.core.settings import _CHOICES, Settings, SettingsStore
from desktop.core.store import ConversationStore
from desktop.server.app import Api, ServerConfig
from desktop.server.protocol import ApiError, parse_chat

KEY = "actions-key-0123456789"
MODEL = "llama3-test"
SUM = "(50+60)*(50*3/60)"


def tool(name: str) -> dict:
    return {"type": "function", "function": {"name": name}}


def body(**fields: Any) -> dict:
    return {"model": MODEL, "messages": [{"role": "user", "content": "hi"}], **fields}


# ---- the pieces, in plain Python -------------------------------------------------------------------------------


def test_the_levels_and_what_each_allows() -> None:
    assert Settings().api_actions == "off" and ServerConfig(api_key=None).actions == "off"
    assert _CHOICES["api_actions"] == action_tools.ACCESS_LEVELS == ("off", "read-only", "all")
    assert action_tools.allowed("off") == frozenset() and action_tools.allowed("nonsense") == frozenset()
    assert action_tools.allowed("read-only") == {"get_time", "get_date", "calculate", "convert_units"}
    assert action_tools.allowed("all") == action_tools.NAMES


def test_chinwag_serve_takes_the_level_or_leaves_it_to_the_settings() -> None:
    from desktop.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["serve", "--allow-actions", "read-only"]).allow_actions == "read-only"
    assert parser.parse_args(["serve"]).allow_actions is None  # then Settings.api_actions decides
    with pytest.raises(SystemExit):
        parser.parse_args(["serve", "--allow-actions", "everything"])


def test_a_wrong_level_in_the_settings_file_is_off(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"api_actions": "everything"}))
    store = SettingsStore(path)
    assert store.load().api_actions == "off" and any("api_actions" in w for w in store.warnings)
    path.write_text(json.dumps({"api_actions": "read-only"}))
    assert SettingsStore(path).load().api_actions == "read-only"


def test_the_call_grammar_and_the_check_admit_only_the_offered_actions() -> None:
    only = frozenset({"calculate"})
    grammar = action_tools.call_grammar(only)
    assert '\\"calculate\\"' in grammar and "set_timer" not in grammar and "set-timer" not in grammar
    assert "set-timer" in action_tools.call_grammar()  # all of them, as the window's turn has it
    call = '{"name": "set_timer", "parameters": {"seconds": 60}}'
    assert action_tools.parse_call(call)["name"] == "set_timer"
    with pytest.raises(action_tools.BadCall):
        action_tools.parse_call(call, only)
    assert [t["function"]["name"] for t in action_tools.tools_for(only)] == ["calculate"]


def test_a_request_opts_in_with_chinwag_tools() -> None:
    chat = parse_chat(body(tools=[tool("chinwag.calculate"), tool("chinwag.get_time"), tool("chinwag.calculate")]))
    assert chat.actions == chat.offered == {"calculate", "get_time"} and not chat.force_call
    assert parse_chat(body()).actions == frozenset()  # nothing asked: nothing offered, nothing run
    none = parse_chat(body(tools=[tool("chinwag.calculate")], tool_choice="none"))
    assert none.actions == {"calculate"} and none.offered == frozenset()
    one = parse_chat(body(tools=[tool("chinwag.calculate"), tool("chinwag.get_date")],
                          tool_choice={"type": "function", "function": {"name": "chinwag.get_date"}}))
    assert one.offered == {"get_date"} and one.force_call
    assert parse_chat(body(tools=[tool("chinwag.get_date")], tool_choice="required")).force_call


MALFORMED = [
    ({"tools": "chinwag.calculate"}, "tools"),  # not a list: refused as a client's tools always were
    ({"tools": [tool("get_weather")]}, "tools"),  # a client's own tool: refused as before
    ({"tools": [{"type": "function"}]}, "tools"),
    ({"tools": [5, tool("chinwag.calculate")]}, "tools[0]"),
    ({"tools": [tool("chinwag.calculate"), tool("get_weather")]}, "tools[1].function.name"),
    ({"tools": [tool("chinwag.launch_rockets")]}, "tools[0].function.name"),
    ({"tools": [tool("chinwag.calculate"), {"type": "retrieval", "function": {"name": "chinwag.get_time"}}]},
     "tools[1].type"),
    ({"tools": [tool("chinwag.calculate"), {"type": "function", "function": "chinwag.get_time"}]},
     "tools[1].function"),
    ({"tools": [tool("chinwag.calculate"), {"type": "function", "function": {"name": 7}}]},
     "tools[1].function.name"),
    ({"tools": [tool("chinwag.calculate")], "tool_choice": "sometimes"}, "tool_choice"),
    ({"tools": [tool("chinwag.calculate")], "tool_choice": 1}, "tool_choice"),
    ({"tools": [tool("chinwag.calculate")],
      "tool_choice": {"type": "function", "function": {"name": "chinwag.set_timer"}}}, "tool_choice"),
    ({"tools": [tool("chinwag.calculate")], "functions": [{"name": "f"}]}, "functions"),
]


@pytest.mark.parametrize(("fields", "param"), MALFORMED)
def test_a_malformed_opt_in_is_a_400_naming_the_field(fields: dict, param: str) -> None:
    with pytest.raises(ApiError) as caught:
        parse_chat(body(**fields))
    assert caught.value.status == 400 and caught.value.param == param


@pytest.mark.parametrize(("level", "names", "refused"), [
    ("off", {"calculate"}, True),
    ("off", {"set_timer"}, True),
    ("read-only", {"calculate", "get_time"}, False),
    ("read-only", {"calculate", "set_timer"}, True),
    ("read-only", {"list_timers"}, True),  # the user's timers' labels are theirs: "all" only
    ("all", {"set_timer", "set_reminder", "calculate"}, False),
])
def test_the_level_decides_what_a_request_may_name(level: str, names: set[str], refused: bool) -> None:
    api = Api(runner=None, config=ServerConfig(api_key=None, actions=level))  # type: ignore[arg-type]
    chat = parse_chat(body(tools=[tool(f"chinwag.{n}") for n in sorted(names)]))
    if not refused:
        api._check_actions(chat)
        return
    with pytest.raises(ApiError) as caught:
        api._check_actions(chat)
    error = caught.value
    assert error.status == 403 and error.code == "actions_not_allowed" and error.param == "tools"
    assert "Settings" in error.message and "--allow-actions" in error.message


class FakeEngine:
    """Stands in for a Llama 3 ChatEngine: each stream() call answers with the next scripted text; the calls are kept
    (messages, tools and grammar) so a test sees what the model was given."""

    family = "llama3"
    renders_tools = True

    def __init__(self, *script: str) -> None:
        self.script = list(script)
        self.calls: list[dict[str, Any]] = []

    def stream(self, messages: list[dict[str, str]], params: Any = None, cancel: threading.Event | None = None,
               tools: list[dict] | None = None, grammar: str | None = None) -> Iterator[str]:
        self.calls.append({"messages": messages, "tools": tools, "grammar": grammar})
        text = self.script.pop(0)
        for i in range(0, len(text), 5):
            yield text[i:i + 5]


def run_reply(engine: FakeEngine, store: ConversationStore, names: frozenset[str], **kwargs: Any) -> tuple[str, list]:
    ran: list = []
    reply = action_tools.ToolReply(engine, Actions(store), names=names, on_run=lambda c, r: ran.append((c, r)),
                                   **kwargs)
    text = "".join(reply.stream([{"role": "user", "content": "q"}], None, threading.Event()))
    return text, ran


def test_a_call_runs_and_the_model_answers_from_its_result(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "c.sqlite3")
    engine = FakeEngine(json.dumps({"name": "calculate", "parameters": {"expression": SUM}}), "It is 275.")
    text, ran = run_reply(engine, store, frozenset({"calculate"}))
    assert text == "It is 275."
    ((call, result),) = ran
    assert call["name"] == "calculate" and result.reply.endswith("= 275")
    assert [t["function"]["name"] for t in engine.calls[0]["tools"]] == ["calculate"]
    assert engine.calls[1]["messages"][-1] == {"role": "ipython", "content": json.dumps({"output": result.reply},
                                                                                        ensure_ascii=False)}


def test_a_call_to_an_action_not_offered_never_runs(tmp_path: Path) -> None:
    """Offered only `calculate`, the model writes a timer anyway: it is refused, written again under a grammar
    that admits only `calculate`, and nothing is stored."""
    store = ConversationStore(tmp_path / "c.sqlite3")
    timer = json.dumps({"name": "set_timer", "parameters": {"seconds": 60}})
    engine = FakeEngine(timer, json.dumps({"name": "calculate", "parameters": {"expression": "2+2"}}), "Four.")
    text, ran = run_reply(engine, store, frozenset({"calculate"}))
    assert text == "Four." and [c["name"] for c, _ in ran] == ["calculate"]
    assert engine.calls[1]["grammar"] == action_tools.call_grammar({"calculate"})
    assert store.pending_alarms() == []


def test_a_reply_in_words_streams_as_it_is_and_runs_nothing(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "c.sqlite3")
    engine = FakeEngine("  Hello there, no call here.")
    text, ran = run_reply(engine, store, frozenset(action_tools.NAMES))
    assert text == "  Hello there, no call here." and ran == [] and len(engine.calls) == 1


def test_a_forced_call_is_written_under_the_call_grammar(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "c.sqlite3")
    engine = FakeEngine(json.dumps({"name": "get_date", "parameters": {}}), "Today.")
    text, ran = run_reply(engine, store, frozenset({"get_date"}), force=True)
    assert text == "Today." and engine.calls[0]["grammar"] == action_tools.call_grammar({"get_date"})


# ---- the real server -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scripted_engine(llama3_gguf: Path):
    """The tiny Llama 3 whose replies a test scripts: `script` holds a grammar for each coming model call that has
    none of its own (the first reply, then the answer after a tool's result); empty, it writes what it likes."""
    from desktop.core.llm import ChatEngine

    class Scripted(ChatEngine):
        script: list[str] = []

        def stream(self, messages, params=None, cancel=None, tail="", tools=None, grammar=None):  # noqa: ANN001, ANN202
            if grammar is None and self.script:
                grammar = self.script.pop(0)
            return super().stream(messages, params, cancel, tail=tail, tools=tools, grammar=grammar)

    engine = Scripted(llama3_gguf, n_ctx=4096, n_threads=2)
    engine.load()
    yield engine
    engine.close()


def says(text: str) -> str:
    """A grammar that writes exactly `text`."""
    return "root ::= " + json.dumps(text)


class Servers:
    """One model thread, three servers in front of it: the user allowed no actions, the read-only ones, or all."""

    def __init__(self, engine: Any, store_path: Path) -> None:
        from desktop.server.runner import LazyModels, Served, ThreadRunner
        from desktop.server.server import ApiServer

        self.engine = engine
        self.store_path = store_path
        self.runner = ThreadRunner(LazyModels(lambda: engine, None, None,
                                              actions=lambda: Actions(ConversationStore(store_path))),
                                   Served(llm=MODEL))
        self.runner.warm_up()
        self.servers = {level: ApiServer(self.runner, ServerConfig(api_key=KEY, default_max_tokens=48,
                                                                   actions=level), port=0)
                        for level in action_tools.ACCESS_LEVELS}
        for server in self.servers.values():
            server.start()

    def client(self, level: str) -> openai.OpenAI:
        return openai.OpenAI(base_url=self.servers[level].url, api_key=KEY, max_retries=0, timeout=300)

    def post(self, level: str, payload: dict) -> httpx2.Response:
        return httpx2.post(self.servers[level].url + "/chat/completions", json=payload,
                           headers={"Authorization": f"Bearer {KEY}"}, timeout=300)

    def alarms(self) -> list[tuple]:
        """The rows of the alarms table, read straight from the file: what the window would fire."""
        with sqlite3.connect(self.store_path) as db:
            return db.execute("SELECT kind, label, duration FROM alarms").fetchall()

    def close(self) -> None:
        for server in self.servers.values():
            assert server.stop()
        self.runner.close()


@pytest.fixture(scope="module")
def servers(scripted_engine, tmp_path_factory):  # noqa: ANN001, ANN201
    store_path = tmp_path_factory.mktemp("actions") / "conversations.sqlite3"
    ConversationStore(store_path).close()
    running = Servers(scripted_engine, store_path)
    yield running
    running.close()


@pytest.fixture
def script(scripted_engine):  # noqa: ANN001, ANN201
    scripted_engine.script = []
    yield scripted_engine.script
    scripted_engine.script.clear()


def ask(servers: Servers, level: str, content: str, *tools: str, **kwargs: Any):  # noqa: ANN201
    return servers.client(level).chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": content}],
        **({"tools": [tool(t) for t in tools]} if tools else {}), **{"temperature": 0.0, "max_tokens": 48, **kwargs})


TIMER_CALL = json.dumps({"name": "set_timer", "parameters": {"seconds": 120, "name": "tea"}})
SUM_CALL = json.dumps({"name": "calculate", "parameters": {"expression": SUM}})


def test_off_by_default_a_call_the_model_writes_is_only_text(servers: Servers, script: list) -> None:
    """No tools asked for, on a server whose user allowed everything: the model's reply is passed through as it
    is, even when it looks like a call, and nothing runs or is stored."""
    script.append(says(TIMER_CALL))
    reply = ask(servers, "all", "time my tea, two minutes")
    message = reply.choices[0].message
    assert message.content == TIMER_CALL and reply.choices[0].finish_reason == "stop"
    assert message.tool_calls is None and "chinwag_tool_calls" not in (message.model_extra or {})
    assert servers.alarms() == []
    # A client's own tools are refused exactly as before (the model is given none)
    response = servers.post("all", body(tools=[tool("get_weather")]))
    assert response.status_code == 400 and response.json()["error"]["param"] == "tools"


def test_asking_for_actions_the_user_has_not_allowed_is_a_403(servers: Servers, script: list) -> None:
    script.append(says(SUM_CALL))
    with pytest.raises(openai.PermissionDeniedError) as caught:
        ask(servers, "off", SUM, "chinwag.calculate")
    error = caught.value.body
    assert error["code"] == "actions_not_allowed" and "Settings" in error["message"]
    assert "--allow-actions read-only" in error["message"]
    assert script == [says(SUM_CALL)]  # refused before the model was asked


def test_read_only_maths_is_answered_exactly(servers: Servers, script: list) -> None:
    script.extend([says(SUM_CALL), says("That makes 275.")])
    reply = ask(servers, "read-only", f"what is {SUM}", "chinwag.calculate")
    message = reply.choices[0].message
    assert message.content == "That makes 275." and reply.choices[0].finish_reason == "stop"
    assert message.tool_calls is None  # nothing left for the client to run
    (ran,) = message.model_extra["chinwag_tool_calls"]
    assert ran["type"] == "function" and ran["id"].startswith("call_")
    assert ran["function"] == {"name": "chinwag.calculate", "arguments": json.dumps({"expression": SUM})}
    assert ran["output"] == "(50 + 60) × (50 × 3 / 60) = 275"
    assert '{"output": "(50 + 60) × (50 × 3 / 60) = 275"}' in servers.engine.last_prompt  # what the model read
    assert servers.alarms() == []


def test_streamed_the_call_comes_before_the_answer(servers: Servers, script: list) -> None:
    script.extend([says(SUM_CALL), says("That makes 275.")])
    chunks = list(ask(servers, "read-only", f"what is {SUM}", "chinwag.calculate", stream=True))
    deltas = [c.choices[0].delta for c in chunks if c.choices]
    ran = [(d.model_extra or {}).get("chinwag_tool_calls") for d in deltas]
    text = "".join(d.content or "" for d in deltas)
    first_text = next(i for i, d in enumerate(deltas) if d.content)
    (calls,) = [r for r in ran if r]
    assert calls[0]["output"].endswith("= 275") and ran.index(calls) < first_text
    assert text == "That makes 275." and chunks[-1].choices[0].finish_reason == "stop"


def test_a_timer_is_refused_at_read_only_and_set_at_all(servers: Servers, script: list) -> None:
    with pytest.raises(openai.PermissionDeniedError) as caught:
        ask(servers, "read-only", "time my tea, two minutes", "chinwag.set_timer")
    assert "--allow-actions all" in caught.value.body["message"]
    assert servers.alarms() == []
    script.extend([says(TIMER_CALL), says("Your tea timer is running.")])
    reply = ask(servers, "all", "time my tea, two minutes", "chinwag.set_timer", "chinwag.calculate")
    message = reply.choices[0].message
    assert message.content == "Your tea timer is running."
    (ran,) = message.model_extra["chinwag_tool_calls"]
    assert ran["function"]["name"] == "chinwag.set_timer" and ran["output"] == "Tea timer set for 2 minutes."
    assert servers.alarms() == [("timer", "tea", 120.0)]


def test_a_read_only_request_cannot_set_a_timer_by_calling_it(servers: Servers, script: list) -> None:
    """Offered `calculate` only, the model calls `set_timer`: it never runs; the call is written again under the
    grammar of what was offered (a sum the model makes up, or no call), and no alarm is stored."""
    before = servers.alarms()
    script.append(says(TIMER_CALL))
    reply = ask(servers, "read-only", "time my tea", "chinwag.calculate", max_tokens=24)
    ran = reply.choices[0].message.model_extra["chinwag_tool_calls"]
    assert all(r["function"]["name"] == "chinwag.calculate" for r in ran)
    assert "set_timer" not in (reply.choices[0].message.content or "")
    assert servers.alarms() == before


@pytest.mark.parametrize(("fields", "param"), MALFORMED)
def test_malformed_opt_ins_are_400s_never_500s(servers: Servers, fields: dict, param: str) -> None:
    for level in action_tools.ACCESS_LEVELS:
        response = servers.post(level, body(**fields))
        assert response.status_code == 400, response.text
        assert response.json()["error"]["param"] == param


def test_a_model_that_cannot_call_tools_says_so(starter_gguf: Path, tmp_path: Path) -> None:
    """SmolLM2 (ChatML) has no tool calling: a request for actions is a 400 that says what is needed."""
    from desktop.core.llm import ChatEngine
    from desktop.server.runner import LazyModels, Served, ThreadRunner
    from desktop.server.server import ApiServer

    engine = ChatEngine(starter_gguf, n_ctx=1024, n_threads=2)
    runner = ThreadRunner(LazyModels(lambda: engine, None, None,
                                     actions=lambda: Actions(ConversationStore(tmp_path / "c.sqlite3"))),
                          Served(llm="smollm2"))
    server = ApiServer(runner, ServerConfig(api_key=None, actions="all"), port=0)
    server.start()
    try:
        response = httpx2.post(server.url + "/chat/completions", timeout=120, json={
            "model": "smollm2", "messages": [{"role": "user", "content": "2+2"}], "tools": [tool("chinwag.calculate")]})
        assert response.status_code == 400 and "Llama 3" in response.json()["error"]["message"]
    finally:
        assert server.stop()
        runner.close()
