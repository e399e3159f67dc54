"""The measurement itself on the test database: a few pages through the test Client, as bench.measure_size does."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import Role
from bench.config import Repetitions
from bench.timing import Page, PageError, measure
from ipec import dashboard
from tests.factories import UserFactory, make_project

FEW = Repetitions(warmups=1, runs=3, min_runs=2, seconds_per_page=5)


@pytest.fixture
def hq_client(db):
    for _ in range(3):
        make_project()
    client = Client()
    client.force_login(UserFactory(username="bench-hq", role=Role.HQ))
    return client


def test_pages_are_timed_and_their_queries_counted(hq_client):
    pages = [
        Page("Dashboard (cold cache)", "/", "dashboard", before=dashboard.bump_portfolio_version),
        Page("Projects: unfiltered", "/projects/", "list"),
        Page("Floor", "/accounts/password_change/done/", "floor"),
    ]
    results = [measure(hq_client, page, FEW) for page in pages]
    for result in results:
        assert set(result) >= {"name", "url", "kind", "queries", "bytes", "n", "median_ms", "p95_ms"}
        assert result["queries"] > 0  # at least the session and the user
        assert result["median_ms"] > 0
        assert result["p95_ms"] >= result["median_ms"]
        assert 2 <= result["n"] <= 3
        assert result["bytes"] > 0
    # The cold dashboard recomputes its figures: more queries than the floor's session and user.
    assert results[0]["queries"] > results[2]["queries"]


def test_a_page_that_does_not_answer_200_stops_the_measurement(hq_client):
    with pytest.raises(PageError, match="answered 404"):
        measure(hq_client, Page("Missing", "/projects/NOT-A-PROJECT/", "detail"), FEW)
