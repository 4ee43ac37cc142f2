"""The local OpenAI-compatible API as a Starlette application, over any `ModelRunner`.

Request flow: `Guard` (Host and Origin checks, the API key, the body size limit) → CORS, only where origins are
allowed → the endpoint, which checks the body (`protocol.py`), hands one job to the runner and relays what the job
sends back over a `Channel`. Model work happens only on the runner's thread, one job at a time, so two requests
never interleave tokens; a request that arrives during another waits its turn (`X-Chinwag-Queue-Position` says
behind how many jobs it was queued). A client that goes away stops its job at once: a task per request waits for
the disconnect and sets the job's cancel event, which the model thread checks on every token, between transcribed
segments and between spoken sentences.

Chinwag's own actions (desktop/core/actions: the time, the date, exact sums, unit conversions, timers and reminders)
are off for API clients unless the user allowed them (Settings → Local API server, `chinwag serve --allow-actions`;
`ServerConfig.actions`: "off", "read-only" or "all"). A client asks for them per request, as OpenAI-style tools named
with the `chinwag.` prefix, e.g. `"tools": [{"type": "function", "function": {"name": "chinwag.calculate"}}]`
(Chinwag supplies the description and parameters). Asking for one the user has not allowed is a 403 that says how
to allow it; a request without them is answered exactly as before, and nothing in it is ever run. When allowed, a
Llama 3.x model may call one (desktop/core/actions/tools.ToolReply): the call runs here, its result goes back to the
model, and the answer is the reply. The response is OpenAI's shape of a finished turn (`finish_reason` "stop", the
answer as `content`), with no `tool_calls`: in OpenAI's protocol those ask the client to run the calls, and these
already ran. What ran is listed beside the answer in `message.chinwag_tool_calls` (streamed: a chunk whose
`delta.chinwag_tool_calls` comes before the answer's text), each entry shaped like an OpenAI tool call
(`id`, `type`, `function.name`, `function.arguments`) plus `output`, the result the model was given.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import itertools
import json
import logging
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from desktop.core.actions import ActionResult
from desktop.core.actions import tools as action_tools
from desktop.core.errors import ChatTemplateError, ChinwagError, ModelLoadError, PromptTooLong
from desktop.core.languages import detect_text_language
from desktop.core.llm import GenerationParams
from desktop.core.speech_out import VoiceLoadError
from desktop.server import audio_io
from desktop.server.protocol import (
    ACTION_PREFIX,
    OPENAI_VOICES,
    SPEECH_ALIASES,
    TRANSCRIPT_FORMATS,
    WHISPER_ALIASES,
    ApiError,
    ChatRequest,
    Sampling,
    StopMatcher,
    has_surrogate,
    parse_chat,
    parse_completion,
    parse_json,
    parse_speech,
    room_for_reply,
    split_sentences,
)
from desktop.server.runner import ModelRunner, ModelSet, ModelUnavailable, Served

log = logging.getLogger(__name__)
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
ANY_ADDRESS = "*address"  # in ServerConfig.extra_hosts: a Host that is an IP address (a server on 0.0.0.0)
QUEUE_HEADER = "X-Chinwag-Queue-Position"
# Request headers a web page may send (the CORS preflight): the official OpenAI JavaScript client adds its own
# x-stainless-* headers (its version, the platform, the retry count…), whose list grows with its releases.
CORS_HEADERS = ("authorization", "content-type", "accept", "openai-organization", "openai-project", "openai-beta",
                "user-agent")
CORS_HEADER_PREFIXES = ("x-stainless-",)


class Throttle:
    """At most `burst` log lines per `window_s` for one kind of event; the rest are counted and summed up once the
    window is over, so a client that repeats a refused request cannot fill the log."""

    def __init__(self, burst: int = 5, window_s: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.burst = burst
        self.window_s = window_s
        self._clock = clock
        self._start = -1e18
        self._count = 0
        self._lock = threading.Lock()

    def allow(self) -> tuple[bool, int]:
        """(log this one?, how many were left out in the window before it, to say so)."""
        with self._lock:
            now = self._clock()
            left_out = 0
            if now - self._start >= self.window_s:
                left_out = max(0, self._count - self.burst)
                self._start, self._count = now, 0
            self._count += 1
            return self._count <= self.burst, left_out

    def log(self, logger: logging.Logger, level: int, message: str, *args: Any, **kwargs: Any) -> None:
        allowed, left_out = self.allow()
        if left_out:
            logger.log(level, "(%d more like the next were not logged in the last %.0f s)", left_out, self.window_s)
        if allowed:
            logger.log(level, message, *args, **kwargs)


@dataclass(frozen=True)
class ServerConfig:
    api_key: str | None  # None: no key needed (the user turned it off)
    # Host names accepted besides the loopback ones: the address of a non-loopback --host; for a wildcard address
    # such as 0.0.0.0, ANY_ADDRESS (any IP address) and this computer's names (server.wildcard_hosts); "*": any.
    extra_hosts: tuple[str, ...] = ()
    cors_origins: tuple[str, ...] = ()  # web origins allowed to call the API ("*": any); none by default
    max_body_bytes: int = 1 << 20  # JSON requests
    max_audio_bytes: int = 25 << 20  # an uploaded audio file, as OpenAI's own limit
    max_audio_seconds: float = 30 * 60  # what an upload may decode to (a few bytes can say "an hour of silence")
    default_max_tokens: int = GenerationParams.max_tokens
    header_timeout_s: float = 10.0  # a connection that sends no complete request head in this long is closed
    body_timeout_s: float = 60.0  # a body (an audio upload) that has not arrived in full in this long: 408
    max_connections: int = 64  # open at once; beyond, a new connection is closed at once
    # Which of Chinwag's actions a client may have run (action_tools.ACCESS_LEVELS): the user's choice, off unless set
    actions: str = "off"

    def host_allowed(self, host_header: str | None) -> bool:
        if not host_header:
            return False
        if "*" in self.extra_hosts:
            return True
        host = host_header.strip().lower()
        if host.startswith("["):  # [::1]:8080
            host = host[1:host.find("]")] if "]" in host else ""
        elif host.count(":") == 1:
            host = host.split(":", 1)[0]
        host = host.rstrip(".")
        if ANY_ADDRESS in self.extra_hosts and _is_ip(host):
            return True
        return host in LOOPBACK_NAMES or host in self.extra_hosts

    def origin_allowed(self, origin: str) -> bool:
        return "*" in self.cors_origins or origin in self.cors_origins


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class BodyTooLarge(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than this server's limit of {limit / (1 << 20):g} MiB.",
                         code="request_too_large")


class Guard:
    """Refuses what must not reach the API: a foreign Host (DNS rebinding), a web page not allowed by CORS, a
    request without the key, a body over the limit. Pure ASGI, so the body limit applies while the body streams."""

    def __init__(self, app: ASGIApp, config: ServerConfig) -> None:
        self.app = app
        self.config = config
        self.refused_hosts = Throttle()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        config = self.config
        if not config.host_allowed(headers.get("host")):
            # A page on some other name that resolves to 127.0.0.1 (DNS rebinding) carries that name here.
            self.refused_hosts.log(log, logging.WARNING, "refused a request for Host %r", headers.get("host"))
            await _send_error(ApiError(403, "This server answers only requests addressed to localhost, 127.0.0.1 "
                                            "or [::1].", code="host_not_allowed"), scope, receive, send)
            return
        origin = headers.get("origin")
        if origin is not None and not config.origin_allowed(origin):
            await _send_error(ApiError(403, f"Web pages from {origin} may not use this server. Allow the origin "
                                            "(chinwag serve --cors-origin) to let them.", code="origin_not_allowed"),
                              scope, receive, send)
            return
        if scope["method"] == "OPTIONS":  # a CORS preflight: answered by the CORS layer, before the key
            await self.app(scope, receive, send)
            return
        # From here on a web page that is allowed can read the refusals (401, 413): they carry its CORS headers.
        cors = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"} if origin is not None else None
        if config.api_key is not None and not _key_matches(headers.get("authorization"), config.api_key):
            await _send_error(ApiError(401, "Incorrect or missing API key. Send it as 'Authorization: Bearer <key>'; "
                                            "Chinwag shows it in Settings and when `chinwag serve` starts.",
                                       code="invalid_api_key"), scope, receive, send, cors)
            return
        limit = config.max_audio_bytes if scope["path"].startswith("/v1/audio/transcriptions") \
            else config.max_body_bytes
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await _send_error(BodyTooLarge(limit), scope, receive, send, cors)
            return
        received = 0
        complete = False
        deadline = time.monotonic() + config.body_timeout_s

        async def limited() -> Message:
            nonlocal received, complete
            if complete:  # the body is in: what follows is the wait for a disconnect, as long as the answer takes
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise ApiError(408, f"The request body did not arrive within {config.body_timeout_s:g} s.",
                               code="request_timeout") from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
                complete = not message.get("more_body", False)
            return message

        await self.app(scope, limited, send)


def _key_matches(authorization: str | None, key: str) -> bool:
    if not authorization:
        return False
    scheme, _, given = authorization.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), key.encode())


async def _send_error(error: ApiError, scope: Scope, receive: Receive, send: Send,
                      extra: dict[str, str] | None = None) -> None:
    headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else {}
    await Json(error.body(), status_code=error.status, headers={**headers, **(extra or {})})(scope, receive, send)


class Json(JSONResponse):
    """JSON as UTF-8; should any text in it not be encodable (a lone surrogate that got past the checks), as ASCII
    escapes instead of a failure: an answer is always sent."""

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except UnicodeEncodeError:
            return json.dumps(content, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode("ascii")


class Cors(CORSMiddleware):
    """Starlette's CORS layer, with the request headers allowed by prefix too (`x-stainless-*`)."""

    def __init__(self, app: ASGIApp, allow_origins: list[str], expose_headers: list[str]) -> None:
        super().__init__(app, allow_origins=allow_origins, allow_methods=["GET", "POST"],
                         allow_headers=list(CORS_HEADERS), expose_headers=expose_headers, max_age=600)

    def preflight_response(self, request_headers: Headers) -> Response:
        requested = request_headers.get("access-control-request-headers", "")
        names = [h.strip().lower() for h in requested.split(",") if h.strip()]
        extra = [h for h in names if h.startswith(CORS_HEADER_PREFIXES) and h not in self.allow_headers]
        if not extra:
            return super().preflight_response(request_headers)
        kept = self.allow_headers
        self.allow_headers = [*kept, *extra]  # for this check only (synchronous: no other request runs meanwhile)
        try:
            response = super().preflight_response(request_headers)
        finally:
            self.allow_headers = kept
        if response.status_code == 200:  # the browser wants each header it asked for named in the answer
            listed = response.headers.get("access-control-allow-headers", "")
            response.headers["Access-Control-Allow-Headers"] = ", ".join(filter(None, [listed, *extra]))
        return response


# ---- from the model thread to the request ---------------------------------------------------------------------


@dataclass
class Channel:
    """What one job sends back, from the model thread to the request's coroutine; `cancel` goes the other way."""

    loop: asyncio.AbstractEventLoop
    queue: asyncio.Queue[tuple[Any, ...]] = field(default_factory=asyncio.Queue)
    cancel: threading.Event = field(default_factory=threading.Event)
    watcher: asyncio.Task[None] | None = None

    def put(self, *item: Any) -> None:
        try:
            self.loop.call_soon_threadsafe(self.queue.put_nowait, item)
        except RuntimeError:  # the server's loop is gone (shutting down): nobody is listening any more
            self.cancel.set()

    def watch(self, request: Request) -> None:
        """Stop the job as soon as the client disconnects (the request's body has been read by now)."""

        async def wait_for_disconnect() -> None:
            while True:
                message = await request.receive()
                if message["type"] == "http.disconnect":
                    self.cancel.set()
                    self.queue.put_nowait(("gone",))
                    return

        self.watcher = asyncio.ensure_future(wait_for_disconnect())

    def done(self) -> None:
        """The answer is complete or abandoned: the job stops at its next check, and nobody waits for the client."""
        self.cancel.set()
        if self.watcher is not None and not self.watcher.done():
            self.watcher.cancel()


class ClientGone(Exception):
    pass


async def _next(channel: Channel, request: Request) -> tuple[Any, ...]:
    """The job's next message; ClientGone (the job told to stop) once the client has disconnected."""
    message = await channel.queue.get()
    if message[0] == "gone":
        raise ClientGone
    return message


def _as_api_error(error: BaseException) -> ApiError:
    if isinstance(error, ApiError):
        return error
    if isinstance(error, ClientGone):
        return ApiError(499, "The client closed the connection.", code="client_closed_request")
    if isinstance(error, PromptTooLong):
        return ApiError(400, str(error), param="messages", code="context_length_exceeded")
    if isinstance(error, ChatTemplateError):
        return ApiError(400, str(error), param="messages", code="invalid_value")
    if isinstance(error, (ModelUnavailable, ModelLoadError, VoiceLoadError)):
        return ApiError(503, str(error), code="model_not_available")
    if isinstance(error, ChinwagError):
        return ApiError(500, str(error), code="model_error")
    log.error("API job failed", exc_info=error)
    return ApiError(500, f"Chinwag failed inside ({type(error).__name__}: {error}); the log has the details.",
                    code="internal_error")


# ---- the application ------------------------------------------------------------------------------------------


class Api:
    def __init__(self, runner: ModelRunner, config: ServerConfig) -> None:
        self.runner = runner
        self.config = config
        self._ids = itertools.count(1)

    # ---- helpers --------------------------------------------------------------------------------------------

    async def _run_once(self, what: str, make_job: Callable[[Channel], Callable[[ModelSet], None]],
                        request: Request) -> tuple[tuple[Any, ...], int]:
        """Queue a job that answers with one message; that message (a failure raised as the API's error) and how
        many jobs were ahead of it."""
        channel, ahead = self._submit(what, make_job, request)
        try:
            message = await _next(channel, request)
        finally:
            channel.done()
        if message[0] == "error":
            raise _as_api_error(message[1])
        return message, ahead

    def _submit(self, what: str, make_job: Callable[[Channel], Callable[[ModelSet], None]],
                request: Request) -> tuple[Channel, int]:
        """Queue the job `make_job(channel)` builds; the channel it reports to, and how many jobs were ahead."""
        channel = Channel(asyncio.get_running_loop())
        channel.watch(request)
        job = make_job(channel)
        ahead = self.runner.waiting()
        if ahead:
            log.info("%s request queued behind %d model job(s) in progress or waiting", what, ahead)

        def guarded(models: ModelSet) -> None:
            if channel.cancel.is_set():  # the client left while this waited its turn
                channel.put("error", ClientGone())
                return
            try:
                job(models)
            except BaseException as error:  # noqa: BLE001 - every failure goes back to the request, typed
                channel.put("error", error)

        future = self.runner.submit(guarded)
        # A job that will never run (the window closed with it in the queue) must not leave its request waiting.
        future.add_done_callback(lambda done: channel.put("error", ModelUnavailable(
            "Chinwag is closing; the request was not run.")) if done.cancelled() else None)
        return channel, ahead

    def _llm_id(self, asked: str) -> str:
        served = self.runner.served()
        if served.llm is None:
            raise ApiError(503, "No language model is loaded yet. Wait for Chinwag to load one, then ask again.",
                           code="model_not_available")
        if asked not in (served.llm, served.llm_label):
            raise ApiError(404, f"The model '{asked}' does not exist here. This server has: {served.llm} "
                                "(see GET /v1/models).", param="model", code="model_not_found")
        return served.llm

    @staticmethod
    async def _json(request: Request) -> dict[str, Any]:
        return parse_json(await request.body())

    def _params(self, sampling: Sampling, max_tokens: int) -> GenerationParams:
        return GenerationParams(temperature=sampling.temperature, top_p=sampling.top_p, top_k=sampling.top_k,
                                min_p=sampling.min_p, repeat_penalty=sampling.repeat_penalty, max_tokens=max_tokens,
                                seed=-1 if sampling.seed is None else sampling.seed)

    def _generate(self, channel: Channel, sampling: Sampling,
                  open_reply: Callable[[ModelSet, Any], tuple[int, Callable[[GenerationParams], Any]]],
                  ) -> Callable[[ModelSet], None]:
        """A job: check the room in the context, then stream the reply over `channel`, cut at any stop sequence.
        `open_reply(models, engine)`: how many tokens the prompt takes, and what starts the reply's stream."""

        def job(models: ModelSet) -> None:
            engine = models.engine()
            prompt_tokens, stream_of = open_reply(models, engine)
            if prompt_tokens == 0:  # llama.cpp cannot start from nothing (a model without a start-of-text token)
                raise ApiError(400, "'prompt' is empty, and this model adds no start-of-text token, so there is "
                                    "nothing to continue from: send some text.", param="prompt",
                               code="invalid_value")
            max_tokens = room_for_reply(prompt_tokens, sampling.max_tokens, self.config.default_max_tokens,
                                        engine.n_ctx)
            channel.put("start")
            stopper = StopMatcher(sampling.stop)
            pieces = stream_of(self._params(sampling, max_tokens))
            try:
                for piece in pieces:  # the engine checks channel.cancel after every token (set: the client left)
                    out = stopper.feed(piece)
                    if out:
                        channel.put("text", out)
                    if stopper.stopped:
                        break
            finally:
                pieces.close()
            rest = stopper.flush()
            if rest:
                channel.put("text", rest)
            stats = engine.last_stats
            reason = "length" if stats.finish_reason == "length" and not stopper.stopped else "stop"
            channel.put("end", reason, stats.prompt_tokens, stats.completion_tokens)

        return job

    # ---- endpoints ------------------------------------------------------------------------------------------

    async def models(self, request: Request) -> Response:
        return Json({"object": "list", "data": [_model_card(i) for i in _served_ids(self.runner.served())]})

    async def model(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _served_ids(self.runner.served()):
            raise ApiError(404, f"The model '{name}' does not exist here.", param="model", code="model_not_found")
        return Json(_model_card(name))

    async def chat_completions(self, request: Request) -> Response:
        chat = parse_chat(await self._json(request))
        model = self._llm_id(chat.model)
        self._check_actions(chat)

        def open_reply(channel: Channel) -> Callable[[ModelSet, Any], tuple[int, Callable[[GenerationParams], Any]]]:
            if chat.offered:
                return lambda models, engine: _action_reply(chat, channel, models, engine)
            return lambda models, engine: (len(engine.prompt_tokens(chat.messages)),
                                           lambda params: engine.stream(chat.messages, params, channel.cancel))

        channel, ahead = self._submit("chat", lambda channel: self._generate(channel, chat.sampling,
                                                                             open_reply(channel)), request)
        return await self._relay(request, channel, ahead, model, chat.stream, chat.include_usage, chat=True,
                                 actions=bool(chat.actions))

    def _check_actions(self, chat: ChatRequest) -> None:
        """Refuses a request that names actions the user has not allowed API clients to run, saying how to allow
        them. Checked before anything is queued: a refused request never reaches the model."""
        refused = sorted(chat.actions - action_tools.allowed(self.config.actions))
        if not refused:
            return
        names = ", ".join(ACTION_PREFIX + name for name in refused)
        needed = "read-only" if set(refused) <= action_tools.READ_ONLY else "all"
        if self.config.actions == "read-only":
            why = ("The user allows other programs only Chinwag's read-only actions (the time, the date, calculations "
                   f"and unit conversions), so {names} may not run: timers and reminders need more.")
        else:
            why = f"The user has not allowed other programs to run Chinwag's actions, so {names} may not run."
        choice = {"read-only": "Read-only", "all": "All"}[needed]
        raise ApiError(403, f"{why} To allow that, the user chooses '{choice}' under 'Actions other apps may run' in "
                            f"Chinwag's Settings → Local API server (or starts `chinwag serve --allow-actions "
                            f"{needed}`).", param="tools", code="actions_not_allowed")

    async def completions(self, request: Request) -> Response:
        completion = parse_completion(await self._json(request))
        model = self._llm_id(completion.model)
        channel, ahead = self._submit("completion", lambda channel: self._generate(
            channel, completion.sampling, lambda models, engine: (
                len(engine.raw_tokens(completion.prompt)),
                lambda params: engine.stream_prompt(completion.prompt, params, channel.cancel))), request)
        prefix = completion.prompt if completion.echo else ""
        return await self._relay(request, channel, ahead, model, completion.stream, completion.include_usage,
                                 chat=False, prefix=prefix)

    async def _relay(self, request: Request, channel: Channel, ahead: int, model: str, stream: bool,
                     include_usage: bool, chat: bool, prefix: str = "", actions: bool = False) -> Response:
        """The job's answer as OpenAI's response (or its event stream). `actions`: the request asked for Chinwag's
        actions, so the message lists those that ran (`chinwag_tool_calls`, empty when none did)."""
        try:
            first = await _next(channel, request)
        except BaseException:
            channel.done()
            raise
        if first[0] == "error":
            channel.done()
            raise _as_api_error(first[1])
        number = next(self._ids)
        reply_id = f"{'chatcmpl' if chat else 'cmpl'}-{uuid.uuid4().hex[:24]}"
        created = int(time.time())
        headers = {QUEUE_HEADER: str(ahead)}
        log.info("API %s #%d started (%s)", "chat" if chat else "completion", number, model)
        if stream:
            return StreamingResponse(self._events(request, channel, reply_id, created, model, include_usage, chat,
                                                  prefix), media_type="text/event-stream",
                                     headers={**headers, "Cache-Control": "no-cache"})
        parts = [prefix]
        ran: list[dict[str, Any]] = []
        try:
            while True:
                message = await _next(channel, request)
                if message[0] == "text":
                    parts.append(message[1])
                elif message[0] == "ran":
                    ran.append(message[1])
                elif message[0] == "end":
                    _, reason, prompt_tokens, completion_tokens = message
                    break
                else:
                    raise _as_api_error(message[1])
        finally:
            channel.done()
        text = "".join(parts)
        choice: dict[str, Any] = {"index": 0, "finish_reason": reason, "logprobs": None}
        if chat:
            choice["message"] = {"role": "assistant", "content": text, "refusal": None}
            if actions:
                choice["message"]["chinwag_tool_calls"] = ran
        else:
            choice["text"] = text
        return Json({
            "id": reply_id, "object": "chat.completion" if chat else "text_completion", "created": created,
            "model": model, "system_fingerprint": None, "choices": [choice],
            "usage": _usage(prompt_tokens, completion_tokens),
        }, headers=headers)

    async def _events(self, request: Request, channel: Channel, reply_id: str, created: int, model: str,
                      include_usage: bool, chat: bool, prefix: str) -> AsyncIterator[bytes]:
        kind = "chat.completion.chunk" if chat else "text_completion"

        def chunk(text: str | None, reason: str | None, first: bool = False) -> bytes:
            if chat:
                delta: dict[str, Any] = {} if text is None else {"content": text}
                if first:
                    delta["role"] = "assistant"
                choice: dict[str, Any] = {"index": 0, "delta": delta, "finish_reason": reason, "logprobs": None}
            else:
                choice = {"index": 0, "text": text or "", "finish_reason": reason, "logprobs": None}
            return _sse({"id": reply_id, "object": kind, "created": created, "model": model,
                         "system_fingerprint": None, "choices": [choice]})

        try:
            if chat or prefix:
                yield chunk("" if chat else prefix, None, first=True)
            while True:
                message = await channel.queue.get()
                if message[0] == "gone":
                    return
                if message[0] == "text":
                    yield chunk(message[1], None)
                    continue
                if message[0] == "ran":
                    yield _sse({"id": reply_id, "object": kind, "created": created, "model": model,
                                "system_fingerprint": None, "choices": [{"index": 0, "delta": {
                                    "chinwag_tool_calls": [message[1]]}, "finish_reason": None, "logprobs": None}]})
                    continue
                if message[0] == "end":
                    _, reason, prompt_tokens, completion_tokens = message
                    yield chunk(None, reason)
                    if include_usage:
                        yield _sse({"id": reply_id, "object": kind, "created": created, "model": model,
                                    "choices": [], "usage": _usage(prompt_tokens, completion_tokens)})
                else:
                    error = _as_api_error(message[1])
                    yield _sse(error.body())
                break
            yield b"data: [DONE]\n\n"
        finally:
            channel.done()  # the client went away (or the reply is over): the job stops at the next token

    async def transcriptions(self, request: Request) -> Response:
        served = self.runner.served()
        form = await request.form(max_files=1, max_fields=20)
        try:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise ApiError(400, "Missing required parameter: 'file' (the audio, sent as multipart/form-data).",
                               param="file", code="missing_required_parameter")
            model = _form_text(form, "model", required=True)
            if served.whisper is None:
                raise ApiError(503, "No speech-to-text model is loaded.", code="model_not_available")
            if model not in (served.whisper, *WHISPER_ALIASES):
                raise ApiError(404, f"The model '{model}' does not exist here. Use {served.whisper} or whisper-1.",
                               param="model", code="model_not_found")
            response_format = _form_text(form, "response_format") or "json"
            if response_format not in TRANSCRIPT_FORMATS:
                raise ApiError(400, f"response_format must be one of {', '.join(TRANSCRIPT_FORMATS)}.",
                               param="response_format", code="invalid_value")
            language = _form_text(form, "language")
            prompt = _form_text(form, "prompt")
            data = await upload.read()
            name = (upload.filename or "audio").encode("utf-8", "replace").decode("utf-8")[:120]
        finally:
            await form.close()
        pcm = await run_in_threadpool(audio_io.decode_upload, data, name, self.config.max_audio_seconds)

        def transcribe(channel: Channel) -> Callable[[ModelSet], None]:
            def job(models: ModelSet) -> None:
                transcriber = models.transcriber()
                kept = transcriber.language
                transcriber.language = language or kept  # this thread owns it for the length of the job
                try:
                    segments, found = transcriber.segments(pcm, prompt=prompt,
                                                           timed=response_format in ("srt", "vtt", "verbose_json"),
                                                           cancel=channel.cancel)  # checked between segments
                finally:
                    transcriber.language = kept
                if channel.cancel.is_set():
                    raise ClientGone
                channel.put("end", segments, found)
            return job

        (_, segments, found), ahead = await self._run_once("transcription", transcribe, request)
        text = " ".join(s.text for s in segments).strip()
        headers = {QUEUE_HEADER: str(ahead)}
        if response_format == "text":
            return PlainTextResponse(text + "\n", headers=headers)
        if response_format in ("srt", "vtt"):
            return PlainTextResponse(audio_io.subtitles([(s.start, s.end, s.text) for s in segments], response_format),
                                     headers=headers)
        if response_format == "verbose_json":
            return Json({
                "task": "transcribe", "language": found, "duration": round(pcm.size / 16_000, 3), "text": text,
                "segments": [{"id": i, "start": s.start, "end": s.end, "text": s.text} for i, s in enumerate(segments)],
            }, headers=headers)
        return Json({"text": text}, headers=headers)

    async def speech(self, request: Request) -> Response:
        speech = parse_speech(await self._json(request))
        served = self.runner.served()
        if served.voice is None:
            raise ApiError(503, "No voice is available.", code="model_not_available")
        if speech.model not in (served.voice, *SPEECH_ALIASES):
            raise ApiError(404, f"The model '{speech.model}' does not exist here. Use {served.voice} or tts-1.",
                           param="model", code="model_not_found")
        if speech.voice not in (served.voice, *OPENAI_VOICES):
            raise ApiError(400, f"Unknown voice '{speech.voice}'. This server speaks with {served.voice} (any of "
                                "OpenAI's voice names also picks it).", param="voice", code="invalid_value")
        # A voice named by its id is that voice; OpenAI's names ("alloy"…) name none of ours: the text's language
        # picks the voice then (a German text, the German voice when one is set up).
        language = None if speech.voice == served.voice else detect_text_language(speech.input)

        def speak(channel: Channel) -> Callable[[ModelSet], None]:
            def job(models: ModelSet) -> None:
                voice = models.voice_in(language)
                parts = []
                for sentence in split_sentences(speech.input):  # a client that leaves stops it between sentences
                    if channel.cancel.is_set():
                        raise ClientGone
                    parts.append(voice.synthesize(sentence, speed=speech.speed))
                samples = np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)
                channel.put("end", samples, voice.sample_rate)
            return job

        (_, samples, rate), ahead = await self._run_once("speech", speak, request)
        headers = {QUEUE_HEADER: str(ahead), "X-Sample-Rate": str(rate)}
        if speech.response_format == "pcm":
            return Response(audio_io.pcm16(samples), media_type="audio/pcm", headers=headers)
        return Response(audio_io.wav_bytes(samples, rate), media_type="audio/wav", headers=headers)


def _action_reply(chat: ChatRequest, channel: Channel, models: ModelSet,
                  engine: Any) -> tuple[int, Callable[[GenerationParams], Any]]:
    """The prompt's size and the reply's stream for a request offered Chinwag's actions (on the model thread)."""
    if getattr(engine, "family", "") != "llama3":
        raise ApiError(400, "The loaded model cannot call Chinwag's actions: that needs a Llama 3.1 or 3.2 model "
                            "(Chinwag's default). Choose one in Settings (or `chinwag serve --model`), or send the "
                            "request without them.", param="tools", code="unsupported_parameter")
    reply = action_tools.ToolReply(engine, models.actions(), names=chat.offered, force=chat.force_call,
                                   on_run=lambda call, result: channel.put("ran", _ran(call, result)))
    messages, tools = reply.prompt(chat.messages)
    return (len(engine.prompt_tokens(messages, tools=tools)),
            lambda params: reply.stream(chat.messages, params, channel.cancel))


def _ran(call: dict[str, Any], result: ActionResult) -> dict[str, Any]:
    """An action that ran, for the client: an OpenAI tool call with the result the model was given."""
    return {"id": f"call_{uuid.uuid4().hex[:24]}", "type": "function",
            "function": {"name": ACTION_PREFIX + call["name"],
                         "arguments": json.dumps(call["parameters"], ensure_ascii=False)},
            "output": result.reply}


def _form_text(form: Any, name: str, required: bool = False) -> str | None:
    value = form.get(name)
    if value is None or value == "":
        if required:
            raise ApiError(400, f"Missing required parameter: '{name}'.", param=name, code="missing_required_parameter")
        return None
    if not isinstance(value, str):
        raise ApiError(400, f"'{name}' must be a text field.", param=name, code="invalid_type")
    if has_surrogate(value):  # a form's charset parameter can name a codec that makes them (raw_unicode_escape)
        raise ApiError(400, f"'{name}' holds a lone UTF-16 surrogate, which is not text. Send valid Unicode.",
                       param=name, code="invalid_value")
    return value


def _served_ids(served: Served) -> list[str]:
    return [i for i in (served.llm, served.whisper, served.voice) if i]


def _model_card(model_id: str) -> dict[str, Any]:
    return {"id": model_id, "object": "model", "created": 0, "owned_by": "chinwag"}


def _usage(prompt_tokens: int, completion_tokens: int) -> dict[str, int]:
    return {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens}


def _sse(payload: dict[str, Any]) -> bytes:
    try:
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n".encode()
    except UnicodeEncodeError:  # see Json
        return f"data: {json.dumps(payload)}\n\n".encode()


async def _api_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ApiError)
    return Json(error.body(), status_code=error.status)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "invalid_request")
    message = {404: f"There is no {request.url.path} here; the API lives under /v1 (see GET /v1/models).",
               405: f"{request.method} is not allowed on {request.url.path}."}.get(error.status_code, str(error.detail))
    return Json(ApiError(error.status_code, message, code=code).body(), status_code=error.status_code,
                        headers=error.headers)


_gone_log = Throttle()


async def _client_gone(request: Request, error: Exception) -> Response:
    # Nobody reads it: the client disconnected while its request waited, or in the middle of sending its body.
    # Worth a line in the log (not a traceback), and not a line per attempt.
    _gone_log.log(log, logging.INFO, "a client left before its answer (%s %s)", request.method, request.url.path)
    return Response(status_code=499)


async def _unexpected(request: Request, error: Exception) -> Response:
    api_error = _as_api_error(error)
    return Json(api_error.body(), status_code=api_error.status)


def create_app(runner: ModelRunner, config: ServerConfig) -> Starlette:
    api = Api(runner, config)
    routes = [
        Route("/v1/models", api.models, methods=["GET"]),
        Route("/v1/models/{name:path}", api.model, methods=["GET"]),
        Route("/v1/chat/completions", api.chat_completions, methods=["POST"]),
        Route("/v1/completions", api.completions, methods=["POST"]),
        Route("/v1/audio/transcriptions", api.transcriptions, methods=["POST"]),
        Route("/v1/audio/speech", api.speech, methods=["POST"]),
    ]
    middleware = [Middleware(Guard, config=config)]
    if config.cors_origins:
        middleware.append(Middleware(Cors, allow_origins=list(config.cors_origins), expose_headers=[QUEUE_HEADER]))
    return Starlette(routes=routes, middleware=middleware, exception_handlers={
        ApiError: _api_error, HTTPException: _http_error, ClientGone: _client_gone, ClientDisconnect: _client_gone,
        Exception: _unexpected,
    })
