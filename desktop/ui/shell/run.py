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
from typing import NoReturn

from desktop.context import AppContext
from desktop.ui.shell.main_window import MainWindow, app_icon, apply_theme, ensure_application
from desktop.ui.shell.window_language import install_translations


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
    from desktop.ui.shell.window_controller import WindowController  # builds the whole window: imported when needed

    controller = WindowController(context, MainWindow(), model=getattr(args, "model", None))
    if getattr(args, "self_test", False):
        from desktop.ui.shell.self_test import SelfTest

        test = SelfTest(controller, wav=getattr(args, "wav", None), started=started)
        test.begin()
        app.exec()
        return test.exit_code
    controller.show()
    return app.exec()


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
