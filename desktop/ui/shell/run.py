"""Start the window: the one place that puts the shell together (the main window, its controller, the self-test).

Kept apart from `main_window` so that the window's modules import each other in one direction only: `run` imports
the controller and the self-test, the controller imports the main window, and nothing imports `run` but the app.
"""

from __future__ import annotations

import argparse
import atexit
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialog

from desktop.context import AppContext
from desktop.ui.shell.main_window import MainWindow, app_icon, apply_theme, ensure_application
from desktop.ui.shell.window_language import install_translations

if TYPE_CHECKING:
    from desktop.ui.shell.first_run import LanguageChoice


def _display_available() -> bool:
    """Qt aborts the process when it cannot open a display; say so instead (Linux without a desktop)."""
    import os

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_window(args: argparse.Namespace, context: AppContext) -> int:
    """Show the window (or run the self-test in it) until it closes; returns the exit status."""
    started = time.perf_counter()
    if not _display_available():
        print("error: no display to show the window on (DISPLAY and WAYLAND_DISPLAY are unset). Run it in a "
              "desktop session, or use the command line: chinwag ask --text hi", file=sys.stderr)
        return 1
    app = ensure_application()
    # The window's language, before any widget is built (Settings → Window language; a change applies at the next
    # start): Chinwag's own translation, Qt's for the standard buttons, and the locale numbers and dates follow.
    install_translations(context.settings.window_language)
    app.setWindowIcon(app_icon())
    apply_theme(context.settings.theme)
    if getattr(args, "self_test", False):
        from desktop.ui.shell.self_test import SelfTest
        from desktop.ui.shell.window_controller import WindowController  # builds the whole window

        # Never asks the first start's language question: the self-test runs unattended, and leaves it unanswered.
        controller = WindowController(context, MainWindow(), model=getattr(args, "model", None))
        test = SelfTest(controller, wav=getattr(args, "wav", None), started=started)
        test.begin()
        app.exec()
        return test.exit_code
    start = WindowStart(context, model=getattr(args, "model", None))  # held here: the dialog's answer calls it
    start.begin()
    return app.exec()


class WindowStart:
    """Builds and shows the window; on a start where "Your language" is unanswered, asks it first.

    The question comes before the window is built (desktop/ui/shell/first_run.py says why), inside the application's
    one event loop: the dialog is opened, and its answer builds the window. `controller` is set once the window is
    built. `system` and `translations` stand in for the system's locale and the compiled translations in tests.
    """

    def __init__(self, context: AppContext, model: str | None = None, system: QLocale | None = None,
                 translations: Path | None = None) -> None:
        self.context = context
        self.model = model
        self.system = system
        self.translations = translations
        self.dialog: QDialog | None = None
        self.controller = None  # the WindowController, once built
        self._quit_on_close = True

    def begin(self) -> None:
        if self.context.settings.language_chosen:
            self._build(None)
            return
        from desktop.ui.shell.first_run import LanguageDialog

        app = ensure_application()
        # The dialog is the only window until it is answered: closing it must go on to the window, not quit.
        self._quit_on_close = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)
        self.dialog = LanguageDialog(self.context, self.system)
        self.dialog.finished.connect(self._answered)
        self.dialog.open()

    def _answered(self, result: int) -> None:
        from desktop.ui.shell.first_run import apply_choice

        dialog = self.dialog
        assert dialog is not None
        choice = dialog.choice() if result == QDialog.DialogCode.Accepted else None
        dialog.deleteLater()
        # Esc or closing keeps the defaults; the question comes again at the next start, never twice in one run.
        if choice is not None:
            before = self.context.settings.window_language
            apply_choice(self.context, choice)
            if self.context.settings.window_language != before:
                # Nothing of the window is built yet: installed now, the whole window comes up in the new language.
                install_translations(self.context.settings.window_language, folder=self.translations)
        self._build(choice)
        ensure_application().setQuitOnLastWindowClosed(self._quit_on_close)

    def _build(self, choice: LanguageChoice | None) -> None:
        from desktop.ui.shell.window_controller import WindowController  # builds the whole window: imported when needed

        controller = WindowController(self.context, MainWindow(), model=self.model)
        self.controller = controller
        if choice is not None and choice.accepted:
            controller.models.download_for_language(choice.accepted)
        declined = [] if choice is None else [v for v in choice.plan.downloads if v not in choice.accepted]
        if declined:
            controller.window.status.showMessage(QCoreApplication.translate(
                "WindowStart", "Not downloaded: {names}. The Models button (Ctrl+M) downloads them whenever you "
                "like.").format(names=", ".join(v.label for v in declined)), 20000)
        controller.show()


def end_process(code: int) -> NoReturn:
    """End the window's process with `code` once the window has closed (the conversation saved, the settings written).

    The exit handlers run as at any exit: the model worker's thread leaves llama.cpp first (`worker._join_at_exit`),
    the log is flushed, PortAudio is released. What is skipped is the interpreter's own teardown of every module,
    which collects whatever Qt, CTranslate2, onnxruntime and llama.cpp left for the garbage collector in no
    particular order: after a close during a long prompt that collection crashed the process (SIGSEGV/SIGABRT in the
    collector's finalizer pass) after everything had been saved, so the exit status said it had failed.
    """
    atexit._run_exitfuncs()  # noqa: SLF001 - the registered handlers, exactly as a normal exit runs them
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):  # closed or missing (a windowed frozen app has no console)
            pass
    os._exit(code)
