"""The progress line: drawn on a terminal, erased when done, silent anywhere else."""

from __future__ import annotations

import io
import os

from hypothesis import given, settings
from hypothesis import strategies as st

from sourcecheck.progress import MIN_INTERVAL, Progress, track


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def terminal() -> tuple[io.TextIOWrapper, int]:
    """A stream on a real pseudo-terminal, and the fd its output can be read from."""
    controller, terminal_fd = os.openpty()
    return io.open(terminal_fd, "w", encoding="utf-8", closefd=True), controller


def read_all(fd: int) -> str:
    os.set_blocking(fd, False)
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8")


def test_silent_when_the_stream_is_not_a_terminal():
    stream = io.StringIO()
    assert list(track(["a", "b", "c"], "checking", stream=stream, describe=str)) == ["a", "b", "c"]
    assert stream.getvalue() == ""


def test_draws_on_a_real_terminal_and_erases_the_line_at_the_end():
    stream, controller = terminal()
    try:
        items = list(track(["one", "two"], "checking articles", stream=stream, describe=str))
        written = read_all(controller)
    finally:
        stream.close()
        os.close(controller)
    assert items == ["one", "two"]
    assert "sourcecheck: checking articles 0/2 (0%)" in written
    assert "sourcecheck: checking articles 2/2 (100%) two" in written
    # the last thing written blanks the line and returns to its start
    assert written.endswith("\r")
    assert written.rsplit("\r", 2)[-2].strip() == ""


class TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_redraws_are_rate_limited_but_the_last_one_always_shows():
    clock, stream = FakeClock(), TTY()
    with Progress("reading rows", 1000, stream=stream, clock=clock) as progress:
        for _ in range(999):
            progress.advance()          # no time passes: no redraws
        assert stream.getvalue().count("\r") == 1
        clock.now += MIN_INTERVAL
        progress.advance()              # the last step is always drawn
        assert "1000/1000 (100%)" in stream.getvalue()


def test_without_a_total_it_counts():
    stream = TTY()
    progress = Progress("resources", stream=stream, clock=FakeClock())
    progress.advance("a.csv")
    assert progress.line("a.csv") == "sourcecheck: resources 1 a.csv"


@settings(deadline=None)
@given(st.lists(st.text(alphabet="abcdef", max_size=30), min_size=1, max_size=20))
def test_each_redraw_covers_the_previous_line(names):
    clock, stream = FakeClock(), TTY()
    with Progress("x", len(names), stream=stream, clock=clock) as progress:
        for name in names:
            clock.now += 1
            progress.advance(name)
    drawn = stream.getvalue().split("\r")[1:-1]  # the text between carriage returns
    widths = [len(line) for line in drawn]
    assert widths == sorted(widths), "a redraw was shorter than the line before it"


def test_the_cli_shows_its_stages_on_a_terminal_and_nothing_elsewhere(tmp_path, monkeypatch, capsys):
    from sourcecheck.cli import main

    (tmp_path / "datapackages").mkdir()
    assert main(["validate", str(tmp_path)]) == 0
    assert capsys.readouterr().err == ""          # stderr is not a terminal here
    stream, controller = terminal()
    try:
        monkeypatch.setattr("sys.stderr", stream)
        assert main(["validate", str(tmp_path)]) == 0
        written = read_all(controller)
    finally:
        stream.close()
        os.close(controller)
    assert f"sourcecheck: validate {tmp_path} 0/2 (0%) validating data packages" in written
    assert "1/2 (50%) writing the text report" in written
    assert written.endswith("\r")
