"""The evaluation lifecycle: one step at a time, each dated and attributed, in date order, ending at published."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from evaluations.models import Evaluation, EvaluationStatus, EvaluationStep
from evaluations.services import evaluation_advance
from tests.factories import make_evaluation
from tests.ipec.invariants import refused

pytestmark = pytest.mark.django_db

D = datetime.date
# DESIGN.md: planned → terms of reference → evaluator contracted → fieldwork → draft report → final report → published.
STEPS = ["planned", "tor", "contracted", "fieldwork", "draft_report", "final_report", "published"]


@pytest.fixture
def evaluation(hq_user) -> Evaluation:
    return make_evaluation(reached_on=D(2020, 1, 6), created_by=hq_user)


def test_the_model_has_the_designed_steps():
    assert EvaluationStatus.values == STEPS


def test_each_advance_moves_exactly_one_step_dated_and_attributed(evaluation, hq_user, evaluator):
    for index, status in enumerate(STEPS[1:], start=1):
        by = hq_user if index % 2 else evaluator
        step = evaluation_advance(
            evaluation=evaluation, reached_on=D(2020, 2, index), changed_by=by, note=f"Step {index}."
        )
        evaluation.refresh_from_db()
        assert evaluation.status == status == step.status
        assert (step.reached_on, step.changed_by, step.note) == (D(2020, 2, index), by, f"Step {index}.")
    assert list(evaluation.steps.values_list("status", "reached_on")) == [
        ("planned", D(2020, 1, 6)),
        *[(status, D(2020, 2, index)) for index, status in enumerate(STEPS[1:], start=1)],
    ]
    assert evaluation.steps.first().changed_by == hq_user


def test_nothing_lies_beyond_published(evaluation, hq_user):
    for index in range(1, len(STEPS)):
        evaluation_advance(evaluation=evaluation, reached_on=D(2020, 2, index), changed_by=hq_user)
    with refused("This evaluation is published: it has no further step."):
        evaluation_advance(evaluation=evaluation, reached_on=D(2020, 3, 1), changed_by=hq_user)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.PUBLISHED
    assert evaluation.next_status is None


def test_a_step_cannot_be_reached_in_the_future(evaluation, hq_user):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with refused("A step cannot be reached in the future."):
        evaluation_advance(evaluation=evaluation, reached_on=tomorrow, changed_by=hq_user)
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.PLANNED


def test_a_step_cannot_be_dated_before_the_previous_one(evaluation, hq_user):
    evaluation_advance(evaluation=evaluation, reached_on=D(2020, 3, 10), changed_by=hq_user)
    with refused("The previous step was reached on 10 March 2020."):
        evaluation_advance(evaluation=evaluation, reached_on=D(2020, 3, 9), changed_by=hq_user)
    # The same day is fine: a contract may be signed the day the terms of reference are agreed.
    step = evaluation_advance(evaluation=evaluation, reached_on=D(2020, 3, 10), changed_by=hq_user)
    assert step.status == EvaluationStatus.EVALUATOR_CONTRACTED


def test_the_first_step_cannot_be_passed_by_an_earlier_date(evaluation, hq_user):
    with refused("The previous step was reached on 06 January 2020."):
        evaluation_advance(evaluation=evaluation, reached_on=D(2020, 1, 5), changed_by=hq_user)


def test_advancing_a_stale_copy_still_moves_one_step_from_the_saved_status(evaluation, hq_user):
    stale = Evaluation.objects.get(pk=evaluation.pk)
    evaluation_advance(evaluation=evaluation, reached_on=D(2020, 2, 1), changed_by=hq_user)
    step = evaluation_advance(evaluation=stale, reached_on=D(2020, 2, 2), changed_by=hq_user)
    assert step.status == EvaluationStatus.EVALUATOR_CONTRACTED
    assert EvaluationStep.objects.filter(evaluation=evaluation).count() == 3
