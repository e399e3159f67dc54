"""The project page's two evaluation blocks: the evaluation rule, and lessons from similar projects."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from evaluations import selectors
from evaluations.models import EvaluationStatus
from evaluations.selectors import lessons_for_project
from tests.evaluations_pages.conftest import advance_to, classified_project, with_content
from tests.factories import make_evaluation, make_project
from tests.views.conftest import page_text

pytestmark = pytest.mark.django_db


def url(project) -> str:
    return reverse("projects:detail", args=[project.slug])


# The evaluation rule ----------------------------------------------------------------------------------


def test_hq_sees_the_missing_evaluations_with_a_link_to_plan_them(client, hq_user):
    project = classified_project(budget_usd=Decimal("6000000"))
    midterm = make_evaluation(project=project, title="Mid-term review", timing="midterm", modality="independent")
    client.force_login(hq_user)
    response = client.get(url(project))
    text = page_text(response)
    assert "needs an independent mid-term evaluation and an independent final evaluation" in text
    assert "Planned or done An independent mid-term evaluation: Mid-term review (planned)" in text
    assert "Missing An independent final evaluation" in text
    content = response.content.decode()
    assert reverse("evaluations:detail", args=[midterm.pk]) in content
    assert f"{reverse('admin:evaluations_evaluation_add')}?projects={project.pk}" in content


def test_a_project_with_its_evaluations_shows_no_plan_link(client, hq_user):
    project = classified_project(budget_usd=Decimal("1000000"))
    make_evaluation(project=project, timing="final", modality="independent")
    client.force_login(hq_user)
    response = client.get(url(project))
    assert "Planned or done An independent evaluation" in page_text(response)
    assert reverse("admin:evaluations_evaluation_add") not in response.content.decode()


@pytest.mark.parametrize("who", ["cta", "viewer"])
def test_others_see_what_is_required_but_not_which_evaluations_are_planned(client, request, who):
    project = classified_project(budget_usd=Decimal("6000000"))
    make_evaluation(project=project, title="Draft mid-term review", timing="midterm")
    client.force_login(request.getfixturevalue(who))
    response = client.get(url(project))
    text = page_text(response)
    assert "needs an independent mid-term evaluation and an independent final evaluation" in text
    assert response.context["evaluation_rule"] is None
    assert "Draft mid-term review" not in text and "Missing" not in text


@pytest.mark.parametrize(
    ("budget", "status", "sentence"),
    [
        ("999999", "active", "does not require an external evaluation of this project."),
        ("9000000", "pipeline", "does not require an external evaluation of this project while it is pipeline."),
    ],
)
def test_a_project_the_rule_does_not_cover(client, hq_user, budget, status, sentence):
    project = make_project(budget_usd=Decimal(budget))
    if status == "active":
        project = classified_project(budget_usd=Decimal(budget))
    client.force_login(hq_user)
    assert sentence in page_text(client.get(url(project)))


# Lessons from similar projects ---------------------------------------------------------------------------


@pytest.fixture
def neighbours(hq_user, project):
    """Published evaluations of projects more or less like `project` (India; direct action; hazardous work)."""

    def published(title: str, lesson: str, practice: str = "", **classes):
        other = classified_project(**classes)
        evaluation = make_evaluation(project=other, title=title)
        with_content(evaluation, lesson=lesson, practice=practice)
        return advance_to(evaluation, EvaluationStatus.PUBLISHED, hq_user)

    return {
        # same intervention type, same worst form, same region (Asia and the Pacific): 3
        "close": published(
            "Nepal brick kilns",
            "Kiln owners as allies",
            "Kiln schools",
            iso3="NPL",
            interventions=("direct-action",),
            worst_forms=("hazardous-work",),
        ),
        # same worst form only: 1
        "far": published("Ghana cocoa", "Cooperatives monitor farms", iso3="GHA", worst_forms=("hazardous-work",)),
        # same region only: 1
        "region": published("Philippines fishing", "Boat registers", iso3="PHL", interventions=("advocacy-awareness",)),
        # nothing in common: 0
        "unrelated": published("Peru mining", "Artisanal mines", iso3="PER", worst_forms=("trafficking",)),
    }


def titles(lessons: list[dict]) -> list[str]:
    return [lesson["heading"] for lesson in lessons]


def test_lessons_of_similar_projects_come_most_similar_first(viewer, project, neighbours):
    lessons = lessons_for_project(project, viewer)
    assert titles(lessons)[:2] == ["Kiln owners as allies", "Kiln schools"]  # score 3, a lesson and a practice
    assert set(titles(lessons)[2:]) == {"Cooperatives monitor farms", "Boat registers"}  # score 1
    assert [lesson["score"] for lesson in lessons] == [3, 3, 1, 1]
    assert "Artisanal mines" not in titles(lessons)


def test_the_limit_keeps_the_most_similar(viewer, project, neighbours):
    assert titles(lessons_for_project(project, viewer, limit=1)) == ["Kiln owners as allies"]


def test_the_projects_own_evaluations_are_left_out(viewer, hq_user, project, neighbours):
    own = make_evaluation(project=project, title="The project's own evaluation")
    with_content(own, lesson="Our own lesson")
    advance_to(own, EvaluationStatus.PUBLISHED, hq_user)
    assert "Our own lesson" not in titles(lessons_for_project(project, viewer))


def test_only_lessons_the_user_may_see(viewer, hq_user, evaluator, project, neighbours):
    draft = make_evaluation(
        project=classified_project(iso3="BGD", interventions=("direct-action",)), evaluators=[evaluator]
    )
    with_content(draft, lesson="Unpublished lesson from Bangladesh")
    assert "Unpublished lesson from Bangladesh" not in titles(lessons_for_project(project, viewer))
    assert "Unpublished lesson from Bangladesh" in titles(lessons_for_project(project, hq_user))
    assert titles(lessons_for_project(project, evaluator)) == ["Unpublished lesson from Bangladesh"]


def test_the_project_page_shows_them_with_links(client, viewer, project, neighbours):
    client.force_login(viewer)
    response = client.get(url(project))
    text = page_text(response)
    assert "Lessons from similar projects" in text
    assert "Lesson learned Kiln owners as allies — What Kiln owners as allies taught. (Nepal brick kilns)" in text
    content = response.content.decode()
    assert reverse("evaluations:detail", args=[neighbours["close"].pk]) + "#lessons" in content
    assert reverse("evaluations:detail", args=[neighbours["close"].pk]) + "#good-practices" in content
    assert reverse("evaluations:lessons") in content


def test_a_project_without_similar_lessons_says_so(client, viewer, project):
    client.force_login(viewer)
    assert "No lessons from similar projects yet." in page_text(client.get(url(project)))


@pytest.mark.parametrize("size", [1, 3])
def test_two_queries_whatever_the_number_of_lessons(viewer, project, hq_user, django_assert_num_queries, size):
    for index in range(size):
        other = classified_project(iso3="NPL", interventions=("direct-action",), worst_forms=("hazardous-work",))
        evaluation = make_evaluation(project=other)
        with_content(evaluation, lesson=f"Lesson {index}", practice=f"Practice {index}")
        advance_to(evaluation, EvaluationStatus.PUBLISHED, hq_user)
    # the project's classes, then the ranking
    with django_assert_num_queries(2):
        assert len(lessons_for_project(project, viewer, limit=10)) == 2 * size


def test_only_the_most_recently_recorded_similar_evaluations_are_ranked(viewer, project, neighbours, monkeypatch):
    # With room for two evaluations of each kind, the lessons ranked are those of the two newest similar
    # evaluations, "region" and "far" (score 1), not of the closer but older "close" (score 3); "unrelated"
    # (score 0) is never a candidate. Only "close" has a good practice, so it is still ranked.
    monkeypatch.setattr(selectors, "SIMILAR_CANDIDATES", 2)
    lessons = lessons_for_project(project, viewer)
    assert titles(lessons)[0] == "Kiln schools"
    assert set(titles(lessons)) == {"Kiln schools", "Cooperatives monitor farms", "Boat registers"}
    monkeypatch.setattr(selectors, "SIMILAR_CANDIDATES", 3)
    assert titles(lessons_for_project(project, viewer))[:2] == ["Kiln owners as allies", "Kiln schools"]
