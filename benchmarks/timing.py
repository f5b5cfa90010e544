"""Timing shared by the benchmark scripts (run as ``python benchmarks/<name>.py``)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(run: Callable[[], object], runs: int) -> float:
    """The median wall-clock time of ``runs`` calls of ``run``, in this process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def calibration() -> float:
    """CPU seconds for an empty Python loop of 10^7 turns: how fast this machine is now
    (on the shared machines here it swings between about 0.35 and 1.6 s)."""
    start = time.process_time()
    for _ in range(10_000_000):
        pass
    return time.process_time() - start
