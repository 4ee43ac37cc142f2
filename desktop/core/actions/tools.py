"""The local actions as tools a Llama 3.x model may call (issue 22 §2), in Llama 3's JSON tool-call format.

`TOOLS` are OpenAI-style function definitions (what the chat template's `tools` gets); `call_grammar()` is a
llama.cpp grammar (GBNF) that admits exactly one call to one of them, with its parameters' types, so a constrained
call is always valid JSON naming a real action; `parse_call` checks a call the model wrote freely; `run_call` carries
it out through the same `Actions` a typed request uses (the same safe maths parser, the same store).
`ToolReply` is one reply during which the model may call them: the window's turn and the API server both use it.

Which actions an API client may have run is the user's choice (Settings → Local API server, `chinwag serve
--allow-actions`): `ACCESS_LEVELS`, and `allowed(level)` the actions each level lets through. The read-only ones
only look things up or work things out; the rest change what this desktop will do (a timer rings, a reminder
pops up), so a program that talks to the API must not get them unless the user said so.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import Any

from desktop.core.actions import ActionResult, Actions, Request, normalise
from desktop.core.actions.language import load
from desktop.core.actions.maths import NotMaths, evaluate
from desktop.core.actions.units import NotAConversion, convert
from desktop.core.actions.when import MAX_DURATION_S, parse_time


def _function(name: str, description: str, properties: dict[str, dict], required: list[str]) -> dict:
    return {"type": "function", "function": {"name": name, "description": description, "parameters": {
        "type": "object", "properties": properties, "required": required}}}


TOOLS: list[dict] = [
    _function("set_timer", "Start a countdown timer.", {
        "seconds": {"type": "integer", "description": "how long, in seconds"},
        "name": {"type": "string", "description": "optional label, e.g. pasta"}}, ["seconds"]),
    _function("set_reminder", "Remind the user of something, after a delay or at a time of day.", {
        "text": {"type": "string", "description": "what to remind them of"},
        "in_seconds": {"type": "integer", "description": "after this many seconds"},
        "at": {"type": "string", "description": "or at this time of day, 24-hour HH:MM"}}, ["text"]),
    _function("cancel_timer", "Cancel a timer or reminder.", {
        "name": {"type": "string", "description": "its label; empty for the only one"}}, []),
    _function("list_timers", "List the timers and reminders set, with the time left.", {}, []),
    _function("get_time", "The current local time.", {}, []),
    _function("get_date", "Today's date.", {}, []),
    _function("calculate", "Exact arithmetic, or solve equations (use ; between equations).", {
        "expression": {"type": "string", "description": "e.g. (50+60)*(50*3/60) or 7x+10y=17339; x+y=2000"}},
        ["expression"]),
    _function("convert_units", "Convert a quantity between units.", {
        "value": {"type": "number"}, "from_unit": {"type": "string"}, "to_unit": {"type": "string"}},
        ["value", "from_unit", "to_unit"]),
]
NAMES = {t["function"]["name"] for t in TOOLS}
_TYPES = {"integer": "int", "number": "num", "string": "str"}
log = logging.getLogger(__name__)

# "off": none; "read-only": the actions that change nothing on this desktop; "all": timers and reminders too (listing
# them counts as "all": their labels are the user's own words, e.g. "call the doctor").
ACCESS_LEVELS = ("off", "read-only", "all")
READ_ONLY = frozenset({"get_time", "get_date", "calculate", "convert_units"})


def allowed(level: str) -> frozenset[str]:
    """The actions an API client may have run at `level`; none for a level that is not one of ACCESS_LEVELS."""
    return {"all": frozenset(NAMES), "read-only": READ_ONLY}.get(level, frozenset())


def tools_for(names: Collection[str] | None = None) -> list[dict]:
    """The definitions of `names` (all of TOOLS for None), in TOOLS' order."""
    return [t for t in TOOLS if names is None or t["function"]["name"] in names]


class BadCall(ValueError):
    """Not a call to one of TOOLS with the right parameters."""


def call_grammar(names: Collection[str] | None = None) -> str:
    """GBNF for `{"name": <a tool>, "parameters": {…}}`: required parameters in order, optional ones after. With
    `names`, only those tools can be called (an API client that offered only `calculate` never gets a timer)."""
    rules = []
    choices = []
    for tool in tools_for(names):
        function = tool["function"]
        rule = function["name"].replace("_", "-")
        props = function["parameters"]["properties"]
        required = function["parameters"]["required"]
        parts = []
        for i, key in enumerate(required):
            parts.append(("\",\" ws " if i else "") + f'"\\"{key}\\":" ws {_TYPES[props[key]["type"]]}')
        body = " ws ".join(parts)
        for key in [k for k in props if k not in required]:
            lead = '"," ws ' if required or body else ""
            body += f' ( ws {lead}"\\"{key}\\":" ws {_TYPES[props[key]["type"]]} )?'
            if not required:  # with nothing required, a later optional one follows an earlier with a comma
                break
        rules.append(f'{rule} ::= "\\"{function["name"]}\\"" ws "," ws "\\"parameters\\":" ws "{{" ws {body} ws "}}"'
                     if body.strip() else
                     f'{rule} ::= "\\"{function["name"]}\\"" ws "," ws "\\"parameters\\":" ws "{{" ws "}}"')
        choices.append(rule)
    return "\n".join([
        f'root ::= "{{" ws "\\"name\\":" ws ( {" | ".join(choices)} ) ws "}}"',
        *rules,
        'int ::= [1-9] [0-9]? [0-9]? [0-9]? [0-9]? [0-9]?',
        'num ::= "-"? [0-9] [0-9]? [0-9]? [0-9]? [0-9]? [0-9]? ( "." [0-9] [0-9]? [0-9]? )?',
        'str ::= "\\"" [^"\\\\\\x7F\\x00-\\x1F]{0,60} "\\""',  # a short string: a label, an expression, a unit
        'ws ::= " "?',
    ])


def parse_call(text: str, names: Collection[str] | None = None) -> dict[str, Any]:
    """The call in `text` (Llama 3's `{"name": …, "parameters": …}`, an optional <|python_tag|> before it), checked
    against TOOLS (only `names` of them, when given). Raises BadCall."""
    text = text.strip().removeprefix("<|python_tag|>").strip()
    try:
        call = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadCall(str(error)) from error
    if not isinstance(call, dict) or call.get("name") not in (NAMES if names is None else names):
        raise BadCall(f"no such action: {call.get('name') if isinstance(call, dict) else call!r}")
    parameters = call.get("parameters", call.get("arguments", {}))
    if not isinstance(parameters, dict):
        raise BadCall("parameters must be an object")
    spec = next(t["function"]["parameters"] for t in TOOLS if t["function"]["name"] == call["name"])
    for key in spec["required"]:
        if key not in parameters:
            raise BadCall(f"{call['name']} needs {key}")
    for key, value in parameters.items():
        kind = spec["properties"].get(key, {}).get("type")
        ok = {"integer": isinstance(value, int) and not isinstance(value, bool),
              "number": isinstance(value, int | float) and not isinstance(value, bool),
              "string": isinstance(value, str)}.get(kind, False)
        if not ok:
            raise BadCall(f"{call['name']}: {key} is not a {kind or 'known parameter'}")
    return {"name": call["name"], "parameters": parameters}


def request_for(call: dict[str, Any], now: dt.datetime, language: str = "en") -> Request:
    """The Request a checked call stands for. Raises BadCall when its values make no sense."""
    lang = load(language)
    code = lang.code  # the answer is phrased in the language the values were read in
    name, p = call["name"], call["parameters"]
    if name == "set_timer":
        if not 0 < p["seconds"] <= MAX_DURATION_S:
            raise BadCall("a timer lasts between a second and a week")
        return Request("timer.set", {"seconds": float(p["seconds"]), "name": p.get("name", "").strip().lower()}, code)
    if name == "set_reminder":
        if "in_seconds" in p:
            if not 0 < p["in_seconds"] <= MAX_DURATION_S:
                raise BadCall("a reminder is due within a week")
            return Request("reminder.set", {"kind": "reminder", "seconds": float(p["in_seconds"]), "text": p["text"]},
                           code)
        due = parse_time(str(p.get("at", "")), lang, now)
        if due is None:
            raise BadCall("set_reminder needs in_seconds or at (HH:MM)")
        return Request("reminder.set", {"kind": "reminder", "due": due.timestamp(), "text": p["text"]}, code)
    if name == "cancel_timer":
        return Request("timer.cancel", {"kind": "timer", "name": p.get("name", "").strip().lower(), "all": False},
                       code)
    if name == "list_timers":
        return Request("timer.status", {"kind": "timer", "name": "", "all": True}, code)
    if name == "get_time":
        return Request("clock.time", {}, code)
    if name == "get_date":
        return Request("clock.date", {}, code)
    if name == "calculate":
        try:
            return Request("maths", {"answer": evaluate(normalise(p["expression"], lang), lang)}, code)
        except NotMaths as error:
            raise BadCall(f"not an expression: {error}") from error
    if name == "convert_units":
        try:
            return Request("convert", {"conversion": convert(f"{p['value']} {p['from_unit'].lower()}",
                                                             p["to_unit"].lower(), lang)}, code)
        except NotAConversion as error:
            raise BadCall(f"cannot convert: {error}") from error
    raise BadCall(name)


def run_call(call: dict[str, Any], actions: Actions, conversation_id: int | None = None) -> ActionResult:
    return actions.run(request_for(call, dt.datetime.fromtimestamp(actions.clock()), actions.language),
                       conversation_id)


def tools_prompt(names: Collection[str] | None = None) -> str:
    """For a template that does not render `tools` itself: the definitions and the call format, in words, as Meta
    documents them for Llama 3.1 and 3.2 (JSON-based tool calling)."""
    listing = "\n".join(json.dumps(t, ensure_ascii=False) for t in tools_for(names))
    return ("You can act on the user's computer only through these functions. To use one, respond with nothing but "
            'JSON in the format {"name": function name, "parameters": dictionary of argument name and its value}. '
            "Never say you set a timer or reminder unless the function's result says so.\n\n" + listing)


@dataclass
class ToolReply:
    """One reply during which a Llama 3.x model may call one of `names` instead of answering in text.

    A call is never shown: it is held back, checked (and written again under a grammar that admits only the offered
    actions if it was not valid), carried out, and its result goes back to the model in the `ipython` role; the
    model's answer to that is what streams. A reply that does not start as a call streams as it is. `on_run` hears of
    the call that ran, with its result, before the answer starts (the API reports it to its client).

    `force`: the reply must be a call (the API's `tool_choice` "required" or one named function), so it is written
    under the call grammar from the start. `grammar`: the first reply's grammar, for tests that script the model.
    """

    engine: Any  # a loaded ChatEngine
    actions: Actions
    names: frozenset[str] = frozenset(NAMES)
    grammar: str | None = None
    force: bool = False
    on_run: Callable[[dict[str, Any], ActionResult], None] | None = None
    call: dict[str, Any] | None = None  # the call that ran, once it has
    result: ActionResult | None = None

    def prompt(self, messages: list[dict[str, str]]) -> tuple[list[dict[str, str]], list[dict] | None]:
        """The messages and the `tools` argument the engine gets: a template that does not write the tools itself
        (a GGUF without Meta's template) has them described in the system prompt instead."""
        if self.engine.renders_tools:
            return messages, tools_for(self.names)
        return with_system(messages, tools_prompt(self.names)), None

    def stream(self, messages: list[dict[str, str]], params: Any, cancel: threading.Event) -> Iterator[str]:
        messages, tools = self.prompt(messages)
        engine = self.engine
        first_grammar = call_grammar(self.names) if self.force else self.grammar
        held: list[str] = []
        stream = engine.stream(messages, params, cancel, tools=tools, grammar=first_grammar)
        try:
            for piece in stream:
                held.append(piece)
                start = "".join(held).lstrip()
                if not start:
                    continue
                if not start.startswith(("{", "<|python_tag|>")):
                    yield from held
                    yield from stream
                    return
                break  # a call: read the rest, unseen
            for piece in stream:
                held.append(piece)
        finally:
            stream.close()
        if cancel.is_set() or not held:
            return
        request = self._checked("".join(held))
        if request is None:
            log.info("the model's tool call was not valid: written again under the call grammar")
            written = "".join(engine.stream(messages, params, cancel, tools=tools,
                                            grammar=call_grammar(self.names)))
            request = self._checked(written)
        result = None
        if request is not None and not cancel.is_set():
            try:
                result = self.actions.run(request)
            except Exception:  # noqa: BLE001 - a failed action must not cost the user their answer
                log.exception("the action %s failed", self.call["name"] if self.call else "?")
        if result is None:  # valid JSON for a real action, but values that make no sense (or it failed)
            log.info("no usable tool call: answering without tools")
            self.call = None
            yield from engine.stream(messages, params, cancel)
            return
        assert self.call is not None
        self.result = result
        log.info("the model called %s", self.call["name"])
        if self.on_run is not None:
            self.on_run(self.call, result)
        answered = [*messages, {"role": "assistant", "content": json.dumps(self.call)},
                    {"role": "ipython", "content": json.dumps({"output": result.reply}, ensure_ascii=False)}]
        yield from engine.stream(answered, params, cancel, tools=tools)

    def _checked(self, written: str) -> Request | None:
        """The request a written call stands for, or None (then `self.call` is None too)."""
        try:
            self.call = parse_call(written, self.names)
            return request_for(self.call, dt.datetime.fromtimestamp(self.actions.clock()), self.actions.language)
        except BadCall as error:
            log.info("tool call refused: %s", error)
            self.call = None
            return None


def with_system(messages: list[dict[str, str]], text: str) -> list[dict[str, str]]:
    """`text` added to the system prompt (made the system prompt if there is none)."""
    if messages and messages[0]["role"] == "system":
        return [{"role": "system", "content": f"{messages[0]['content']}\n\n{text}"}, *messages[1:]]
    return [{"role": "system", "content": text}, *messages]
