"""/my-projects/: the CTA's home, with the projects that need attention first, in a constant number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import ProgressReport, Project, ProjectStatus, ReportStatus
from tests.factories import make_project
from tests.views.conftest import page_text

pytestmark = pytest.mark.django_db
URL = reverse("projects:my-projects")


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def report(project, *, due_in: int, status: str = ReportStatus.DRAFT, months_ago: int = 6) -> ProgressReport:
    # Only projects still reporting (active or suspended) have their open reports chased.
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.ACTIVE)
    end = days(due_in - 30)
    start = end - datetime.timedelta(days=30 * months_ago)
    return ProgressReport.objects.create(
        project=project, period_start=start, period_end=end, due_on=days(due_in), status=status
    )


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["viewer", "evaluator"])
def test_those_without_assigned_projects_are_refused(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403


def test_cta_sees_own_national_projects_needing_attention_first(client, cta, other_cta):
    calm = make_project(cta=cta, title="Calm")
    report(calm, due_in=40)
    overdue = make_project(cta=cta, title="Overdue")
    report(overdue, due_in=-10)
    report(overdue, due_in=50, months_ago=3)
    returned = make_project(cta=cta, title="Returned")
    report(returned, due_in=20, status=ReportStatus.RETURNED)
    nothing = make_project(cta=cta, title="Nothing due")
    report(nothing, due_in=-100, status=ReportStatus.ACCEPTED)
    waiting = make_project(cta=cta, title="Waiting")
    report(waiting, due_in=-5, status=ReportStatus.SUBMITTED)
    report(waiting, due_in=60, months_ago=2)
    make_project(cta=other_cta, title="Someone else's")

    client.force_login(cta)
    response = client.get(URL)
    assert response.status_code == 200
    projects = response.context["projects"]
    assert [p.title for p in projects] == ["Overdue", "Returned", "Calm", "Waiting", "Nothing due"]
    first = projects[0]
    assert (first.next_report.due_on, first.overdue_count, first.returned_count) == (days(-10), 1, 0)
    assert projects[1].returned_count == 1 and projects[3].waiting_count == 1
    assert projects[4].next_report is None
    text = page_text(response)
    assert "1 overdue" in text and "1 returned" in text and "1 with HQ" in text and "Someone else's" not in text
    assert reverse("projects:report", args=[first.slug, first.next_report.pk]) in response.content.decode()


def test_hq_sees_the_projects_they_backstop(client, officer, hq_user):
    mine = make_project(hq_backstopping_officer=officer, title="Backstopped")
    make_project(hq_backstopping_officer=hq_user, title="Not mine")
    report(mine, due_in=-3)
    client.force_login(officer)
    response = client.get(URL)
    assert [p.title for p in response.context["projects"]] == ["Backstopped"]
    assert "The projects you backstop" in page_text(response)


def test_navigation_shows_my_projects_to_ctas_and_reviews_to_hq(client, cta, hq_user, viewer):
    client.force_login(cta)
    nav = client.get(URL).content.decode()
    assert f'href="{URL}"' in nav and 'href="/reviews/"' not in nav and 'aria-current="page"' in nav
    client.force_login(hq_user)
    nav = client.get("/").content.decode()
    assert 'href="/reviews/"' in nav and 'href="/admin/"' in nav
    client.force_login(viewer)
    nav = client.get("/").content.decode()
    assert f'href="{URL}"' not in nav and 'href="/reviews/"' not in nav and 'href="/admin/"' not in nav


@pytest.mark.parametrize("count", [1, 6])
def test_query_count_does_not_grow_with_the_projects(client, cta, django_assert_num_queries, count):
    for index in range(count):
        project = make_project(cta=cta)
        report(project, due_in=-10 + index)
        report(project, due_in=30, status=ReportStatus.RETURNED, months_ago=3)
        report(project, due_in=-200, status=ReportStatus.SUBMITTED, months_ago=9)
    client.force_login(cta)
    # session, user, projects (ordered by annotations), their countries, their reports not yet accepted
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert len(response.context["projects"]) == count


def test_a_completed_projects_old_drafts_are_not_to_do(client, cta):
    project = make_project(cta=cta)
    report(project, due_in=-40)
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.COMPLETED)
    client.force_login(cta)
    row = client.get(URL).context["projects"][0]
    assert (row.overdue_count, row.next_report) == (0, None)
