"""/reviews/: HQ's queue of reports waiting for review, overdue, and returned."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import ProgressReport, Project, ProjectStatus, ReportStatus, ReportStep
from tests.factories import make_project
from tests.views.conftest import page_text

pytestmark = pytest.mark.django_db
URL = reverse("projects:reviews")


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def report(project, *, due_in: int, status: str, step_days_ago: int | None = None, by=None) -> ProgressReport:
    # Only projects still reporting (active or suspended) have their open reports chased.
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.ACTIVE)
    report = ProgressReport.objects.create(
        project=project,
        period_start=days(due_in - 200 - project.progress_reports.count() * 300),
        period_end=days(due_in - 30),
        due_on=days(due_in),
        status=status,
    )
    if step_days_ago is not None:
        step = ReportStep.objects.create(report=report, from_status="draft", to_status=status, by=by)
        ReportStep.objects.filter(pk=step.pk).update(at=timezone.now() - datetime.timedelta(days=step_days_ago))
    return report


def ids(response, section: str) -> list[int]:
    found = next(s for s in response.context["sections"] if s["id"] == section)
    return [r.pk for r in found["page"].object_list]


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["cta", "viewer", "evaluator"])
def test_only_hq_sees_the_queue(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403


def test_three_sections_with_days_waiting_and_overdue(client, hq_user, cta, officer):
    project = make_project(cta=cta, hq_backstopping_officer=officer)
    waiting_long = report(project, due_in=-40, status=ReportStatus.SUBMITTED, step_days_ago=9, by=cta)
    waiting_short = report(project, due_in=-20, status=ReportStatus.RESUBMITTED, step_days_ago=2, by=cta)
    overdue = report(project, due_in=-15, status=ReportStatus.DRAFT)
    returned = report(project, due_in=10, status=ReportStatus.RETURNED, step_days_ago=4, by=hq_user)
    report(project, due_in=5, status=ReportStatus.DRAFT)  # due, not overdue
    report(project, due_in=-300, status=ReportStatus.ACCEPTED)

    client.force_login(hq_user)
    response = client.get(URL)
    assert response.status_code == 200
    assert ids(response, "waiting") == [waiting_long.pk, waiting_short.pk]
    assert ids(response, "overdue") == [overdue.pk]
    assert ids(response, "returned") == [returned.pk]
    waiting = next(s for s in response.context["sections"] if s["id"] == "waiting")["page"].object_list
    assert [r.days for r in waiting] == [9, 2]
    assert next(s for s in response.context["sections"] if s["id"] == "overdue")["page"].object_list[0].days == 15
    text = page_text(response)
    assert project.code in text and "cta-test" in text
    assert reverse("projects:report", args=[project.slug, overdue.pk]) in response.content.decode()


def test_mine_keeps_the_projects_i_backstop(client, officer, hq_user):
    mine = report(make_project(hq_backstopping_officer=officer), due_in=-3, status=ReportStatus.DRAFT)
    report(make_project(hq_backstopping_officer=hq_user), due_in=-3, status=ReportStatus.DRAFT)
    client.force_login(officer)
    assert len(ids(client.get(URL), "overdue")) == 2
    assert ids(client.get(URL + "?mine=1"), "overdue") == [mine.pk]


def test_sections_are_paginated(client, hq_user, monkeypatch):
    monkeypatch.setattr("projects.views.QUEUE_PAGE_SIZE", 2)
    project = make_project()
    for index in range(5):
        report(project, due_in=-10 - index, status=ReportStatus.DRAFT)
    client.force_login(hq_user)
    first = client.get(URL)
    assert len(ids(first, "overdue")) == 2 and "overdue_page=2" in first.content.decode()
    last = client.get(URL + "?overdue_page=3")
    assert len(ids(last, "overdue")) == 1
    assert "Page 3 of 3" in page_text(last)


@pytest.mark.parametrize("count", [1, 5])
def test_query_count_does_not_grow_with_the_reports(client, hq_user, cta, django_assert_num_queries, count):
    for _ in range(count):
        project = make_project(cta=cta)
        report(project, due_in=-40, status=ReportStatus.SUBMITTED, step_days_ago=3, by=cta)
        report(project, due_in=-20, status=ReportStatus.DRAFT)
        report(project, due_in=5, status=ReportStatus.RETURNED, step_days_ago=1, by=hq_user)
    client.force_login(hq_user)
    # session, user, and a count and a page for each of the three sections
    with django_assert_num_queries(8):
        response = client.get(URL)
    assert all(len(s["page"].object_list) == count for s in response.context["sections"])
