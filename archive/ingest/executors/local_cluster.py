"""A real Dask cluster on this machine, for the tests and the benchmark: a scheduler and workers
started as separate processes with the `dask` command, on the loopback address only.

    with LocalDaskCluster(workers=2) as cluster:
        run_ingest(paths, archive, IngestOptions(executor="dask", address=cluster.address))

Each worker (a nanny and its worker process) is its own process group, so a test can kill one
the way a machine of a cluster dies.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HOST = "127.0.0.1"  # never another interface: the cluster is for this machine alone


def _dask_command() -> list[str]:
    """The `dask` command of this Python environment."""
    beside = Path(sys.executable).with_name("dask")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("dask")
    if found:
        return [found]
    return [sys.executable, "-m", "distributed.cli.dask_spec"]  # pragma: no cover


class LocalDaskCluster:
    """A scheduler plus `workers` single-threaded workers, as subprocesses (see the module
    docstring). `nthreads` per worker is 1: one document at a time, as a local worker."""

    def __init__(self, workers: int = 2, *, start_timeout: float = 120.0) -> None:
        self.workers_wanted = workers
        self.start_timeout = start_timeout
        self.folder = Path(tempfile.mkdtemp(prefix="archive-dask-"))
        self.scheduler_file = self.folder / "scheduler.json"
        self.scheduler: subprocess.Popen[bytes] | None = None
        self.workers: list[subprocess.Popen[bytes]] = []
        self.address = ""

    def _spawn(self, args: list[str], log: str) -> subprocess.Popen[bytes]:
        with open(self.folder / log, "wb") as out:
            return subprocess.Popen(
                [*_dask_command(), *args],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its own process group: killed as one
                cwd=self.folder,
            )

    def start(self) -> LocalDaskCluster:
        self.scheduler = self._spawn(
            [
                "scheduler",
                "--host",
                HOST,
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(self.scheduler_file),
            ],
            "scheduler.log",
        )
        deadline = time.monotonic() + self.start_timeout
        while not self.address:
            with contextlib.suppress(OSError, ValueError, KeyError):
                self.address = json.loads(self.scheduler_file.read_text())["address"]
            if self.scheduler.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Dask scheduler did not start: see {self.folder}")
            time.sleep(0.1)
        for _ in range(self.workers_wanted):
            self.add_worker()
        self.wait_for_workers(self.workers_wanted)
        return self

    def add_worker(self) -> subprocess.Popen[bytes]:
        """Start one more worker process (with its nanny)."""
        n = len(self.workers) + 1
        worker = self._spawn(
            [
                "worker",
                self.address,
                "--host",
                HOST,
                "--nthreads",
                "1",
                "--nworkers",
                "1",
                "--no-dashboard",
                "--name",
                f"worker-{n}",
                "--death-timeout",
                "60",
            ],
            f"worker-{n}.log",
        )
        self.workers.append(worker)
        return worker

    def wait_for_workers(self, count: int) -> None:
        """Wait until `count` workers have joined the scheduler."""
        from distributed import Client

        with Client(self.address, timeout=30, set_as_default=False) as client:
            client.wait_for_workers(count, timeout=self.start_timeout)

    def kill_worker(self, index: int = 0) -> None:
        """Kill a worker and its nanny with SIGKILL, as a machine that dies."""
        worker = self.workers[index]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(10)

    def stop(self) -> None:
        """Stop every process of the cluster and remove its folder."""
        for process in [*self.workers, self.scheduler]:
            if process is None or process.poll() is not None:
                continue
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in [*self.workers, self.scheduler]:
            if process is None:
                continue
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
        shutil.rmtree(self.folder, ignore_errors=True)

    def log(self, name: str) -> str:
        """The output of one process of the cluster (`scheduler.log`, `worker-1.log` …)."""
        try:
            return (self.folder / name).read_text(errors="replace")
        except OSError:
            return ""

    def __enter__(self) -> LocalDaskCluster:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()


__all__ = ["HOST", "LocalDaskCluster"]
