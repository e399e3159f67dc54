"""Timing one page in-process: the Django test Client against the real database, no network.

The Client runs the request through Django's whole handler and middleware stack, as gunicorn's
WSGI call does (sessions, authentication, CSRF, the view, the template), and the time taken is
from the call until the body is fully read (a streamed response is consumed). What it leaves out
is the web server and the network. DEBUG is off, so the timed requests record no SQL; the query
count comes from the last warm-up request, made under CaptureQueriesContext.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.config import Repetitions
from bench.stats import summary_ms

SLOW_REQUEST_SECONDS = 2.0
HARD_SECONDS_PER_PAGE = 15.0
MIN_SLOW_RUNS = 3


class PageError(RuntimeError):
    pass


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    kind: str  # dashboard, list, search, detail, admin, export: which target applies
    note: str = ""
    before: Callable[[], None] | None = None  # run before every request, untimed (e.g. empty the cache)


def fetch(client: Client, url: str) -> tuple[int, int]:
    """GET the URL and read the whole body: (status, bytes)."""
    response = client.get(url)
    # No response.close(): the test Client closes the response itself, as a WSGI server would (a
    # streamed one once its content is read), and a second close would fire request_finished again.
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, len(body)


def _checked(client: Client, page: Page) -> int:
    status, size = fetch(client, page.url)
    if status != 200:
        raise PageError(f"{page.name}: GET {page.url} answered {status}")
    return size


def measure(client: Client, page: Page, repetitions: Repetitions, clock=time.perf_counter) -> dict:
    """Warm up (the last warm-up counts the queries), then time requests: the page's figures as a dict.

    A very slow page is not allowed to take the run's whole time: after a warm-up slower than
    SLOW_REQUEST_SECONDS no more warm-ups are made, and timing stops at `min_runs`, or at
    MIN_SLOW_RUNS once the page has had HARD_SECONDS_PER_PAGE; `n` in the result says how many.
    """
    query_count = size = 0
    for number in range(1, repetitions.warmups + 1):
        if page.before:
            page.before()
        begin = clock()
        with CaptureQueriesContext(connection) as queries:
            size = _checked(client, page)
        # Read now: the next request's request_started signal empties the connection's query log.
        query_count = len(queries.captured_queries)
        if clock() - begin > SLOW_REQUEST_SECONDS and number < repetitions.warmups:
            break
    samples: list[float] = []
    started = clock()
    while len(samples) < repetitions.runs:
        if page.before:
            page.before()
        begin = clock()
        _checked(client, page)
        samples.append(clock() - begin)
        elapsed = clock() - started
        if len(samples) >= repetitions.min_runs and elapsed > repetitions.seconds_per_page:
            break
        if len(samples) >= MIN_SLOW_RUNS and elapsed > HARD_SECONDS_PER_PAGE:
            break
    return {
        "name": page.name,
        "url": page.url,
        "kind": page.kind,
        "note": page.note,
        "queries": query_count,
        "bytes": size,
        **summary_ms(samples),
    }
