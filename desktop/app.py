"""Composition root: parse the command line, build the settings and everything else once, run."""

from __future__ import annotations

import logging
import multiprocessing
import platform
import sys

from desktop import __version__
from desktop.cli import build_parser, run
from desktop.context import AppContext
from desktop.core.cpu_variant import PROVE_FLAG
from desktop.core.errors import ChinwagError
from desktop.core.logs import FILE_ONLY, log_path, set_debug_logging, setup_logging
from desktop.core.model_probe import PROBE_FLAG

log = logging.getLogger("chinwag")


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()  # the frozen app must not re-run main in helper processes
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [PROBE_FLAG]:
        # The frozen app re-runs itself to try a model file in a child process (desktop/core/model_probe.py):
        # nothing else of the app is built there, and that child writes no log of its own.
        from desktop.core.model_probe import main as probe_main

        return probe_main(argv[1:])
    if argv[:1] == [PROVE_FLAG]:
        # Likewise for the test run of one of llama.cpp's CPU variants (desktop/core/cpu_variant.py).
        from desktop.core.cpu_variant import main as prove_main

        return prove_main(argv[1:])
    log_file = setup_logging()
    args = build_parser().parse_args(argv)
    if args.version:
        print(f"chinwag {__version__}")
        print(f"log: {log_file}")
        return _print_cpu_variant()
    log.info("chinwag %s starting (%s, Python %s%s): %s", __version__, platform.platform(),
             platform.python_version(), ", frozen" if getattr(sys, "frozen", False) else "",
             args.command or "window")
    try:
        context = AppContext.build()
        set_debug_logging(context.settings.debug_logging)
        if args.command is None:
            return _run_window(args, context)
        return run(args, context)
    except ChinwagError as error:
        log.error("%s", error, exc_info=True, extra=FILE_ONLY)
        print(f"error: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug: one line here, the traceback in the log
        log.critical("Unexpected error", exc_info=True, extra=FILE_ONLY)
        print(f"error: something went wrong ({type(error).__name__}: {error}). The details are in {log_path()}",
              file=sys.stderr)
        return 1


def _print_cpu_variant() -> int:
    """Which of llama.cpp's CPU variants this computer runs, and why (proving it first, the first time)."""
    from desktop.core import cpu_variant

    try:
        choice = cpu_variant.choose()
    except ChinwagError as error:
        print(f"llama.cpp CPU code: none usable: {error}")
        return 1
    print(f"llama.cpp CPU code: {choice.describe()}")
    folder = choice.variant.path.parent if choice.variant is not None else cpu_variant.variant_dir()
    if folder is not None and folder.is_dir():
        listed = ", ".join(f"{v.name}" if v.score > 0 else f"({v.name})" for v in cpu_variant.scored_variants(folder))
        print(f"variants, best first ({cpu_variant.PIN_ENV}=NAME pins one; in brackets: not for this CPU): {listed}")
    return 0


def _run_window(args, context: AppContext) -> int:
    try:
        from desktop.ui.shell.run import run_window
    except ImportError as error:
        print(f"error: the window cannot start ({error}). The command line works: chinwag ask --text hi",
              file=sys.stderr)
        return 1
    code = run_window(args, context)
    from desktop.ui.shell.run import end_process

    end_process(code)  # everything is saved: the process ends here, without the interpreter's module teardown
