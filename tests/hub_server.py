"""A local HTTP server that speaks the Hugging Face Hub's file-download protocol, for tests.

HEAD/GET /{repo_id}/resolve/{revision}/{filename} answer with X-Repo-Commit, ETag/X-Linked-Etag (the
sha256, as the Hub does for LFS files), X-Linked-Size, and honour `Range: bytes=N-` with 206.
Point huggingface_hub at it with `endpoint=` or HF_ENDPOINT.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COMMIT = "0123456789abcdef0123456789abcdef01234567"
_PATH = re.compile(r"^/(?P<repo>[^/]+/[^/]+)/resolve/(?P<rev>[^/]+)/(?P<file>.+)$")


@dataclass
class Served:
    data: bytes
    etag: str = ""  # defaults to the sha256 of data; set it to lie about the content
    drop_after: int | None = None  # first GET closes the connection after this many bytes
    chunk_delay_s: float = 0.0  # sleep between 64 KiB chunks, to make a download slow
    status: int = 200  # e.g. 401 or 404 to simulate the Hub's errors

    def __post_init__(self) -> None:
        self.etag = self.etag or hashlib.sha256(self.data).hexdigest()


@dataclass
class Request:
    method: str
    path: str
    range: str | None


@dataclass
class HubServer:
    files: dict[tuple[str, str], Served] = field(default_factory=dict)  # (repo_id, filename) -> file
    requests: list[Request] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _connections: list = field(default_factory=list)

    def add(self, repo_id: str, filename: str, served: Served) -> Served:
        self.files[(repo_id, filename)] = served
        return served

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> HubServer:
        hub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def setup(self) -> None:
                super().setup()
                hub._connections.append(self.connection)

            def _lookup(self) -> Served | None:
                match = _PATH.match(self.path.split("?")[0])
                hub.requests.append(Request(self.command, self.path, self.headers.get("Range")))
                if not match:
                    return None
                return hub.files.get((match["repo"], match["file"]))

            def _headers(self, served: Served, status: int, length: int, extra: dict[str, str]) -> None:
                self.send_response(status)
                self.send_header("X-Repo-Commit", COMMIT)
                self.send_header("ETag", f'"{served.etag}"')
                self.send_header("X-Linked-Etag", f'"{served.etag}"')
                self.send_header("X-Linked-Size", str(len(served.data)))
                self.send_header("Accept-Ranges", "bytes")
                self.send_header("Content-Length", str(length))
                for key, value in extra.items():
                    self.send_header(key, value)
                self.end_headers()

            def _error(self, status: int) -> None:
                body = b'{"error": "nope"}'
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                if status == 404:
                    self.send_header("X-Error-Code", "EntryNotFound")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def do_HEAD(self) -> None:  # noqa: N802
                served = self._lookup()
                if served is None or served.status != 200:
                    self._error(404 if served is None else served.status)
                    return
                self._headers(served, 200, len(served.data), {})

            def do_GET(self) -> None:  # noqa: N802
                served = self._lookup()
                if served is None or served.status != 200:
                    self._error(404 if served is None else served.status)
                    return
                start = 0
                wanted = self.headers.get("Range")
                if wanted:
                    start = int(re.match(r"bytes=(\d+)-", wanted).group(1))
                    if start >= len(served.data):
                        self._error(416)
                        return
                    self._headers(served, 206, len(served.data) - start,
                                  {"Content-Range": f"bytes {start}-{len(served.data) - 1}/{len(served.data)}"})
                else:
                    self._headers(served, 200, len(served.data), {})
                drop_after, served.drop_after = served.drop_after, None
                position = start
                while position < len(served.data):
                    end = min(len(served.data), position + 65536)
                    if drop_after is not None and end - start >= drop_after:
                        self.wfile.write(served.data[position:start + drop_after])
                        self.wfile.flush()
                        self.close_connection = True
                        self.connection.shutdown(2)
                        return
                    try:
                        self.wfile.write(served.data[position:end])
                    except (BrokenPipeError, ConnectionResetError):
                        return
                    position = end
                    if served.chunk_delay_s:
                        time.sleep(served.chunk_delay_s)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        # Gone means gone: kept-alive client connections are cut too.
        for connection in self._connections:
            try:
                connection.shutdown(2)
            except OSError:
                pass
            connection.close()
        self._connections.clear()

    def gets(self) -> list[Request]:
        return [r for r in self.requests if r.method == "GET"]


def main() -> None:
    """Serve a folder of files as one repo, for a manual check: python tests/hub_server.py REPO DIR."""
    import sys
    from pathlib import Path

    repo, folder = sys.argv[1], Path(sys.argv[2])
    hub = HubServer()
    for path in folder.iterdir():
        if path.is_file():
            hub.add(repo, path.name, Served(path.read_bytes()))
    hub.start()
    print(hub.url, flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
