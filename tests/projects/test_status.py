"""The project lifecycle: only the legal moves, each dated and attributed, walked over the whole table."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from projects.models import STATUS_TRANSITIONS, Project, ProjectStatus, StatusChange
from projects.services import project_change_status, project_update
from tests.factories import make_project
from tests.ipec.invariants import db_refuses, refused

pytestmark = pytest.mark.django_db

S = ProjectStatus
D = datetime.date
# DESIGN.md: pipeline → approved → active ⇄ suspended → completed → closed, plus cancelled.
# Written out here rather than imported, so a change to the model's table fails a test.
LEGAL = {
    (S.PIPELINE, S.APPROVED),
    (S.PIPELINE, S.CANCELLED),
    (S.APPROVED, S.ACTIVE),
    (S.APPROVED, S.CANCELLED),
    (S.ACTIVE, S.SUSPENDED),
    (S.ACTIVE, S.COMPLETED),
    (S.ACTIVE, S.CANCELLED),
    (S.SUSPENDED, S.ACTIVE),
    (S.SUSPENDED, S.COMPLETED),
    (S.SUSPENDED, S.CANCELLED),
    (S.COMPLETED, S.CLOSED),
}
ALL_MOVES = [(a, b) for a in S.values for b in S.values]
# The shortest legal way from the pipeline to each status.
PATH = {
    S.PIPELINE: [],
    S.APPROVED: [S.APPROVED],
    S.ACTIVE: [S.APPROVED, S.ACTIVE],
    S.SUSPENDED: [S.APPROVED, S.ACTIVE, S.SUSPENDED],
    S.COMPLETED: [S.APPROVED, S.ACTIVE, S.COMPLETED],
    S.CLOSED: [S.APPROVED, S.ACTIVE, S.COMPLETED, S.CLOSED],
    S.CANCELLED: [S.CANCELLED],
}


def today() -> datetime.date:
    return timezone.localdate()


def project_in(status: str, by) -> Project:
    project = make_project()
    for step in PATH[status]:
        project_change_status(project=project, to_status=step, effective_on=today(), changed_by=by)
    project.refresh_from_db()
    assert project.status == status
    return project


def test_the_model_allows_exactly_the_designed_moves():
    assert {(a, b) for a, targets in STATUS_TRANSITIONS.items() for b in targets} == LEGAL


@pytest.mark.parametrize(("from_status", "to_status"), sorted(LEGAL))
def test_every_legal_move_succeeds_and_is_dated_and_attributed(cta, from_status, to_status):
    project = project_in(from_status, cta)
    history = project.status_changes.count()
    change = project_change_status(
        project=project, to_status=to_status, effective_on=today(), changed_by=cta, note="Board decision."
    )
    project.refresh_from_db()
    assert project.status == to_status
    assert project.status_changes.count() == history + 1
    saved = StatusChange.objects.get(pk=change.pk)
    assert (saved.from_status, saved.to_status) == (from_status, to_status)
    assert saved.effective_on == today()
    assert saved.changed_by == cta
    assert saved.changed_at is not None
    assert saved.note == "Board decision."
    assert project.status_changes.latest() == saved


@pytest.mark.parametrize(("from_status", "to_status"), sorted(set(ALL_MOVES) - LEGAL))
def test_every_illegal_move_is_refused_and_writes_nothing(cta, from_status, to_status):
    project = project_in(from_status, cta)
    # str(): the labels are lazy translations, which join() does not take.
    allowed = ", ".join(str(S(b).label) for a, b in sorted(LEGAL) if a == from_status) or "none"
    message = (
        f"This project is {S(from_status).label.lower()}: it cannot become {S(to_status).label.lower()}. "
        f"Allowed: {allowed}."
    )
    with refused(message):
        project_change_status(project=project, to_status=to_status, effective_on=today(), changed_by=cta)
    project.refresh_from_db()
    assert project.status == from_status


def test_illegal_move_message_lists_the_allowed_moves(cta):
    project = project_in(S.PIPELINE, cta)
    with refused("This project is pipeline: it cannot become active. Allowed: Approved, Cancelled."):
        project_change_status(project=project, to_status=S.ACTIVE, effective_on=today(), changed_by=cta)
    project = project_in(S.CLOSED, cta)
    with refused("This project is closed: it cannot become active. Allowed: none."):
        project_change_status(project=project, to_status=S.ACTIVE, effective_on=today(), changed_by=cta)


def test_unknown_status_is_refused(cta):
    project = project_in(S.PIPELINE, cta)
    with refused("Unknown status 'paused'."):
        project_change_status(project=project, to_status="paused", effective_on=today(), changed_by=cta)


def test_a_move_cannot_take_effect_in_the_future(cta):
    project = project_in(S.PIPELINE, cta)
    tomorrow = today() + datetime.timedelta(days=1)
    with refused("A status move cannot take effect in the future."):
        project_change_status(project=project, to_status=S.APPROVED, effective_on=tomorrow, changed_by=cta)


def test_a_move_cannot_be_dated_before_the_previous_one(cta):
    project = project_in(S.APPROVED, cta)
    yesterday = today() - datetime.timedelta(days=1)
    with refused(f"The previous move took effect on {today():%d %B %Y}; this one cannot be earlier."):
        project_change_status(project=project, to_status=S.ACTIVE, effective_on=yesterday, changed_by=cta)
    # The same day as the previous move is fine.
    project_change_status(project=project, to_status=S.ACTIVE, effective_on=today(), changed_by=cta)


def test_a_history_can_be_entered_afterwards_in_date_order(hq_user):
    """A project recorded today may have been approved and started years ago: the creation record is no move."""
    project = make_project()
    project_change_status(project=project, to_status=S.APPROVED, effective_on=D(2012, 1, 15), changed_by=hq_user)
    project_change_status(project=project, to_status=S.ACTIVE, effective_on=D(2012, 3, 1), changed_by=hq_user)
    with refused("The previous move took effect on 01 March 2012; this one cannot be earlier."):
        project_change_status(project=project, to_status=S.SUSPENDED, effective_on=D(2012, 2, 29), changed_by=hq_user)
    project.refresh_from_db()
    assert (project.status, project.actual_start) == (S.ACTIVE, D(2012, 3, 1))
    assert list(project.status_changes.values_list("to_status", "effective_on")) == [
        (S.PIPELINE, today()),
        (S.APPROVED, D(2012, 1, 15)),
        (S.ACTIVE, D(2012, 3, 1)),
    ]


def test_creation_records_the_first_status_dated_and_attributed(hq_user):
    project = make_project(created_by=hq_user)
    [first] = project.status_changes.all()
    assert (first.from_status, first.to_status) == ("", S.PIPELINE)
    assert (first.effective_on, first.changed_by) == (today(), hq_user)


def test_becoming_active_sets_the_actual_start_and_completion_the_actual_end(cta):
    project = project_in(S.ACTIVE, cta)
    assert (project.actual_start, project.actual_end) == (today(), None)
    project = project_in(S.COMPLETED, cta)
    assert (project.actual_start, project.actual_end) == (today(), today())


def test_an_actual_start_already_recorded_is_kept(cta):
    project = make_project()
    project_update(project=project, actual_start=datetime.date(2012, 3, 1))
    project_change_status(project=project, to_status=S.APPROVED, effective_on=today(), changed_by=cta)
    project_change_status(project=project, to_status=S.ACTIVE, effective_on=today(), changed_by=cta)
    project.refresh_from_db()
    assert project.actual_start == datetime.date(2012, 3, 1)


def test_resuming_after_suspension_keeps_the_first_actual_start(cta):
    project = make_project()
    project_update(project=project, actual_start=datetime.date(2012, 3, 1))
    for step in (S.APPROVED, S.ACTIVE, S.SUSPENDED, S.ACTIVE):
        project_change_status(project=project, to_status=step, effective_on=today(), changed_by=cta)
    project.refresh_from_db()
    assert project.actual_start == datetime.date(2012, 3, 1)
    assert project.status_changes.count() == 5


def test_completion_that_would_end_before_the_start_is_refused_whole(cta):
    """The status move is not left behind when the project's own dates refuse it."""
    project = project_in(S.APPROVED, cta)
    project_update(project=project, actual_start=today() + datetime.timedelta(days=30))
    project_change_status(project=project, to_status=S.ACTIVE, effective_on=today(), changed_by=cta)
    with refused("The actual end cannot be before the actual start."):
        project_change_status(project=project, to_status=S.COMPLETED, effective_on=today(), changed_by=cta)
    project.refresh_from_db()
    assert (project.status, project.actual_end) == (S.ACTIVE, None)


def test_status_is_held_by_the_database(cta):
    project = project_in(S.ACTIVE, cta)
    with db_refuses("project_status_valid"):
        Project.objects.filter(pk=project.pk).update(status="paused")
    with db_refuses("status_change_moves"):
        StatusChange.objects.bulk_create(
            [StatusChange(project=project, from_status=S.ACTIVE, to_status=S.ACTIVE, effective_on=today())]
        )
