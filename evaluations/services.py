"""Writes to evaluations and their content."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from evaluations.models import (
    Evaluation,
    EvaluationScope,
    EvaluationStatus,
    EvaluationStep,
    Finding,
    GoodPractice,
    LessonLearned,
    Recommendation,
)
from ipec.concurrency import check_version, save_new_version
from ipec.services import validated_save
from ipec.wording import day_in_sentence
from projects.models import Project


def validate_scope_projects(scope: str, projects: list[Project]) -> None:
    if not projects:
        raise ValidationError({"projects": gettext("An evaluation covers at least one project.")})
    if scope == EvaluationScope.PROJECT and len(projects) != 1:
        raise ValidationError({"projects": gettext("A project evaluation covers exactly one project.")})
    if scope == EvaluationScope.CLUSTER and len(projects) < 2:
        raise ValidationError({"projects": gettext("A cluster evaluation covers two or more projects.")})


def validate_open(evaluation: Evaluation) -> None:
    """Findings, recommendations, lessons and good practices are recorded only while the evaluation is open.

    Reads the status from the locked row, not the caller's copy, which may predate publication.
    """
    status = Evaluation.objects.select_for_update().values_list("status", flat=True).get(pk=evaluation.pk)
    if status == EvaluationStatus.PUBLISHED:
        raise ValidationError(gettext("This evaluation is published; its content can no longer change."))


@transaction.atomic
def evaluation_create(
    *,
    title: str,
    projects: Iterable[Project],
    timing: str,
    modality: str,
    scope: str = EvaluationScope.PROJECT,
    evaluators: Iterable[User] = (),
    created_by: User | None = None,
    reached_on: datetime.date | None = None,
    **fields,
) -> Evaluation:
    """Plan an evaluation: its first step, `planned`, is recorded with its date."""
    projects = list(projects)
    validate_scope_projects(scope, projects)
    evaluation = validated_save(Evaluation(title=title, scope=scope, timing=timing, modality=modality, **fields))
    evaluation.projects.set(projects)
    evaluation.evaluators.set(evaluators)
    EvaluationStep.objects.create(
        evaluation=evaluation, status=evaluation.status, reached_on=reached_on or timezone.localdate(),
        changed_by=created_by,
    )  # fmt: skip
    return evaluation


@transaction.atomic
def evaluation_advance(
    *,
    evaluation: Evaluation,
    reached_on: datetime.date,
    changed_by: User | None,
    note: str = "",
    make_report: bool = True,
) -> EvaluationStep:
    """Move an evaluation to the next step of its lifecycle, dated and attributed.

    Reaching the draft or the final report queues the PDF report (after commit); loaders of
    historical data pass make_report=False and ask for the reports they want themselves.
    """
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    next_status = evaluation.next_status
    if next_status is None:
        raise ValidationError(gettext("This evaluation is published: it has no further step."))
    if reached_on > timezone.localdate():
        raise ValidationError({"reached_on": gettext("A step cannot be reached in the future.")})
    last = evaluation.steps.order_by("-changed_at", "-id").first()
    if last and reached_on < last.reached_on:
        raise ValidationError(
            {
                "reached_on": gettext("The previous step was reached on %(day)s.")
                % {"day": day_in_sentence(last.reached_on)}
            }
        )
    step = validated_save(
        EvaluationStep(
            evaluation=evaluation, status=next_status, reached_on=reached_on, changed_by=changed_by, note=note
        )
    )
    evaluation.status = next_status
    save_new_version(evaluation, by=changed_by)
    if make_report:
        from evaluations.report_jobs import on_step_reached

        on_step_reached(evaluation, by=changed_by)
    return step


# The evaluation's own fields that an edit may change; its status moves only by evaluation_advance.
EVALUATION_FIELDS = frozenset(
    {
        "title", "timing", "modality", "language", "evaluation_manager", "planned_start", "planned_end",
        "executive_summary", "purpose", "scope_text", "methodology", "conclusions", "annexes",
    }
)  # fmt: skip


@transaction.atomic
def evaluation_update(*, evaluation: Evaluation, by: User | None, expected_version: int | None, **fields) -> Evaluation:
    """Change an evaluation's fields, refusing an edit made on an older version."""
    unknown = set(fields) - EVALUATION_FIELDS
    if unknown:
        raise ValidationError(
            gettext("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    check_version(locked, expected_version)
    for name, value in fields.items():
        setattr(locked, name, value)
    return save_new_version(locked, by=by)


@transaction.atomic
def finding_record(*, evaluation: Evaluation, criterion: str, text: str, rating: int | None = None) -> Finding:
    validate_open(evaluation)
    finding = Finding.objects.filter(evaluation=evaluation, criterion=criterion).first() or Finding(
        evaluation=evaluation, criterion=criterion
    )
    finding.text = text
    finding.rating = rating
    return validated_save(finding)


@transaction.atomic
def recommendation_add(*, evaluation: Evaluation, text: str, addressee: str, **fields) -> Recommendation:
    """Add the next numbered recommendation."""
    validate_open(evaluation)
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)  # serialise the numbering
    number = (evaluation.recommendations.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    return validated_save(
        Recommendation(evaluation=evaluation, number=number, text=text, addressee=addressee, **fields)
    )


@transaction.atomic
def recommendation_respond(
    *, recommendation: Recommendation, management_response: str, response_comment: str = "", follow_up: str = ""
) -> Recommendation:
    """HQ's management response to a recommendation, and its follow-up."""
    recommendation.management_response = management_response
    recommendation.response_comment = response_comment
    recommendation.follow_up = follow_up
    return validated_save(recommendation)


@transaction.atomic
def lesson_add(*, evaluation: Evaluation, title: str, description: str, **fields) -> LessonLearned:
    validate_open(evaluation)
    return validated_save(LessonLearned(evaluation=evaluation, title=title, description=description, **fields))


@transaction.atomic
def good_practice_add(*, evaluation: Evaluation, title: str, summary: str, **fields) -> GoodPractice:
    validate_open(evaluation)
    return validated_save(GoodPractice(evaluation=evaluation, title=title, summary=summary, **fields))
