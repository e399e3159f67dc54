"""Background work for projects: notification e-mails, reminders, the reporting schedule."""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from ipec.celery import SafeTask, app
from projects import notifications
from projects.models import ProgressReport, Project, ReminderOccasion, ReportReminder
from projects.progress_reports import REPORTING_STATUSES, schedule_ensure

logger = logging.getLogger(__name__)

REMINDER_LEAD = datetime.timedelta(days=7)


def _report(report_id: int) -> ProgressReport | None:
    return (
        ProgressReport.objects.select_related("project__cta", "project__hq_backstopping_officer")
        .filter(pk=report_id)
        .first()
    )


@app.task(base=SafeTask, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_report_submitted(report_id: int) -> int:
    report = _report(report_id)
    return notifications.send_submitted(report) if report else 0


@app.task(base=SafeTask, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_report_reviewed(report_id: int) -> int:
    report = _report(report_id)
    return notifications.send_reviewed(report) if report else 0


def _occasion(report: ProgressReport, today: datetime.date) -> str | None:
    if today > report.due_on:
        return ReminderOccasion.OVERDUE
    if today >= report.due_on - REMINDER_LEAD:
        return ReminderOccasion.DUE_SOON
    return None


@app.task(base=SafeTask)
def send_report_reminders(today: str | None = None) -> int:
    """Remind CTAs of reports due within a week or overdue: once per report and occasion, however often it runs."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    candidates = (
        ProgressReport.objects.open()
        .filter(due_on__lte=day + REMINDER_LEAD, project__cta__isnull=False)
        .select_related("project__cta")
    )
    sent = 0
    for report in candidates.iterator(chunk_size=500):
        occasion = _occasion(report, day)
        if occasion is None:
            continue
        try:
            # The reminder row and the e-mail succeed or fail together: a failed send is retried next run.
            with transaction.atomic():
                ReportReminder.objects.create(report=report, occasion=occasion)
                sent += notifications.send_reminder(report, occasion)
        except IntegrityError:
            continue  # already sent for this occasion
    logger.info("Sent %d progress report reminders.", sent)
    return sent


@app.task(base=SafeTask)
def ensure_reporting_schedules() -> int:
    """Open the report rows of every reporting project's periods that have begun."""
    created = 0
    projects = Project.objects.filter(status__in=REPORTING_STATUSES).only(
        "pk", "status", "actual_start", "planned_start", "actual_end", "planned_end", "reporting_interval_months"
    )
    for project in projects.iterator(chunk_size=1000):
        created += schedule_ensure(project=project)
    return created
