"""Reminders to the CTA: a week before a report is due and when it is overdue, once per occasion."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from projects.models import ProgressReport, ReportReminder
from projects.progress_reports import report_save, report_submit
from projects.tasks import ensure_reporting_schedules, send_report_reminders

pytestmark = pytest.mark.django_db


def test_due_soon_then_overdue_each_once(first_report, cta):
    ProgressReport.objects.exclude(pk=first_report.pk).delete()
    due = first_report.due_on
    assert send_report_reminders.delay((due - datetime.timedelta(days=8)).isoformat()).get() == 0
    assert send_report_reminders.delay((due - datetime.timedelta(days=7)).isoformat()).get() == 1
    assert send_report_reminders.delay((due - datetime.timedelta(days=3)).isoformat()).get() == 0  # already sent
    assert "is due in a week" in mail.outbox[-1].subject and mail.outbox[-1].to == [cta.email]
    assert send_report_reminders.delay((due + datetime.timedelta(days=1)).isoformat()).get() == 1
    assert send_report_reminders.delay((due + datetime.timedelta(days=9)).isoformat()).get() == 0
    assert "is overdue" in mail.outbox[-1].subject
    assert len(mail.outbox) == 2
    assert set(ReportReminder.objects.values_list("occasion", flat=True)) == {"due_soon", "overdue"}


def test_no_reminder_for_a_submitted_report(first_report, cta):
    ProgressReport.objects.exclude(pk=first_report.pk).delete()
    report = report_save(report=first_report, by=cta, expected_version=1, rating="on_track", narrative="n")
    report_submit(report=report, by=cta, expected_version=report.version)
    mail.outbox.clear()
    assert send_report_reminders.delay((report.due_on + datetime.timedelta(days=1)).isoformat()).get() == 0
    assert mail.outbox == []


def test_a_failed_send_is_retried_next_run(first_report, cta, monkeypatch):
    ProgressReport.objects.exclude(pk=first_report.pk).delete()
    day = (first_report.due_on + datetime.timedelta(days=1)).isoformat()

    def broken(*args, **kwargs):
        raise OSError("SMTP server down")

    monkeypatch.setattr("projects.notifications.send_mail", broken)
    with pytest.raises(OSError):
        send_report_reminders.delay(day).get()
    assert not ReportReminder.objects.exists()
    monkeypatch.undo()
    assert send_report_reminders.delay(day).get() == 1


def test_schedule_task_opens_missing_periods_once(active_project):
    ProgressReport.objects.all().delete()
    created = ensure_reporting_schedules.delay().get()
    assert created == active_project.progress_reports.count() > 0
    assert ensure_reporting_schedules.delay().get() == 0


def test_a_completed_projects_unsent_reports_are_no_longer_chased(first_report, active_project, hq_user):
    from projects.services import project_change_status

    ProgressReport.objects.exclude(pk=first_report.pk).delete()
    project_change_status(
        project=active_project, to_status="completed", effective_on=first_report.period_end, changed_by=hq_user
    )
    assert not ProgressReport.objects.overdue(first_report.due_on + datetime.timedelta(days=1)).exists()
    assert send_report_reminders.delay((first_report.due_on + datetime.timedelta(days=1)).isoformat()).get() == 0
