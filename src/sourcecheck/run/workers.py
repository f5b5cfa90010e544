"""Run one task over many items in forked worker processes (a newsroom's articles, say).

A forked worker starts with everything its parent has loaded (imports, the catalog,
validated resources), so no set-up travels to it: each task is an index into a list
the worker inherited, and only results are pickled back.  That is also why this is
Linux only: ``fork`` is the start method that shares the parent's state for free
(macOS forks unsafely, Windows cannot), and elsewhere the items run one by one.

A :class:`~sourcecheck.errors.SourcecheckError` raised by a task (bad input: the run
must stop) comes back as a value in its item's place, so that the caller can raise
the first one in item order, as a run in one process would have.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from ..errors import SourcecheckError

Item = TypeVar("Item")
Result = TypeVar("Result")

# The running map's task and items, set in the parent just before the workers fork.
_task: Callable[[Any], Any] | None = None
_items: Sequence[Any] = ()
_is_worker = False


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


def run_each(task: Callable[[Item], Result], items: Sequence[Item], workers: int,
             meanwhile: Callable[[], None] | None = None,
             then: Callable[[Any], Any] | None = None) -> list[Any]:
    """``task(item)`` for every item, in item order, in up to ``workers`` processes: this
    one and ``workers - 1`` forked ones.  A task may run here as well as in a worker, so
    what it changes must be welcome here too (:func:`in_worker` tells where it runs).

    A SourcecheckError raised by a task is returned in its item's place; any other
    exception is a bug and propagates.  With one worker, no ``fork``, or a single item
    and nothing to do ``meanwhile``, the items run here, one by one, with the same
    results.  ``meanwhile`` is work for this process while the workers run (or before
    the items, when they run here); it must not need their results.  ``then``, when
    given, is applied here to each result (an error too) as it arrives, in item order,
    while the workers go on; the list holds what it returns.
    """
    global _task, _items
    finish = then or _same
    if workers <= 1 or not items or (len(items) < 2 and meanwhile is None) or not can_fork():
        if meanwhile is not None:
            meanwhile()
        return [finish(_guarded(task, item)) for item in items]
    _task, _items = task, items
    # Objects that exist now are left alone by the workers' garbage collector, so
    # their memory pages stay shared with the parent instead of being copied.  (A caller
    # that froze objects itself, as a pre-forking server does, keeps them frozen.)
    thawed_before = gc.get_freeze_count() == 0
    gc.freeze()
    try:
        # This process is one of the workers: it forks one fewer, does its own work
        # (``meanwhile``, ``then``) and, whenever it would wait, takes back the last chunk
        # of items that no worker has started and runs it here.  An executor rather than
        # multiprocessing.Pool: a worker that dies (killed for its memory, say) breaks
        # the executor, where the pool would wait for it for ever.
        with ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_become_worker) as pool:
            # small chunks keep everyone busy to the end; large ones cost fewer messages
            size = max(1, len(items) // (workers * 16))
            chunks = [range(start, min(start + size, len(items))) for start in range(0, len(items), size)]
            futures = [pool.submit(_run_chunk, chunk) for chunk in chunks]
            try:
                if meanwhile is not None:
                    meanwhile()
                return _gather(futures, chunks, finish)
            except BaseException:  # a bug here, or an interrupt: the workers' queue is dropped
                pool.shutdown(cancel_futures=True)
                raise
    except BrokenProcessPool:
        raise SourcecheckError("a worker process stopped before it finished (out of memory?); "
                               "--workers 1 checks in one process") from None
    finally:
        _task, _items = None, ()
        if thawed_before:
            gc.unfreeze()


def _gather(futures: list[Future[list[Any]]], chunks: list[range], finish: Callable[[Any], Any]) -> list[Any]:
    """The chunks' results in order, each passed to ``finish`` as it is reached; while the
    next one is still being worked on, the last chunk not yet started (never the first
    one: a worker always has something) is cancelled there and run here."""
    assert _task is not None
    taken_back: dict[int, list[Any]] = {}
    last = len(futures)
    results: list[Any] = []
    for index, future in enumerate(futures):
        while not future.done() and last - 1 > index and futures[last - 1].cancel():
            last -= 1
            taken_back[last] = [_guarded(_task, _items[item]) for item in chunks[last]]
        chunk = taken_back.pop(index) if index in taken_back else future.result()
        results.extend(finish(result) for result in chunk)
    return results


def in_worker() -> bool:
    """Whether this process is a worker that :func:`run_each` forked."""
    return _is_worker


def _become_worker() -> None:
    global _is_worker
    _is_worker = True


def _same(result: Any) -> Any:
    return result


def _run_chunk(chunk: range) -> list[Any]:
    assert _task is not None
    return [_guarded(_task, _items[item]) for item in chunk]


def _guarded(task: Callable[[Item], Result], item: Item) -> Result | SourcecheckError:
    try:
        return task(item)
    except SourcecheckError as error:
        return error
