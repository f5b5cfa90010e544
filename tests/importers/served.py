"""A server on 127.0.0.1 answering as CBS OData and Eurostat's Statistics API do, from the
fixture answers in fixtures/; started and stopped by the test that uses it.  It records
every request it is sent (path and query) so a test can tell what was asked, or that
nothing was."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Answers:
    """What the server answers: a body by path (``/odata/37296ned/TypedDataSet``), and
    what it was asked."""

    bodies: dict[str, bytes] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)  # path -> Location
    delays: dict[str, float] = field(default_factory=dict)  # path -> seconds before the body
    requests: list[tuple[str, dict[str, list[str]]]] = field(default_factory=list)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    answers: Answers


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def do_GET(self):  # noqa: N802 - the base class's name
        url = urlsplit(self.path)
        answers = self.server.answers
        answers.requests.append((url.path, parse_qs(url.query)))
        if url.path in answers.redirects:
            self.send_response(302)
            self.send_header("Location", answers.redirects[url.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = answers.bodies.get(url.path)
        status = answers.statuses.get(url.path, 200 if body is not None else 404)
        body = body if body is not None else b'{"error": {"status": 404, "label": "not found"}}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        time.sleep(answers.delays.get(url.path, 0))
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up: what a deadline does


def cbs_answers(table: str = "37296ned") -> Answers:
    answers = Answers()
    for path in sorted((FIXTURES / "cbs").glob("*.json")):
        answers.bodies[f"/odata/{table}/{path.stem}"] = path.read_bytes()
    return answers


def eurostat_answers(dataset: str = "demo_pjan") -> Answers:
    return Answers({f"/data/{dataset}": (FIXTURES / "eurostat" / f"{dataset}.json").read_bytes()})


@contextmanager
def serving(answers: Answers) -> Iterator[str]:
    """The server's base address while the block runs."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.answers = answers
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
