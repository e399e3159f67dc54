"""/evaluations/<id>/: who sees it, everything it shows, the links each role gets, and its query count."""

from __future__ import annotations

import pytest
from django.urls import reverse

from evaluations.models import EvaluationStatus
from evaluations.services import (
    evaluation_update,
    finding_record,
    good_practice_add,
    lesson_add,
    recommendation_add,
    recommendation_respond,
)
from tests.evaluations_pages.conftest import advance_to, with_content
from tests.factories import UserFactory, make_evaluation
from tests.views.conftest import page_text

pytestmark = pytest.mark.django_db


def url(evaluation) -> str:
    return reverse("evaluations:detail", args=[evaluation.pk])


def test_the_url_is_stable(open_evaluation):
    assert url(open_evaluation) == f"/evaluations/{open_evaluation.pk}/"


@pytest.mark.parametrize(
    ("who", "open_status", "published_status"),
    [
        ("hq_user", 200, 200),
        ("evaluator", 200, 200),  # assigned to both
        ("other_evaluator", 404, 404),
        ("cta", 404, 200),
        ("viewer", 404, 200),
    ],
)
def test_who_sees_which_evaluation(
    client, request, open_evaluation, published_evaluation, who, open_status, published_status
):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(open_evaluation)).status_code == open_status
    assert client.get(url(published_evaluation)).status_code == published_status


def test_anonymous_is_sent_to_login_and_an_unknown_id_is_404(client, open_evaluation, hq_user):
    response = client.get(url(open_evaluation))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(hq_user)
    assert client.get("/evaluations/999999/").status_code == 404


def test_the_page_shows_the_whole_evaluation(client, hq_user, evaluator, open_evaluation, project):
    evaluator.first_name, evaluator.last_name, evaluator.organisation = "Ana", "Silva", "Silva Consulting"
    evaluator.save()
    evaluation_update(
        evaluation=open_evaluation, by=evaluator, expected_version=open_evaluation.version,
        executive_summary="Children left the cotton fields.", methodology="Interviews in 12 villages.",
        conclusions="The model works where the district owns it.", annexes="List of people met.",
    )  # fmt: skip
    finding_record(evaluation=open_evaluation, criterion="effectiveness", text="Targets were met.", rating=6)
    finding_record(evaluation=open_evaluation, criterion="impact", text="Too early to say.")
    recommendation = recommendation_add(
        evaluation=open_evaluation, text="Scale up to two more districts.", addressee="ILO-IPEC", priority="high",
        timeframe="Within a year",
    )  # fmt: skip
    recommendation_respond(
        recommendation=recommendation, management_response="accepted", response_comment="Funds found.",
        follow_up="in_progress",
    )  # fmt: skip
    lesson_add(
        evaluation=open_evaluation, title="Seed companies must be at the table", description="Buyers set prices.",
        causal_factors="Piece rates paid to families.",
    )  # fmt: skip
    good_practice_add(
        evaluation=open_evaluation, title="Village child labour monitoring", summary="Committees visit farms.",
        replication_potential="Any crop with a harvest season.",
    )  # fmt: skip
    advance_to(open_evaluation, EvaluationStatus.EVALUATOR_CONTRACTED, hq_user)

    client.force_login(hq_user)
    response = client.get(url(open_evaluation))
    text = page_text(response)
    # Quick facts
    for fact in (
        "Final evaluation of the cotton seed project", "Evaluator contracted", "Final independent evaluation",
        project.code, "1 Jun 2024 to 30 Sep 2024", "English", "hq-test", "Ana Silva (Silva Consulting)",
    ):  # fmt: skip
        assert fact in text, fact
    # The projects, with their countries and budget
    assert "Cotton seed farms of Andhra Pradesh" in text and "India" in text and "1,500,000" in text
    # Dated steps
    steps = [(s.status, s.changed_by) for s in response.context["steps"]]
    assert steps == [("planned", None), ("tor", hq_user), ("contracted", hq_user)]
    assert "Planned on 15 Jan 2024" in text and "Terms of reference on 22 Jan 2024, recorded by hq-test" in text
    # Texts, findings per criterion with ratings
    assert "Children left the cotton fields." in text and "Interviews in 12 villages." in text
    assert "Effectiveness Highly satisfactory Targets were met." in text
    assert "Impact Not rated Too early to say." in text
    assert "Relevance No findings recorded." in text
    assert "The model works where the district owns it." in text and "List of people met." in text
    # Recommendations with the management response and follow-up
    assert "Recommendation 1 High priority Scale up to two more districts." in text
    assert "Addressed to ILO-IPEC Timeframe Within a year Management response Accepted Comment Funds found." in text
    assert "Follow-up In progress" in text
    # Lessons learned and good practices with the template's fields
    assert "Seed companies must be at the table Buyers set prices." in text
    assert "Causal factors Piece rates paid to families." in text
    assert "Village child labour monitoring Committees visit farms." in text
    assert "Potential for replication Any crop with a harvest season." in text
    # History
    assert "Changed by Ana Silva" in text and "Executive summary from (empty) to Children left" in text


def test_an_evaluator_gets_the_recording_links_while_the_evaluation_is_open(client, evaluator, open_evaluation):
    client.force_login(evaluator)
    content = client.get(url(open_evaluation)).content.decode()
    pk = open_evaluation.pk
    for link in (
        reverse("evaluations:texts", args=[pk]),
        reverse("evaluations:finding", args=[pk, "relevance"]),
        reverse("evaluations:finding", args=[pk, "sustainability"]),
        reverse("evaluations:recommendation-new", args=[pk]),
        reverse("evaluations:lesson-new", args=[pk]),
        reverse("evaluations:good-practice-new", args=[pk]),
    ):
        assert link in content, link
    assert reverse("evaluations:advance", args=[pk]) not in content
    assert "/admin/" not in content


def test_hq_gets_the_advance_and_response_links(client, hq_user, published_evaluation, open_evaluation):
    client.force_login(hq_user)
    content = client.get(url(open_evaluation)).content.decode()
    assert reverse("evaluations:advance", args=[open_evaluation.pk]) in content
    assert "Move to terms of reference" in content
    published = client.get(url(published_evaluation)).content.decode()
    assert reverse("evaluations:advance", args=[published_evaluation.pk]) not in published  # no further step
    assert reverse("evaluations:recommendation-response", args=[published_evaluation.pk, 1]) in published
    assert reverse("evaluations:lesson-new", args=[published_evaluation.pk]) not in published


@pytest.mark.parametrize("who", ["evaluator", "viewer", "cta"])
def test_a_published_evaluation_offers_no_edit_links(client, request, published_evaluation, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url(published_evaluation))
    content = response.content.decode()
    assert f"/evaluations/{published_evaluation.pk}/" in content
    for fragment in ("/texts/", "/findings/", "/new/", "/advance/", "/response/"):
        assert f"/evaluations/{published_evaluation.pk}{fragment}" not in content
    assert "Community watch groups" in content and "This evaluation is published" in content


def test_long_history_is_cut_with_a_link_to_all_of_it(client, hq_user, open_evaluation, monkeypatch):
    monkeypatch.setattr("evaluations.views.HISTORY_LIMIT", 2)
    advance_to(open_evaluation, EvaluationStatus.FIELDWORK, hq_user)
    client.force_login(hq_user)
    history = client.get(url(open_evaluation)).context["history"]
    assert len(history.rows) == 2 and history.more
    assert len(client.get(url(open_evaluation) + "?history=all").context["history"].rows) > 2


# Query counts ---------------------------------------------------------------------------------------------------


def grow(evaluation, rounds: int, by) -> None:
    """More of everything the page lists: evaluators, findings, recommendations, lessons, practices, history."""
    for index in range(rounds):
        evaluation.evaluators.add(UserFactory(role="evaluator"))
        finding_record(evaluation=evaluation, criterion=["relevance", "coherence", "impact"][index], text="…", rating=4)
        recommendation_add(evaluation=evaluation, text=f"Recommendation {index}", addressee="ILO")
        with_content(evaluation, lesson=f"Lesson {index}", practice=f"Practice {index}")
        evaluation.refresh_from_db()
        evaluation_update(evaluation=evaluation, by=by, expected_version=evaluation.version, purpose=f"Purpose {index}")
    advance_to(evaluation, EvaluationStatus.TERMS_OF_REFERENCE if rounds == 1 else EvaluationStatus.FIELDWORK, by)


@pytest.mark.parametrize("rounds", [1, 3])
@pytest.mark.parametrize("who", ["hq_user", "evaluator"])
def test_query_count_does_not_grow_with_the_evaluation(
    client, request, hq_user, open_evaluation, django_assert_num_queries, rounds, who
):
    grow(open_evaluation, rounds, hq_user)
    make_evaluation()  # another evaluation's rows must not count
    client.force_login(request.getfixturevalue(who))
    # session, user, evaluation with its manager, projects, their countries, evaluators, steps, findings,
    # recommendations, lessons, good practices, history, people in history, the PDF report's latest job and
    # latest ready version (evaluations.report_views.report_panel)
    with django_assert_num_queries(15):
        response = client.get(url(open_evaluation))
    assert response.status_code == 200
    assert len(response.context["recommendations"]) == rounds
