"""Composition root: parse the command line, build the settings and everything else once, run."""

from __future__ import annotations

import logging
import multiprocessing
import sys

from desktop import __version__
from desktop.cli import build_parser, run
from desktop.context import AppContext
from desktop.core.errors import ChinwagError


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()  # the frozen app must not re-run main in helper processes
    argv = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    if args.version:
        print(f"chinwag {__version__}")
        return 0
    try:
        context = AppContext.build()
        if args.command is None:
            return _run_window(args, context)
        return run(args, context)
    except ChinwagError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _run_window(args, context: AppContext) -> int:
    try:
        from desktop.ui.main_window import run_window
    except ImportError as error:
        print(f"error: the window cannot start ({error}). The command line works: chinwag ask --text hi",
              file=sys.stderr)
        return 1
    return run_window(args, context)
