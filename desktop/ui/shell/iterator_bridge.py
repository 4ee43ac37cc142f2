"""The one adapter between core generators and Qt: iterate anywhere, deliver items as signals.

Core speaks in iterators (`VoiceTurn.run`, `ModelDownloader.download`). `IteratorBridge.drain` walks one
on whatever thread calls it and emits every item; Qt queues the signals to the receivers' thread (the GUI),
so the GUI never blocks on the work. `run_in_thread` gives an iterator a short-lived thread of its own
(downloads); the model worker calls `drain` on its long-lived thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class IteratorBridge(QObject):
    item = Signal(object)
    failed = Signal(object)  # the exception that ended the iteration
    finished = Signal(bool)  # True when the iterator ran to its end

    def drain(self, iterator: Iterator[Any]) -> bool:
        """Emit every item of `iterator`; an exception becomes `failed`. Returns whether it completed."""
        try:
            for value in iterator:
                self.item.emit(value)
        except Exception as error:  # every failure reaches the GUI as a message, none kills the thread
            if not _expected(error):
                log.exception("background work failed")
            self.failed.emit(error)
            self.finished.emit(False)
            return False
        self.finished.emit(True)
        return True

    def run_in_thread(self, make_iterator: Callable[[], Iterator[Any]], name: str) -> threading.Thread:
        # Daemon: quitting the app never waits for a download; its partial file is kept for resuming.
        thread = threading.Thread(target=lambda: self.drain(make_iterator()), name=name, daemon=True)
        thread.start()
        return thread


def _expected(error: Exception) -> bool:
    from desktop.core.errors import ChinwagError

    return isinstance(error, ChinwagError)
