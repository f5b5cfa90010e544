"""Downloading a remote resource (``--allow-remote``): http and https only, and bounded.

A descriptor is untrusted input, and so is the server it names.  A download

- fetches ``http://`` and ``https://`` addresses only, and follows no redirect to another
  scheme: ``file:`` would read a local file, ``ftp:`` or ``data:`` talk other protocols
  (a redirect between http and https is followed);
- stops at ``download-size`` bytes; a declared length over it is refused before reading,
  so an endless body cannot fill the memory;
- gives up when no connection is made within ``connect-seconds``, and when the whole
  download (connecting, headers, redirects, body) has not ended within
  ``download-seconds``: a server sending one byte at a time is cut off, not waited for.

The transfer runs in a thread of its own, which the caller waits for until the deadline,
then abandons after shutting its connections down: the deadline holds whatever the
server (or the name lookup) does.  Every failure is a :class:`DownloadError` (an
``OSError``), worded for the user, naming the limit when a limit was reached.

:func:`fetch` is the same download with request headers (a conditional request's
``If-None-Match``), answering with the status and the response headers: a 304 (not
modified) is an answer, not a failure.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from functools import partial
from typing import IO, Any
from urllib.parse import urljoin

from ..limits import Limits, current
from .paths import is_fetchable

_CHUNK = 1 << 16
_LIMITS = "[tool.sourcecheck.limits]"


class DownloadError(OSError):
    """Why a remote resource was not downloaded, in words for the user."""


@dataclass(frozen=True)
class Response:
    """What a server answered: the status (200, or 304 for not modified), the body (empty
    for a 304) and the headers, by lower-case name."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def download(url: str, limits: Limits | None = None) -> bytes:
    """The body of the http or https address ``url``, within ``limits`` (the run's)."""
    return fetch(url, limits=limits).body


def fetch(url: str, headers: dict[str, str] | None = None, limits: Limits | None = None) -> Response:
    """The answer of the http or https address ``url`` to a GET with ``headers``, within
    ``limits`` (the run's); a :class:`DownloadError` for anything but a 2xx or a 304."""
    limits = limits or current()
    if not is_fetchable(url):
        raise DownloadError(f"only http and https addresses are fetched (--allow-remote), not {_scheme(url)}:")
    for name, value in (headers or {}).items():
        if any(mark in name + value for mark in "\r\n\0"):
            raise DownloadError(f"request header {name[:80]!r} holds a line break; refused")
    transfer = _Transfer(url, limits, headers or {})
    worker = threading.Thread(target=transfer.run, name="sourcecheck-download", daemon=True)
    worker.start()
    try:
        worker.join(limits.download_seconds)
    finally:
        if worker.is_alive():  # the deadline, or an interrupt: cut the connection, leave the thread
            transfer.expire()
    if worker.is_alive():
        raise DownloadError(transfer.too_slow())
    return transfer.result()


def _scheme(url: str) -> str:
    return url.split(":", 1)[0].lower()


class _Transfer:
    """One download, run by a worker thread; :meth:`expire` cuts it off from another."""

    def __init__(self, url: str, limits: Limits, headers: dict[str, str]) -> None:
        self.url = url
        self.limits = limits
        self.headers = headers
        self.deadline = time.monotonic() + limits.download_seconds
        self._lock = threading.Lock()
        self._watched: list[socket.socket] = []  # duplicates of the connections' sockets
        self._expired = False
        self._response: Response | None = None
        self._error: DownloadError | None = None

    def too_slow(self) -> str:
        return f"not downloaded within {self.limits.download_seconds} s ({_LIMITS} download-seconds)"

    def result(self) -> Response:
        if self._error is not None:
            raise self._error
        if self._response is None:  # cannot happen: run() sets one of them
            raise DownloadError("the download ended without a result")
        return self._response

    def run(self) -> None:
        try:
            self._response = self._fetch()
        except Exception as error:  # noqa: BLE001 - in this thread, anything uncaught would be lost
            late = self._expired or time.monotonic() >= self.deadline
            self._error = DownloadError(self.too_slow()) if late else _worded(error)
        finally:
            with self._lock:
                watched, self._watched = self._watched, []
            for sock in watched:
                sock.close()

    def expire(self) -> None:
        """Shut every connection down: a read blocked on one returns at once."""
        with self._lock:
            self._expired = True
            watched, self._watched = self._watched, []
        for sock in watched:
            _shut(sock)
            sock.close()

    def connect(self, address: tuple[str, int], timeout: float | None = None,
                source_address: tuple[str, int] | None = None) -> socket.socket:
        """``socket.create_connection`` within connect-seconds, the connection watched."""
        remaining = self.deadline - time.monotonic()
        wait = min(self.limits.connect_seconds, remaining)
        if wait <= 0:
            raise DownloadError(self.too_slow())
        try:
            sock = socket.create_connection(address, wait, source_address)
        except TimeoutError:
            if wait < self.limits.connect_seconds:
                raise DownloadError(self.too_slow()) from None
            raise DownloadError(f"no connection to {address[0]} within {self.limits.connect_seconds} s "
                                f"({_LIMITS} connect-seconds)") from None
        # no read outlives the deadline (the caller cuts the connection at it: this is a second line)
        sock.settimeout(max(self.deadline - time.monotonic(), 0) + 1)
        with self._lock:
            if not self._expired:
                # a duplicate: shutting it down ends the connection, even once TLS wraps the socket
                self._watched.append(sock.dup())
                return sock
        _shut(sock)
        sock.close()
        raise DownloadError(self.too_slow())

    def _fetch(self) -> Response:
        opener = urllib.request.OpenerDirector()
        context = ssl.create_default_context()
        for handler in (urllib.request.ProxyHandler(), urllib.request.UnknownHandler(),
                        _HTTPHandler(self), _HTTPSHandler(self, context), _Redirects(),
                        urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPErrorProcessor()):
            opener.add_handler(handler)
        request = urllib.request.Request(self.url, headers=self.headers)
        try:
            with opener.open(request, timeout=self.limits.connect_seconds) as response:
                body = self._read(response)
                return Response(response.status, body, _lower(response.headers))
        except urllib.error.HTTPError as error:
            if error.code != 304:  # not modified: the answer a conditional request hopes for
                raise
            with error:
                return Response(304, b"", _lower(error.headers))

    def _read(self, response: Any) -> bytes:
        limit = self.limits.download_size
        over = f"over the limit of {limit:,} bytes ({_LIMITS} download-size)"
        declared = str(response.headers.get("Content-Length") or "").strip()
        if declared.isdigit() and int(declared) > limit:
            raise DownloadError(f"the server announces {int(declared):,} bytes, {over}")
        chunks, size = [], 0
        while chunk := response.read(min(_CHUNK, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise DownloadError(over)
        missing = getattr(response, "length", None)  # http.client ends a short body quietly
        if missing:
            raise DownloadError(f"the connection closed after {size:,} bytes, {missing:,} short of the "
                                "announced length")
        return b"".join(chunks)


def _lower(headers: Any) -> dict[str, str]:
    return {str(name).lower(): str(value) for name, value in headers.items()}


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # closed already


def _worded(error: Exception) -> DownloadError:
    if isinstance(error, DownloadError):
        return error
    if isinstance(error, urllib.error.HTTPError):
        return DownloadError(f"HTTP error {error.code} ({error.reason})")
    if isinstance(error, urllib.error.URLError):
        reason = error.reason
        if isinstance(reason, DownloadError):
            return reason
        return DownloadError(reason.strerror or str(reason) if isinstance(reason, OSError) else str(reason))
    if isinstance(error, OSError) and error.strerror:
        return DownloadError(error.strerror)
    return DownloadError(f"{type(error).__name__}: {error}" if str(error) else type(error).__name__)


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, transfer: _Transfer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = transfer.connect


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, transfer: _Transfer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = transfer.connect


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, transfer: _Transfer) -> None:
        super().__init__()
        self.transfer = transfer

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_HTTPConnection, transfer=self.transfer), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, transfer: _Transfer, context: ssl.SSLContext) -> None:
        super().__init__(context=context)
        self.transfer = transfer
        self.context = context

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_HTTPSConnection, transfer=self.transfer), req, context=self.context)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Redirects between http and https are followed; to any other scheme, refused."""

    def http_error_302(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                       headers: Any) -> Any:
        target = headers.get("location") or headers.get("uri")
        if target is not None:
            address = urljoin(req.full_url, str(target))
            if not is_fetchable(address):
                fp.close()
                raise DownloadError(f"the server redirects to {address}; refused: only http and https "
                                    "addresses are fetched (--allow-remote)")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302
