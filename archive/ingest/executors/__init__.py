"""Where an ingest's documents run: local worker processes (the default), or a cluster.

`archive ingest --executor dask --address tcp://scheduler:8786` sends each document, as its
file's bytes, to the workers of a Dask distributed cluster (:mod:`.dask_pool`); the driver keeps
the single writer, so commits, the crash guarantee and the report are those of a local run.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from pipeline.errors import UsageError

LOCAL = "local"
DASK = "dask"
EXECUTORS: tuple[str, ...] = (LOCAL, DASK)


def cluster_pool(
    executor: str,
    address: str | None,
    job: functools.partial,
    *,
    timeout: float | None,
    initializer: Callable[[], None] | None,
) -> Any:
    """The pool of a cluster `executor` at `address`, with the local pool's interface."""
    if executor != DASK:
        raise UsageError(
            f"no executor {executor!r}: use {' or '.join(EXECUTORS)}", hint="--executor dask"
        )
    if not address:
        raise UsageError(
            "--executor dask needs the scheduler's --address",
            hint="--executor dask --address tcp://127.0.0.1:8786",
        )
    from archive.ingest.executors.dask_pool import DaskPool

    return DaskPool(address, job, timeout=timeout, initializer=initializer)


__all__ = ["DASK", "EXECUTORS", "LOCAL", "cluster_pool"]
