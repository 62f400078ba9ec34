"""The documents of an ingest as tasks on a Dask distributed cluster.

:class:`DaskPool` has the interface of the local :class:`~archive.ingest.workers.WorkerPool`
(`idle`, `busy`, `submit`, `collect`), so the runner feeds it the same way and keeps its single
writer in this process: a worker computes a document's prepared meeting, the driver commits it.

* **Failures**: a bad file is a reply with the same reason fields as a local worker's.
* **Timeouts**: a document over its deadline is cancelled and the worker running it restarted
  by its nanny (the only way to stop a running task), so that document alone fails.
* **A worker that dies**: the scheduler gives its running tasks to the other workers; a
  document that kills every worker it lands on (Dask's `allowed-failures`) fails as a crash.
* **Long scans** (:data:`SPLIT_PAGES` pages or more without a text layer) are split into page
  ranges extracted on several workers at once, then read as one document by a last task.
"""

from __future__ import annotations

import contextlib
import functools
import io
import math
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from archive.ingest.executors import tasks
from archive.ingest.outcomes import error_fields
from archive.ingest.workers import Done, _timeout_payload
from pipeline.errors import WorkerCrashedError, WorkerStartError
from pipeline.options import OcrMode, ProcessOptions

CONNECT_TIMEOUT = 30.0  # seconds to reach the scheduler
# Seconds the run waits for a cluster without workers before it gives up (as long as a local
# worker may take to start).
NO_WORKERS_TIMEOUT = 300.0
POLL_SECONDS = 0.02
SPLIT_PAGES = 6  # a scan of this many pages or more is split across workers
MIN_PART_PAGES = 2  # pages per range at least: each range pays for a task and a PDF copy


@dataclass
class _Running:
    job: Any
    future: Any
    started: float
    parts: list[Any] = field(default_factory=list)  # the page-range futures of a split scan


class WarmUp:
    """A worker plugin that loads the pipeline and language model once per worker process,
    before its first document, also in workers that join or restart later."""

    name = "archive-warm-up"

    def __init__(self, initializer: Any) -> None:
        self.initializer = initializer

    def setup(self, worker: Any) -> None:
        if self.initializer is not None:
            self.initializer()


class DaskPool:
    """Documents as tasks on the Dask cluster at `address` (see the module docstring)."""

    def __init__(
        self,
        address: str,
        job: functools.partial,
        *,
        timeout: float | None = None,
        initializer: Any = None,
    ) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise WorkerStartError(
                "the dask executor needs Dask distributed: pip install 'minutes-archive[cluster]'"
            ) from exc
        # The runner's job: process_and_prepare(process, prepare); the workers run the same
        # two functions on the file's bytes.
        self._process, self._prepare = job.args[:2]
        self._timeout = timeout
        try:
            self._client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise WorkerStartError(f"cannot reach the Dask scheduler at {address} ({exc})") from exc
        try:
            from distributed.diagnostics.plugin import WorkerPlugin

            plugin = type("ArchiveWarmUp", (WarmUp, WorkerPlugin), {})(initializer)
            self._client.register_plugin(plugin, name=WarmUp.name)
        except BaseException:
            self._client.close()
            raise
        self._running: dict[str, _Running] = {}
        self._no_workers_since: float | None = None

    # --- capacity -----------------------------------------------------------------------------

    def capacity(self) -> int:
        """Documents the cluster runs at once: its worker threads."""
        try:
            return sum(self._client.nthreads().values())
        except Exception:  # the scheduler is restarting: ask again next time
            return 0

    @property
    def size(self) -> int:
        return self.capacity()

    def idle(self) -> int:
        return max(0, self.capacity() - len(self._running))

    def busy(self) -> int:
        return len(self._running)

    # --- submitting ---------------------------------------------------------------------------

    def submit(self, job: Any, path: Path, options: ProcessOptions) -> None:
        """Send `job` (its file's bytes) to the cluster."""
        # One Tesseract process per task: the cluster's parallelism is its workers.
        options = replace(options, ocr_jobs=1)
        data = Path(path).read_bytes()
        key = f"archive-{id(job)}-{time.monotonic_ns()}"
        parts = self._split(data, options)
        if parts:
            sha = getattr(job, "sha256", "") or _sha256(data)
            futures = [
                self._client.submit(
                    tasks.extract_pages, part, options, pure=False, key=f"{key}-{n}"
                )
                for n, part in enumerate(parts)
            ]
            future = self._client.submit(
                tasks.read_parts,
                self._prepare,
                str(path),
                sha,
                futures,
                options,
                pure=False,
                key=key,
            )
        else:
            futures = []
            future = self._client.submit(
                tasks.run_document,
                self._process,
                self._prepare,
                str(path),
                data,
                options,
                pure=False,
                key=key,
            )
        self._running[key] = _Running(job, future, time.monotonic(), futures)

    def _split(self, data: bytes, options: ProcessOptions) -> list[bytes]:
        """`data` as PDFs of page ranges, one per worker thread, when it is a long scan and
        the cluster has more than one worker thread; otherwise nothing."""
        workers = self.capacity()
        if workers < 2 or options.ocr is OcrMode.NEVER or not data.startswith(b"%PDF"):
            return []
        try:
            return split_scan(data, workers)
        except Exception:  # encrypted, damaged: the whole document goes to one worker
            return []

    # --- collecting ---------------------------------------------------------------------------

    def collect(self, wait_seconds: float) -> list[Done]:
        """Wait up to `wait_seconds` for results; enforce deadlines; notice a cluster
        without workers."""
        self._check_workers()
        if not self._running:
            time.sleep(max(0.0, wait_seconds))
            return []
        if self._timeout:
            first = min(r.started for r in self._running.values()) + self._timeout
            wait_seconds = min(wait_seconds, max(0.0, first - time.monotonic()))
        # Polled: Dask's own wait() works on the process's default client only, and this
        # client is not made the default (the driver may hold others).
        until = time.monotonic() + wait_seconds
        while not any(r.future.done() for r in self._running.values()):
            if time.monotonic() >= until:
                break
            time.sleep(POLL_SECONDS)
        results: list[Done] = []
        for key, running in list(self._running.items()):
            if running.future.done():
                del self._running[key]
                results.append(self._done(running))
            elif self._timeout and time.monotonic() - running.started > self._timeout:
                del self._running[key]
                self._stop(running)
                results.append(Done(running.job, error=_timeout_payload(self._timeout)))
        return results

    def _done(self, running: _Running) -> Done:
        future = running.future
        try:
            status, value, seconds = future.result()
        except Exception as exc:
            return Done(running.job, error=_task_error(exc))
        finally:
            future.release()
            for part in running.parts:
                part.release()
        if status == "ok":
            return Done(running.job, result=value, seconds=seconds)
        return Done(running.job, error=value, seconds=seconds)

    def _stop(self, running: _Running) -> None:
        """Cancel a document's tasks and restart the workers running them: a running task
        cannot be stopped any other way, and its worker would stay busy with it."""
        keys = {running.future.key, *(p.key for p in running.parts)}
        try:
            processing = self._client.processing()
        except Exception:
            processing = {}
        busy = [worker for worker, held in processing.items() if keys & set(held)]
        self._client.cancel([running.future, *running.parts], force=True)
        if busy:
            with contextlib.suppress(Exception):
                self._client.restart_workers(busy, raise_for_error=False)

    def _check_workers(self) -> None:
        if self.capacity():
            self._no_workers_since = None
            return
        now = time.monotonic()
        if self._no_workers_since is None:
            self._no_workers_since = now
        elif now - self._no_workers_since > NO_WORKERS_TIMEOUT:
            raise WorkerStartError(
                f"the Dask cluster has had no workers for {NO_WORKERS_TIMEOUT:g} s"
            )

    # --- closing ------------------------------------------------------------------------------

    def close(self) -> None:
        """Cancel what is still running (its documents are not committed) and disconnect."""
        running = [f for r in self._running.values() for f in (r.future, *r.parts)]
        self._running.clear()
        with contextlib.suppress(Exception):
            if running:
                self._client.cancel(running, force=True)
        with contextlib.suppress(Exception):
            self._client.close(timeout=10)

    def __enter__(self) -> DaskPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _task_error(exc: BaseException) -> dict[str, str]:
    """A task that failed as a task (not as a bad file): a worker that died under it."""
    if type(exc).__name__ == "KilledWorker":
        return error_fields(
            WorkerCrashedError(
                "the workers processing this file died each time it was given to one"
            )
        )
    if type(exc).__name__ == "CancelledError":
        return error_fields(WorkerCrashedError("the cluster dropped this file's task"))
    return error_fields(exc)


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def split_scan(data: bytes, workers: int) -> list[bytes]:
    """A PDF of :data:`SPLIT_PAGES` pages or more whose first page has no text layer, as PDFs
    of consecutive page ranges (about one per worker); [] for any other file."""
    import pikepdf
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        count = len(pdf)
        if count < SPLIT_PAGES:
            return []
        textpage = pdf[0].get_textpage()
        if textpage.count_chars() > 20:  # a text layer: read whole, it costs little
            return []
    finally:
        pdf.close()
    size = max(MIN_PART_PAGES, math.ceil(count / workers))
    parts: list[bytes] = []
    with pikepdf.open(io.BytesIO(data)) as source:
        for start in range(0, count, size):
            out = pikepdf.new()
            out.pages.extend(source.pages[start : start + size])
            buffer = io.BytesIO()
            out.save(buffer)
            parts.append(buffer.getvalue())
    return parts if len(parts) > 1 else []


__all__ = ["DaskPool", "split_scan"]
