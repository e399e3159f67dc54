"""The CTA's status form: rating, dated note, a lifecycle move within the policy, actual dates; nothing half-saved."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.forms import NOTE_MAX
from projects.models import ProjectStatus, StatusChange
from projects.services import project_update_narrative
from tests.factories import make_project
from tests.views.conftest import page_text, unlabelled_controls

pytestmark = pytest.mark.django_db


def url(project) -> str:
    return reverse("projects:status", args=[project.slug])


def data(project, **changes) -> dict:
    values = {
        "version": project.version,
        "rating": "at_risk",
        "status_note": "Security situation in two districts.",
        "to_status": "",
        "effective_on": timezone.localdate().isoformat(),
        "actual_start": project.actual_start.isoformat() if project.actual_start else "",
        "actual_end": "",
    }
    values.update(changes)
    return {key: value for key, value in values.items() if value is not None}


def test_anonymous_is_sent_to_login(client, active_project):
    response = client.get(url(active_project))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("who", "status"), [("viewer", 403), ("other_cta", 403), ("evaluator", 404)])
def test_others_may_not_open_or_post_the_form(client, request, active_project, unchanged, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(active_project)).status_code == status
    with unchanged():
        assert client.post(url(active_project), data(active_project)).status_code == status


def test_a_cta_cannot_update_a_global_project(client, cta, unchanged):
    project = make_project(kind="global")
    client.force_login(cta)
    with unchanged():
        assert client.post(url(project), data(project)).status_code == 403


def test_cta_form_offers_only_field_moves_and_labels_every_input(client, cta, active_project):
    client.force_login(cta)
    response = client.get(url(active_project))
    assert response.status_code == 200
    form = response.context["form"]
    assert [value for value, _label in form.fields["to_status"].choices] == ["", "completed", "suspended"]
    assert form["effective_on"].value() == timezone.localdate()
    assert unlabelled_controls(response) == []
    assert 'type="date"' in response.content.decode()


def test_hq_form_offers_every_legal_move(client, hq_user, active_project):
    client.force_login(hq_user)
    choices = client.get(url(active_project)).context["form"].fields["to_status"].choices
    assert [value for value, _label in choices] == ["", "cancelled", "completed", "suspended"]


def test_cta_updates_rating_note_and_suspends(client, cta, active_project):
    client.force_login(cta)
    before = active_project.version
    response = client.post(url(active_project), data(active_project, to_status="suspended"), follow=True)
    assert response.redirect_chain == [(reverse("projects:detail", args=[active_project.slug]), 302)]
    assert "The project's status is updated." in page_text(response)
    active_project.refresh_from_db()
    assert (active_project.status, active_project.rating) == (ProjectStatus.SUSPENDED, "at_risk")
    assert active_project.status_note == "Security situation in two districts."
    assert active_project.status_note_on == timezone.localdate() and active_project.version > before
    move = StatusChange.objects.filter(project=active_project).latest()
    assert (move.from_status, move.to_status, move.changed_by, move.effective_on) == (
        "active", "suspended", cta, timezone.localdate(),
    )  # fmt: skip


def test_without_a_move_the_status_stays(client, cta, active_project):
    client.force_login(cta)
    moves = StatusChange.objects.count()
    assert client.post(url(active_project), data(active_project, rating="on_track")).status_code == 302
    active_project.refresh_from_db()
    assert (active_project.status, active_project.rating) == ("active", "on_track")
    assert StatusChange.objects.count() == moves


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"rating": "excellent"}, "Select a valid choice"),
        ({"rating": None}, "This field is required"),
        ({"status_note": ""}, "This field is required"),
        ({"status_note": "x" * (NOTE_MAX + 1)}, f"at most {NOTE_MAX:,}".replace(",", "")),
        ({"to_status": "closed"}, "Select a valid choice"),  # not a legal move from active
        ({"to_status": "cancelled"}, "Select a valid choice"),  # legal, but HQ's move
        ({"to_status": "bogus"}, "Select a valid choice"),
        ({"effective_on": "31/02/2025"}, "Enter a valid date"),
        ({"actual_start": "2025-13-01"}, "Enter a valid date"),
        ({"version": None}, "reload the page"),
        ({"version": "abc"}, "Enter a whole number"),
        ({"actual_start": "2099-01-01"}, "An actual date cannot be in the future"),
        (
            {"actual_start": "2025-06-01", "actual_end": "2025-01-01"},
            "The actual end cannot be before the actual start",
        ),
        ({"to_status": "suspended", "effective_on": "2024-06-01"}, "this one cannot be earlier"),
        ({"to_status": "suspended", "effective_on": "2099-01-01"}, "cannot take effect in the future"),
    ],
)
def test_bad_input_is_shown_and_nothing_saved(client, cta, active_project, unchanged, changes, message):
    client.force_login(cta)
    with unchanged():
        response = client.post(url(active_project), data(active_project, **changes))
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert message in page_text(response)


def test_stale_version_says_what_changed_meanwhile_and_saves_nothing(client, cta, hq_user, active_project, unchanged):
    client.force_login(cta)
    form_version = client.get(url(active_project)).context["form"]["version"].value()
    project_update_narrative(
        project=active_project, by=hq_user, expected_version=form_version, summary="New summary", objectives=""
    )
    with unchanged():
        response = client.post(url(active_project), data(active_project, version=form_version))
    assert response.status_code == 200
    text = page_text(response)
    assert "Someone else saved this project while you were editing it: hq-test changed summary" in text
    assert "Nothing of yours was saved" in text


def test_actual_dates_are_saved(client, hq_user):
    project = make_project()
    client.force_login(hq_user)
    response = client.post(
        url(project), data(project, actual_start="2020-03-01", actual_end="2021-02-28", rating="on_track")
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.actual_start, project.actual_end) == (datetime.date(2020, 3, 1), datetime.date(2021, 2, 28))
