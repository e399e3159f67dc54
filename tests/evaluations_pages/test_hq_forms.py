"""HQ's forms: advance an evaluation to its next step, and the management response to a recommendation."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations.forms import stamp
from evaluations.models import EvaluationStatus, Recommendation
from evaluations.services import evaluation_advance, recommendation_add, recommendation_respond
from tests.evaluations_pages.conftest import unchanged
from tests.views.conftest import page_text, unlabelled_controls

pytestmark = pytest.mark.django_db


def advance_url(evaluation) -> str:
    return reverse("evaluations:advance", args=[evaluation.pk])


def advance_data(evaluation, **changes) -> dict:
    return {
        "from_status": evaluation.status,
        "reached_on": timezone.localdate().isoformat(),
        "note": "Terms of reference agreed with the donor.",
        **changes,
    }


# Advancing --------------------------------------------------------------------------------------------------


def test_hq_moves_the_evaluation_to_its_next_step_dated_with_a_note(client, hq_user, open_evaluation):
    client.force_login(hq_user)
    form = client.get(advance_url(open_evaluation))
    assert form.status_code == 200 and unlabelled_controls(form) == []
    assert "Move to terms of reference" in page_text(form)
    response = client.post(advance_url(open_evaluation), advance_data(open_evaluation, reached_on="2024-02-01"))
    assert response["Location"].endswith("#steps")
    open_evaluation.refresh_from_db()
    assert open_evaluation.status == EvaluationStatus.TERMS_OF_REFERENCE
    step = open_evaluation.steps.get(status="tor")
    assert (step.reached_on, step.changed_by, step.note) == (
        datetime.date(2024, 2, 1), hq_user, "Terms of reference agreed with the donor.",
    )  # fmt: skip


def test_hq_publishes_an_evaluation_step_by_step(client, hq_user, open_evaluation):
    client.force_login(hq_user)
    for expected in EvaluationStatus.values[1:]:
        open_evaluation.refresh_from_db()
        client.post(advance_url(open_evaluation), advance_data(open_evaluation))
        open_evaluation.refresh_from_db()
        assert open_evaluation.status == expected
    assert open_evaluation.steps.count() == len(EvaluationStatus.values)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reached_on": "2999-01-01"}, "A step cannot be reached in the future."),
        ({"reached_on": "2024-01-01"}, "The previous step was reached on 15 January 2024."),
        ({"reached_on": "yesterday"}, "Enter a valid date."),
        ({"reached_on": ""}, "This field is required."),
        ({"from_status": "finished"}, "Select a valid choice. finished is not one of the available choices."),
        ({"note": "x" * 20_001}, "Ensure this value has at most 20000 characters"),
    ],
)
def test_bad_advances_are_refused(client, hq_user, open_evaluation, changes, message):
    client.force_login(hq_user)
    with unchanged():
        response = client.post(advance_url(open_evaluation), advance_data(open_evaluation, **changes))
    assert response.status_code == 200 and message in page_text(response)


def test_a_second_click_does_not_skip_a_step(client, hq_user, open_evaluation):
    """Two HQ officers (or one double click) advancing from the same page move the evaluation once."""
    client.force_login(hq_user)
    data = advance_data(open_evaluation)
    client.post(advance_url(open_evaluation), data)
    with unchanged():
        response = client.post(advance_url(open_evaluation), data)
    assert "Someone else moved this evaluation to terms of reference meanwhile." in page_text(response)
    open_evaluation.refresh_from_db()
    assert open_evaluation.status == EvaluationStatus.TERMS_OF_REFERENCE


def test_a_published_evaluation_has_no_further_step(client, hq_user, published_evaluation):
    client.force_login(hq_user)
    assert "This evaluation is published: it has no further step." in page_text(
        client.get(advance_url(published_evaluation))
    )
    with unchanged():
        response = client.post(advance_url(published_evaluation), advance_data(published_evaluation))
    assert response.status_code == 200
    text = page_text(response)
    assert "Nothing was saved." in text and "This evaluation is published: it has no further step." in text


@pytest.mark.parametrize(("who", "status"), [("evaluator", 403), ("other_evaluator", 404), ("viewer", 404)])
def test_only_hq_advances(client, request, open_evaluation, who, status):
    client.force_login(request.getfixturevalue(who))
    with unchanged():
        assert client.post(advance_url(open_evaluation), advance_data(open_evaluation)).status_code == status
    assert client.get(advance_url(open_evaluation)).status_code == status


# The management response -----------------------------------------------------------------------------------


@pytest.fixture
def recommendation(open_evaluation) -> Recommendation:
    return recommendation_add(
        evaluation=open_evaluation, text="Scale up.", addressee="ILO-IPEC", priority="high", timeframe="1 year"
    )


def response_url(recommendation) -> str:
    return reverse("evaluations:recommendation-response", args=[recommendation.evaluation_id, recommendation.number])


def response_data(recommendation, **changes) -> dict:
    return {
        "based_on": stamp(recommendation),
        "management_response": "partially",
        "response_comment": "In two districts, within the budget.",
        "follow_up": "in_progress",
        **changes,
    }


def test_hq_records_the_management_response_and_follow_up(client, hq_user, recommendation):
    client.force_login(hq_user)
    form = client.get(response_url(recommendation))
    assert form.status_code == 200 and unlabelled_controls(form) == []
    assert "Scale up." in page_text(form)
    response = client.post(response_url(recommendation), response_data(recommendation))
    assert response["Location"].endswith("#recommendation-1")
    recommendation.refresh_from_db()
    assert (recommendation.management_response, recommendation.follow_up) == ("partially", "in_progress")
    assert recommendation.response_comment == "In two districts, within the budget."

    # The follow-up moves on later, from a page built after the first response.
    client.post(response_url(recommendation), response_data(recommendation, follow_up="completed"))
    recommendation.refresh_from_db()
    assert recommendation.follow_up == "completed"


def test_hq_responds_after_publication(client, hq_user, published_evaluation):
    recommendation = published_evaluation.recommendations.get()
    client.force_login(hq_user)
    assert client.post(response_url(recommendation), response_data(recommendation)).status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.management_response == "partially"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"management_response": "maybe"}, "Select a valid choice. maybe is not one of the available choices."),
        ({"management_response": ""}, "This field is required."),
        ({"follow_up": "done"}, "Select a valid choice. done is not one of the available choices."),
        ({"response_comment": "x" * 20_001}, "Ensure this value has at most 20000 characters"),
    ],
)
def test_bad_responses_are_refused(client, hq_user, recommendation, changes, message):
    client.force_login(hq_user)
    with unchanged():
        response = client.post(response_url(recommendation), response_data(recommendation, **changes))
    assert response.status_code == 200 and message in page_text(response)


def test_a_response_saved_meanwhile_is_not_overwritten(client, hq_user, recommendation):
    client.force_login(hq_user)
    page = client.get(response_url(recommendation))
    recommendation_respond(recommendation=recommendation, management_response="rejected", response_comment="No.")
    with unchanged():
        response = client.post(
            response_url(recommendation), {**page.context["form"].initial, "management_response": "accepted"}
        )
    assert "Someone else saved recommendation 1 while you were editing." in page_text(response)
    recommendation.refresh_from_db()
    assert recommendation.management_response == "rejected"


def test_an_unknown_recommendation_is_404(client, hq_user, open_evaluation):
    client.force_login(hq_user)
    assert client.get(reverse("evaluations:recommendation-response", args=[open_evaluation.pk, 7])).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("evaluator", 403), ("other_evaluator", 404), ("cta", 404)])
def test_only_hq_responds(client, request, recommendation, who, status):
    client.force_login(request.getfixturevalue(who))
    with unchanged():
        assert client.post(response_url(recommendation), response_data(recommendation)).status_code == status


def test_a_cta_may_read_but_not_respond_once_published(client, cta, hq_user, published_evaluation):
    recommendation = published_evaluation.recommendations.get()
    client.force_login(cta)
    with unchanged():
        assert client.post(response_url(recommendation), response_data(recommendation)).status_code == 403


def test_advancing_from_the_admin_meanwhile_is_noticed(client, hq_user, open_evaluation):
    client.force_login(hq_user)
    page = client.get(advance_url(open_evaluation))
    evaluation_advance(evaluation=open_evaluation, reached_on=timezone.localdate(), changed_by=hq_user)
    with unchanged():
        response = client.post(
            advance_url(open_evaluation),
            {**page.context["form"].initial, "reached_on": timezone.localdate().isoformat()},
        )
    assert "Someone else moved this evaluation to terms of reference meanwhile." in page_text(response)
