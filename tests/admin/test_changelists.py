"""Every admin changelist runs a fixed number of queries, however many rows it shows.

Each case builds 3 rows, then 17 more, and loads the changelist at both sizes: the rows
must be on the page, and the query count must be the same both times and equal to the
pinned number. A missing select_related or a per-row count shows up as a difference.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from countries.models import Convention, Country, Ratification, Region
from evaluations.models import Evaluation, EvaluationReport, EvaluationStep, GoodPractice, LessonLearned, Recommendation
from partners.models import Donor, Partner, PartnerType, ProjectPartnership, SteeringCommittee
from projects.models import (
    ActionProgramme,
    InterventionType,
    IssuedCode,
    ProgressReport,
    Project,
    Sector,
    StatusChange,
    TargetGroup,
    WorstForm,
)
from tests.admin import helpers


@dataclass(frozen=True)
class Case:
    model: type
    build: Callable[[int], list[str]]
    queries: int  # pinned: change it only with a reason
    query: str = ""  # narrows the list to the rows built, where other rows exist

    def __str__(self) -> str:
        return self.model._meta.label


CASES = [
    Case(User, helpers.users, 6, "?q=staffer"),
    Case(Region, helpers.reference_rows(Region), 5, "?q=Test+row"),
    Case(Country, helpers.countries, 8, "?ipec_operations__exact=1"),
    Case(Convention, helpers.conventions, 5, "?q=Test+convention"),
    Case(Ratification, helpers.ratifications, 7),
    Case(PartnerType, helpers.reference_rows(PartnerType), 5, "?q=Test+row"),
    Case(Partner, helpers.partners, 6, "?q=Admin+test+partner"),
    Case(Donor, helpers.donors, 5, "?q=Donor+agency"),
    Case(ProjectPartnership, helpers.partnerships, 6, "?role__exact=collaborating"),
    Case(SteeringCommittee, helpers.committees, 7),
    Case(InterventionType, helpers.reference_rows(InterventionType), 5, "?q=Test+row"),
    Case(WorstForm, helpers.reference_rows(WorstForm), 5, "?q=Test+row"),
    Case(Sector, helpers.reference_rows(Sector), 5, "?q=Test+row"),
    Case(TargetGroup, helpers.reference_rows(TargetGroup), 5, "?q=Test+row"),
    Case(Project, helpers.projects, 11),
    Case(IssuedCode, helpers.issued_codes, 5),
    Case(StatusChange, helpers.status_changes, 7),
    Case(ActionProgramme, helpers.action_programmes, 6),
    Case(ProgressReport, helpers.progress_reports, 5),
    Case(Evaluation, helpers.evaluations, 5),
    Case(EvaluationStep, helpers.evaluation_steps, 5),
    Case(Recommendation, helpers.recommendations, 5),
    Case(LessonLearned, helpers.lessons, 5),
    Case(GoodPractice, helpers.good_practices, 5),
    Case(EvaluationReport, helpers.reports, 5),
]

OUR_APPS = {"accounts", "countries", "partners", "projects", "evaluations"}


def test_every_registered_model_has_a_case():
    registered = {model for model in admin.site._registry if model._meta.app_label in OUR_APPS}
    assert registered == {case.model for case in CASES}


def _load(client, url: str):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, queries


@pytest.mark.parametrize("case", CASES, ids=str)
def test_changelist_query_count_does_not_grow_with_rows(client, hq_user, case: Case):
    client.force_login(hq_user)
    url = reverse(f"admin:{case.model._meta.app_label}_{case.model._meta.model_name}_changelist") + case.query
    _load(client, url)  # first request of the process may fill caches; not a per-row cost

    shown = case.build(3)
    small, small_queries = _load(client, url)
    shown += case.build(17)
    large, large_queries = _load(client, url)

    assert len(small.context["cl"].result_list) == 3
    assert len(large.context["cl"].result_list) == 20
    content = large.content.decode()
    assert all(escape(text) in content for text in shown), "a built row is missing from the changelist"
    counts = (len(small_queries), len(large_queries))
    sql = "\n".join(q["sql"] for q in large_queries.captured_queries)
    assert counts == (case.queries, case.queries), f"{case}: {counts} queries, pinned {case.queries}:\n{sql}"
