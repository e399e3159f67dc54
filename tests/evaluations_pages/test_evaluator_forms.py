"""The evaluator's forms: texts, findings per criterion, recommendations, lessons learned, good practices.

Each is open to the evaluation's evaluators and HQ while the evaluation is open. A good post
saves and returns to the evaluation page; a bad one (wrong type, unknown choice, stale page,
published evaluation, another evaluator's evaluation) changes nothing.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from evaluations.forms import stamp
from evaluations.models import EvaluationStatus, Finding, GoodPractice, LessonLearned, Recommendation
from evaluations.services import evaluation_update, finding_record
from tests.evaluations_pages.conftest import advance_to, unchanged
from tests.views.conftest import page_text, unlabelled_controls

pytestmark = pytest.mark.django_db


def texts_url(evaluation) -> str:
    return reverse("evaluations:texts", args=[evaluation.pk])


def finding_url(evaluation, criterion: str = "relevance") -> str:
    return reverse("evaluations:finding", args=[evaluation.pk, criterion])


def texts_data(evaluation, **changes) -> dict:
    data = {
        "version": evaluation.version,
        "executive_summary": "Children left the cotton fields.",
        "purpose": "Accountability and learning.",
        "scope_text": "2021–2024, three districts.",
        "methodology": "Interviews, focus groups, a survey of 400 households.",
        "conclusions": "The district model works.",
        "annexes": "People met.",
    }
    return {**data, **changes}


# The evaluation's texts ---------------------------------------------------------------------------------


def test_the_evaluator_writes_the_texts(client, evaluator, open_evaluation):
    client.force_login(evaluator)
    form = client.get(texts_url(open_evaluation))
    assert form.status_code == 200 and unlabelled_controls(form) == []
    response = client.post(texts_url(open_evaluation), texts_data(open_evaluation))
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluations:detail", args=[open_evaluation.pk]) + "#texts"
    open_evaluation.refresh_from_db()
    assert open_evaluation.methodology == "Interviews, focus groups, a survey of 400 households."
    assert (open_evaluation.scope_text, open_evaluation.version) == ("2021–2024, three districts.", 2)
    assert open_evaluation.history.first().history_user == evaluator
    assert "The report&#x27;s texts are saved." in client.get(response["Location"]).content.decode()


def test_hq_writes_the_texts_too(client, hq_user, open_evaluation):
    client.force_login(hq_user)
    assert client.post(texts_url(open_evaluation), texts_data(open_evaluation)).status_code == 302


def test_a_stale_page_is_refused_saying_what_changed(client, evaluator, hq_user, open_evaluation):
    stale = open_evaluation.version
    evaluation_update(evaluation=open_evaluation, by=hq_user, expected_version=stale, conclusions="HQ's words.")
    client.force_login(evaluator)
    with unchanged():
        response = client.post(texts_url(open_evaluation), texts_data(open_evaluation, version=stale))
    assert response.status_code == 200
    text = page_text(response)
    assert "Nothing was saved." in text
    assert "Someone else saved this evaluation while you were editing it: hq-test changed conclusions" in text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"version": ""}, "This form lost track of the version it edits: reload the page."),
        ({"version": "two"}, "Enter a whole number."),
        ({"conclusions": "x" * 20_001}, "Ensure this value has at most 20000 characters (it has 20001)."),
    ],
)
def test_bad_texts_are_refused(client, evaluator, open_evaluation, changes, message):
    client.force_login(evaluator)
    with unchanged():
        response = client.post(texts_url(open_evaluation), texts_data(open_evaluation, **changes))
    assert response.status_code == 200 and message in page_text(response)


def test_texts_of_a_published_evaluation_are_refused(client, evaluator, hq_user, published_evaluation):
    for user in (evaluator, hq_user):
        client.force_login(user)
        with unchanged():
            assert client.post(texts_url(published_evaluation), texts_data(published_evaluation)).status_code == 403
        assert client.get(texts_url(published_evaluation)).status_code == 403


def test_another_evaluator_and_a_cta_do_not_even_see_the_form(client, other_evaluator, cta, open_evaluation):
    for user in (other_evaluator, cta):
        client.force_login(user)
        assert client.get(texts_url(open_evaluation)).status_code == 404
        with unchanged():
            assert client.post(texts_url(open_evaluation), texts_data(open_evaluation)).status_code == 404


def test_a_viewer_may_not_write_a_published_evaluation(client, viewer, published_evaluation):
    client.force_login(viewer)
    with unchanged():
        assert client.post(texts_url(published_evaluation), texts_data(published_evaluation)).status_code == 403


# Findings per criterion ----------------------------------------------------------------------------------


def test_the_evaluator_records_and_rewrites_findings_with_a_rating(client, evaluator, open_evaluation):
    client.force_login(evaluator)
    form = client.get(finding_url(open_evaluation, "efficiency"))
    assert form.status_code == 200 and unlabelled_controls(form) == []
    assert "Findings: Efficiency" in page_text(form)
    response = client.post(finding_url(open_evaluation, "efficiency"), {"based_on": "", "rating": "3", "text": "Late."})
    assert response["Location"].endswith("#finding-efficiency")
    finding = Finding.objects.get(evaluation=open_evaluation, criterion="efficiency")
    assert (finding.rating, finding.text) == (3, "Late.")

    page = client.get(finding_url(open_evaluation, "efficiency"))
    assert page.context["form"].initial == {"based_on": stamp(finding), "rating": 3, "text": "Late."}
    client.post(finding_url(open_evaluation, "efficiency"), {"based_on": stamp(finding), "rating": "", "text": "Late?"})
    finding.refresh_from_db()
    assert (finding.rating, finding.text) == (None, "Late?")
    assert Finding.objects.filter(evaluation=open_evaluation).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rating": "9", "text": "Fine."}, "Select a valid choice. 9 is not one of the available choices."),
        ({"rating": "good", "text": "Fine."}, "Select a valid choice. good is not one of the available choices."),
        ({"rating": "5", "text": ""}, "This field is required."),
        ({"rating": "5", "text": "x" * 20_001}, "Ensure this value has at most 20000 characters"),
    ],
)
def test_bad_findings_are_refused(client, evaluator, open_evaluation, data, message):
    client.force_login(evaluator)
    with unchanged():
        response = client.post(finding_url(open_evaluation), {"based_on": "", **data})
    assert response.status_code == 200 and message in page_text(response)


def test_findings_saved_meanwhile_by_someone_else_are_not_overwritten(client, evaluator, open_evaluation):
    client.force_login(evaluator)
    page = client.get(finding_url(open_evaluation))  # no findings yet: based on nothing
    finding_record(evaluation=open_evaluation, criterion="relevance", text="HQ's findings.", rating=2)
    with unchanged():
        response = client.post(finding_url(open_evaluation), {**page.context["form"].initial, "text": "Mine."})
    assert "Someone else saved the findings on relevance while you were editing." in page_text(response)
    assert Finding.objects.get(evaluation=open_evaluation, criterion="relevance").text == "HQ's findings."


def test_an_unknown_criterion_is_404(client, evaluator, open_evaluation):
    client.force_login(evaluator)
    assert client.get(finding_url(open_evaluation, "beauty")).status_code == 404
    with unchanged():
        assert client.post(finding_url(open_evaluation, "beauty"), {"text": "x"}).status_code == 404


def test_findings_of_a_published_or_another_evaluation_are_refused(
    client, evaluator, other_evaluator, open_evaluation, published_evaluation
):
    client.force_login(evaluator)
    with unchanged():
        response = client.post(finding_url(published_evaluation), {"based_on": "", "rating": "1", "text": "No."})
    assert response.status_code == 403
    client.force_login(other_evaluator)
    with unchanged():
        response = client.post(finding_url(open_evaluation), {"based_on": "", "rating": "1", "text": "No."})
    assert response.status_code == 404


def test_publication_between_page_and_post_is_refused_by_the_service(
    client, evaluator, hq_user, open_evaluation, monkeypatch
):
    """The view saw the evaluation open; the service, reading the locked row, finds it published."""
    client.force_login(evaluator)
    monkeypatch.setattr("evaluations.views._require_recording", lambda request, evaluation: None)
    advance_to(open_evaluation, EvaluationStatus.PUBLISHED, hq_user)
    with unchanged():
        response = client.post(finding_url(open_evaluation), {"based_on": "", "rating": "4", "text": "Late."})
    assert "This evaluation is published; its content can no longer change." in page_text(response)


# Recommendations, lessons learned, good practices ----------------------------------------------------------


def test_the_evaluator_adds_numbered_recommendations(client, evaluator, open_evaluation):
    client.force_login(evaluator)
    url = reverse("evaluations:recommendation-new", args=[open_evaluation.pk])
    form = client.get(url)
    assert form.status_code == 200 and unlabelled_controls(form) == []
    for text in ("Pay school fees.", "Train inspectors."):
        response = client.post(
            url, {"text": text, "addressee": "Ministry of Labour", "priority": "high", "timeframe": "6 months"}
        )
        assert response["Location"].endswith("#recommendations")
    rows = list(Recommendation.objects.filter(evaluation=open_evaluation).values_list("number", "text", "priority"))
    assert rows == [(1, "Pay school fees.", "high"), (2, "Train inspectors.", "high")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"priority": "urgent"}, "Select a valid choice. urgent is not one of the available choices."),
        ({"addressee": ""}, "This field is required."),
        ({"text": "   "}, "This field is required."),
        ({"addressee": "x" * 201}, "Ensure this value has at most 200 characters (it has 201)."),
        ({"timeframe": "x" * 101}, "Ensure this value has at most 100 characters (it has 101)."),
    ],
)
def test_bad_recommendations_are_refused(client, evaluator, open_evaluation, data, message):
    client.force_login(evaluator)
    url = reverse("evaluations:recommendation-new", args=[open_evaluation.pk])
    good = {"text": "Pay school fees.", "addressee": "Ministry of Labour", "priority": "medium", "timeframe": ""}
    with unchanged():
        response = client.post(url, {**good, **data})
    assert response.status_code == 200 and message in page_text(response)


LESSON = {
    "title": "Seed companies must be at the table",
    "description": "Prices set by buyers drive children into the fields.",
    "context": "Hybrid cotton seed, Andhra Pradesh.",
    "challenges": "Companies joined late.",
    "causal_factors": "Piece rates.",
    "targeted_users": "Project designers, employers' organisations.",
    "success": "Two companies signed a code of conduct.",
    "administrative_issues": "Contracts took four months.",
}


def test_the_evaluator_adds_a_lesson_in_the_ilo_template(client, evaluator, open_evaluation):
    client.force_login(evaluator)
    url = reverse("evaluations:lesson-new", args=[open_evaluation.pk])
    form = page_text(client.get(url))
    for label in ("Brief description", "Context and related preconditions", "Challenges / negative lessons",
                  "Targeted users / beneficiaries", "Success / positive issues", "ILO administrative issues"):  # fmt: skip
        assert label in form, label
    assert client.post(url, LESSON)["Location"].endswith("#lessons")
    lesson = LessonLearned.objects.get(evaluation=open_evaluation)
    assert {name: getattr(lesson, name) for name in LESSON} == LESSON


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"description": ""}, "This field is required."),
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 301}, "Ensure this value has at most 300 characters (it has 301)."),
    ],
)
def test_bad_lessons_are_refused(client, evaluator, open_evaluation, data, message):
    client.force_login(evaluator)
    with unchanged():
        response = client.post(reverse("evaluations:lesson-new", args=[open_evaluation.pk]), {**LESSON, **data})
    assert response.status_code == 200 and message in page_text(response)


def test_the_evaluator_adds_a_good_practice(client, evaluator, open_evaluation):
    client.force_login(evaluator)
    url = reverse("evaluations:good-practice-new", args=[open_evaluation.pk])
    data = {
        "title": "Village child labour monitoring",
        "summary": "Committees visit the farms at harvest.",
        "conditions": "A village council that meets.",
        "cause_effect": "Visits make hiring children visible.",
        "measurable_impact": "Children on farms fell from 412 to 57.",
        "replication_potential": "Any crop with a harvest season.",
    }
    assert client.post(url, data)["Location"].endswith("#good-practices")
    practice = GoodPractice.objects.get(evaluation=open_evaluation)
    assert {name: getattr(practice, name) for name in data} == data
    with unchanged():
        response = client.post(url, {**data, "summary": ""})
    assert "This field is required." in page_text(response)


@pytest.mark.parametrize("name", ["recommendation-new", "lesson-new", "good-practice-new"])
def test_adding_to_a_published_or_another_evaluation_is_refused(
    client, evaluator, other_evaluator, hq_user, open_evaluation, published_evaluation, name
):
    data = {**LESSON, "summary": "x", "text": "x", "addressee": "x", "priority": "low"}
    for user, evaluation, status in (
        (evaluator, published_evaluation, 403),
        (hq_user, published_evaluation, 403),
        (other_evaluator, open_evaluation, 404),
        (other_evaluator, published_evaluation, 404),
    ):
        client.force_login(user)
        with unchanged():
            assert client.post(reverse(f"evaluations:{name}", args=[evaluation.pk]), data).status_code == status


def test_a_get_of_an_action_changes_nothing_and_put_is_refused(client, evaluator, open_evaluation):
    client.force_login(evaluator)
    with unchanged():
        assert client.get(reverse("evaluations:lesson-new", args=[open_evaluation.pk])).status_code == 200
        assert client.put(reverse("evaluations:lesson-new", args=[open_evaluation.pk])).status_code == 405
