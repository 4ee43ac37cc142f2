"""The OpenAI API's request and error shapes, checked field by field: plain values in, typed requests out.

Every way a body can be wrong becomes an `ApiError` with a 4xx status and the OpenAI error object
(`{"error": {"message", "type", "param", "code"}}`), never an exception that would end as a 500.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from desktop.core.actions import tools as action_tools

# Sent as `model` by clients written for OpenAI's own speech endpoints; served by the loaded Whisper / voice.
WHISPER_ALIASES = ("whisper-1",)
SPEECH_ALIASES = ("tts-1", "tts-1-hd", "gpt-4o-mini-tts")
OPENAI_VOICES = ("alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer", "verse")
MAX_STOPS = 4
MAX_SPEECH_CHARS = 4096
MIN_ROOM = 16  # tokens a reply needs at the least (ChatEngine keeps as many free)


class ApiError(Exception):
    """An answer in OpenAI's error shape."""

    def __init__(self, status: int, message: str, param: str | None = None, code: str | None = None,
                 kind: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.param = param
        self.code = code
        self.kind = kind or ("server_error" if status >= 500 else "invalid_request_error")

    def body(self) -> dict[str, Any]:
        return {"error": {"message": self.message, "type": self.kind, "param": self.param, "code": self.code}}


_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_json(raw: bytes) -> dict[str, Any]:
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:  # RecursionError: nested too deep
        raise ApiError(400, f"The request body is not valid JSON ({_clip(str(error))}). Send a JSON object.",
                       code="invalid_json") from error
    if not isinstance(payload, dict):
        raise ApiError(400, "The request body must be a JSON object.", code="invalid_json")
    _refuse_surrogates(payload)
    return payload


def has_surrogate(text: str) -> bool:
    return not text.isascii() and _SURROGATE.search(text) is not None


def _refuse_surrogates(payload: dict[str, Any]) -> None:
    """JSON's `\\ud800` escapes can spell half of a UTF-16 pair, which Python keeps as a lone surrogate: a string no
    encoder, log file or model can take. Refused here, once, for every string of the body (keys too)."""
    stack: list[tuple[str, Any]] = [("", payload)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            if has_surrogate(value):
                raise ApiError(400, f"'{_clip(where or 'body', 80)}' holds a lone UTF-16 surrogate (a \\ud800-\\udfff "
                                    "escape without its pair), which is not text. Send valid Unicode.",
                               param=_clip(where, 80) or None, code="invalid_value")
        elif isinstance(value, dict):
            for key, item in value.items():
                name = f"{where}.{key}" if where else key
                if has_surrogate(key):
                    raise ApiError(400, "A key of the request body holds a lone UTF-16 surrogate, which is not text. "
                                        "Send valid Unicode.", code="invalid_value")
                stack.append((name, item))
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", item) for i, item in enumerate(value))


def _clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _preview(value: Any, limit: int = 60) -> str:
    """A short JSON-like picture of `value` for an error message: bounded in depth and length, whatever was sent."""
    out: list[str] = []
    size = 0

    def put(text: str) -> None:
        nonlocal size
        out.append(text)
        size += len(text)

    def walk(item: Any, depth: int) -> None:
        if size > limit:
            return
        if isinstance(item, (list, dict)):
            if depth >= 3:
                put("[…]" if isinstance(item, list) else "{…}")
                return
            pairs = list(item.items())[:4] if isinstance(item, dict) else [(None, x) for x in item[:4]]
            put("[" if isinstance(item, list) else "{")
            for i, (key, x) in enumerate(pairs):
                if i:
                    put(", ")
                if key is not None:
                    put(json.dumps(str(key)[:20]) + ": ")
                walk(x, depth + 1)
            if len(item) > len(pairs):
                put(", …")
            put("]" if isinstance(item, list) else "}")
        elif isinstance(item, str):
            put(json.dumps(item[:limit]))
        else:
            put(_number_text(item) if isinstance(item, (int, float)) and not isinstance(item, bool)
                else json.dumps(item))

    walk(value, 0)
    text = "".join(out)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number_text(value: int | float) -> str:
    """A number for a message: a huge whole number is described, never converted to a float (that overflows)."""
    if isinstance(value, int):
        digits = len(str(abs(value))) if abs(value) < 10 ** 40 else None
        return str(value) if digits is not None else "a whole number too large to use"
    return f"{value:g}"


def _type_error(name: str, wanted: str, value: Any) -> ApiError:
    return ApiError(400, f"Invalid type for '{name}': expected {wanted}, but got {type(value).__name__} "
                         f"({_preview(value)}).", param=name, code="invalid_type")


def _string(payload: dict[str, Any], name: str, required: bool = False) -> str | None:
    value = payload.get(name)
    if value is None:
        if required:
            raise ApiError(400, f"Missing required parameter: '{name}'.", param=name, code="missing_required_parameter")
        return None
    if not isinstance(value, str):
        raise _type_error(name, "a string", value)
    return value


def _number(payload: dict[str, Any], name: str, low: float, high: float) -> float | None:
    value = payload.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _type_error(name, "a number", value)
    # A whole number is compared as it is (Python compares int and float exactly): float() of 400 digits overflows.
    if isinstance(value, float) and not math.isfinite(value) or not low <= value <= high:
        raise ApiError(400, f"'{name}' must be between {low:g} and {high:g}, got {_number_text(value)}.", param=name,
                       code="invalid_value")
    return float(value)


def _integer(payload: dict[str, Any], name: str, low: int, high: int) -> int | None:
    value = payload.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error(name, "an integer", value)
    if not low <= value <= high:
        raise ApiError(400, f"'{name}' must be between {low} and {high}, got {_number_text(value)}.", param=name,
                       code="invalid_value")
    return value


def _boolean(payload: dict[str, Any], name: str) -> bool:
    value = payload.get(name, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _type_error(name, "a boolean", value)
    return value


def _unsupported(payload: dict[str, Any], name: str, why: str) -> None:
    if payload.get(name) not in (None, False, [], {}):
        raise ApiError(400, f"'{name}' is not supported by Chinwag's local server: {why}", param=name,
                       code="unsupported_parameter")


@dataclass(frozen=True)
class Sampling:
    """What a request asks of the sampler; None takes the model's own recommendation."""

    temperature: float | None = None
    top_p: float | None = None
    top_k: int | None = None
    min_p: float | None = None
    repeat_penalty: float | None = None
    max_tokens: int | None = None  # None: the server's default, within the room the context leaves
    seed: int | None = None
    stop: tuple[str, ...] = ()


def _sampling(payload: dict[str, Any]) -> Sampling:
    max_tokens = _integer(payload, "max_completion_tokens", 1, 1 << 24)
    if max_tokens is None:
        max_tokens = _integer(payload, "max_tokens", 1, 1 << 24)
    # frequency_penalty and presence_penalty are checked (clients send 0 by default) but not applied: Chinwag's
    # sampler has llama.cpp's repeat penalty instead (`repeat_penalty`, an extension field).
    _number(payload, "frequency_penalty", -2.0, 2.0)
    _number(payload, "presence_penalty", -2.0, 2.0)
    if _integer(payload, "n", 1, 128) not in (None, 1):
        raise ApiError(400, "Only n=1 is supported: ask again for another answer.", param="n", code="invalid_value")
    _unsupported(payload, "logprobs", "token log-probabilities are not reported.")
    _unsupported(payload, "logit_bias", "the sampler takes no logit bias.")
    seed = _integer(payload, "seed", -(1 << 63), (1 << 63) - 1)
    return Sampling(
        temperature=_number(payload, "temperature", 0.0, 2.0),
        top_p=_number(payload, "top_p", 0.0, 1.0),
        top_k=_integer(payload, "top_k", 0, 1 << 20),
        min_p=_number(payload, "min_p", 0.0, 1.0),
        repeat_penalty=_number(payload, "repeat_penalty", 0.0, 10.0),
        max_tokens=max_tokens,
        seed=None if seed is None else seed % (1 << 31),  # llama.cpp takes a 32-bit seed
        stop=_stops(payload.get("stop")),
    )


def _stops(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise _type_error("stop", "a string or a list of strings", value)
    if len(value) > MAX_STOPS:
        raise ApiError(400, f"'stop' takes at most {MAX_STOPS} sequences.", param="stop", code="invalid_value")
    return tuple(s for s in value if s)


@dataclass(frozen=True)
class ChatRequest:
    model: str
    messages: list[dict[str, str]]
    sampling: Sampling
    stream: bool = False
    include_usage: bool = False
    # Chinwag's own actions the client named in `tools` (without the prefix): what the user's permission must cover
    actions: frozenset[str] = frozenset()
    offered: frozenset[str] = frozenset()  # those the model is offered (none for tool_choice "none")
    force_call: bool = False  # tool_choice "required", or one action named: the reply must be a call


# The prefix of a tool that asks for one of Chinwag's own actions: "chinwag.calculate". A dot cannot be part of a
# function name OpenAI accepts, so it never collides with a client's own tool.
ACTION_PREFIX = "chinwag."


def _names_action(tool: Any) -> bool:
    function = tool.get("function") if isinstance(tool, dict) else None
    name = function.get("name") if isinstance(function, dict) else None
    return isinstance(name, str) and name.startswith(ACTION_PREFIX)


def _actions(payload: dict[str, Any]) -> tuple[frozenset[str], frozenset[str], bool]:
    """The Chinwag actions a request opts in to (named, offered, forced), from its `tools` and `tool_choice`.

    A request whose tools name none of them is refused as before (the model is given no client's tools); one that
    names them must name nothing else, each entry `{"type": "function", "function": {"name": "chinwag.<action>"}}`.
    Chinwag's own description and parameters are used: anything else in an entry is ignored.
    """
    tools = payload.get("tools")
    if tools is None or tools == []:
        return frozenset(), frozenset(), False
    if not isinstance(tools, list) or not any(_names_action(t) for t in tools):
        _unsupported(payload, "tools", "the model is given no client's tools. Chinwag's own actions can be asked "
                                       f"for as tools named {ACTION_PREFIX}<action> (the user must allow them).")
        return frozenset(), frozenset(), False  # an empty value (false, {}), accepted as before
    known = ", ".join(ACTION_PREFIX + t["function"]["name"] for t in action_tools.TOOLS)
    names: set[str] = set()
    for i, tool in enumerate(tools):
        where = f"tools[{i}]"
        if not isinstance(tool, dict):
            raise _type_error(where, "an object", tool)
        if tool.get("type") != "function":
            raise ApiError(400, f"Invalid value for '{where}.type': {_preview(tool.get('type'))}. Use \"function\".",
                           param=f"{where}.type", code="invalid_value")
        function = tool.get("function")
        if not isinstance(function, dict):
            raise _type_error(f"{where}.function", "an object", function)
        name = function.get("name")
        if not isinstance(name, str):
            raise _type_error(f"{where}.function.name", "a string", name)
        action = name.removeprefix(ACTION_PREFIX)
        if not name.startswith(ACTION_PREFIX) or action not in action_tools.NAMES:
            raise ApiError(400, f"'{where}.function.name' is {_preview(name)}: a request that asks for Chinwag's "
                                f"actions may name only them ({known}); the model is given no client's own tools.",
                           param=f"{where}.function.name", code="invalid_value")
        names.add(action)
    named = frozenset(names)
    choice = payload.get("tool_choice")
    if choice is None or choice == "auto":
        return named, named, False
    if choice == "none":
        return named, frozenset(), False
    if choice == "required":
        return named, named, True
    if isinstance(choice, dict) and choice.get("type") == "function" and isinstance(choice.get("function"), dict):
        name = choice["function"].get("name")
        if isinstance(name, str) and name.removeprefix(ACTION_PREFIX) in named and name.startswith(ACTION_PREFIX):
            return named, frozenset({name.removeprefix(ACTION_PREFIX)}), True
    raise ApiError(400, f"Invalid value for 'tool_choice': {_preview(choice)}. Use \"auto\", \"none\", \"required\" or "
                        '{"type": "function", "function": {"name": …}} naming one of the tools sent.',
                   param="tool_choice", code="invalid_value")


_ROLES = {"system": "system", "developer": "system", "user": "user", "assistant": "assistant"}


def parse_chat(payload: dict[str, Any]) -> ChatRequest:
    model = _string(payload, "model", required=True)
    raw = payload.get("messages")
    if raw is None:
        raise ApiError(400, "Missing required parameter: 'messages'.", param="messages",
                       code="missing_required_parameter")
    if not isinstance(raw, list):
        raise _type_error("messages", "an array", raw)
    if not raw:
        raise ApiError(400, "'messages' must hold at least one message.", param="messages", code="invalid_value")
    actions, offered, force_call = _actions(payload)
    _unsupported(payload, "functions", "this model does not call functions.")
    messages = [_message(i, m) for i, m in enumerate(raw)]
    return ChatRequest(model=model or "", messages=messages, sampling=_sampling(payload),
                       stream=_boolean(payload, "stream"), include_usage=_include_usage(payload), actions=actions,
                       offered=offered, force_call=force_call)


def _include_usage(payload: dict[str, Any]) -> bool:
    options = payload.get("stream_options")
    if options is None:
        return False
    if not isinstance(options, dict):
        raise _type_error("stream_options", "an object", options)
    return _boolean(options, "include_usage")


def _message(index: int, message: Any) -> dict[str, str]:
    where = f"messages[{index}]"
    if not isinstance(message, dict):
        raise _type_error(where, "an object", message)
    role = message.get("role")
    if not isinstance(role, str) or role not in _ROLES:  # a list or an object is no role (and not hashable)
        raise ApiError(400, f"Invalid value for '{where}.role': {_preview(role)}. Supported roles: system, "
                            "developer, user, assistant.", param=f"{where}.role", code="invalid_value")
    content = message.get("content")
    if isinstance(content, list):
        texts = []
        for part in content:
            if not isinstance(part, dict) or part.get("type") != "text" or not isinstance(part.get("text"), str):
                raise ApiError(400, f"'{where}.content' may only hold text parts: this model reads text only.",
                               param=f"{where}.content", code="invalid_value")
            texts.append(part["text"])
        content = "".join(texts)
    if not isinstance(content, str):
        raise _type_error(f"{where}.content", "a string or an array of text parts", content)
    return {"role": _ROLES[role], "content": content}


@dataclass(frozen=True)
class CompletionRequest:
    model: str
    prompt: str
    sampling: Sampling
    stream: bool = False
    echo: bool = False
    include_usage: bool = False


def parse_completion(payload: dict[str, Any]) -> CompletionRequest:
    model = _string(payload, "model", required=True)
    prompt = payload.get("prompt")
    if isinstance(prompt, list) and len(prompt) == 1 and isinstance(prompt[0], str):
        prompt = prompt[0]
    if prompt is None:
        raise ApiError(400, "Missing required parameter: 'prompt'.", param="prompt", code="missing_required_parameter")
    if not isinstance(prompt, str):
        raise _type_error("prompt", "a string (or a list of one string)", prompt)
    _unsupported(payload, "suffix", "the model does not fill in the middle.")
    if _integer(payload, "best_of", 1, 128) not in (None, 1):
        raise ApiError(400, "Only best_of=1 is supported.", param="best_of", code="invalid_value")
    return CompletionRequest(model=model or "", prompt=prompt, sampling=_sampling(payload),
                             stream=_boolean(payload, "stream"), echo=_boolean(payload, "echo"),
                             include_usage=_include_usage(payload))


@dataclass(frozen=True)
class SpeechRequest:
    model: str
    input: str
    voice: str
    response_format: str = "wav"
    speed: float = 1.0


SPEECH_FORMATS = ("wav", "pcm")


def parse_speech(payload: dict[str, Any]) -> SpeechRequest:
    model = _string(payload, "model", required=True) or ""
    text = _string(payload, "input", required=True) or ""
    # Control characters (a NUL ends a C string inside the phonemizer) are spaces to a voice.
    text = "".join(" " if unicodedata.category(c) == "Cc" and c not in "\n\t" else c for c in text)
    if not any(c.isalnum() for c in text):
        raise ApiError(400, "'input' has nothing to speak: give the text to speak (words, not only punctuation, "
                            "spaces or control characters).", param="input", code="invalid_value")
    if len(text) > MAX_SPEECH_CHARS:
        raise ApiError(400, f"'input' is {len(text)} characters; at most {MAX_SPEECH_CHARS} are spoken at once.",
                       param="input", code="invalid_value")
    voice = _string(payload, "voice", required=True) or ""
    response_format = _string(payload, "response_format") or "wav"
    if response_format not in SPEECH_FORMATS:
        raise ApiError(400, f"response_format {response_format!r} is not available here; use one of "
                            f"{', '.join(SPEECH_FORMATS)}.", param="response_format", code="invalid_value")
    speed = _number(payload, "speed", 0.25, 4.0)
    return SpeechRequest(model, text, voice, response_format, 1.0 if speed is None else speed)


TRANSCRIPT_FORMATS = ("json", "text", "verbose_json", "srt", "vtt")

_SENTENCE_END = re.compile(r"(?<=[.!?…。！？])\s+|\n\s*\n|\n(?=\s*[-*•\d])")


def split_sentences(text: str) -> list[str]:
    """The speech input in sentences (and paragraphs, list items), each spoken on its own: between them a client that
    left stops the job. Piper itself would split the text the same way inside one call."""
    return [part.strip() for part in _SENTENCE_END.split(text) if any(c.isalnum() for c in part)]


@dataclass
class StopMatcher:
    """Cuts a streamed text at the first stop sequence, holding back just what could be the start of one."""

    stops: tuple[str, ...] = ()
    stopped: bool = False
    _pending: str = field(default="", repr=False)

    def feed(self, text: str) -> str:
        """The part of the text so far that is safe to send."""
        if self.stopped:
            return ""
        if not self.stops:
            return text
        pending = self._pending + text
        hits = [i for i in (pending.find(s) for s in self.stops) if i >= 0]
        if hits:
            self.stopped = True
            self._pending = ""
            return pending[: min(hits)]
        hold = 0
        for stop in self.stops:
            for k in range(min(len(stop) - 1, len(pending)), hold, -1):
                if pending.endswith(stop[:k]):
                    hold = k
                    break
        self._pending = pending[len(pending) - hold:] if hold else ""
        return pending[: len(pending) - hold]

    def flush(self) -> str:
        rest, self._pending = self._pending, ""
        return "" if self.stopped else rest


def room_for_reply(prompt_tokens: int, asked: int | None, default: int, n_ctx: int) -> int:
    """How many tokens the reply may take; an ApiError when the prompt (and what was asked) does not fit."""
    if asked is not None and prompt_tokens + asked > n_ctx:
        raise ApiError(400, f"This model's maximum context length is {n_ctx} tokens. However, you requested "
                            f"{prompt_tokens + asked} tokens ({prompt_tokens} in the messages, {asked} in the "
                            "completion). Please reduce the length of the messages or completion.",
                       param="messages", code="context_length_exceeded")
    room = n_ctx - prompt_tokens
    if room < MIN_ROOM:
        raise ApiError(400, f"This model's maximum context length is {n_ctx} tokens. However, your messages "
                            f"resulted in {prompt_tokens} tokens. Please reduce the length of the messages.",
                       param="messages", code="context_length_exceeded")
    return min(asked if asked is not None else default, room)
