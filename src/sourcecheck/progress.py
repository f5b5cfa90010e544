"""A progress line on stderr for long runs (many articles, large resources).

    for article in track(articles, "checking articles", describe=lambda a: a.name):
        ...

It redraws one line in place (``\\r``) and erases it when done, so the report on
stdout stays clean.  It is silent when the stream is not a terminal: in CI, in a
pipe, in tests, nothing is written at all.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TypeVar

T = TypeVar("T")

# Redraw at most this often, so that progress never costs noticeable time.
MIN_INTERVAL = 0.1


class Progress:
    """One line of progress: ``label 3/12 (25%) item``; a context manager."""

    def __init__(
        self,
        label: str,
        total: int | None = None,
        *,
        stream: IO[str] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self.stream = sys.stderr if stream is None else stream
        self.enabled = _is_terminal(self.stream)
        self._clock = clock
        self._last_draw: float | None = None
        self._width = 0

    def __enter__(self) -> Progress:
        self._draw("", force=True)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def advance(self, item: str = "", step: int = 1) -> None:
        """Count ``step`` more units done; ``item`` names what is being worked on."""
        self.done += step
        self._draw(item, force=self.total is not None and self.done >= self.total)

    def show(self, item: str) -> None:
        """Redraw the line naming what is being worked on now, without counting a step."""
        self._draw(item, force=True)

    def line(self, item: str = "") -> str:
        """The text of the progress line as it stands."""
        if self.total:
            count = f"{self.done}/{self.total} ({100 * self.done // self.total}%)"
        else:
            count = str(self.done)
        return " ".join(part for part in (f"sourcecheck: {self.label}", count, item) if part)

    def close(self) -> None:
        """Erase the line (only a terminal ever saw it)."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def _draw(self, item: str, force: bool = False) -> None:
        if not self.enabled:
            return
        now = self._clock()
        if not force and self._last_draw is not None and now - self._last_draw < MIN_INTERVAL:
            return
        self._last_draw = now
        text = self.line(item)
        # pad with spaces so a shorter line fully covers a longer one drawn before it
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = max(self._width, len(text))


def track(
    items: Iterable[T],
    label: str,
    *,
    total: int | None = None,
    describe: Callable[[T], str] = lambda item: "",
    stream: IO[str] | None = None,
) -> Iterator[T]:
    """Yield ``items`` unchanged while showing how far the loop has come."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with Progress(label, total, stream=stream) as progress:
        for item in items:
            yield item
            progress.advance(describe(item))


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False
