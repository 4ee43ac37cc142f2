"""A local HTTP server that speaks the Hugging Face Hub's file-download protocol, for tests.

HEAD/GET /{repo_id}/resolve/{revision}/{filename} answer with X-Repo-Commit, ETag/X-Linked-Etag (the
sha256, as the Hub does for LFS files), X-Linked-Size, and honour `Range: bytes=N-` with 206.
GET /api/models/{repo_id}/revision/{revision} says the commit (COMMIT), as the Hub's model info does, and
GET /api/models/{repo_id}/tree/{revision} lists the files with their sizes.
Point huggingface_hub at it with `endpoint=` or HF_ENDPOINT.

A file served with `cdn_expires_s` is stored "on the CDN", as the Hub does with LFS files: the resolve URL answers
302 with the metadata headers and a Location on a second port (another origin, like the real CDN), signed and valid
for that many seconds; a GET of that URL after it expired is refused with 403, as S3/CloudFront do.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COMMIT = "0123456789abcdef0123456789abcdef01234567"
_PATH = re.compile(r"^/(?P<repo>[^/]+/[^/]+)/resolve/(?P<rev>[^/]+)/(?P<file>.+)$")
_CDN_PATH = re.compile(
    r"^/cdn/(?P<repo>[^/]+/[^/]+)/(?P<file>[^?]+)\?expires=(?P<expires>[0-9.]+)&sig=(?P<sig>[0-9a-f]+)$"
)
_TREE_PATH = re.compile(r"^/api/models/(?P<repo>[^/]+/[^/]+)/tree/(?P<rev>[^/]+)")
_INFO_PATH = re.compile(r"^/api/models/(?P<repo>[^/]+/[^/]+)(/revision/(?P<rev>[^/]+))?$")
_SECRET = b"test-cdn-signing-key"


def _signature(repo: str, filename: str, expires: str) -> str:
    return hmac.new(_SECRET, f"{repo}/{filename}/{expires}".encode(), hashlib.sha256).hexdigest()


@dataclass
class Served:
    data: bytes
    etag: str = ""  # defaults to the sha256 of data; set it to lie about the content
    drop_after: int | None = None  # first GET closes the connection after this many bytes
    chunk_delay_s: float = 0.0  # sleep between 64 KiB chunks, to make a download slow
    status: int = 200  # e.g. 401 or 404 to simulate the Hub's errors
    cdn_expires_s: float | None = None  # served from the CDN through a signed URL valid this long
    empty_answers: int = 0  # this many GETs answer with headers but no bytes at all

    def __post_init__(self) -> None:
        self.etag = self.etag or hashlib.sha256(self.data).hexdigest()


@dataclass
class Request:
    method: str
    path: str
    range: str | None
    status: int = 0  # what the server answered
    authorized: bool = False  # an Authorization header came with it


@dataclass
class HubServer:
    files: dict[tuple[str, str], Served] = field(default_factory=dict)  # (repo_id, filename) -> file
    requests: list[Request] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _cdn: ThreadingHTTPServer | None = None
    _connections: list = field(default_factory=list)

    def add(self, repo_id: str, filename: str, served: Served) -> Served:
        self.files[(repo_id, filename)] = served
        return served

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def cdn_url(self) -> str:
        assert self._cdn is not None
        host, port = self._cdn.server_address[:2]
        return f"http://{host}:{port}"

    def resolves(self) -> list[Request]:
        return [r for r in self.requests if r.method == "GET" and "/resolve/" in r.path]

    def cdn_gets(self) -> list[Request]:
        return [r for r in self.requests if r.method == "GET" and r.path.startswith("/cdn/")]

    def start(self) -> HubServer:
        hub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def setup(self) -> None:
                super().setup()
                hub._connections.append(self.connection)

            def _lookup(self) -> tuple[Served | None, re.Match | None]:
                self.record = Request(self.command, self.path, self.headers.get("Range"),
                                      authorized="Authorization" in self.headers)
                hub.requests.append(self.record)
                match = _PATH.match(self.path.split("?")[0])
                if not match:
                    return None, None
                return hub.files.get((match["repo"], match["file"])), match

            def send_response(self, code: int, message: str | None = None) -> None:
                if getattr(self, "record", None) is not None:
                    self.record.status = code
                super().send_response(code, message)

            def _redirect_to_cdn(self, served: Served, match: re.Match) -> None:
                expires = f"{time.time() + served.cdn_expires_s:.3f}"
                sig = _signature(match["repo"], match["file"], expires)
                self.send_response(302)
                self.send_header("X-Repo-Commit", COMMIT)
                self.send_header("ETag", f'"{served.etag}"')
                self.send_header("X-Linked-Etag", f'"{served.etag}"')
                self.send_header("X-Linked-Size", str(len(served.data)))
                self.send_header("Location", f"{hub.cdn_url}/cdn/{match['repo']}/{match['file']}"
                                             f"?expires={expires}&sig={sig}")
                self.send_header("Content-Length", "0")
                self.end_headers()

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
                served, match = self._lookup()
                if served is None or served.status != 200:
                    self._error(404 if served is None else served.status)
                    return
                if served.cdn_expires_s is not None:
                    self._redirect_to_cdn(served, match)
                    return
                self._headers(served, 200, len(served.data), {})

            def do_GET(self) -> None:  # noqa: N802
                if self.path.startswith("/cdn/"):
                    self._cdn_get()
                    return
                if _INFO_PATH.match(self.path.split("?")[0]):
                    self._info()
                    return
                if self.path.startswith("/api/models/"):
                    self._tree()
                    return
                served, match = self._lookup()
                if served is None or served.status != 200:
                    self._error(404 if served is None else served.status)
                    return
                if served.cdn_expires_s is not None:
                    self._redirect_to_cdn(served, match)
                    return
                self._send(served)

            def _info(self) -> None:
                """The model info API (HfApi.model_info), which says the commit a revision is at."""
                self.record = Request("GET", self.path, None, authorized="Authorization" in self.headers)
                hub.requests.append(self.record)
                repo = _INFO_PATH.match(self.path.split("?")[0])["repo"]
                names = [filename for (repo_id, filename) in sorted(hub.files) if repo_id == repo]
                if names:
                    body = json.dumps({"id": repo, "modelId": repo, "sha": COMMIT, "private": False,
                                       "siblings": [{"rfilename": n} for n in names]}).encode()
                    self.send_response(200)
                else:
                    body = b'{"error": "Repository not found"}'
                    self.send_response(404)
                    self.send_header("X-Error-Code", "RepoNotFound")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _tree(self) -> None:
                """The tree API (HfApi.list_repo_tree): every file of the repo with its size; LFS files (1 KiB and
                more here) with their sha256, as the Hub lists model weights."""
                self.record = Request("GET", self.path, None, authorized="Authorization" in self.headers)
                hub.requests.append(self.record)
                match = _TREE_PATH.match(self.path.split("?")[0])
                repo = match["repo"] if match else ""
                entries = []
                for (repo_id, filename), served in sorted(hub.files.items()):
                    if repo_id != repo:
                        continue
                    blob = hashlib.sha1(f"blob {len(served.data)}\0".encode() + served.data).hexdigest()
                    entry = {"type": "file", "path": filename, "size": len(served.data), "oid": blob}
                    if len(served.data) >= 1024:
                        entry["lfs"] = {"oid": hashlib.sha256(served.data).hexdigest(), "size": len(served.data),
                                        "pointerSize": 134}
                    entries.append(entry)
                if not entries:
                    body = b'{"error": "Repository not found"}'
                    self.send_response(404)
                    self.send_header("X-Error-Code", "RepoNotFound")
                else:
                    body = json.dumps(entries).encode()
                    self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _cdn_get(self) -> None:
                self.record = Request("GET", self.path, self.headers.get("Range"),
                                      authorized="Authorization" in self.headers)
                hub.requests.append(self.record)
                match = _CDN_PATH.match(self.path)
                served = hub.files.get((match["repo"], match["file"])) if match else None
                if served is None or not hmac.compare_digest(
                        match["sig"], _signature(match["repo"], match["file"], match["expires"])):
                    self._error(403)
                    return
                if time.time() > float(match["expires"]):
                    self._error(403)  # "Request has expired", as S3 and CloudFront say
                    return
                self._send(served)

            def _send(self, served: Served) -> None:
                if served.empty_answers:
                    served.empty_answers -= 1
                    self._headers(served, 200, 0, {})
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
        self._cdn = ThreadingHTTPServer(("127.0.0.1", 0), Handler)  # another port: another origin, like a CDN
        for server in (self._server, self._cdn):
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        for server in (self._server, self._cdn):
            if server is not None:
                server.shutdown()
                server.server_close()
        self._server = self._cdn = None
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
