"""The evaluation admin plans through evaluation_create, advances through evaluation_advance, and
writes content only while the evaluation is open."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from accounts.models import Role
from evaluations.models import Evaluation, EvaluationStatus, EvaluationStep, Recommendation
from evaluations.services import evaluation_advance, recommendation_add
from tests.admin.helpers import add_rows, form_data
from tests.factories import UserFactory, make_evaluation, make_project

ADD_URL = reverse("admin:evaluations_evaluation_add")


@pytest.fixture
def hq_client(client, hq_user):
    client.force_login(hq_user)
    return client


def _change_url(evaluation: Evaluation) -> str:
    return reverse("admin:evaluations_evaluation_change", args=[evaluation.pk])


def _advance_url(evaluation: Evaluation) -> str:
    return reverse("admin:evaluations_evaluation_advance", args=[evaluation.pk])


def _publish(evaluation: Evaluation, by) -> None:
    while evaluation.status != EvaluationStatus.PUBLISHED:
        evaluation_advance(evaluation=evaluation, reached_on=timezone.localdate(), changed_by=by)
        evaluation.refresh_from_db()


def test_add_form_plans_the_evaluation_with_its_first_step(hq_client, hq_user):
    project = make_project()
    evaluator = UserFactory(role=Role.EVALUATOR)
    data = form_data(hq_client.get(ADD_URL))
    data.update(
        title="Final evaluation",
        scope="project",
        projects=[project.pk],
        timing="final",
        modality="independent",
        evaluators=[evaluator.pk],
    )
    add_rows(data, "recommendations", [{"text": "Scale up.", "addressee": "ILO-IPEC", "priority": "high"}])

    response = hq_client.post(ADD_URL, data)

    assert response.status_code == 302
    evaluation = Evaluation.objects.get(title="Final evaluation")
    assert list(evaluation.projects.all()) == [project]
    assert list(evaluation.evaluators.all()) == [evaluator]
    step = evaluation.steps.get()
    assert (step.status, step.changed_by) == (EvaluationStatus.PLANNED, hq_user)
    assert evaluation.recommendations.get().number == 1  # numbered by recommendation_add


def test_project_evaluation_of_two_projects_is_refused(hq_client):
    projects = [make_project(), make_project()]
    data = form_data(hq_client.get(ADD_URL))
    data.update(title="Two", scope="project", projects=[p.pk for p in projects], timing="final", modality="internal")

    response = hq_client.post(ADD_URL, data)

    assertContains(response, "A project evaluation covers exactly one project.")
    assert not Evaluation.objects.exists()


def test_advance_moves_to_the_next_step_dated_and_attributed(hq_client, hq_user):
    evaluation = make_evaluation()
    today = timezone.localdate()

    response = hq_client.post(_advance_url(evaluation), {"reached_on": today.isoformat(), "note": "ToR signed."})

    assertRedirects(response, _change_url(evaluation))
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.TERMS_OF_REFERENCE
    step = evaluation.steps.latest("changed_at")
    assert (step.status, step.reached_on, step.changed_by, step.note) == ("tor", today, hq_user, "ToR signed.")


def test_advance_refuses_a_date_in_the_future(hq_client):
    evaluation = make_evaluation()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = hq_client.post(_advance_url(evaluation), {"reached_on": tomorrow.isoformat()})

    assertContains(response, "A step cannot be reached in the future.")
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.PLANNED
    assert EvaluationStep.objects.filter(evaluation=evaluation).count() == 1


def test_published_evaluation_has_no_further_step(hq_client, hq_user):
    evaluation = make_evaluation()
    _publish(evaluation, hq_user)

    response = hq_client.get(_advance_url(evaluation))

    assertContains(response, "it has no further step")
    assert response.context["form"] is None


def test_status_is_not_editable_on_the_change_form(hq_client):
    evaluation = make_evaluation()
    data = form_data(hq_client.get(_change_url(evaluation)))
    data.update(status=EvaluationStatus.PUBLISHED, title="Renamed")

    assert hq_client.post(_change_url(evaluation), data).status_code == 302
    evaluation.refresh_from_db()
    assert (evaluation.title, evaluation.status) == ("Renamed", EvaluationStatus.PLANNED)
    assert evaluation.version == 2


def test_edit_over_a_newer_version_is_refused(hq_client, hq_user):
    evaluation = make_evaluation()
    data = form_data(hq_client.get(_change_url(evaluation)))
    # Meanwhile someone else saves the evaluation.
    evaluation.title = "Their title"
    evaluation.version += 1
    evaluation.save()
    data["title"] = "My title"

    response = hq_client.post(_change_url(evaluation), data)

    assertContains(response, "while you were editing it")
    evaluation.refresh_from_db()
    assert evaluation.title == "Their title"


def test_content_of_a_published_evaluation_is_read_only(hq_client, hq_user):
    evaluation = make_evaluation()
    recommendation_add(evaluation=evaluation, text="Scale up.", addressee="ILO-IPEC")
    _publish(evaluation, hq_user)

    response = hq_client.get(_change_url(evaluation))
    recommendations = next(i for i in response.context["inline_admin_formsets"] if i.formset.model is Recommendation)
    assert not recommendations.has_add_permission
    assert not recommendations.has_change_permission


def test_management_response_is_recorded_after_publication(hq_client, hq_user):
    evaluation = make_evaluation()
    recommendation = recommendation_add(evaluation=evaluation, text="Scale up.", addressee="ILO-IPEC")
    _publish(evaluation, hq_user)
    url = reverse("admin:evaluations_recommendation_change", args=[recommendation.pk])
    data = form_data(hq_client.get(url))
    data.update(management_response="accepted", follow_up="in_progress", text="Changed after publication")

    assert hq_client.post(url, data).status_code == 302
    recommendation.refresh_from_db()
    assert (recommendation.management_response, recommendation.follow_up) == ("accepted", "in_progress")
    assert recommendation.text == "Scale up."


def test_only_evaluators_can_be_evaluators(hq_client):
    project = make_project()
    data = form_data(hq_client.get(ADD_URL))
    data.update(
        title="Final", scope="project", projects=[project.pk], timing="final", modality="internal",
        evaluators=[UserFactory(role=Role.VIEWER).pk],
    )  # fmt: skip

    assertContains(hq_client.post(ADD_URL, data), "Select a valid choice.")
    assert not Evaluation.objects.exists()
