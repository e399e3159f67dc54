"""Twenty simultaneous runs of the reporting schedule for one project make each period's report once.

Beat runs `ensure_reporting_schedules` every six hours and an activation runs it for its project;
two web nodes, or beat and a deploy, can run it at once. Each period's report row is unique
(a constraint), and its first history record must be too: it is what a later conflict message
compares against.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from projects.models import ProgressReport
from projects.progress_reports import reporting_periods, schedule_ensure
from tests.concurrency.conftest import PEOPLE
from tests.concurrency.race import most_at_once, race

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_twenty_runs_of_the_schedule_make_each_report_once(active_project):
    # Start from a project whose schedule has not run yet.
    ProgressReport.objects.filter(project=active_project).delete()
    ProgressReport.history.filter(project_id=active_project.pk).delete()
    periods = len(reporting_periods(active_project, today=timezone.localdate()))
    assert periods >= 2

    results = race([lambda: schedule_ensure(project=active_project) for _ in range(PEOPLE)])

    assert [r.error for r in results if r.error] == []
    assert most_at_once(results) >= PEOPLE // 2
    # One run made them all; the others found them made.
    assert sorted(r.value for r in results) == [0] * (PEOPLE - 1) + [periods]
    reports = ProgressReport.objects.filter(project=active_project)
    assert reports.count() == periods
    # One first history record per report: not one per run that saw it.
    history = ProgressReport.history.filter(project_id=active_project.pk)
    assert sorted(history.values_list("id", flat=True)) == sorted(reports.values_list("pk", flat=True))
