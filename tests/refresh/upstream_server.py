"""A real HTTP server on 127.0.0.1, started and stopped by a test, serving upstream
versions of a resource: ETag and Last-Modified honoured (304), revisions, slow and
oversized bodies, redirects; every request it got, with its headers, recorded."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Route:
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    redirect: str | None = None       # a Location to send instead of the body
    slow: float = 0.0                 # seconds between chunks of 16 bytes
    declared: int | None = None       # a Content-Length other than the body's
    required: dict[str, str] = field(default_factory=dict)  # headers the request must carry


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class UpstreamServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class _Handler(BaseHTTPRequestHandler):
    server: UpstreamServer

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def do_GET(self):  # noqa: N802 - the base class's name
        self.server.requests.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}))
        route = self.server.routes.get(urlsplit(self.path).path)
        if route is None or any(self.headers.get(k) != v for k, v in route.required.items()):
            self.send_error(404)
            return
        if route.redirect is not None:
            self.send_response(302)
            self.send_header("Location", route.redirect)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self._not_modified(route):
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.send_header("Content-Length", str(route.declared if route.declared is not None else len(route.body)))
        if route.etag:
            self.send_header("ETag", route.etag)
        if route.last_modified:
            self.send_header("Last-Modified", route.last_modified)
        self.end_headers()
        try:
            if not route.slow:
                self.wfile.write(route.body)
                return
            for start in range(0, len(route.body), 16):
                self.wfile.write(route.body[start:start + 16])
                self.wfile.flush()
                time.sleep(route.slow)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up: what a limit does

    def _not_modified(self, route: Route) -> bool:
        tag = self.headers.get("If-None-Match")
        if tag is not None:
            return route.etag is not None and tag == route.etag
        since = self.headers.get("If-Modified-Since")
        if since is not None and route.last_modified:
            return parsedate_to_datetime(route.last_modified) <= parsedate_to_datetime(since)
        return False


@contextmanager
def serving() -> Iterator[UpstreamServer]:
    server = UpstreamServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
