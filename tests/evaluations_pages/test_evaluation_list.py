"""/evaluations/: filters in the query string, pages, and HQ's section of projects missing a required evaluation."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from evaluations.models import EvaluationStatus
from tests.evaluations_pages.conftest import active, advance_to, classified_project
from tests.factories import UserFactory, make_evaluation, make_project
from tests.views.conftest import page_text

pytestmark = pytest.mark.django_db

URL = "/evaluations/"


def titles(client, user, query: str = "") -> list[str]:
    client.force_login(user)
    response = client.get(URL + query)
    assert response.status_code == 200
    return sorted(e.title for e in response.context["evaluations"])


@pytest.fixture
def mixed(hq_user, evaluator):
    """Four evaluations of different status, timing, modality and language; the evaluator has two."""
    final = make_evaluation(title="Final, independent, English", evaluators=[evaluator])
    midterm = make_evaluation(title="Mid-term, internal, French", timing="midterm", modality="internal", language="fr")
    expost = make_evaluation(title="Ex-post, self, Spanish", timing="expost", modality="self", language="es")
    published = make_evaluation(title="Published final", evaluators=[evaluator], reached_on=datetime.date(2020, 1, 1))
    advance_to(published, EvaluationStatus.PUBLISHED, hq_user)
    advance_to(midterm, EvaluationStatus.FIELDWORK, hq_user)
    return final, midterm, expost, published


def test_the_url_is_stable():
    assert reverse("evaluations:list") == URL


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=/evaluations/")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Ex-post, self, Spanish", "Final, independent, English", "Mid-term, internal, French", "Published final"]),
        ("?status=fieldwork", ["Mid-term, internal, French"]),
        ("?status=published", ["Published final"]),
        ("?timing=final", ["Final, independent, English", "Published final"]),
        ("?modality=self", ["Ex-post, self, Spanish"]),
        ("?language=fr", ["Mid-term, internal, French"]),
        ("?timing=final&status=planned", ["Final, independent, English"]),
        ("?timing=final&language=es", []),
        ("?status=&timing=&modality=&language=", [  # an empty filter is no filter
            "Ex-post, self, Spanish", "Final, independent, English", "Mid-term, internal, French", "Published final",
        ]),
    ],
)  # fmt: skip
def test_filters_are_query_parameters(client, hq_user, mixed, query, expected):
    assert titles(client, hq_user, query) == expected


def test_filters_apply_within_what_the_user_may_see(client, mixed, evaluator, viewer):
    assert titles(client, evaluator) == ["Final, independent, English", "Published final"]
    assert titles(client, evaluator, "?status=planned") == ["Final, independent, English"]
    assert titles(client, viewer) == ["Published final"]
    assert titles(client, viewer, "?status=planned") == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?status=finished", "Status (?status=): Select a valid choice. finished is not one of the available choices."),
        ("?timing=annual", "Timing (?timing=): Select a valid choice. annual is not one of the available choices."),
        ("?modality=External", "Modality (?modality=): Select a valid choice."),
        ("?language=de", "Language (?language=): Select a valid choice. de is not one of the available choices."),
    ],
)
def test_an_unknown_filter_value_is_a_clear_message_and_lists_nothing(client, hq_user, mixed, query, message):
    client.force_login(hq_user)
    response = client.get(URL + query)
    assert response.status_code == 200
    assert list(response.context["evaluations"]) == []
    text = page_text(response)
    assert message in text and "These filters could not be applied" in text


def test_unknown_parameters_and_a_bad_page_number_are_ignored(client, hq_user, mixed):
    assert len(titles(client, hq_user, "?colour=red&page=abc")) == 4


def test_the_list_is_paged_and_the_pages_keep_the_filters(client, hq_user, monkeypatch):
    monkeypatch.setattr("evaluations.views.EVALUATIONS_PER_PAGE", 2)
    for index in range(3):
        make_evaluation(title=f"Final {index}", planned_start=datetime.date(2020, 1, 1 + index))
    make_evaluation(title="Mid-term", timing="midterm")
    client.force_login(hq_user)
    first = client.get(URL + "?timing=final")
    assert [e.title for e in first.context["evaluations"]] == ["Final 2", "Final 1"]  # newest first
    assert "timing=final&amp;page=2" in first.content.decode()
    second = client.get(URL + "?timing=final&page=2")
    assert [e.title for e in second.context["evaluations"]] == ["Final 0"]


def test_rows_link_to_the_evaluation_page(client, viewer, mixed):
    client.force_login(viewer)
    published = mixed[3]
    assert reverse("evaluations:detail", args=[published.pk]) in client.get(URL).content.decode()


# HQ's section: projects missing a required evaluation ----------------------------------------------------


@pytest.fixture
def rule_world(hq_user):
    """Projects around the rule: one missing its evaluation, one with it, one too small, one in the pipeline."""
    missing = classified_project(title="Big project without evaluation", budget_usd=Decimal("2000000"))
    covered = classified_project(title="Big project with evaluation", budget_usd=Decimal("2000000"))
    make_evaluation(project=covered, modality="independent", timing="midterm")
    classified_project(title="Small project", budget_usd=Decimal("999999.99"))
    make_project(title="Pipeline project", budget_usd=Decimal("9000000"))
    return missing


def test_hq_sees_the_projects_missing_a_required_evaluation(client, hq_user, rule_world):
    client.force_login(hq_user)
    response = client.get(URL)
    page = response.context["missing_page"]
    assert [p.title for p in page.object_list] == ["Big project without evaluation"]
    assert page.object_list[0].missing == ["an independent evaluation"]
    text = page_text(response)
    assert "Projects missing a required evaluation (1)" in text
    assert "US$ 1,000,000 or more" in text and "US$ 5,000,000" in text
    assert f"{reverse('admin:evaluations_evaluation_add')}?projects={rule_world.pk}" in response.content.decode()


@pytest.mark.parametrize("who", ["cta", "viewer", "evaluator"])
def test_only_hq_sees_the_missing_section(client, request, rule_world, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.context["missing_page"] is None
    assert "missing a required evaluation" not in page_text(response)


def test_the_missing_section_is_paged_largest_budget_first(client, hq_user, monkeypatch):
    monkeypatch.setattr("evaluations.views.MISSING_PER_PAGE", 2)
    for budget in ("1000000", "7000000", "3000000"):
        classified_project(title=f"Budget {budget}", budget_usd=Decimal(budget))
    client.force_login(hq_user)
    first = client.get(URL).context["missing_page"]
    assert [p.title for p in first.object_list] == ["Budget 7000000", "Budget 3000000"]
    assert first.object_list[0].missing == ["an independent mid-term evaluation", "an independent final evaluation"]
    second = client.get(URL + "?missing_page=2").context["missing_page"]
    assert [p.title for p in second.object_list] == ["Budget 1000000"]


def test_a_long_missing_section_is_counted_up_to_the_cap(client, hq_user, monkeypatch):
    """Above ipec.keyset's cap the heading says "more than" and the pages reach the first `cap` projects only."""
    monkeypatch.setattr("ipec.keyset.COUNT_CAP", 2)
    monkeypatch.setattr("evaluations.views.MISSING_PER_PAGE", 1)
    for budget in ("1000000", "7000000", "3000000"):
        classified_project(title=f"Budget {budget}", budget_usd=Decimal(budget))
    client.force_login(hq_user)
    response = client.get(URL)
    assert "Projects missing a required evaluation (more than 2)" in page_text(response)
    assert response.context["missing_page"].paginator.num_pages == 2
    last = client.get(URL + "?missing_page=9").context["missing_page"]
    assert [p.title for p in last.object_list] == ["Budget 3000000"]
    monkeypatch.setattr("ipec.keyset.COUNT_CAP", 3)
    assert "Projects missing a required evaluation (3)" in page_text(client.get(URL))


def test_the_missing_section_ignores_the_filters_of_the_evaluations(client, hq_user, rule_world):
    client.force_login(hq_user)
    assert client.get(URL + "?status=published").context["missing_page"].paginator.count == 1


# Query counts ------------------------------------------------------------------------------------------------


def grow(size: int, evaluator) -> None:
    """`size` evaluations of the evaluator, each of two projects' worth of rows, and projects missing evaluations."""
    for index in range(size):
        project = classified_project(budget_usd=Decimal("6000000"))
        make_evaluation(project=project, title=f"Evaluation {index}", evaluators=[evaluator, UserFactory()])
        active(make_project(budget_usd=Decimal("1000000")))


@pytest.mark.parametrize("size", [1, 6])
@pytest.mark.parametrize(
    ("who", "queries"),
    [
        # session, user, missing projects (count, page), evaluations (count, page), their projects, their evaluators
        ("hq_user", 8),
        # session, user, evaluations (count, page), their projects, their evaluators
        ("evaluator", 6),
    ],
)
def test_query_count_does_not_grow_with_the_list(
    client, request, evaluator, django_assert_num_queries, size, who, queries
):
    grow(size, evaluator)
    client.force_login(request.getfixturevalue(who))
    with django_assert_num_queries(queries):
        response = client.get(URL + "?timing=final")
    assert len(response.context["evaluations"]) == size
