"""The dashboard's figures on the small portfolio of conftest.py, worked out by hand."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from ipec import dashboard
from projects.models import ProjectStatus
from tests.dashboard.conftest import THIS_YEAR

pytestmark = pytest.mark.django_db

Y = THIS_YEAR


def groups(rows) -> dict[str, tuple[int, Decimal]]:
    return {row.code: (row.count, row.budget) for row in rows}


def _share(start: datetime.date, end: datetime.date, year: int) -> Decimal:
    """The part of a budget of 1 falling in `year`, spread evenly over [start, end] day by day."""
    days = (end - start).days + 1
    first, last = max(start, datetime.date(year, 1, 1)), min(end, datetime.date(year, 12, 31))
    return Decimal(max((last - first).days + 1, 0)) / days


def test_headline_figures(built):
    figures = dashboard.compute()
    assert figures.year == Y
    assert figures.active == 3
    assert figures.active_budget == Decimal("9000000")
    assert figures.countries_active == 4  # India, Brazil, Kenya, Ghana
    assert figures.spent_in_year == Decimal("3600000")  # 700k + 2.4M + 500k; Brazil spent nothing in Y
    assert figures.active_spent_in_year == Decimal("3600000")
    share = (
        2_000_000 * _share(datetime.date(Y - 1, 1, 1), datetime.date(Y + 1, 12, 31), Y)
        + 6_000_000 * _share(datetime.date(Y, 1, 1), datetime.date(Y + 1, 12, 31), Y)
        + 1_000_000
    )
    assert figures.active_budget_share == pytest.approx(share)
    assert figures.delivery_rate == pytest.approx(float(Decimal("3600000") / share * 100))
    # Accepted figures of active projects against their targets: Brazil is completed, India's second report
    # is only submitted.
    assert figures.children == {"withdrawn": (90, 450), "prevented": (70, 200)}
    # GLO (6M: no independent mid-term nor final) and KEN (1M exactly: the threshold is inclusive); India has one.
    assert figures.missing_evaluations == 2


def test_breakdowns_count_a_project_once_per_category(built):
    figures = dashboard.compute()
    # The global project works in Kenya and Ghana: Africa counts it once, with its budget once.
    assert groups(figures.by_region) == {
        "africa": (2, Decimal("7000000")),
        "americas": (1, Decimal("6000000")),
        "arab-states": (0, Decimal("0")),
        "asia-pacific": (1, Decimal("2000000")),
        "europe-central-asia": (0, Decimal("0")),
    }
    interventions = groups(figures.by_intervention)
    assert interventions["direct-action"] == (2, Decimal("8000000"))
    assert interventions["advocacy-awareness"] == (2, Decimal("7000000"))  # the completed Brazil project is not
    assert interventions["legislation-policy"] == (0, Decimal("0"))
    forms = groups(figures.by_worst_form)
    assert forms["hazardous-work"] == (2, Decimal("8000000"))
    assert forms["trafficking"] == (1, Decimal("6000000"))
    assert forms["debt-bondage"] == (0, Decimal("0"))


def test_donors_are_those_funding_a_project_or_giving_it_its_code(built):
    figures = dashboard.compute()
    # USA funds India and the global project; NET funds the global project and gives KEN/20/03/NET its code.
    # GER funds only the completed Brazil project: no bar. Largest budget first.
    assert [(g.code, g.count, g.budget) for g in figures.by_donor] == [
        ("USA", 2, Decimal("8000000")),
        ("NET", 2, Decimal("7000000")),
    ]


def test_status_breakdown_covers_every_status(built):
    figures = dashboard.compute()
    assert [(g.code, g.count, g.budget) for g in figures.by_status] == [
        (ProjectStatus.PIPELINE, 1, Decimal("300000")),
        (ProjectStatus.APPROVED, 0, Decimal("0")),
        (ProjectStatus.ACTIVE, 3, Decimal("9000000")),
        (ProjectStatus.SUSPENDED, 0, Decimal("0")),
        (ProjectStatus.COMPLETED, 1, Decimal("500000")),
        (ProjectStatus.CLOSED, 0, Decimal("0")),
        (ProjectStatus.CANCELLED, 0, Decimal("0")),
    ]


def test_expenditure_by_year_shows_ten_years_up_to_this_one(built):
    figures = dashboard.compute()
    assert [y.year for y in figures.by_year] == list(range(Y - 9, Y + 1))
    spent = {y.year: y.amount for y in figures.by_year}
    assert spent[Y] == Decimal("3600000")
    assert spent[Y - 1] == Decimal("1000000")  # India 600k + Brazil 400k
    assert spent[Y - 2] == 0
    assert spent[Y - 3] == Decimal("100000")


def test_without_expenditure_this_year_the_latest_recorded_year_is_shown(built):
    """Expenditure is recorded after the fact: in March of Y+1 nothing is there yet for Y+1."""
    figures = dashboard.compute(today=datetime.date(Y + 1, 3, 1))
    assert figures.year == Y
    assert figures.spent_in_year == Decimal("3600000")
    assert figures.by_year[-1].year == Y
    spent = next(h for h in dashboard.headlines(figures, evaluation_rule=False) if h.key == "spent")
    assert spent.label == f"Expenditure in {Y}"
    assert f"nothing yet for {Y + 1}" in spent.note


def test_map_counts_active_projects_per_country(built):
    figures = dashboard.compute()
    assert figures.active_by_country == {"IND": 1, "KEN": 2, "BRA": 1, "GHA": 1}
    assert figures.country_names["KEN"] == "Kenya"


def test_an_empty_portfolio_has_zeros_and_no_delivery_rate(db):
    figures = dashboard.compute()
    assert (figures.active, figures.active_budget, figures.countries_active, figures.spent_in_year) == (0, 0, 0, 0)
    assert figures.delivery_rate is None
    assert figures.children == {"withdrawn": (0, 0), "prevented": (0, 0)}
    values = {h.key: h.value for h in dashboard.headlines(figures, evaluation_rule=True)}
    assert values["delivery"] == "–" and values["active"] == "0"


def test_the_page_shows_the_figures(client, hq_user, built):
    client.force_login(hq_user)
    response = client.get("/")
    assert response.status_code == 200
    values = {h.key: h.value for h in response.context["headlines"]}
    assert values == {
        "active": "3",
        "countries": "4",
        "budget": "US$ 9M",
        "spent": "US$ 3.6M",
        "delivery": values["delivery"],
        "withdrawn": "90",
        "prevented": "70",
        "missing-evaluation": "2",
    }
    assert values["delivery"].endswith("%")
    page = response.content.decode()
    assert "US$ 9M" in page and "Approved budget of active projects" in page
    assert "20% of the target of 450" in page  # 90 withdrawn of 450
