"""Evaluations and their content: bad values refused by the services and by the database."""

from __future__ import annotations

import datetime

import pytest

from evaluations.models import (
    Criterion,
    Evaluation,
    EvaluationReport,
    EvaluationScope,
    EvaluationStatus,
    EvaluationStep,
    Finding,
    Language,
    Modality,
    Recommendation,
    ReportState,
    Timing,
)
from evaluations.services import (
    evaluation_advance,
    evaluation_create,
    finding_record,
    good_practice_add,
    lesson_add,
    recommendation_add,
    recommendation_respond,
)
from tests.factories import make_evaluation, make_project
from tests.ipec.invariants import db_refuses, refused

pytestmark = pytest.mark.django_db

D = datetime.date
CHECKSUM = "0" * 63 + "a"


@pytest.fixture
def evaluation(hq_user) -> Evaluation:
    return make_evaluation(reached_on=D(2020, 1, 6), evaluation_manager=hq_user)


def create(projects, scope: str = EvaluationScope.PROJECT, **fields) -> Evaluation:
    fields.setdefault("timing", Timing.FINAL)
    fields.setdefault("modality", Modality.INDEPENDENT)
    return evaluation_create(title="An evaluation", projects=projects, scope=scope, **fields)


def publish(evaluation: Evaluation, hq_user) -> None:
    for day in range(1, len(EvaluationStatus.values)):
        evaluation_advance(evaluation=evaluation, reached_on=D(2020, 2, day), changed_by=hq_user)


# --- scope and projects ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scope", "count", "message"),
    [
        (EvaluationScope.PROJECT, 0, "An evaluation covers at least one project."),
        (EvaluationScope.PROJECT, 2, "A project evaluation covers exactly one project."),
        (EvaluationScope.CLUSTER, 0, "An evaluation covers at least one project."),
        (EvaluationScope.CLUSTER, 1, "A cluster evaluation covers two or more projects."),
        (EvaluationScope.THEMATIC, 0, "An evaluation covers at least one project."),
    ],
)
def test_scope_sets_how_many_projects(scope, count, message):
    projects = [make_project() for _ in range(count)]
    with refused(message):
        create(projects, scope=scope)


@pytest.mark.parametrize(("scope", "count"), [("project", 1), ("cluster", 2), ("cluster", 3), ("thematic", 1)])
def test_scopes_with_the_right_number_of_projects_are_accepted(scope, count):
    projects = [make_project() for _ in range(count)]
    assert create(projects, scope=scope).projects.count() == count


@pytest.mark.parametrize(
    ("field", "value", "constraint"),
    [
        ("timing", "annual", "evaluation_timing_valid"),
        ("modality", "peer", "evaluation_modality_valid"),
        ("language", "de", "evaluation_language_valid"),
    ],
)
def test_timing_modality_and_language_are_from_their_lists(evaluation, field, value, constraint):
    project = evaluation.projects.get()
    with refused(f"Value '{value}' is not a valid choice."):
        create([project], **{field: value})
    with db_refuses(constraint):
        Evaluation.objects.filter(pk=evaluation.pk).update(**{field: value})


def test_planned_end_cannot_be_before_planned_start(evaluation):
    project = evaluation.projects.get()
    with refused("The evaluation cannot end before it starts."):
        create([project], planned_start=D(2020, 3, 1), planned_end=D(2020, 2, 29))
    with db_refuses("evaluation_dates_ordered"):
        Evaluation.objects.filter(pk=evaluation.pk).update(planned_start=D(2020, 3, 1), planned_end=D(2020, 2, 29))


def test_status_is_held_by_the_database(evaluation):
    with db_refuses("evaluation_status_valid"):
        Evaluation.objects.filter(pk=evaluation.pk).update(status="archived")


def test_a_step_is_reached_once(evaluation):
    with db_refuses("evaluation_step_once"):
        EvaluationStep.objects.bulk_create(
            [EvaluationStep(evaluation=evaluation, status=EvaluationStatus.PLANNED, reached_on=D(2020, 1, 7))]
        )


# --- content once published ----------------------------------------------------------------------

PUBLISHED = "This evaluation is published; its content can no longer change."


@pytest.mark.parametrize(
    "add",
    [
        lambda e: finding_record(evaluation=e, criterion=Criterion.RELEVANCE, text="Relevant.", rating=5),
        lambda e: recommendation_add(evaluation=e, text="Scale up.", addressee="ILO-IPEC"),
        lambda e: lesson_add(evaluation=e, title="Lesson", description="What we learned."),
        lambda e: good_practice_add(evaluation=e, title="Practice", summary="What worked."),
    ],
    ids=["finding", "recommendation", "lesson", "good-practice"],
)
def test_content_is_refused_once_published(evaluation, hq_user, add):
    add(evaluation)  # accepted while open
    publish(evaluation, hq_user)
    evaluation.refresh_from_db()
    with refused(PUBLISHED):
        add(evaluation)


@pytest.mark.parametrize(
    "add",
    [
        lambda e: finding_record(evaluation=e, criterion=Criterion.IMPACT, text="Late.", rating=2),
        lambda e: recommendation_add(evaluation=e, text="Late.", addressee="ILO-IPEC"),
        lambda e: lesson_add(evaluation=e, title="Late", description="Late."),
        lambda e: good_practice_add(evaluation=e, title="Late", summary="Late."),
    ],
    ids=["finding", "recommendation", "lesson", "good-practice"],
)
def test_content_is_refused_once_published_even_through_an_old_copy(evaluation, hq_user, add):
    """A page loaded before publication must not slip content in after it."""
    stale = Evaluation.objects.get(pk=evaluation.pk)
    publish(evaluation, hq_user)
    assert stale.status == EvaluationStatus.PLANNED
    with refused(PUBLISHED):
        add(stale)


# --- findings --------------------------------------------------------------------------------------


def test_one_finding_per_criterion(evaluation):
    finding_record(evaluation=evaluation, criterion=Criterion.EFFICIENCY, text="First draft.", rating=3)
    # Recording it again corrects the one finding.
    finding_record(evaluation=evaluation, criterion=Criterion.EFFICIENCY, text="Revised.", rating=4)
    assert list(evaluation.findings.values_list("criterion", "text", "rating")) == [("efficiency", "Revised.", 4)]
    with refused("This evaluation already has findings for this criterion."):
        Finding(evaluation=evaluation, criterion=Criterion.EFFICIENCY, text="Again.").full_clean()
    with db_refuses("finding_one_per_criterion"):
        Finding.objects.bulk_create([Finding(evaluation=evaluation, criterion=Criterion.EFFICIENCY, text="Again.")])


@pytest.mark.parametrize("rating", [0, 7, 10])
def test_rating_runs_from_1_to_6(evaluation, rating):
    with refused(f"Value {rating} is not a valid choice."):
        finding_record(evaluation=evaluation, criterion=Criterion.IMPACT, text="Impact.", rating=rating)
    finding = finding_record(evaluation=evaluation, criterion=Criterion.IMPACT, text="Impact.", rating=1)
    with db_refuses("finding_rating_range"):
        Finding.objects.filter(pk=finding.pk).update(rating=rating)


def test_criterion_is_an_oecd_dac_criterion(evaluation):
    with refused("Value 'beauty' is not a valid choice."):
        finding_record(evaluation=evaluation, criterion="beauty", text="Lovely.")
    finding = finding_record(evaluation=evaluation, criterion=Criterion.COHERENCE, text="Coherent.")
    with db_refuses("finding_criterion_valid"):
        Finding.objects.filter(pk=finding.pk).update(criterion="beauty")


# --- recommendations -----------------------------------------------------------------------------


def test_recommendations_are_numbered_from_one_in_order(evaluation):
    numbers = [
        recommendation_add(evaluation=evaluation, text=f"Do {n}.", addressee="ILO-IPEC").number for n in range(3)
    ]
    assert numbers == [1, 2, 3]


def test_recommendation_numbers_are_unique_and_positive(evaluation):
    recommendation_add(evaluation=evaluation, text="Do it.", addressee="ILO-IPEC")
    with refused("This evaluation already has a recommendation with this number."):
        Recommendation(evaluation=evaluation, number=1, text="Again.", addressee="ILO").full_clean()
    with refused("Recommendations are numbered from 1."):
        Recommendation(evaluation=evaluation, number=0, text="Zero.", addressee="ILO").full_clean()
    with db_refuses("recommendation_unique_number"):
        Recommendation.objects.bulk_create(
            [Recommendation(evaluation=evaluation, number=1, text="Again.", addressee="ILO")]
        )
    with db_refuses("recommendation_number_positive"):
        Recommendation.objects.filter(evaluation=evaluation).update(number=0)


@pytest.mark.parametrize(
    ("field", "value", "constraint"),
    [
        ("priority", "urgent", "recommendation_priority_valid"),
        ("management_response", "ignored", "recommendation_response_valid"),
        ("follow_up", "forgotten", "recommendation_follow_up_valid"),
    ],
)
def test_recommendation_choices(evaluation, field, value, constraint):
    recommendation = recommendation_add(evaluation=evaluation, text="Do it.", addressee="ILO-IPEC")
    response = {"management_response": "accepted", "follow_up": "in_progress", field: value}
    with refused(f"Value '{value}' is not a valid choice."):
        if field == "priority":
            recommendation_add(evaluation=evaluation, text="Do more.", addressee="ILO-IPEC", priority=value)
        else:
            recommendation_respond(recommendation=recommendation, **response)
    with db_refuses(constraint):
        Recommendation.objects.filter(pk=recommendation.pk).update(**{field: value})


# --- reports ------------------------------------------------------------------------------------------


def report(evaluation: Evaluation, version: int = 1, **fields) -> EvaluationReport:
    return EvaluationReport(
        evaluation=evaluation,
        version=version,
        language=Language.ENGLISH,
        requested_by=evaluation.evaluation_manager,
        **fields,
    )


def test_report_versions_are_unique_and_positive(evaluation):
    report(evaluation).save()
    with refused("This version of the report already exists."):
        report(evaluation).full_clean()
    with refused("Report versions are numbered from 1."):
        report(evaluation, version=0).full_clean()
    with db_refuses("report_unique_version"):
        EvaluationReport.objects.bulk_create([report(evaluation)])
    with db_refuses("report_version_positive"):
        EvaluationReport.objects.filter(evaluation=evaluation).update(version=0)


@pytest.mark.parametrize(
    ("file", "sha256"),
    [("", ""), ("r.pdf", ""), ("", CHECKSUM), ("r.pdf", "abc"), ("r.pdf", CHECKSUM.upper()), ("r.pdf", "g" * 64)],
)
def test_a_ready_report_has_its_file_and_checksum(evaluation, file, sha256):
    with refused("A ready report has its file and checksum."):
        report(evaluation, state=ReportState.READY, file=file, sha256=sha256).full_clean()
    waiting = report(evaluation, file=file, sha256=sha256)
    waiting.save()
    with db_refuses("report_ready_has_file"):
        EvaluationReport.objects.filter(pk=waiting.pk).update(state=ReportState.READY)


def test_a_ready_report_with_file_and_checksum_is_accepted(evaluation):
    ready = report(evaluation, state=ReportState.READY, file="r.pdf", sha256=CHECKSUM)
    ready.full_clean()
    ready.save()
    assert EvaluationReport.objects.get(pk=ready.pk).state == ReportState.READY


def test_report_state_is_from_its_list(evaluation):
    waiting = report(evaluation)
    waiting.save()
    with db_refuses("report_state_valid"):
        EvaluationReport.objects.filter(pk=waiting.pk).update(state="lost")
