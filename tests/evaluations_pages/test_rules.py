"""The evaluation rule: budgets around both thresholds, which evaluations count, and SQL agreeing with Python."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from evaluations.models import EvaluationScope
from evaluations.rules import (
    INDEPENDENT,
    INDEPENDENT_FINAL,
    INDEPENDENT_MIDTERM,
    missing_evaluations,
    missing_from_annotations,
    missing_required_count,
    projects_missing_required_evaluation,
    required_evaluations,
    rule_check,
    with_evaluation_rule,
)
from evaluations.services import evaluation_create
from projects.models import Project, ProjectStatus
from tests.evaluations_pages.conftest import active, move
from tests.factories import make_evaluation, make_project

pytestmark = pytest.mark.django_db

BOTH = [INDEPENDENT_MIDTERM, INDEPENDENT_FINAL]


def project(budget: str, *evaluations: tuple[str, str], status: str = "active") -> Project:
    """A project of `budget` US$ with evaluations given as (timing, modality), in `status`."""
    made = make_project(budget_usd=Decimal(budget))
    path = {
        "pipeline": (),
        "approved": (ProjectStatus.APPROVED,),
        "active": (ProjectStatus.APPROVED, ProjectStatus.ACTIVE),
        "suspended": (ProjectStatus.APPROVED, ProjectStatus.ACTIVE, ProjectStatus.SUSPENDED),
        "completed": (ProjectStatus.APPROVED, ProjectStatus.ACTIVE, ProjectStatus.COMPLETED),
        "closed": (ProjectStatus.APPROVED, ProjectStatus.ACTIVE, ProjectStatus.COMPLETED, ProjectStatus.CLOSED),
        "cancelled": (ProjectStatus.CANCELLED,),
    }[status]
    made = move(made, *path)
    for timing, modality in evaluations:
        make_evaluation(project=made, timing=timing, modality=modality)
    return made


def sql_missing(made: Project) -> list[str] | None:
    """What the SQL version says of the project: None when it is not listed as missing anything."""
    row = projects_missing_required_evaluation(Project.objects.filter(pk=made.pk)).first()
    return missing_from_annotations(row) if row else None


# fmt: off
CASES = [
    # budget (US$)     evaluations                                               missing
    ("0",              [],                                                       []),
    ("999999.99",      [],                                                       []),
    ("1000000",        [],                                                       [INDEPENDENT]),
    ("1000000.01",     [],                                                       [INDEPENDENT]),
    ("1000000",        [("final", "internal")],                                  [INDEPENDENT]),
    ("1000000",        [("midterm", "self")],                                    [INDEPENDENT]),
    ("1000000",        [("midterm", "independent")],                             []),
    ("2500000",        [("expost", "independent")],                              []),
    ("4999999.99",     [("final", "independent")],                               []),
    ("4999999.99",     [],                                                       [INDEPENDENT]),
    ("5000000",        [],                                                       BOTH),
    ("5000000",        [("final", "internal"), ("midterm", "internal")],         BOTH),
    ("5000000",        [("midterm", "independent")],                             [INDEPENDENT_FINAL]),
    ("5000000",        [("final", "independent")],                               [INDEPENDENT_MIDTERM]),
    ("5000000",        [("midterm", "independent"), ("expost", "independent")],  [INDEPENDENT_FINAL]),
    ("5000000",        [("midterm", "independent"), ("final", "independent")],   []),
    ("12000000",       [("midterm", "independent"), ("final", "internal")],      [INDEPENDENT_FINAL]),
    ("12000000",       [("midterm", "independent"), ("final", "independent")],   []),
]
# fmt: on


@pytest.mark.parametrize(("budget", "evaluations", "missing"), CASES)
def test_the_rule_around_both_thresholds(budget, evaluations, missing):
    made = project(budget, *evaluations)
    assert missing_evaluations(made) == missing
    assert sql_missing(made) == (missing or None)


@pytest.mark.parametrize(
    ("budget", "required"),
    [("999999.99", []), ("1000000", [INDEPENDENT]), ("4999999.99", [INDEPENDENT]), ("5000000", BOTH), ("9e6", BOTH)],
)
def test_required_evaluations_follow_the_budget_alone(budget, required):
    assert required_evaluations(project(budget)) == required
    assert required_evaluations(project(budget, ("midterm", "independent"), ("final", "independent"))) == required


@pytest.mark.parametrize(
    ("status", "subject"),
    [
        ("pipeline", False),
        ("approved", True),
        ("active", True),
        ("suspended", True),
        ("completed", True),
        ("closed", True),
        ("cancelled", False),
    ],
)
def test_pipeline_and_cancelled_projects_are_not_subject(status, subject):
    made = project("6000000", status=status)
    assert missing_evaluations(made) == (BOTH if subject else [])
    assert sql_missing(made) == (BOTH if subject else None)


def test_an_evaluation_counts_from_the_moment_it_is_planned():
    made = project("1500000")
    assert missing_evaluations(made) == [INDEPENDENT]
    make_evaluation(project=made, timing="final", modality="independent")  # planned, nothing more
    assert missing_evaluations(made) == [] and sql_missing(made) is None


def test_a_cluster_evaluation_counts_for_each_project_and_a_thematic_one_does_not():
    first, second = project("1500000"), project("1500000")
    evaluation_create(
        title="Thematic evaluation of girls' education", projects=[first, second], timing="final",
        modality="independent", scope=EvaluationScope.THEMATIC,
    )  # fmt: skip
    assert missing_evaluations(first) == missing_evaluations(second) == [INDEPENDENT]
    assert sql_missing(first) == [INDEPENDENT]
    evaluation_create(
        title="Cluster evaluation of cocoa projects", projects=[first, second], timing="final",
        modality="independent", scope=EvaluationScope.CLUSTER,
    )  # fmt: skip
    assert missing_evaluations(first) == missing_evaluations(second) == []
    assert sql_missing(first) is None and sql_missing(second) is None


def test_the_thresholds_come_from_the_settings(settings):
    made = project("300000", ("final", "independent"))
    assert missing_evaluations(made) == []
    settings.EVALUATION_INDEPENDENT_THRESHOLD_USD = 200_000
    settings.EVALUATION_MIDTERM_AND_FINAL_THRESHOLD_USD = 250_000
    assert missing_evaluations(made) == [INDEPENDENT_MIDTERM] == sql_missing(made)
    settings.EVALUATION_MIDTERM_AND_FINAL_THRESHOLD_USD = 400_000
    assert missing_evaluations(made) == [] and sql_missing(made) is None


def test_rule_check_names_the_evaluations_that_meet_each_requirement():
    made = project("5000000", ("midterm", "independent"), ("midterm", "internal"))
    check = rule_check(made)
    assert check.required == BOTH and check.missing == [INDEPENDENT_FINAL]
    [(midterm_label, met, evaluations), (final_label, final_met, none)] = check.labels
    assert (midterm_label, met, [e.modality for e in evaluations]) == (
        "an independent mid-term evaluation", True, ["independent"],
    )  # fmt: skip
    assert (final_label, final_met, none) == ("an independent final evaluation", False, [])


def test_rule_check_of_a_small_project_costs_no_query(django_assert_num_queries):
    made = project("10000")
    with django_assert_num_queries(0):
        assert rule_check(made).required == []


# The SQL version on a whole portfolio ---------------------------------------------------------------------


EVALUATION_SETS = [
    (),
    (("midterm", "independent"),),
    (("final", "independent"),),
    (("expost", "independent"),),
    (("final", "internal"),),
    (("midterm", "independent"), ("final", "independent")),
    (("midterm", "self"), ("final", "independent")),
]


@pytest.fixture
def portfolio() -> list[Project]:
    """Every combination of budget band, status and set of evaluations."""
    budgets = ["500000", "1000000", "3000000", "5000000", "8000000"]
    statuses = ["pipeline", "active", "closed", "cancelled"]
    made = []
    for budget, status, evaluations in itertools.product(budgets, statuses, EVALUATION_SETS):
        if status != "active" and len(evaluations) > 1:
            continue  # the statuses need not be crossed with every set
        made.append(project(budget, *evaluations, status=status))
    return made


def test_the_sql_version_agrees_with_the_python_version(portfolio):
    python = {p.pk: missing_evaluations(p) for p in Project.objects.prefetch_related("evaluations")}
    sql = {p.pk: missing_from_annotations(p) for p in projects_missing_required_evaluation(Project.objects.all())}
    assert sql == {pk: missing for pk, missing in python.items() if missing}
    assert len(sql) > 10 and len(python) - len(sql) > 10  # both sides are well represented
    assert missing_required_count() == len(sql)
    annotated = {p.pk: missing_from_annotations(p) for p in with_evaluation_rule(Project.objects.all())}
    assert annotated == python
    # The per-row ("probe") form the evaluation list pages with is the same rule.
    probed = projects_missing_required_evaluation(Project.objects.all(), probe=True)
    assert {p.pk: missing_from_annotations(p) for p in probed} == sql


def test_the_probing_form_looks_evaluations_up_per_project(portfolio, require_postgres):
    """A page of the missing projects probes the index per row, not a hash of every evaluation first."""
    from django.db import connection

    def plan(probe: bool) -> str:
        rows = projects_missing_required_evaluation(Project.objects.all(), probe=probe).order_by("-budget_usd")[:20]
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")  # the tiny test tables would be read whole anyway
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())

    assert "hashed SubPlan" in plan(False)  # what the probing form avoids
    assert "hashed SubPlan" not in plan(True)


@pytest.mark.parametrize("size", [1, 3])
def test_the_sql_version_is_one_query_whatever_the_portfolio(django_assert_num_queries, size):
    for _ in range(size):
        for evaluations in EVALUATION_SETS:
            project("6000000", *evaluations)
    with django_assert_num_queries(1):
        rows = list(projects_missing_required_evaluation(Project.objects.all()))
    with django_assert_num_queries(0):
        assert all(missing_from_annotations(row) for row in rows)
    with django_assert_num_queries(1):
        assert missing_required_count() == 6 * size  # all but the set with both independent evaluations


def test_a_prefetched_project_is_checked_without_a_query(django_assert_num_queries):
    active(make_project(budget_usd=Decimal("7000000")))
    [made] = Project.objects.prefetch_related("evaluations")
    with django_assert_num_queries(0):
        assert missing_evaluations(made) == BOTH
