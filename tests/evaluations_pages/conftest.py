"""Fixtures of the evaluation pages: an open evaluation of `evaluator`, a published one with content, helpers."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.utils import timezone

from accounts.models import Role
from evaluations.models import Evaluation, EvaluationStatus
from evaluations.services import (
    evaluation_advance,
    finding_record,
    good_practice_add,
    lesson_add,
    recommendation_add,
)
from projects.models import InterventionType, Project, ProjectStatus, Sector, WorstForm
from projects.services import project_change_status
from tests.factories import UserFactory, make_evaluation, make_project
from tests.ipec.invariants import country, snapshot

# The first step of an evaluation without one; later steps follow a week apart.
STEP_DAY = datetime.date(2024, 3, 1)


@contextmanager
def unchanged() -> Iterator[None]:
    """The block writes or changes no row of the project's apps."""
    before = snapshot()
    yield
    assert snapshot() == before, "a refused request changed the database"


def move(project: Project, *statuses: str, by=None) -> Project:
    """Move a project along its lifecycle, one legal step after another (by an HQ officer by default)."""
    by = by or UserFactory(username="portfolio-officer", role=Role.HQ)
    for status in statuses:
        project_change_status(project=project, to_status=status, effective_on=datetime.date(2024, 1, 1), changed_by=by)
    project.refresh_from_db()
    return project


def active(project: Project) -> Project:
    return move(project, ProjectStatus.APPROVED, ProjectStatus.ACTIVE)


def advance_to(evaluation: Evaluation, status: str, by=None) -> Evaluation:
    """Advance the evaluation step by step until it reaches `status`, a week apart (never in the future)."""
    by = by or UserFactory(username="portfolio-officer", role=Role.HQ)
    day = evaluation.steps.order_by("-reached_on").values_list("reached_on", flat=True).first() or STEP_DAY
    while evaluation.status != status:
        day = min(day + datetime.timedelta(days=7), timezone.localdate())
        evaluation_advance(evaluation=evaluation, reached_on=day, changed_by=by)
        evaluation.refresh_from_db()
    return evaluation


def codes(model, *values: str) -> list:
    return list(model.objects.filter(code__in=values))


def classified_project(
    *,
    iso3: str = "IND",
    interventions: tuple[str, ...] = (),
    worst_forms: tuple[str, ...] = (),
    sectors: tuple[str, ...] = (),
    **fields,
) -> Project:
    """An active national project in `iso3`, classified by the given codes."""
    return active(
        make_project(
            countries=[country(iso3)],
            intervention_types=codes(InterventionType, *interventions),
            worst_forms=codes(WorstForm, *worst_forms),
            sectors=codes(Sector, *sectors),
            **fields,
        )
    )


def with_content(evaluation: Evaluation, *, lesson: str = "", practice: str = "", text: str = "") -> Evaluation:
    """A lesson and a good practice (when titled) recorded on an open evaluation."""
    if lesson:
        lesson_add(evaluation=evaluation, title=lesson, description=text or f"What {lesson} taught.")
    if practice:
        good_practice_add(evaluation=evaluation, title=practice, summary=text or f"How {practice} worked.")
    return evaluation


@pytest.fixture
def other_evaluator(db):
    return UserFactory(username="other-evaluator", role=Role.EVALUATOR)


@pytest.fixture
def project(db) -> Project:
    """An active national project in India: direct action against hazardous work in agriculture."""
    return classified_project(
        title="Cotton seed farms of Andhra Pradesh",
        interventions=("direct-action",),
        worst_forms=("hazardous-work",),
        sectors=("agriculture",),
    )


@pytest.fixture
def open_evaluation(project, evaluator, hq_user) -> Evaluation:
    """A planned independent final evaluation of `project`, assigned to `evaluator`, managed by HQ."""
    return make_evaluation(
        project=project,
        title="Final evaluation of the cotton seed project",
        evaluators=[evaluator],
        evaluation_manager=hq_user,
        planned_start=datetime.date(2024, 6, 1),
        planned_end=datetime.date(2024, 9, 30),
        reached_on=datetime.date(2024, 1, 15),
    )


@pytest.fixture
def published_evaluation(evaluator, hq_user) -> Evaluation:
    """A published mid-term evaluation of another project, with findings, a recommendation, a lesson and a practice."""
    other = classified_project(
        iso3="BRA", interventions=("advocacy-awareness",), worst_forms=("trafficking",), sectors=("domestic-work",)
    )
    evaluation = make_evaluation(
        project=other,
        title="Mid-term evaluation of the domestic work project",
        timing="midterm",
        evaluators=[evaluator],
        evaluation_manager=hq_user,
        planned_start=datetime.date(2023, 2, 1),
        reached_on=datetime.date(2023, 1, 10),
    )
    finding_record(evaluation=evaluation, criterion="relevance", text="Well aligned with the national plan.", rating=5)
    recommendation_add(
        evaluation=evaluation, text="Hand the referral system over to the ministry.", addressee="Ministry of Labour"
    )
    with_content(evaluation, lesson="Community watch groups", practice="Referral cards for domestic workers")
    return advance_to(evaluation, EvaluationStatus.PUBLISHED, hq_user)
