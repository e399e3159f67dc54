"""Run calls at the same instant in threads, each with its own database connection, and collect what each got."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections

# Every thread waits at most this long for the others, and for its own call.
TIMEOUT = 60.0


@dataclass
class Result:
    value: Any = None
    error: BaseException | None = None
    started: float = 0.0
    ended: float = 0.0


def race(calls: list[Callable[[], Any]], *, timeout: float = TIMEOUT) -> list[Result]:
    """Release every call at once (threading.Barrier) and return their results in order; never waits unbounded."""
    barrier = threading.Barrier(len(calls), timeout=timeout)
    results = [Result() for _ in calls]

    def run(index: int) -> None:
        result = results[index]
        try:
            barrier.wait()
            result.started = time.monotonic()
            result.value = calls[index]()
        except BaseException as error:  # reported to the test, which fails on any
            result.error = error
        finally:
            result.ended = time.monotonic()
            connections.close_all()  # this thread's own connections

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 2 * timeout
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    stuck = sum(thread.is_alive() for thread in threads)
    assert not stuck, f"{stuck} of {len(threads)} calls still running after {2 * timeout:.0f} s"
    return results


def most_at_once(results: list[Result]) -> int:
    """How many calls were in flight together at the busiest moment: proof that they really overlapped."""
    events = sorted([(r.started, 1) for r in results] + [(r.ended, -1) for r in results])
    busiest = current = 0
    for _, step in events:
        current += step
        busiest = max(busiest, current)
    return busiest
