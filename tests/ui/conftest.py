"""Fixtures for the window tests: an isolated context on the real starter model and tiny.en, and the window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.context import AppContext
from desktop.core.audio import PcmSource, read_wav
from desktop.core.paths import AppPaths
from desktop.core.settings import Settings, SettingsStore

pytest.importorskip("pytestqt")

OFFLINE = "http://127.0.0.1:9"  # nothing listens there: any stray network use fails at once
LOAD_TIMEOUT_MS = 120_000
TURN_TIMEOUT_MS = 120_000


def fast_settings(**overrides: object) -> Settings:
    """Small, fast and repeatable answers from the starter model."""
    # language_chosen: the first start's "Your language" question counts as answered; a test that wants it asked
    # passes language_chosen=False (tests/ui/test_first_run.py).
    values: dict[str, object] = dict(n_threads=2, context_size=2048, max_tokens=40, temperature=0.2, seed=7,
                                     language_chosen=True)
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def make_context(paths: AppPaths, endpoint: str = OFFLINE, **overrides: object) -> AppContext:
    if not paths.settings_file.exists() or overrides:
        SettingsStore(paths.settings_file).save(fast_settings(**overrides))
    return AppContext.build(paths=paths, hub_endpoint=endpoint)


@pytest.fixture
def context(app_paths: AppPaths, starter_gguf: Path, whisper_dir: Path) -> AppContext:
    return make_context(app_paths)


class Window:
    """A started window and its controllers, as a test drives it."""

    def __init__(self, qtbot, context: AppContext, controller=None) -> None:  # noqa: ANN001 (pytest-qt's QtBot)
        """`controller`: a window the app's own start-up built and showed (desktop/ui/shell/run.WindowStart)."""
        from desktop.ui.shell.main_window import MainWindow, apply_theme, ensure_application
        from desktop.ui.shell.window_controller import WindowController

        ensure_application()
        self.qtbot = qtbot
        self.context = context
        if controller is None:
            apply_theme(context.settings.theme)
            self.view = MainWindow()
            qtbot.addWidget(self.view)
            self.c = WindowController(context, self.view)
            self.c.show()
        else:
            self.c = controller
            self.view = controller.window
            qtbot.addWidget(self.view)
        qtbot.waitExposed(self.view)
        qtbot.waitUntil(lambda: self.c.models.loaded_llm is not None and self.c.models.loaded_whisper is not None,
                        timeout=LOAD_TIMEOUT_MS)

    # ---- driving it ---------------------------------------------------------------------------------------

    def inject_audio(self, source: Callable[[], object] | Path) -> None:
        if isinstance(source, Path):
            pcm = read_wav(source)
            self.c.ptt.source_factory = lambda: PcmSource(pcm, name=source.name)
        else:
            self.c.ptt.source_factory = source  # type: ignore[assignment]

    def type_and_send(self, text: str):  # noqa: ANN201 (the TurnDone)
        from PySide6.QtCore import Qt

        box = self.view.input_bar.text
        box.setFocus()
        box.setPlainText(text)
        return self.wait_turn(lambda: self.qtbot.keyClick(box, Qt.Key.Key_Return))

    def wait_turn(self, action: Callable[[], None], timeout: int = TURN_TIMEOUT_MS):  # noqa: ANN201
        with self.qtbot.waitSignal(self.c.chat.turn_finished, timeout=timeout) as blocker:
            action()
        return blocker.args[0]

    def messages(self) -> list:
        return self.view.chat.messages()

    def stored(self) -> list:
        assert self.c.chat.conversation_id is not None
        return self.context.store.messages(self.c.chat.conversation_id)

    def close(self) -> None:
        if self.c.closed_cleanly is None:
            self.view.close()


@pytest.fixture
def open_window(qtbot) -> Iterator[Callable[[AppContext], Window]]:  # noqa: ANN001
    opened: list[Window] = []

    def opener(context: AppContext, controller=None) -> Window:  # noqa: ANN001 (a WindowController)
        window = Window(qtbot, context, controller)
        opened.append(window)
        return window

    yield opener
    for window in opened:
        window.close()
        assert window.c.closed_cleanly, "the model worker did not stop within 2 s"


@pytest.fixture
def window(open_window, context: AppContext) -> Window:  # noqa: ANN001
    return open_window(context)


# ---- every UI test fails on an exception that reached the Qt event loop ------------------------------------------
# pytest-qt captures exceptions raised inside Qt virtual methods and slots during setup, call and teardown, and fails
# the test that saw them. These two guards make sure nothing in the UI suite switches that off.


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getini("qt_no_exception_capture"):
        raise pytest.UsageError("qt_no_exception_capture is set: the UI suite must fail on exceptions in Qt slots")
    for item in items:
        if "tests/ui/" in item.nodeid and item.get_closest_marker("qt_no_exception_capture") is not None:
            raise pytest.UsageError(f"{item.nodeid} turns off pytest-qt's exception capture")


@pytest.fixture(autouse=True)
def _qt_exceptions_fail_the_test(request: pytest.FixtureRequest) -> None:
    assert not request.config.getini("qt_no_exception_capture")
    assert request.node.get_closest_marker("qt_no_exception_capture") is None
