"""The local API server inside the window: switched on in Settings, it answers the official `openai` client with the
window's own models, through the window's worker (one copy in memory), and waits behind a turn in the window."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import keyring
import openai
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox

from desktop.server.app import QUEUE_HEADER
from tests.ui.conftest import TURN_TIMEOUT_MS, make_context


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def in_background(qtbot, work: Callable[[], Any], timeout_ms: int = TURN_TIMEOUT_MS) -> Any:  # noqa: ANN001
    """Run `work` on a thread while the Qt event loop keeps running (the window must go on working meanwhile)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = work()
        except BaseException as error:  # noqa: BLE001 - raised again in the test's thread
            box["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=timeout_ms)
    if "error" in box:
        raise box["error"]
    return box["value"]


def switch_on(window, qtbot, port: int, actions: str | None = None) -> str:  # noqa: ANN001
    """Settings → the switch, the port typed in, (`actions`: that level of actions other apps may run) OK; returns
    the key the dialog showed (and copied)."""
    dialog = window.c.settings.open()
    qtbot.waitExposed(dialog)
    box = dialog.server_box
    assert not box.enabled.isChecked()  # off by default
    qtbot.mouseClick(box.enabled, Qt.MouseButton.LeftButton)
    assert box.enabled.isChecked()
    box.port.setFocus()
    box.port.selectAll()
    qtbot.keyClicks(box.port, str(port))
    assert box.port.value() == port
    assert box.address.text() == f"http://127.0.0.1:{port}/v1"
    qtbot.waitUntil(lambda: len(box.key.text()) > 30, timeout=10_000)  # read from the keyring on a thread
    qtbot.mouseClick(box.copy_key, Qt.MouseButton.LeftButton)
    key = box.key.text()
    assert len(key) > 30 and QGuiApplication.clipboard().text() == key
    assert box.actions.currentData() == "off"  # no actions for other apps unless the user picks a level
    if actions is not None:
        box.actions.setCurrentIndex(box.actions.findData(actions))
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.c.server.url != "", timeout=10_000)
    return key


def test_settings_switch_serves_the_windows_own_models(open_window, app_paths, starter_gguf, whisper_dir,
                                                       qtbot) -> None:  # noqa: ANN001
    window = open_window(make_context(app_paths, max_tokens=120))
    port = free_port()
    key = switch_on(window, qtbot, port)
    server = window.c.server
    assert server.url == f"http://127.0.0.1:{port}/v1"
    assert window.context.settings.api_server and window.context.settings.api_port == port
    client = openai.OpenAI(base_url=server.url, api_key=key, max_retries=0, timeout=120)

    # The window's model, by the id the window loaded; the window's engine answers (one copy in memory).
    models = in_background(qtbot, lambda: [m.id for m in client.models.list()])
    assert models[0] == window.c.models.loaded_llm and "whisper-tiny.en" in models
    engine = window.c.worker._engine
    reply = in_background(qtbot, lambda: client.chat.completions.create(
        model=models[0], messages=[{"role": "user", "content": "What is the capital of France?"}],
        max_tokens=16, temperature=0, seed=3))
    assert reply.choices[0].message.content
    assert server.runner.jobs_run == 1
    assert window.c.worker._engine is engine  # no second model was loaded for the server
    assert (engine.last_stats.prompt_tokens, engine.last_stats.completion_tokens) == (
        reply.usage.prompt_tokens, reply.usage.completion_tokens)

    # A request during a turn in the window waits for it: the tokens never mix, each answer is whole.
    box = window.view.input_bar.text
    box.setFocus()
    box.setPlainText("Tell me a long story about a dragon who learns to fly.")
    asked = {"messages": [{"role": "user", "content": "Name three colours."}], "max_tokens": 30, "temperature": 0,
             "seed": 5}
    with qtbot.waitSignal(window.c.chat.turn_finished, timeout=TURN_TIMEOUT_MS) as turn:
        qtbot.keyClick(box, Qt.Key.Key_Return)  # the turn is on the worker's queue when this returns
        raw = in_background(qtbot, lambda: client.chat.completions.with_raw_response.create(model=models[0], **asked))
    assert int(raw.headers[QUEUE_HEADER]) >= 1  # it was queued behind the window's turn
    during = raw.parse().choices[0].message.content
    done = turn.args[0]
    assert done is not None and done.reply
    assert window.stored()[-1].text == done.reply == window.messages()[-1].text()
    assert during and during not in done.reply and done.reply not in during
    assert server.runner.jobs_run == 2


def test_switch_off_stops_the_server_and_close_stops_it_too(open_window, app_paths, starter_gguf, whisper_dir,
                                                            qtbot) -> None:  # noqa: ANN001
    import httpx2

    window = open_window(make_context(app_paths))
    port = free_port()
    key = switch_on(window, qtbot, port)
    url = window.c.server.url
    wrong = in_background(qtbot, lambda: httpx2.get(url + "/models", headers={"Authorization": "Bearer nope"}))
    assert wrong.status_code == 401
    dialog = window.c.settings.open()
    qtbot.waitExposed(dialog)
    assert dialog.server_box.enabled.isChecked() and dialog.server_box.key.text() == key
    dialog.server_box.enabled.setFocus()
    qtbot.keyClick(dialog.server_box.enabled, Qt.Key.Key_Space)
    assert not dialog.server_box.enabled.isChecked()
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.c.server.url == "", timeout=10_000)
    assert not window.context.settings.api_server
    refused = in_background(qtbot, lambda: _connects(port))
    assert refused is False
    # On again, then the window closes in the middle of a streamed reply: the reply stops, the server goes with it.
    key = switch_on(window, qtbot, port)
    client = openai.OpenAI(base_url=window.c.server.url, api_key=key, max_retries=0, timeout=60)
    streaming = threading.Event()
    ended: list[object] = []

    def long_reply() -> None:
        try:
            for _chunk in client.completions.create(model=window.c.models.loaded_llm, prompt="1, 2, 3, 4, 5,",
                                                    max_tokens=1500, temperature=0, stream=True):
                streaming.set()
            ended.append("end")
        except openai.APIError as error:  # the connection closed under it: expected here
            ended.append(error)
        finally:
            streaming.set()

    thread = threading.Thread(target=long_reply)
    thread.start()
    qtbot.waitUntil(streaming.is_set, timeout=TURN_TIMEOUT_MS)
    window.close()
    assert window.c.closed_cleanly  # the worker stopped within 2 s: the streamed job was cancelled
    thread.join(30)
    assert ended and not thread.is_alive()
    assert window.c.worker._engine is None or window.c.worker._engine.last_stats.completion_tokens < 1500
    assert in_background(qtbot, lambda: _connects(port)) is False


def test_the_actions_level_chosen_in_settings_is_the_servers(open_window, app_paths, starter_gguf, whisper_dir,
                                                             qtbot) -> None:  # noqa: ANN001
    """Read-only chosen in the dialog: a timer asked for is refused with a 403 that says how to allow it; a sum is
    let through to the window's worker, where the starter model (SmolLM2, no tool calling) says what is needed."""
    import httpx2

    window = open_window(make_context(app_paths))
    port = free_port()
    key = switch_on(window, qtbot, port, actions="read-only")
    assert window.context.settings.api_actions == "read-only"
    url = window.c.server.url + "/chat/completions"

    def ask(action: str) -> httpx2.Response:
        return httpx2.post(url, headers={"Authorization": f"Bearer {key}"}, timeout=120, json={
            "model": window.c.models.loaded_llm, "messages": [{"role": "user", "content": "two minutes"}],
            "tools": [{"type": "function", "function": {"name": action}}]})

    refused = in_background(qtbot, lambda: ask("chinwag.set_timer"))
    assert refused.status_code == 403 and "--allow-actions all" in refused.json()["error"]["message"]
    assert window.c.server.runner.jobs_run == 0  # refused before it reached the worker
    let_through = in_background(qtbot, lambda: ask("chinwag.calculate"))
    assert let_through.status_code == 400 and "Llama 3" in let_through.json()["error"]["message"]
    assert window.c.server.runner.jobs_run == 1
    assert window.context.store.pending_alarms() == []


def _connects(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False


class SlowKeyring(KeyringBackend):
    """A system keyring that takes its time to answer (as a locked one waits for its unlock prompt), and notes the
    thread that asked. Through keyring's own API; the passwords live in a dict."""

    priority = 5  # type: ignore[assignment]

    def __init__(self, delay_s: float) -> None:
        super().__init__()
        self.delay_s = delay_s
        self.store: dict[tuple[str, str], str] = {}
        self.threads: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.threads.append(threading.current_thread().name)
        time.sleep(self.delay_s)
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.threads.append(threading.current_thread().name)
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def slow_keyring():
    previous = keyring.get_keyring()
    backend = SlowKeyring(1.5)
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_the_keyring_and_the_server_never_hold_up_the_window(open_window, app_paths, starter_gguf, whisper_dir,
                                                              slow_keyring, qtbot) -> None:  # noqa: ANN001
    window = open_window(make_context(app_paths))
    started = time.monotonic()
    dialog = window.c.settings.open()
    assert time.monotonic() - started < 1.0  # three keyring reads of 1.5 s each happen behind it
    qtbot.waitExposed(dialog)
    box = dialog.server_box
    assert box.key.text() == "" and "keyring" in box.key.placeholderText()
    qtbot.waitUntil(lambda: len(box.key.text()) > 30, timeout=15_000)
    key = box.key.text()
    assert slow_keyring.threads and threading.main_thread().name not in slow_keyring.threads
    dialog.reject()
    asked = len(slow_keyring.threads)
    again = window.c.settings.open()  # remembered: the keyring is not asked again
    assert again.server_box.key.text() == key and len(slow_keyring.threads) == asked
    again.reject()

    # Starting the server reads the key again and binds the port, on its own thread; the window goes on.
    window.context.settings.api_server, window.context.settings.api_port = True, free_port()
    started = time.monotonic()
    window.c.server.apply()
    assert time.monotonic() - started < 0.5
    qtbot.waitUntil(lambda: window.c.server.url != "", timeout=15_000)
    assert [t for t in slow_keyring.threads[asked:] if t.startswith("chinwag-api-control")]
    client = openai.OpenAI(base_url=window.c.server.url, api_key=key, max_retries=0, timeout=60)
    assert in_background(qtbot, lambda: [m.id for m in client.models.list()])
    window.context.settings.api_server = False
    started = time.monotonic()
    window.c.server.apply()
    assert time.monotonic() - started < 0.5
    qtbot.waitUntil(lambda: window.c.server.url == "", timeout=15_000)


def test_a_failed_keyring_read_shows_why_and_makes_no_new_key(open_window, app_paths, starter_gguf, whisper_dir,
                                                               slow_keyring, qtbot) -> None:  # noqa: ANN001
    from keyring.errors import KeyringLocked

    from desktop.core.secrets import API_KEY_USERNAME, SERVICE

    slow_keyring.delay_s = 0.0
    slow_keyring.store[(SERVICE, API_KEY_USERNAME)] = "cw-the-key-every-client-has-0123456789"

    def locked(service: str, username: str) -> str | None:
        raise KeyringLocked("locked")

    slow_keyring.get_password = locked  # type: ignore[method-assign]
    window = open_window(make_context(app_paths))
    dialog = window.c.settings.open()
    qtbot.waitUntil(lambda: "could not be read" in dialog.server_box.key.placeholderText(), timeout=10_000)
    assert dialog.server_box.key.text() == ""
    assert slow_keyring.store[(SERVICE, API_KEY_USERNAME)] == "cw-the-key-every-client-has-0123456789"
    dialog.reject()
    failures: list[str] = []
    window.c.server.failed.connect(failures.append)
    window.context.settings.api_server, window.context.settings.api_port = True, free_port()
    window.c.server.apply()
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    assert "no new key was made" in failures[0] and window.c.server.url == ""
    assert slow_keyring.store[(SERVICE, API_KEY_USERNAME)] == "cw-the-key-every-client-has-0123456789"
