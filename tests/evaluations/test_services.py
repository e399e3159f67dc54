"""What the evaluation services write when the input is good."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from evaluations.models import Criterion, EvaluationScope, EvaluationStatus, Modality, Rating, Timing
from evaluations.services import (
    evaluation_create,
    finding_record,
    good_practice_add,
    lesson_add,
    recommendation_add,
    recommendation_respond,
)
from tests.factories import make_evaluation, make_project

pytestmark = pytest.mark.django_db


def test_evaluation_create_records_projects_evaluators_and_the_planned_step(hq_user, evaluator):
    projects = [make_project(), make_project()]
    evaluation = evaluation_create(
        title="Cluster evaluation of cocoa projects",
        projects=projects,
        scope=EvaluationScope.CLUSTER,
        timing=Timing.EXPOST,
        modality=Modality.INDEPENDENT,
        evaluators=[evaluator],
        created_by=hq_user,
        evaluation_manager=hq_user,
        language="fr",
    )
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.PLANNED
    assert set(evaluation.projects.all()) == set(projects)
    assert list(evaluation.evaluators.all()) == [evaluator]
    assert (evaluation.evaluation_manager, evaluation.language) == (hq_user, "fr")
    [step] = evaluation.steps.all()
    assert (step.status, step.reached_on, step.changed_by) == ("planned", timezone.localdate(), hq_user)


def test_content_is_recorded_while_open():
    evaluation = make_evaluation()
    finding = finding_record(
        evaluation=evaluation, criterion=Criterion.SUSTAINABILITY, text="Likely.", rating=Rating.SATISFACTORY
    )
    lesson = lesson_add(evaluation=evaluation, title="Local ownership", description="...", context="Rural districts")
    practice = good_practice_add(evaluation=evaluation, title="Child labour monitoring", summary="...")
    assert finding.get_rating_display() == "Satisfactory"
    assert (lesson.context, practice.evaluation) == ("Rural districts", evaluation)
    assert evaluation.findings.count() == evaluation.lessons.count() == evaluation.good_practices.count() == 1


def test_management_responds_to_a_recommendation():
    evaluation = make_evaluation()
    recommendation = recommendation_add(
        evaluation=evaluation, text="Hand over to the ministry.", addressee="Ministry of Labour", priority="high"
    )
    recommendation_respond(
        recommendation=recommendation,
        management_response="partially",
        response_comment="Within the budget.",
        follow_up="in_progress",
    )
    recommendation.refresh_from_db()
    assert (recommendation.number, recommendation.priority) == (1, "high")
    assert (recommendation.management_response, recommendation.follow_up) == ("partially", "in_progress")


def test_planned_dates_may_be_the_same_day():
    evaluation = make_evaluation(planned_start=datetime.date(2020, 3, 1), planned_end=datetime.date(2020, 3, 1))
    assert evaluation.planned_end == evaluation.planned_start
