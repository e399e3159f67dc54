"""The progress report page: who sees it, the author's draft and submission, HQ's review."""

from __future__ import annotations

import pytest
from django.urls import reverse

from countries.models import Country
from projects.forms import FIGURE_MAX, TEXT_MAX
from projects.models import ProgressReport, ReportFigure, ReportStatus, ReportStep
from projects.progress_reports import report_review, report_save
from tests.factories import make_evaluation
from tests.views.conftest import page_text, submitted, unlabelled_controls

pytestmark = pytest.mark.django_db


def url(report, action: str = "") -> str:
    name = {"": "projects:report", "save": "projects:report-save", "review": "projects:report-review"}[action]
    return reverse(name, args=[report.project.slug, report.pk])


def india() -> Country:
    return Country.objects.get(iso3="IND")


def draft(report, **changes) -> dict:
    """What the author's form posts: texts, rating, and the figures grid (empty boxes left out)."""
    values = {
        "version": report.version,
        "rating": "on_track",
        "narrative": "Two schools opened.",
        "challenges": "Rains.",
        "next_steps": "Third school.",
        "action": "save",
        f"fig-{india().pk}-withdrawn-girls-5-11": "12",
        f"fig-{india().pk}-prevented-boys-15-17": "3",
        f"fig-{india().pk}-families": "7",
        f"fig-{india().pk}-withdrawn-boys-12-14": "",
    }
    values.update(changes)
    return {key: value for key, value in values.items() if value is not None}


def accept(report, hq_user) -> ProgressReport:
    report.refresh_from_db()
    return report_review(report=report, by=hq_user, expected_version=report.version, accept=True)


# Who sees what ------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, first_report):
    assert client.get(url(first_report))["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("who", "status"), [("hq_user", 200), ("cta", 200), ("other_cta", 404), ("viewer", 404), ("evaluator", 404)]
)
def test_a_draft_is_seen_by_hq_and_its_cta_only(client, request, first_report, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(first_report)).status_code == status


@pytest.mark.parametrize(("who", "status"), [("other_cta", 200), ("viewer", 200), ("evaluator", 404)])
def test_an_accepted_report_is_seen_by_the_portfolio(client, request, cta, hq_user, first_report, who, status):
    accept(submitted(first_report, cta), hq_user)
    client.force_login(request.getfixturevalue(who))
    response = client.get(url(first_report))
    assert response.status_code == status
    if status == 200:
        assert response.context["edit_form"] is None and response.context["review_form"] is None
        assert "Two schools" not in page_text(response) and "Schools opened in two districts." in page_text(response)


def test_an_evaluator_sees_accepted_reports_of_their_evaluations_projects(
    client, evaluator, cta, hq_user, first_report
):
    accept(submitted(first_report, cta), hq_user)
    make_evaluation(project=first_report.project).evaluators.add(evaluator)
    client.force_login(evaluator)
    assert client.get(url(first_report)).status_code == 200


def test_a_report_under_another_projects_code_is_404(client, hq_user, first_report):
    from tests.factories import make_project

    other = make_project()
    client.force_login(hq_user)
    assert client.get(reverse("projects:report", args=[other.slug, first_report.pk])).status_code == 404


def test_author_sees_the_form_with_a_labelled_figures_grid(client, cta, first_report):
    client.force_login(cta)
    response = client.get(url(first_report))
    content = response.content.decode()
    assert response.context["review_form"] is None
    figure_inputs = [name for name in response.context["edit_form"].fields if name.startswith("fig-")]
    assert len(figure_inputs) == 2 * 2 * 3 + 1  # withdrawn/prevented × girls/boys × 3 age bands, + families
    assert unlabelled_controls(response) == []
    assert 'enctype="multipart/form-data"' in content and "Save and submit to HQ" in content
    assert content.count('name="version"') == 2  # the draft form and the evidence form


# Writing and submitting ----------------------------------------------------------------------


def test_author_saves_a_draft_with_figures(client, cta, first_report):
    client.force_login(cta)
    response = client.post(url(first_report, "save"), draft(first_report))
    assert response.status_code == 302 and response["Location"] == url(first_report)
    first_report.refresh_from_db()
    assert (first_report.status, first_report.narrative, first_report.rating) == (
        "draft",
        "Two schools opened.",
        "on_track",
    )
    figures = set(ReportFigure.objects.filter(report=first_report).values_list("measure", "sex", "age_band", "value"))
    assert figures == {("withdrawn", "girls", "5-11", 12), ("prevented", "boys", "15-17", 3), ("families", "", "", 7)}
    # The saved figures come back in the form.
    form = client.get(url(first_report)).context["edit_form"]
    assert form[f"fig-{india().pk}-withdrawn-girls-5-11"].value() == 12


def test_author_saves_and_submits_in_one_go(client, cta, first_report, django_capture_on_commit_callbacks):
    client.force_login(cta)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(first_report, "save"), draft(first_report, action="submit"), follow=True)
    assert "The report is submitted to HQ." in page_text(response)
    first_report.refresh_from_db()
    assert first_report.status == ReportStatus.SUBMITTED
    assert list(ReportStep.objects.values_list("from_status", "to_status", "by")) == [("draft", "submitted", cta.pk)]
    # Locked for its author now: no form.
    assert response.context["edit_form"] is None


def test_submitting_without_a_narrative_saves_nothing_and_keeps_what_was_typed(client, cta, first_report, unchanged):
    client.force_login(cta)
    with unchanged():
        response = client.post(
            url(first_report, "save"), draft(first_report, action="submit", narrative="", challenges="Typed text")
        )
    assert response.status_code == 200
    assert "Give the narrative before submitting." in page_text(response)
    assert response.context["edit_form"]["challenges"].value() == "Typed text"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"fig-{india}-withdrawn-girls-5-11": "abc"}, "Enter a whole number"),
        ({"fig-{india}-families": "-4"}, "greater than or equal to 0"),
        ({"fig-{india}-prevented-girls-12-14": "2.5"}, "Enter a whole number"),
        ({"fig-{india}-prevented-girls-12-14": str(FIGURE_MAX + 1)}, "less than or equal to"),
        ({"rating": "excellent"}, "Select a valid choice"),
        ({"narrative": "n" * (TEXT_MAX + 1)}, "Ensure this value has at most"),
        ({"version": None}, "reload the page"),
    ],
)
def test_bad_input_is_shown_and_nothing_saved(client, cta, first_report, unchanged, changes, message):
    changes = {key.replace("{india}", str(india().pk)): value for key, value in changes.items()}
    client.force_login(cta)
    with unchanged():
        response = client.post(url(first_report, "save"), draft(first_report, **changes))
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode() and message in page_text(response)


def test_figures_for_a_country_outside_the_project_are_ignored(client, cta, first_report):
    brazil = Country.objects.get(iso3="BRA")
    client.force_login(cta)
    client.post(url(first_report, "save"), draft(first_report, **{f"fig-{brazil.pk}-withdrawn-girls-5-11": "50"}))
    assert not ReportFigure.objects.filter(country=brazil).exists()
    assert ReportFigure.objects.filter(report=first_report).count() == 3


def test_stale_version_says_what_changed_and_saves_nothing(client, cta, hq_user, first_report, unchanged):
    client.force_login(cta)
    client.post(url(first_report, "save"), draft(first_report))
    version = client.get(url(first_report)).context["edit_form"]["version"].value()
    first_report.refresh_from_db()
    report_save(report=first_report, by=hq_user, expected_version=version, rating="at_risk", narrative="HQ wrote this")
    with unchanged():
        response = client.post(url(first_report, "save"), draft(first_report, version=version, narrative="Mine"))
    text = page_text(response)
    assert (
        "Someone else saved this progress report while you were editing it: "
        "hq-test changed overall rating from On track to At risk"
    ) in text
    assert "hq-test changed narrative from Two schools opened. to HQ wrote this" in text
    assert "Nothing of yours was saved" in text


def test_a_submitted_report_is_locked_for_its_author(client, cta, submitted_report, unchanged):
    client.force_login(cta)
    with unchanged():
        response = client.post(url(submitted_report, "save"), draft(submitted_report))
    assert response.status_code == 200
    assert "This report is submitted: it can no longer be changed by its author." in page_text(response)


@pytest.mark.parametrize(("who", "status"), [("other_cta", 404), ("viewer", 404), ("evaluator", 404)])
def test_others_cannot_write_a_draft_they_cannot_see(client, request, first_report, unchanged, who, status):
    client.force_login(request.getfixturevalue(who))
    with unchanged():
        assert client.post(url(first_report, "save"), draft(first_report)).status_code == status


@pytest.mark.parametrize("who", ["other_cta", "viewer"])
def test_those_who_see_an_accepted_report_cannot_write_it(client, request, cta, hq_user, first_report, unchanged, who):
    report = accept(submitted(first_report, cta), hq_user)
    client.force_login(request.getfixturevalue(who))
    with unchanged():
        assert client.post(url(report, "save"), draft(report)).status_code == 403


def test_get_on_a_post_only_url_is_405(client, cta, first_report):
    client.force_login(cta)
    assert client.get(url(first_report, "save")).status_code == 405


# HQ's review ----------------------------------------------------------------------------------


def test_hq_sees_the_review_form_of_a_submitted_report(client, hq_user, cta, submitted_report):
    client.force_login(hq_user)
    response = client.get(url(submitted_report))
    assert response.context["review_form"] is not None and response.context["edit_form"] is None
    assert unlabelled_controls(response) == []
    client.force_login(cta)
    assert client.get(url(submitted_report)).context["review_form"] is None


def test_hq_accepts(client, hq_user, submitted_report):
    client.force_login(hq_user)
    response = client.post(url(submitted_report, "review"), {"version": submitted_report.version, "decision": "accept"})
    assert response.status_code == 302
    submitted_report.refresh_from_db()
    assert submitted_report.status == ReportStatus.ACCEPTED


def test_hq_returns_with_a_comment_the_cta_then_sees_and_resubmits(client, hq_user, cta, submitted_report):
    client.force_login(hq_user)
    client.post(
        url(submitted_report, "review"),
        {"version": submitted_report.version, "decision": "return", "comment": "Add the boys' figures."},
    )
    submitted_report.refresh_from_db()
    assert (submitted_report.status, submitted_report.review_comment) == ("returned", "Add the boys' figures.")
    client.force_login(cta)
    response = client.get(url(submitted_report))
    assert "HQ's comment" in page_text(response) and "Add the boys' figures." in page_text(response)
    assert response.context["edit_form"] is not None
    client.post(url(submitted_report, "save"), draft(submitted_report, action="submit"))
    submitted_report.refresh_from_db()
    assert submitted_report.status == ReportStatus.RESUBMITTED


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"decision": "return", "comment": "  "}, "Say what the CTA should change"),
        ({"decision": "maybe"}, "Choose to accept or to return"),
        ({"decision": "accept", "comment": "c" * (TEXT_MAX + 1)}, "Ensure this value has at most"),
        ({"decision": "accept", "version": "1"}, "Someone else saved this progress report"),
    ],
)
def test_bad_reviews_change_nothing(client, hq_user, submitted_report, unchanged, post, message):
    client.force_login(hq_user)
    with unchanged():
        response = client.post(url(submitted_report, "review"), {"version": submitted_report.version, **post})
    assert response.status_code == 200 and message in page_text(response)


@pytest.mark.parametrize("who", ["cta", "viewer", "other_cta"])
def test_only_hq_reviews(client, request, cta, hq_user, submitted_report, unchanged, who):
    report = submitted_report
    if who != "cta":  # the others see the report only once accepted, and then there is nothing to review
        report = accept(report, hq_user)
    client.force_login(request.getfixturevalue(who))
    with unchanged():
        response = client.post(url(report, "review"), {"version": report.version, "decision": "accept"})
    assert response.status_code == 403


def test_an_accepted_report_cannot_be_reviewed_again(client, hq_user, cta, submitted_report, unchanged):
    report = accept(submitted_report, hq_user)
    client.force_login(hq_user)
    with unchanged():
        response = client.post(url(report, "review"), {"version": report.version, "decision": "return", "comment": "x"})
    assert "This report is accepted: it cannot become returned." in page_text(response)
