"""The app's trace: a rotating log file in the platform's log folder, set up once by the composition root.

What goes in: what the app did (start, commands, model loads, downloads), every warning and error with its
traceback, and any exception nobody caught, in any thread. What stays out: access tokens (anything shaped like
one is masked, whoever logs it) and what the user said or the model answered, unless the user turned on debug
logging; code that logs such text passes it through `content()`.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
from pathlib import Path
from types import TracebackType

LOG_NAME = "chinwag.log"
_MAX_BYTES = 2_000_000
_BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"
_CONSOLE_FORMAT = "%(levelname)s %(name)s: %(message)s"
# Hugging Face tokens (hf_ + 30-odd letters and digits) and any bearer credential in a logged header or URL.
_SECRETS = re.compile(r"\bhf_[A-Za-z0-9]{16,}|(?i:(?<=bearer )|(?<=token=)|(?<=authorization: ))[^\s'\",;&]+")

_state_lock = threading.Lock()
_file_handler: logging.Handler | None = None
_log_file: Path | None = None
_debug = False
_hooks_installed = False


def default_log_dir() -> Path:
    # platformdirs honours XDG_STATE_HOME on Linux (~/.local/state/Chinwag/log); %LOCALAPPDATA% on Windows.
    import platformdirs

    from desktop.core.paths import APP_NAME

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    """Where the log file is (or will be): for `chinwag --version`, the About box and "Copy details"."""
    return _log_file if _log_file is not None else default_log_dir() / LOG_NAME


def redact(text: str) -> str:
    return _SECRETS.sub("***", text)


class _RedactingFormatter(logging.Formatter):
    """Masks tokens in the finished line, the traceback included, whatever logged them."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class _ConsoleFormatter(_RedactingFormatter):
    """One line per record on the terminal: tracebacks go to the file only."""

    def formatException(self, ei) -> str:  # noqa: N802, ANN001 (logging's API)
        return ""

    def format(self, record: logging.LogRecord) -> str:
        saved, record.exc_text = record.exc_text, None
        try:
            return super().format(record).rstrip()
        finally:
            record.exc_text = saved


# Pass as `extra=` for what the edge already shows the user itself (the CLI's "error: ..." line).
FILE_ONLY = {"chinwag_file_only": True}


def _not_file_only(record: logging.LogRecord) -> bool:
    return not getattr(record, "chinwag_file_only", False)


def debug_enabled() -> bool:
    return _debug


def content(text: str) -> str:
    """A message's text for the log: itself with debug logging on, else only its length."""
    return text if _debug else f"<{len(text)} characters>"


def setup_logging(debug: bool = False, directory: Path | None = None, console_level: int = logging.WARNING) -> Path:
    """Console (warnings and up, as before) plus the rotating file; safe to call again (it replaces, not adds).

    Returns the log file's path. A log folder that cannot be created costs the file, never the app.
    """
    global _file_handler, _log_file
    root = logging.getLogger()
    with _state_lock:
        for handler in list(root.handlers):
            if getattr(handler, "_chinwag", False):
                root.removeHandler(handler)
                handler.close()
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(console_level)
        console.setFormatter(_ConsoleFormatter(_CONSOLE_FORMAT))
        console.addFilter(_not_file_only)
        console._chinwag = True  # type: ignore[attr-defined]
        root.addHandler(console)
        path = (directory or default_log_dir()) / LOG_NAME
        _log_file = path
        _file_handler = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8", delay=False
            )
        except OSError as error:
            logging.getLogger(__name__).warning("No log file (%s cannot be written: %s).", path,
                                                error.strerror or error)
        else:
            handler.setFormatter(_RedactingFormatter(_FORMAT))
            handler._chinwag = True  # type: ignore[attr-defined]
            root.addHandler(handler)
            _file_handler = handler
    set_debug_logging(debug)
    # Each HTTP request at INFO (signed download URLs included) would drown what the app itself did.
    for noisy in ("httpx", "httpx2", "httpcore", "urllib3", "filelock", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    install_exception_hooks()
    return path


def set_debug_logging(enabled: bool) -> None:
    """Debug logging on or off, at once (the Settings switch): more detail and message texts in the file."""
    global _debug
    _debug = bool(enabled)
    level = logging.DEBUG if _debug else logging.INFO
    logging.getLogger().setLevel(level)
    if _file_handler is not None:
        _file_handler.setLevel(level)


def _log_uncaught(kind: str, exc_type: type[BaseException], exc: BaseException | None,
                  tb: TracebackType | None) -> None:
    logging.getLogger("chinwag.uncaught").critical("Uncaught exception in %s", kind, exc_info=(exc_type, exc, tb))


def install_exception_hooks() -> None:
    """Log what no code caught, in the main thread (and Qt slots, which PySide hands to sys.excepthook) and in
    any other thread, then let the previous hook do what it did (print the traceback)."""
    global _hooks_installed
    if _hooks_installed:
        return
    _hooks_installed = True
    previous_sys = sys.excepthook
    previous_thread = threading.excepthook

    def sys_hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(exc_type, KeyboardInterrupt):
            _log_uncaught("the main thread", exc_type, exc, tb)
        previous_sys(exc_type, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is not SystemExit:
            name = args.thread.name if args.thread is not None else "a thread"
            _log_uncaught(f"thread {name}", args.exc_type, args.exc_value, args.exc_traceback)
        previous_thread(args)

    sys.excepthook = sys_hook
    threading.excepthook = thread_hook
