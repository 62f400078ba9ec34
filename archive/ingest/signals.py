"""Holding Ctrl-C and SIGTERM over a few lines that must run whole.

A signal handled as an exception (KeyboardInterrupt, the command's SIGTERM) can land between any
two bytecodes. Reporting a commit's files is such a stretch: cut in the middle, the files after
the cut are in the index but never said to be, and the run's summary undercounts them.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_HELD = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def signals_held() -> Iterator[None]:
    """Run the block with Ctrl-C and SIGTERM held; one that came meanwhile is handled, by the
    handler it would have met, as the block ends. Off the main thread (where Python runs no
    handlers and cannot set them) the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[tuple[int, FrameType | None]] = []

    def hold(number: int, frame: FrameType | None) -> None:
        pending.append((number, frame))

    previous = {}
    try:
        for number in _HELD:
            previous[number] = signal.signal(number, hold)
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if pending:
            number, frame = pending[0]
            handler = previous.get(number)
            if callable(handler):
                handler(number, frame)
            elif handler == signal.SIG_DFL:
                os.kill(os.getpid(), number)


__all__ = ["signals_held"]
