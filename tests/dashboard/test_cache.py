"""The figures are cached, and any change to the rows behind them shows on the next page."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache

from ipec import dashboard
from projects.models import Project, ProjectStatus, WorstForm
from projects.services import expenditure_record, funding_record, project_change_status, target_set
from tests.dashboard.conftest import THIS_YEAR, accept_report
from tests.factories import DonorFactory, make_evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client, hq_user, built):
    client.force_login(hq_user)

    def figures() -> dashboard.Portfolio:
        return client.get("/").context["portfolio"]

    return figures


def test_figures_are_read_once_then_cached(page, django_assert_num_queries):
    page()
    with django_assert_num_queries(2):  # session and user only
        assert page().active == 3


class RecordingCache:
    """The real cache, noting the timeout of every entry set."""

    def __init__(self, real) -> None:
        self.real, self.timeouts = real, {}

    def __getattr__(self, name):
        return getattr(self.real, name)

    def set(self, key, value, timeout):
        self.timeouts[key] = timeout
        return self.real.set(key, value, timeout)


def test_the_cached_figures_expire_soon(page, monkeypatch):
    recording = RecordingCache(cache)
    monkeypatch.setattr(dashboard, "cache", recording)
    page()
    figures = [timeout for key, timeout in recording.timeouts.items() if key.startswith(dashboard.KEY_SCHEMA)]
    assert figures == [dashboard.CACHE_TIMEOUT] and dashboard.CACHE_TIMEOUT <= 300


def test_new_expenditure_shows_at_once(page, built):
    assert page().spent_in_year == Decimal("3600000")
    expenditure_record(project=built.kenya, year=THIS_YEAR, amount_usd=Decimal("900000"))
    assert page().spent_in_year == Decimal("4000000")


def test_a_status_move_shows_at_once(page, built, hq_user):
    assert page().active == 3
    today = datetime.date.today()
    project_change_status(
        project=built.kenya, to_status=ProjectStatus.SUSPENDED, effective_on=today, changed_by=hq_user
    )
    figures = page()
    assert figures.active == 2
    assert figures.active_by_country == {"IND": 1, "KEN": 1, "BRA": 1, "GHA": 1}


def test_a_new_classification_shows_at_once(page, built):
    before = {g.code: g.count for g in page().by_worst_form}
    built.kenya.worst_forms.add(WorstForm.objects.get(code="trafficking"))  # a many-to-many change
    after = {g.code: g.count for g in page().by_worst_form}
    assert after["trafficking"] == before["trafficking"] + 1


def test_new_funding_shows_at_once(page, built):
    assert [g.code for g in page().by_donor] == ["USA", "NET"]
    funding_record(project=built.kenya, donor=DonorFactory(code="NOR"), amount_usd=Decimal("1"))
    assert [g.code for g in page().by_donor] == ["USA", "NET", "NOR"]


def test_targets_and_accepted_reports_show_at_once(page, built, hq_user):
    assert page().children["withdrawn"] == (90, 450)
    target_set(project=built.kenya, measure="withdrawn", sex="boys", age_band="5-11", value=50)
    assert page().children["withdrawn"] == (90, 500)
    accept_report(built.kenya, hq_user, {("KEN", "withdrawn", "boys", "5-11"): 10})
    assert page().children["withdrawn"] == (100, 500)


def test_a_new_evaluation_shows_at_once(page, built):
    assert page().missing_evaluations == 2
    make_evaluation(project=built.kenya)
    assert page().missing_evaluations == 1


def test_a_deleted_project_leaves_the_figures(page, built):
    assert page().active == 3
    Project.objects.get(pk=built.kenya.pk).delete()
    assert page().active == 2


def test_a_write_bumps_the_version_without_adding_a_commit_hook(built, django_capture_on_commit_callbacks):
    version = dashboard.portfolio_version()
    with django_capture_on_commit_callbacks() as callbacks:
        expenditure_record(project=built.kenya, year=THIS_YEAR, amount_usd=Decimal("1"))
    assert dashboard.portfolio_version() != version
    assert callbacks == []  # services' tests count their on_commit callbacks


def test_a_lost_version_key_only_costs_a_recomputation(page):
    page()
    cache.delete(dashboard.VERSION_KEY)
    assert page().active == 3
