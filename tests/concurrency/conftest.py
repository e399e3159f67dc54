"""Fixtures of the concurrency tests: twenty people, each logged in through the real login form, on a live server.

Each person opens the form (so all read the same version), then all twenty send it at the same
instant (tests/concurrency/race.py). The live server answers each request in its own thread with
its own database connection, on PostgreSQL, as gunicorn's threads would.
"""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.utils.html import strip_tags

from accounts.models import Role
from projects.models import ProgressReport, Project, ProjectStatus
from projects.services import project_change_status
from tests.concurrency.race import Result, most_at_once, race
from tests.factories import PASSWORD, UserFactory, make_project
from tests.faults.browser import Answer, Client

PEOPLE = 20


@pytest.fixture(autouse=True)
def on_postgres(require_postgres):
    """Row locks and READ COMMITTED as in production: the races are PostgreSQL's, not SQLite's lock of the file."""


@pytest.fixture
def officer(transactional_db):
    return UserFactory(username="officer", role=Role.HQ, email="officer@example.org")


@pytest.fixture
def active_project(transactional_db, cta, officer, hq_user) -> Project:
    """A national project of `cta`, backstopped by `officer`, active since 2025-01-01 with its report rows open."""
    project = make_project(
        cta=cta, hq_backstopping_officer=officer,
        planned_start=datetime.date(2025, 1, 1), planned_end=datetime.date(2027, 12, 31),
    )  # fmt: skip
    for status, day in ((ProjectStatus.APPROVED, datetime.date(2024, 12, 1)), (ProjectStatus.ACTIVE, datetime.date(2025, 1, 1))):  # fmt: skip
        project_change_status(project=project, to_status=status, effective_on=day, changed_by=hq_user)
    project.refresh_from_db()
    return project


@pytest.fixture
def first_report(active_project) -> ProgressReport:
    return active_project.progress_reports.order_by("period_start").first()


def people(live_server, user, form_path: str, count: int = PEOPLE) -> list[Client]:
    """`count` browsers of `user`, each logged in and having opened the form at `form_path`."""
    browsers = []
    for _ in range(count):
        browser = Client(live_server.url, timeout=30)
        browser.log_in(user.username, PASSWORD)
        opened = browser.request(form_path)
        assert opened.status == 200, (form_path, opened.status, opened.body[:1000])
        browsers.append(browser)
    return browsers


def send_all(browsers: list[Client], path: str, data: dict[str, str] | list[dict[str, str]]) -> list[Answer]:
    """Every browser posts to `path` at the same instant (its own CSRF token added); their answers, in order."""
    forms = data if isinstance(data, list) else [data] * len(browsers)

    def post(browser: Client, form: dict[str, str]):
        return lambda: browser.request(path, {**form, "csrfmiddlewaretoken": browser.cookie("csrftoken")})

    results: list[Result] = race([post(b, f) for b, f in zip(browsers, forms, strict=True)])
    errors = [r.error for r in results if r.error is not None]
    assert not errors, errors
    # The requests overlapped in time: this is a race, not twenty requests in a row.
    assert most_at_once(results) >= len(browsers) // 2, most_at_once(results)
    return [r.value for r in results]


def text(answer: Answer) -> str:
    """The page as a person reads it: no tags, whitespace collapsed."""
    return " ".join(html.unescape(strip_tags(answer.body)).split())


def one_winner(answers: list[Answer], conflict: str) -> tuple[Answer, list[Answer]]:
    """Exactly one request went through (a redirect); every other one was shown the conflict, and nothing failed."""
    statuses = sorted(a.status for a in answers)
    assert statuses == [200] * (len(answers) - 1) + [302], statuses
    winner = next(a for a in answers if a.status == 302)
    losers = [a for a in answers if a.status == 200]
    for loser in losers:
        assert conflict in text(loser), text(loser)[:3000]
    return winner, losers


def count_words(pattern: str, answer: Answer) -> int:
    return len(re.findall(pattern, text(answer)))
