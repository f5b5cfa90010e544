"""Issue 15, item 7: ``--allow-remote`` fetches http and https only, within a size limit,
a connect deadline and a deadline for the whole download, and follows no redirect to
another scheme.  A refused or failed download is a finding, never a crash or a hang.

Every server here is started by the test on 127.0.0.1; nothing reaches the network.
"""

from __future__ import annotations

import contextlib
import io
import json
import signal
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from sourcecheck.cli import main
from sources import package_builder  # tests/sources/package_builder.py

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 30  # seconds: a hang is what this catches, not slowness
CAP = 32 << 20  # the "endless" body stops here, so that code without a limit fails instead of exhausting memory



CSV = package_builder.CSV


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    stop: threading.Event


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def do_GET(self):  # noqa: N802 - the base class's name
        url = urlsplit(self.path)
        route = getattr(self, "_" + url.path.strip("/").replace(".", "_").replace("-", "_"), None)
        if route is None:
            self.send_error(404)
            return
        try:
            route(parse_qs(url.query))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up: what a limit does

    def _head(self, status=200, **headers):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), str(value))
        self.end_headers()

    def _answers_csv(self, query):
        body = CSV.encode("utf-8")
        self._head(Content_Type="text/csv", Content_Length=len(body))
        self.wfile.write(body)

    def _moved_csv(self, query):
        self._head(302, Location="/answers.csv", Content_Length=0)

    def _redirect(self, query):
        self._head(302, Location=query["to"][0], Content_Length=0)

    def _endless_csv(self, query):
        """Rows for ever (up to CAP); ``length`` declares a Content-Length."""
        headers = {"Content_Length": query["length"][0]} if "length" in query else {"Connection": "close"}
        self._head(Content_Type="text/csv", **headers)
        self.wfile.write(b"id,answer,share,locator\n")
        row, sent = b"1,yes,40.2,page 3\n" * 4096, 0
        while sent < CAP and not self.server.stop.is_set():
            self.wfile.write(row)
            sent += len(row)

    def _short_csv(self, query):
        """Half the length it announces, then the connection closes."""
        body = CSV.encode("utf-8")
        self._head(Content_Type="text/csv", Content_Length=2 * len(body), Connection="close")
        self.wfile.write(body)

    def _trickle_csv(self, query):
        """The CSV, one byte a second."""
        body = CSV.encode("utf-8")
        self._head(Content_Type="text/csv", Content_Length=len(body))
        for byte in body:
            if self.server.stop.wait(1):
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()


@pytest.fixture
def server() -> Iterator[str]:
    """An HTTP server on 127.0.0.1 for this test alone; yields its base address."""
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.stop = threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def listener() -> Iterator[tuple[int, list[object]]]:
    """A TCP port on 127.0.0.1 that records (and closes) every connection made to it."""
    sock = socket.create_server(("127.0.0.1", 0))
    sock.settimeout(0.2)
    connections: list[object] = []
    done = threading.Event()

    def accept():
        while not done.is_set():
            with contextlib.suppress(OSError):
                connection, peer = sock.accept()
                connections.append(peer)
                connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield sock.getsockname()[1], connections
    finally:
        done.set()
        thread.join(5)
        sock.close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """127.0.0.1 is asked directly, whatever proxy the environment names."""
    for name in ("http_proxy", "https_proxy", "ftp_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


class _Hang(BaseException):
    """Raised by the alarm: the run did not end in time."""


def _validate(project: Path) -> tuple[int, str, list[dict]]:
    """`validate --allow-remote` in this process, failed after TIMEOUT seconds (a hang)."""

    def ring(signum, frame):
        raise _Hang()

    out, err = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, TIMEOUT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["validate", str(project), "--allow-remote", "--format", "json"])
    except _Hang:
        pytest.fail(f"no answer within {TIMEOUT} s (a hang)")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert "Traceback" not in err.getvalue(), err.getvalue()
    return code, out.getvalue(), json.loads(out.getvalue())["findings"]


def _project(root: Path, url: str, **limits: int) -> Path:
    project = package_builder.make_project(root, csv=None, path=url)
    if limits:
        lines = [f"{name.replace('_', '-')} = {value}" for name, value in limits.items()]
        (project / "pyproject.toml").write_text("[tool.sourcecheck.limits]\n" + "\n".join(lines) + "\n",
                                                encoding="utf-8")
    return project


def _about(findings: list[dict], url: str) -> list[dict]:
    """The findings that name ``url`` (as their path or in their message)."""
    return [f for f in findings if f.get("path") == url or url in f["message"]]


def test_a_small_csv_over_http_validates(tmp_path, server):
    code, _, findings = _validate(_project(tmp_path, f"{server}/answers.csv"))
    assert (code, findings) == (0, [])


def test_a_redirect_from_http_to_http_is_followed(tmp_path, server):
    code, _, findings = _validate(_project(tmp_path, f"{server}/moved.csv"))
    assert (code, findings) == (0, [])


def test_a_file_address_is_refused_and_not_read(tmp_path):
    url = "file:///etc/passwd"
    code, out, findings = _validate(_project(tmp_path, url))
    assert code == 1
    assert "root:" not in out and "/bin/" not in out  # /etc/passwd's content
    [finding] = _about(findings, url)
    assert "only http and https" in finding["message"]


@pytest.mark.parametrize("scheme", ["ftp", "data"])
def test_other_schemes_are_refused(tmp_path, listener, scheme):
    port, connections = listener
    url = f"ftp://127.0.0.1:{port}/answers.csv" if scheme == "ftp" else "data:text/csv,id%0A1"
    code, _, findings = _validate(_project(tmp_path, url))
    assert code == 1
    [finding] = _about(findings, url)
    assert "only http and https" in finding["message"]
    assert connections == []


def test_a_redirect_to_a_file_address_is_refused(tmp_path, server):
    url = f"{server}/redirect?to={quote('file:///etc/passwd', safe='')}"
    code, out, findings = _validate(_project(tmp_path, url))
    assert code == 1
    assert "root:" not in out
    [finding] = _about(findings, url)
    assert finding["code"] == "SC103"
    assert "redirect" in finding["message"] and "file:///etc/passwd" in finding["message"]
    assert "only http and https" in finding["message"]


def test_a_redirect_to_ftp_is_refused_without_connecting(tmp_path, server, listener):
    port, connections = listener
    target = f"ftp://127.0.0.1:{port}/answers.csv"
    url = f"{server}/redirect?to={quote(target, safe='')}"
    code, _, findings = _validate(_project(tmp_path, url))
    assert code == 1
    [finding] = _about(findings, url)
    assert "redirect" in finding["message"] and target in finding["message"]
    assert connections == []


@pytest.mark.parametrize("declared", [None, 10**12], ids=["no-length", "huge-length"])
def test_an_endless_body_stops_at_the_size_limit(tmp_path, server, declared):
    url = f"{server}/endless.csv" + ("" if declared is None else f"?length={declared}")
    code, _, findings = _validate(_project(tmp_path, url, download_size=65536))
    assert code == 1
    [finding] = _about(findings, url)
    assert finding["code"] == "SC103"
    assert "download-size" in finding["message"] and "65,536" in finding["message"]


def test_a_body_cut_short_is_a_finding(tmp_path, server):
    url = f"{server}/short.csv"
    code, _, findings = _validate(_project(tmp_path, url))
    assert code == 1
    [finding] = _about(findings, url)
    assert finding["code"] == "SC103"
    assert "short of the announced length" in finding["message"]


def test_a_trickling_server_is_cut_off_at_the_total_deadline(tmp_path, server):
    url = f"{server}/trickle.csv"
    started = time.monotonic()
    code, _, findings = _validate(_project(tmp_path, url, download_seconds=2))
    elapsed = time.monotonic() - started
    assert code == 1
    [finding] = _about(findings, url)
    assert finding["code"] == "SC103"
    assert "download-seconds" in finding["message"]
    assert elapsed < 15  # the whole CSV would take a minute; each download is cut after 2 s


def test_a_connection_not_made_in_time_names_the_connect_limit(tmp_path, server, monkeypatch):
    from sourcecheck.sources import remote

    timeouts = []

    def unanswered(address, timeout=None, *args, **kwargs):
        timeouts.append(timeout)
        raise TimeoutError("timed out")

    monkeypatch.setattr(remote.socket, "create_connection", unanswered)
    url = f"{server}/answers.csv"
    code, _, findings = _validate(_project(tmp_path, url, connect_seconds=3))
    assert code == 1
    [finding] = _about(findings, url)
    assert "connect-seconds" in finding["message"]
    assert timeouts and all(0 < timeout <= 3 for timeout in timeouts)


@pytest.mark.parametrize(("reference", "remote", "fetchable"), [
    ("https://example.org/a.csv", True, True), ("HTTP://EXAMPLE.ORG/A.CSV", True, True),
    ("ftp://example.org/a.csv", True, False), ("file:///etc/passwd", True, False),
    ("file:/etc/passwd", True, False), ("data:text/csv,a", True, False), ("s3://bucket/a.csv", True, False),
    ("answers.csv", False, False), ("http.csv", False, False), ("data/answers.csv", False, False),
])
def test_which_addresses_are_remote_and_which_are_fetched(reference, remote, fetchable):
    from sourcecheck.sources.paths import is_fetchable, is_remote

    assert (is_remote(reference), is_fetchable(reference)) == (remote, fetchable)
