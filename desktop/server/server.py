"""uvicorn serving the API on a thread of its own, started and stopped from any thread (the CLI or the window).

Connections are bounded: one that sends no complete request head within `header_timeout_s` (an idle connection, or
headers trickling in a byte at a time) is closed, and beyond `max_connections` open at once a new one is closed at
once. uvicorn's own warnings (malformed requests) are rate-limited in the log like the app's.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import threading

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from desktop.core.errors import ChinwagError
from desktop.server.app import ANY_ADDRESS, LOOPBACK_NAMES, ServerConfig, Throttle, create_app
from desktop.server.runner import ModelRunner

log = logging.getLogger(__name__)
DEFAULT_PORT = 8765
START_TIMEOUT_S = 10.0


class ServerError(ChinwagError):
    """The server could not start (the port is taken, the address is not this computer's)."""


def _numeric(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address `host` spells as a number the way the socket layer reads it ("0", "0.0", "0x7f.1" too)."""
    host = host.strip().strip("[]")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))  # the C library's forms: "0", "127.1", "0x0"…
    except (OSError, ValueError):
        return None


def is_wildcard(host: str) -> bool:
    """Whether listening on `host` means every address of this computer: 0.0.0.0 and ::, and "" and "0", which the
    socket layer reads the same way."""
    if host.strip().strip("[]") == "":
        return True
    address = _numeric(host)
    return address is not None and address.is_unspecified


def listen_address(host: str) -> str:
    """The address to bind for `host`: a wildcard written any way becomes 0.0.0.0 (or :: for an IPv6 one)."""
    if is_wildcard(host):
        return "::" if ":" in host else "0.0.0.0"
    address = _numeric(host)
    return str(address) if address is not None else host.strip().strip("[]")


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    address = _numeric(host)
    return address is not None and address.is_loopback


def wildcard_hosts() -> tuple[str, ...]:
    """The Host names a server on every address answers: any IP address, and this computer's own names. A web page
    on another name that resolves here (DNS rebinding) is still refused."""
    names = {ANY_ADDRESS}
    for name in (socket.gethostname(), socket.getfqdn()):
        name = name.strip().rstrip(".").lower()
        if name:
            names.update({name, name.split(".", 1)[0] + ".local"})
    return tuple(sorted(names))


class _BoundedH11(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, with a deadline for the request head and a cap on open connections."""

    header_timeout_s = 10.0
    max_connections = 64
    throttle = Throttle()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_timer: asyncio.TimerHandle | None = None
        if len(self.connections) > self.max_connections:
            self.throttle.log(log, logging.WARNING, "closed a connection: %d are open, the limit is %d",
                              len(self.connections) - 1, self.max_connections)
            transport.close()
            return
        self._arm_head_timer()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            if self._head_timer is None:  # the next request's head has begun: it gets the same deadline
                self._arm_head_timer()
        else:
            self._cancel_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def _arm_head_timer(self) -> None:
        self._head_timer = self.loop.call_later(self.header_timeout_s, self._head_too_slow)

    def _cancel_head_timer(self) -> None:
        timer = getattr(self, "_head_timer", None)
        if timer is not None:
            timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and (self.cycle is None or self.cycle.response_complete) \
                and not self.transport.is_closing():
            self.throttle.log(log, logging.INFO, "closed a connection that sent no request within %.0f s",
                              self.header_timeout_s)
            self.transport.close()


class _ThrottledLog(logging.Filter):
    """uvicorn's warnings (an invalid request, a refused connection) at most a few a minute, each kind alone."""

    def __init__(self) -> None:
        super().__init__()
        self._throttles: dict[str, Throttle] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING or record.levelno >= logging.CRITICAL:
            return True
        with self._lock:
            throttle = self._throttles.setdefault(str(record.msg), Throttle())
        allowed, left_out = throttle.allow()
        if left_out:
            record.msg = f"{record.msg} (and {left_out} more like it not logged)"
        return allowed


_UVICORN_FILTER = _ThrottledLog()


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
        uvicorn_log = logging.getLogger("uvicorn.error")
        if _UVICORN_FILTER not in uvicorn_log.filters:
            uvicorn_log.addFilter(_UVICORN_FILTER)
        protocol = type("BoundedH11", (_BoundedH11,), {"header_timeout_s": self.config.header_timeout_s,
                                                       "max_connections": self.config.max_connections})
        config = uvicorn.Config(
            create_app(self.runner, self.config),
            log_config=None,  # the app's own logging (desktop/core/logs.py), not uvicorn's
            access_log=False,
            # Named or given, not "auto": the app bundle carries exactly these (build.spec).
            loop="asyncio",
            http=protocol,
            ws="none",
            lifespan="off",
            timeout_graceful_shutdown=2,
            timeout_keep_alive=5,  # an idle kept-alive connection between two requests
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
