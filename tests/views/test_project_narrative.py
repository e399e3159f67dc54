"""The summary and objectives form."""

from __future__ import annotations

import pytest
from django.urls import reverse

from projects.forms import TEXT_MAX
from projects.services import project_update_status
from tests.views.conftest import page_text, unlabelled_controls

pytestmark = pytest.mark.django_db


def url(project) -> str:
    return reverse("projects:narrative", args=[project.slug])


def test_anonymous_is_sent_to_login(client, active_project):
    assert client.get(url(active_project))["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("who", "status"), [("viewer", 403), ("other_cta", 403), ("evaluator", 404)])
def test_others_may_not_edit(client, request, active_project, unchanged, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(active_project)).status_code == status
    with unchanged():
        response = client.post(url(active_project), {"version": active_project.version, "summary": "Mine now"})
    assert response.status_code == status


def test_cta_edits_summary_and_objectives(client, cta, active_project):
    client.force_login(cta)
    response = client.get(url(active_project))
    assert response.status_code == 200 and unlabelled_controls(response) == []
    response = client.post(
        url(active_project),
        {"version": active_project.version, "summary": "Withdraw children from mines.", "objectives": "1. Schools"},
    )
    assert response.status_code == 302 and response["Location"] == reverse(
        "projects:detail", args=[active_project.slug]
    )
    active_project.refresh_from_db()
    assert (active_project.summary, active_project.objectives) == ("Withdraw children from mines.", "1. Schools")
    assert active_project.history.first().history_user == cta


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"summary": "s" * (TEXT_MAX + 1), "objectives": ""}, "Ensure this value has at most"),
        ({"summary": "no version", "objectives": "", "version": ""}, "reload the page"),
        ({"summary": "bad version", "objectives": "", "version": "-3"}, "greater than or equal to 1"),
    ],
)
def test_bad_input_saves_nothing(client, cta, active_project, unchanged, post, message):
    client.force_login(cta)
    with unchanged():
        response = client.post(url(active_project), {"version": active_project.version, **post})
    assert response.status_code == 200 and message in page_text(response)


def test_stale_version_is_refused_with_what_changed(client, cta, hq_user, active_project, unchanged):
    version = active_project.version
    project_update_status(
        project=active_project, by=hq_user, expected_version=version, rating="off_track", status_note="Stopped.",
        actual_start=active_project.actual_start,
    )  # fmt: skip
    client.force_login(cta)
    with unchanged():
        response = client.post(url(active_project), {"version": version, "summary": "Old view", "objectives": ""})
    text = page_text(response)
    assert "Someone else saved this project while you were editing it" in text
    assert "hq-test changed current rating from (empty) to Off track" in text
