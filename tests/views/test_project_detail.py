"""The project page: who sees it, what it shows, and that its query count does not grow with the data."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from projects.models import ProjectStatus
from projects.progress_reports import report_review
from projects.services import project_change_status, project_update, project_update_status, target_set
from tests.factories import UserFactory, make_evaluation, make_project
from tests.views.conftest import page_text, submitted

pytestmark = pytest.mark.django_db


def url(project) -> str:
    return reverse("projects:detail", args=[project.slug])


def test_the_url_is_the_code_with_dashes(active_project):
    assert url(active_project) == f"/projects/{active_project.code.replace('/', '-')}/"


def test_anonymous_is_sent_to_login(client, active_project):
    response = client.get(url(active_project))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/projects/")


def test_unknown_code_is_404(client, viewer):
    client.force_login(viewer)
    assert client.get("/projects/XXX-99-999-USA/").status_code == 404


def test_viewer_sees_the_project_without_edit_links(client, viewer, active_project):
    client.force_login(viewer)
    response = client.get(url(active_project))
    assert response.status_code == 200
    content = response.content.decode()
    assert active_project.code in content and active_project.title in content
    assert "India" in content and "1,500,000" in content
    assert reverse("projects:status", args=[active_project.slug]) not in content
    assert reverse("projects:narrative", args=[active_project.slug]) not in content


def test_evaluator_sees_only_projects_of_their_evaluations(client, evaluator, active_project):
    client.force_login(evaluator)
    assert client.get(url(active_project)).status_code == 404
    evaluation = make_evaluation(project=active_project)
    evaluation.evaluators.add(evaluator)
    assert client.get(url(active_project)).status_code == 200


@pytest.mark.parametrize(("who", "links"), [("cta", True), ("hq_user", True), ("other_cta", False)])
def test_edit_links_follow_the_policy(client, request, active_project, who, links):
    client.force_login(request.getfixturevalue(who))
    content = client.get(url(active_project)).content.decode()
    assert (reverse("projects:status", args=[active_project.slug]) in content) is links
    assert (reverse("projects:narrative", args=[active_project.slug]) in content) is links


def test_status_history_is_dated_and_attributed(client, viewer, hq_user, active_project):
    client.force_login(viewer)
    response = client.get(url(active_project))
    moves = [(c.from_status, c.to_status, c.changed_by) for c in response.context["status_changes"]]
    assert moves == [("", "pipeline", None), ("pipeline", "approved", hq_user), ("approved", "active", hq_user)]
    assert "1 Jan 2025" in response.content.decode()


def test_reports_timeline_shows_a_viewer_only_accepted_reports(client, viewer, cta, hq_user, first_report):
    report = submitted(first_report, cta)
    report_review(report=report, by=hq_user, expected_version=report.version, accept=True)
    client.force_login(viewer)
    shown = client.get(url(first_report.project)).context["reports"]
    assert [r.pk for r in shown] == [first_report.pk]
    client.force_login(cta)
    assert (
        len(client.get(url(first_report.project)).context["reports"]) == first_report.project.progress_reports.count()
    )


def test_targets_against_accepted_actuals(client, viewer, cta, hq_user, first_report):
    project = first_report.project
    target_set(project=project, measure="withdrawn", sex="girls", age_band="12-14", value=40)
    report = submitted(first_report, cta)  # 10 girls aged 12-14 withdrawn
    report_review(report=report, by=hq_user, expected_version=report.version, accept=True)
    client.force_login(viewer)
    response = client.get(url(project))
    withdrawn = next(row for row in response.context["totals"] if row["label"] == "Children withdrawn")
    assert (withdrawn["target"], withdrawn["actual"], withdrawn["percent"]) == (40, 10, 25)
    row = response.context["targets"][0]
    assert (row["breakdown"], row["target"], row["actual"], row["percent"]) == ("Girls, 12–14", 40, 10, 25)


def test_history_says_who_changed_which_field_from_what_to_what(client, viewer, cta, active_project):
    project_update_status(
        project=active_project, by=cta, expected_version=active_project.version, rating="at_risk",
        status_note="Floods in two districts.", actual_start=active_project.actual_start,
    )  # fmt: skip
    client.force_login(viewer)
    rows = client.get(url(active_project)).context["history"].rows
    newest = rows[0]
    assert newest.who == str(cta) and newest.verb == "changed"
    changes = {c.label: (c.old, c.new) for c in newest.changes}
    assert changes["current rating"] == ("", "At risk")
    assert changes["status note"] == ("", "Floods in two districts.")
    # The lifecycle moves are in the history too, although `status` is not editable in forms.
    assert any(c.label == "status" and (c.old, c.new) == ("Approved", "Active") for r in rows for c in r.changes)
    assert rows[-1].verb == "created"


def test_history_names_people_not_ids(client, viewer, hq_user, active_project):
    other = UserFactory(username="new-cta", first_name="Asha", last_name="Rao", role="cta")
    project_update(project=active_project, by=hq_user, expected_version=active_project.version, cta=other)
    client.force_login(viewer)
    assert "Changed by hq-test: Chief technical adviser from cta-test to Asha Rao" in page_text(
        client.get(url(active_project))
    )


def test_long_history_is_cut_with_a_link_to_all_of_it(client, viewer, cta, active_project, monkeypatch):
    monkeypatch.setattr("projects.views.HISTORY_LIMIT", 2)
    client.force_login(viewer)
    response = client.get(url(active_project))
    assert len(response.context["history"].rows) == 2 and response.context["history"].more
    assert "?history=all" in response.content.decode()
    everything = client.get(url(active_project) + "?history=all").context["history"]
    assert len(everything.rows) > 2 and not everything.more


def grow(project, *, rounds, cta, hq_user):
    """More of everything the page lists: status moves, history, targets, reports with figures, steps."""
    people = [UserFactory(role="cta") for _ in range(rounds)]
    for index in range(rounds):
        project.refresh_from_db()
        project_update(project=project, by=hq_user, expected_version=project.version, cta=people[index])
        project.refresh_from_db()
        project_update(project=project, by=hq_user, expected_version=project.version, cta=cta)
        project.refresh_from_db()
        project_update_status(
            project=project, by=cta, expected_version=project.version, rating=["on_track", "at_risk"][index % 2],
            status_note=f"Note {index}", actual_start=project.actual_start,
        )  # fmt: skip
        project_change_status(
            project=project, to_status=ProjectStatus.SUSPENDED, effective_on=datetime.date(2025, 2, 1), changed_by=cta
        )
        project_change_status(
            project=project, to_status=ProjectStatus.ACTIVE, effective_on=datetime.date(2025, 2, 1), changed_by=cta
        )
        target_set(
            project=project, measure="prevented", sex="boys", age_band=["5-11", "12-14", "15-17"][index], value=5
        )
        report = project.progress_reports.order_by("period_start")[index]
        report = submitted(report, cta)
        report_review(report=report, by=hq_user, expected_version=report.version, accept=True)


@pytest.mark.parametrize("rounds", [1, 3])
@pytest.mark.parametrize("who", ["hq_user", "cta", "viewer"])
def test_query_count_does_not_grow_with_the_project(
    client, request, cta, hq_user, active_project, django_assert_num_queries, rounds, who
):
    grow(active_project, rounds=rounds, cta=cta, hq_user=hq_user)
    make_project()  # another project's rows must not count either
    client.force_login(request.getfixturevalue(who))
    # session, user, project, countries, status moves, 2 × (targets, actuals), reports, history, people in history,
    # lessons from similar projects (the project's classes, then the ranking); for HQ, the project's evaluations
    # against the evaluation rule
    with django_assert_num_queries(15 if who == "hq_user" else 14):
        response = client.get(url(active_project))
    assert response.status_code == 200
    assert len(response.context["status_changes"]) == 3 + 2 * rounds
