"""The CTA keeps a national project's status current: rating, dated note, field moves; HQ keeps the rest."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ipec.history import field_changes
from projects.models import Project, ProjectStatus, StatusChange
from projects.services import project_update, project_update_narrative, project_update_status
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def snapshot(project: Project) -> tuple:
    project.refresh_from_db()
    return (project.status, project.rating, project.status_note, project.version, project.status_changes.count())


def test_cta_suspends_with_a_note_dated_and_attributed(active_project, cta):
    before = active_project.version
    project = project_update_status(
        project=active_project, by=cta, expected_version=before, rating="at_risk",
        status_note="Security situation in the districts.", to_status=ProjectStatus.SUSPENDED,
        actual_start=active_project.actual_start,
    )  # fmt: skip
    assert project.status == ProjectStatus.SUSPENDED
    assert project.rating == "at_risk" and project.status_note_on == timezone.localdate()
    move = project.status_changes.order_by("-id").first()
    assert (move.from_status, move.to_status, move.changed_by, move.note) == (
        "active", "suspended", cta, "Security situation in the districts.",
    )  # fmt: skip
    # The history says who changed which field from what to what.
    latest = project.history.filter(status="suspended").first()
    changes = {c.label: (c.old, c.new) for c in field_changes(latest, latest.prev_record)}
    assert changes["status"] == ("Active", "Suspended") and latest.history_user == cta


@pytest.mark.parametrize("to_status", [ProjectStatus.CANCELLED])
def test_cta_cannot_make_hq_moves(active_project, cta, to_status):
    before = snapshot(active_project)
    with pytest.raises(PermissionDenied, match="HQ"):
        project_update_status(
            project=active_project, by=cta, expected_version=active_project.version, rating="off_track",
            status_note="x", to_status=to_status,
        )  # fmt: skip
    assert snapshot(active_project) == before


def test_cta_of_another_project_is_refused(active_project):
    other = UserFactory(role="cta")
    before = snapshot(active_project)
    with pytest.raises(PermissionDenied):
        project_update_status(
            project=active_project,
            by=other,
            expected_version=active_project.version,
            rating="on_track",
            status_note="x",
        )
    with pytest.raises(PermissionDenied):
        project_update_narrative(project=active_project, by=other, expected_version=None, summary="x", objectives="y")
    assert snapshot(active_project) == before


@pytest.mark.parametrize("role", ["viewer", "evaluator"])
def test_other_roles_cannot_update_status(active_project, role):
    user = UserFactory(role=role)
    with pytest.raises(PermissionDenied):
        project_update_status(
            project=active_project, by=user, expected_version=None, rating="on_track", status_note="x"
        )


def test_hq_can_cancel_through_the_same_form(active_project, hq_user):
    project = project_update_status(
        project=active_project, by=hq_user, expected_version=active_project.version, rating="off_track",
        status_note="Donor withdrew.", to_status=ProjectStatus.CANCELLED,
    )  # fmt: skip
    assert project.status == ProjectStatus.CANCELLED


def test_note_is_required_and_dates_not_in_the_future(active_project, cta):
    before = snapshot(active_project)
    with pytest.raises(ValidationError, match="where the project stands"):
        project_update_status(project=active_project, by=cta, expected_version=None, rating="on_track", status_note=" ")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="cannot be in the future"):
        project_update_status(
            project=active_project, by=cta, expected_version=None, rating="on_track", status_note="ok",
            actual_end=tomorrow,
        )  # fmt: skip
    assert snapshot(active_project) == before


def test_illegal_move_leaves_nothing_half_saved(active_project, hq_user):
    before = snapshot(active_project)
    with pytest.raises(ValidationError, match="cannot become"):
        project_update_status(
            project=active_project, by=hq_user, expected_version=active_project.version, rating="off_track",
            status_note="note that must not stay", to_status=ProjectStatus.CLOSED,
        )  # fmt: skip
    assert snapshot(active_project) == before


def test_second_save_on_the_same_version_is_refused_saying_what_changed(active_project, cta, hq_user):
    version = active_project.version
    project_update_status(
        project=active_project, by=cta, expected_version=version, rating="at_risk", status_note="Floods in the region."
    )
    before = snapshot(active_project)
    with pytest.raises(ValidationError) as refused:
        project_update(project=active_project, by=hq_user, expected_version=version, title="A new title")
    message = refused.value.messages[0]
    assert "while you were editing" in message
    assert "status note from (empty) to Floods in the region." in message
    assert str(cta) in message
    assert snapshot(active_project) == before
    assert Project.objects.get(pk=active_project.pk).title != "A new title"


def test_status_changes_cannot_be_edited_in_admin(client, hq_user, active_project):
    change = StatusChange.objects.filter(project=active_project).first()
    client.force_login(hq_user)
    url = f"/admin/projects/statuschange/{change.pk}/change/"
    response = client.post(url, {"note": "rewritten"})
    change.refresh_from_db()
    assert change.note != "rewritten"
    assert response.status_code in (403, 404, 200)
