"""Where a resource's blocks and buckets run: here, one after the other, or on a dask cluster.

Without ``--scheduler`` and ``--memory-budget`` nothing changes: each resource is read and
checked whole (``sources/validate.py``).  With a memory budget, a resource whose CSV would
take more than the budget to check whole (MEMORY_PER_BYTE times its size) is validated in
blocks in this process (:class:`InProcess`), the rows between blocks and buckets waiting in
files of a temporary folder.  With a scheduler (``tcp://host:port``, or ``local`` for a
cluster of this machine's cores on 127.0.0.1), every resource that can be cut is validated
in blocks on the cluster's workers (:class:`OnCluster`), the rows waiting in the workers'
memory.  The findings are the same whichever runs them (sources/inblocks.py).
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType
from typing import Any

from .. import limits
from ..errors import ConfigError, SourcecheckError
from ..findings import Finding
from ..sources.blocks import DEFAULT_BLOCK_SIZE
from ..sources.catalog import Resource
from ..sources.inblocks import BucketJob, NotCuttable, can_cut, validate_in_blocks
from ..sources.partition import BlockJob, BlockSummary, Part, check_block, check_bucket
from ..sources.schemas import SchemaFile
from ..sources.validate import ResourceCheck, validate_resource

#: bytes of memory that checking one byte of CSV whole takes, at most (docs/performance.md)
MEMORY_PER_BYTE = 16
LOCAL = "local"


class InProcess:
    """Blocks and buckets run here, one at a time; a bucket's rows wait in a file."""

    def __init__(self) -> None:
        self._folder: Path | None = None
        self._parts: dict[tuple[str, int], list[Path]] = {}

    def run_blocks(self, jobs: Sequence[BlockJob], exchanges: Sequence[str]) -> list[BlockSummary]:
        self._folder = Path(tempfile.mkdtemp(prefix="sourcecheck-blocks-"))
        summaries = []
        files = 0
        for job in jobs:
            output = check_block(job)
            for name, parts in output.parts.items():
                for bucket, part in enumerate(parts):
                    if part:
                        files += 1
                        path = self._folder / f"{files}.pickle"
                        path.write_bytes(part)
                        self._parts.setdefault((name, bucket), []).append(path)
            summaries.append(output.summary)
        return summaries

    def run_buckets(self, jobs: Sequence[BucketJob]) -> list[list[Finding]]:
        results = []
        for job in jobs:
            parts = [path.read_bytes() for path in self._parts.get((job.name, job.bucket), [])]
            results.append(check_bucket(job.plan, job.name, parts, job.offsets))
        return results

    def release(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
        self._folder, self._parts = None, {}


class OnCluster:
    """Blocks and buckets run on a dask.distributed cluster; a bucket's rows wait on the
    worker that read them until the bucket's task fetches them.  One task takes a block's
    rows for one bucket of every exchange, and one task checks one bucket of every exchange:
    with two exchanges, half the tasks of one a part (docs/performance.md)."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self._exchanges: list[str] = []
        self._parts: dict[int, list[Any]] = {}  # bucket -> a future a block: its parts, one an exchange

    def run_blocks(self, jobs: Sequence[BlockJob], exchanges: Sequence[str]) -> list[BlockSummary]:
        blocks = self.client.map(check_block, list(jobs), pure=False)
        # a block's parts are taken as soon as it is done (higher priority than the next
        # block), so that dask holds and spills each part, not every block's whole output
        self._exchanges = list(exchanges)
        buckets = range(jobs[0].plan.buckets if jobs and exchanges else 0)
        count = len(buckets) * len(blocks)
        parts = iter(self.client.map(_parts, [block for _ in buckets for block in blocks], [tuple(exchanges)] * count,
                                     [bucket for bucket in buckets for _ in blocks], pure=False, priority=1))
        self._parts = {bucket: [next(parts) for _ in blocks] for bucket in buckets}
        summaries: list[BlockSummary] = self.client.gather(self.client.map(_summary, blocks, pure=False, priority=1))
        return summaries

    def run_buckets(self, jobs: Sequence[BucketJob]) -> list[list[Finding]]:
        by_bucket: dict[int, list[int]] = {}
        for index, job in enumerate(jobs):
            by_bucket.setdefault(job.bucket, []).append(index)
        tasks = [self.client.submit(_check_buckets, [jobs[i] for i in indexes], self._exchanges,
                                    self._parts.get(bucket, []), pure=False) for bucket, indexes in by_bucket.items()]
        self._parts = {}  # each part goes once its bucket has run
        results: list[list[Finding]] = [[] for _ in jobs]
        for indexes, found in zip(by_bucket.values(), self.client.gather(tasks), strict=True):
            for index, findings in zip(indexes, found, strict=True):
                results[index] = findings
        return results

    def release(self) -> None:
        self._parts = {}


def _summary(output: Any) -> BlockSummary:
    summary: BlockSummary = output.summary
    return summary


def _parts(output: Any, names: tuple[str, ...], bucket: int) -> tuple[Part, ...]:
    """The rows of ``output`` for one bucket of each exchange of ``names`` (None: none)."""
    found: list[Part] = []
    for name in names:
        parts: list[Part] = output.parts.get(name) or []
        found.append(parts[bucket] if bucket < len(parts) else None)
    return tuple(found)


def _check_buckets(jobs: Sequence[BucketJob], names: Sequence[str],
                   parts: Sequence[tuple[Part, ...]]) -> list[list[Finding]]:
    """One bucket of each exchange of ``jobs``, from each block's ``parts`` (one an exchange
    of ``names``)."""
    return [check_bucket(job.plan, job.name, [block[names.index(job.name)] for block in parts], job.offsets)
            if job.name in names else [] for job in jobs]


class Engine(AbstractContextManager["Engine"]):
    """The engine of one run, from its options: what validates each resource, and the
    cluster it started (closed with the run)."""

    def __init__(self, scheduler: str | None = None, memory_budget: int | None = None,
                 block_size: int | None = None) -> None:
        self.scheduler = scheduler
        self.memory_budget = memory_budget
        self.block_size = block_size
        self._cluster: Any = None
        self._client: Any = None
        self._blocks: InProcess | OnCluster | None = None
        if scheduler is not None:
            self._client, self._cluster = _connect(scheduler, memory_budget)
            self._blocks = OnCluster(self._client)
        elif memory_budget is not None:
            self._blocks = InProcess()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None

    @property
    def on_cluster(self) -> bool:
        return self._client is not None

    def map(self, function: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        """``function`` of each item, run on the cluster's workers, in order."""
        results: list[Any] = self._client.gather(self._client.map(function, list(items), pure=False))
        return results

    @property
    def check(self) -> ResourceCheck | None:
        """What validates one resource (None: each whole, as without an engine)."""
        return None if self._blocks is None else self._check

    def _check(self, resource: Resource, schema: SchemaFile | None, required: bool) -> list[Finding]:
        engine = self._blocks
        if engine is None or not can_cut(resource):
            return validate_resource(resource, schema, required)
        size = Path(resource.path).stat().st_size
        if isinstance(engine, InProcess) and self.memory_budget is not None \
                and size * MEMORY_PER_BYTE <= self.memory_budget:
            return validate_resource(resource, schema, required)
        try:
            return validate_in_blocks(resource, schema, required, engine, self._block_size())
        except NotCuttable:
            return validate_resource(resource, schema, required)

    def scans(self, resource: Resource) -> bool:
        """Whether a claim's record of ``resource`` is found by a scan (sources/scan.py): when
        the resource is too large to read whole within the budget (with a scheduler and no
        budget: within half this machine's memory)."""
        if not can_cut(resource):
            return False
        budget = self.memory_budget
        if budget is None:
            budget = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2
        return Path(resource.path).stat().st_size * MEMORY_PER_BYTE > budget

    def _block_size(self) -> int:
        if self.block_size is not None:
            return self.block_size
        if self.memory_budget is None:
            return DEFAULT_BLOCK_SIZE
        # a block and its buckets' share of the rows, within the budget (a worker's, on a cluster)
        return max(1 << 20, min(DEFAULT_BLOCK_SIZE, self.memory_budget // (2 * MEMORY_PER_BYTE)))


def _connect(scheduler: str, memory_budget: int | None) -> tuple[Any, Any]:
    """A client of the scheduler at ``scheduler``, or of a new LocalCluster for ``local``."""
    try:
        from distributed import Client, LocalCluster  # the optional extra: only for --scheduler
    except ImportError:
        raise ConfigError("--scheduler needs dask.distributed: pip install 'sourcecheck[dask]'") from None
    cluster = None
    try:
        if scheduler == LOCAL:
            with warnings.catch_warnings():  # its HTTP server's port taken: another is chosen, as it says
                warnings.simplefilter("ignore", UserWarning)
                cluster = LocalCluster(host="127.0.0.1", n_workers=2, threads_per_worker=1, dashboard_address=None,
                                       memory_limit=memory_budget or "auto",
                                       silence_logs=logging.ERROR)  # type: ignore[no-untyped-call]
            return Client(cluster), cluster  # type: ignore[no-untyped-call]
        return Client(scheduler, timeout=limits.current().connect_seconds), None  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as error:
        if cluster is not None:
            cluster.close()
        raise SourcecheckError(f"cannot reach the dask scheduler: {error}", scheduler) from None
