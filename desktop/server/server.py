"""uvicorn serving the API on a thread of its own, started and stopped from any thread (the CLI or the window)."""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading

import uvicorn

from desktop.core.errors import ChinwagError
from desktop.server.app import LOOPBACK_NAMES, ServerConfig, create_app
from desktop.server.runner import ModelRunner

log = logging.getLogger(__name__)
DEFAULT_PORT = 8765
START_TIMEOUT_S = 10.0


class ServerError(ChinwagError):
    """The server could not start (the port is taken, the address is not this computer's)."""


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class ApiServer:
    """The API on `host:port` (port 0: any free one). `start()` returns once it accepts connections."""

    def __init__(self, runner: ModelRunner, config: ServerConfig, host: str = "127.0.0.1",
                 port: int = DEFAULT_PORT) -> None:
        self.runner = runner
        self.config = config
        self.host = host.strip("[]")
        self.port = port
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        if self.host in ("127.0.0.1", "::1"):
            host = "127.0.0.1" if self.host == "127.0.0.1" else "[::1]"
        return f"http://{host}:{self.port}/v1"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        sock = self._bind()
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            create_app(self.runner, self.config),
            log_config=None,  # the app's own logging (desktop/core/logs.py), not uvicorn's
            access_log=False,
            # Named, not "auto": uvicorn imports these by name, and the app bundle carries exactly these (build.spec).
            loop="asyncio",
            http="h11",
            ws="none",
            lifespan="off",
            timeout_graceful_shutdown=2,
            server_header=False,
            h11_max_incomplete_event_size=64 * 1024,
        )
        server = uvicorn.Server(config)
        self._server = server

        def serve() -> None:
            try:
                server.run(sockets=[sock])
            except BaseException as error:  # noqa: BLE001 - reported by start() or in the log
                self._failure = error
                log.exception("the API server stopped with an error")
            finally:
                sock.close()

        self._thread = threading.Thread(target=serve, name="chinwag-api-server", daemon=True)
        self._thread.start()
        waited = 0.0
        while not server.started and self._thread.is_alive() and waited < START_TIMEOUT_S:
            self._thread.join(0.02)
            waited += 0.02
        if not server.started:
            self.stop()
            raise ServerError(f"The API server did not start ({self._failure or 'timed out'}).")
        log.info("API server listening on %s (key %s)", self.url, "required" if self.config.api_key else "off")

    def _bind(self) -> socket.socket:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        if hasattr(socket, "SO_EXCLUSIVEADDRUSE"):  # Windows: no other program may bind the same port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        else:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self.port))
        except OSError as error:
            sock.close()
            raise ServerError(f"Cannot listen on {self.host}:{self.port} ({error.strerror or error}). Another program "
                              "may be using the port: choose another one.") from error
        sock.listen(128)
        sock.setblocking(False)
        return sock

    def stop(self, timeout_s: float = 5.0) -> bool:
        """Stop accepting, end open requests (their model jobs stop at the next token); True if it ended in time."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout_s)
            if self._thread.is_alive():
                if self._server is not None:
                    self._server.force_exit = True
                self._thread.join(1.0)
            ended = not self._thread.is_alive()
        else:
            ended = True
        return ended

    def wait(self) -> None:
        """Block until the server stops (the CLI's foreground); Ctrl+C reaches the caller."""
        while self._thread is not None and self._thread.is_alive():
            self._thread.join(0.5)
