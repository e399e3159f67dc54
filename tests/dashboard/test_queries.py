"""The dashboard runs a fixed number of queries whatever the size of the portfolio, and none once cached."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from projects.models import InterventionType, ProjectKind, ProjectStatus, WorstForm
from projects.services import expenditure_record, funding_record, target_set
from tests.dashboard.conftest import THIS_YEAR, accept_report, country, move
from tests.factories import DonorFactory, make_project

pytestmark = pytest.mark.django_db

# session + user, then ipec.dashboard.compute(): status, countries, years, delivery, targets, actuals, the
# evaluation rule, regions, interventions, worst forms, donors.
COLD = 2 + 11
WARM = 2


def grow(hq, n: int) -> None:
    """n more active projects, each with countries, classifications, funding, expenditure, targets and actuals."""
    donors = [DonorFactory(code=code) for code in ("NOR", "SPA", "UKM")]
    forms, types = list(WorstForm.objects.all()), list(InterventionType.objects.all())
    for i in range(n):
        donor = donors[i % len(donors)]
        project = make_project(
            code=f"GLO/21/{i + 10:02d}/{donor.code}",
            kind=ProjectKind.GLOBAL,
            countries=[country(c) for c in (("NPL", "GHA"), ("PER", "TUR", "EGY"))[i % 2]],
            budget_usd=Decimal(100000 * (i + 1)),
            planned_start=datetime.date(THIS_YEAR, 1, 1),
            planned_end=datetime.date(THIS_YEAR + 2, 12, 31),
            intervention_types=types[: i % 5 + 1],
            worst_forms=forms[i % 3 :],
        )
        move(project, hq, ProjectStatus.APPROVED, ProjectStatus.ACTIVE, on=datetime.date(THIS_YEAR, 1, 1))
        funding_record(project=project, donor=donor, amount_usd=project.budget_usd)
        expenditure_record(project=project, year=THIS_YEAR, amount_usd=Decimal(1000 * (i + 1)))
        expenditure_record(project=project, year=THIS_YEAR - 1, amount_usd=Decimal(500))
        target_set(project=project, measure="withdrawn", sex="boys", age_band="12-14", value=10 + i)
        first = "NPL" if i % 2 == 0 else "PER"
        accept_report(project, hq, {(first, "withdrawn", "boys", "12-14"): 5})


@pytest.mark.parametrize("more", [0, 6])
def test_queries_do_not_grow_with_the_portfolio(client, hq_user, built, django_assert_num_queries, more):
    grow(hq_user, more)
    client.force_login(hq_user)
    with django_assert_num_queries(COLD):
        response = client.get("/")
    assert response.context["portfolio"].active == 3 + more
    with django_assert_num_queries(WARM):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("more", [0, 6])
def test_a_viewer_costs_the_same(client, viewer, hq_user, built, django_assert_num_queries, more):
    grow(hq_user, more)
    client.force_login(viewer)
    with django_assert_num_queries(COLD):
        assert client.get("/").status_code == 200
