"""Shared fixtures: one user per role, and the rule that CI never silently skips a service."""

from __future__ import annotations

import os

import pytest

from accounts.models import Role
from tests.factories import UserFactory


def pytest_configure(config: pytest.Config) -> None:
    # In CI the real PostgreSQL and Redis are required: a missing one fails the run.
    if os.environ.get("CI", "").lower() == "true":
        database_url = os.environ.get("DATABASE_URL", "")
        if not database_url.startswith(("postgres://", "postgresql://")):
            raise pytest.UsageError("CI=true needs DATABASE_URL pointing at PostgreSQL.")
        if not os.environ.get("REDIS_URL"):
            raise pytest.UsageError("CI=true needs REDIS_URL pointing at Redis.")


def pytest_sessionstart(session: pytest.Session) -> None:
    # The .mo catalogues are build output (`make messages`); compiling them here too means a bare
    # `pytest` never runs against missing or stale translations. It takes a fraction of a second
    # and rewrites a .mo only when its .po changed.
    from pathlib import Path

    from ipec.catalogues import compile_all

    compile_all(Path(__file__).resolve().parent.parent / "locale")


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@pytest.fixture
def require_postgres(db) -> None:
    """Tests of PostgreSQL-only behaviour: skipped on SQLite locally, never in CI (CI runs on PostgreSQL)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        if _in_ci():
            pytest.fail("CI must run on PostgreSQL")
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def redis_url() -> str:
    """The real Redis, or a skip when running locally without one (a failure in CI)."""
    import redis

    url = os.environ.get("REDIS_URL", "")
    if not url:
        if _in_ci():
            pytest.fail("CI needs REDIS_URL")
        pytest.skip("needs Redis (set REDIS_URL)")
    redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    return url


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """A request in French leaves French active in the thread (LocaleMiddleware never deactivates it);
    without this, a later test that formats numbers outside a request would format them in French."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_reference_lists():
    """The filters' reference lists kept in memory (ipec.reference_lists) are read again in each test: a
    test's rows are rolled back at its end, and a list read during the test would otherwise outlive them."""
    from ipec import reference_lists

    reference_lists.forget_all()
    yield
    reference_lists.forget_all()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher is slow on purpose; tests make many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def celery_in_process(request):
    """Tasks run in-process in tests, except those marked `worker`, which use a real worker."""
    from ipec.celery import app

    eager = request.node.get_closest_marker("worker") is None
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def hq_user(db):
    return UserFactory(username="hq-test", role=Role.HQ, is_staff=True, is_superuser=True)


@pytest.fixture
def cta(db):
    return UserFactory(username="cta-test", role=Role.CTA)


@pytest.fixture
def evaluator(db):
    return UserFactory(username="evaluator-test", role=Role.EVALUATOR)


@pytest.fixture
def viewer(db):
    return UserFactory(username="viewer-test", role=Role.VIEWER)
