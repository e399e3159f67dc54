"""The e-mails about progress reports: what they say and to whom."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail

from projects.models import ProgressReport, ReminderOccasion


def report_url(report: ProgressReport) -> str:
    return f"{settings.SITE_URL}/projects/{report.project.slug}/reports/{report.pk}/"


def _send(to: str, subject: str, body: str) -> int:
    if not to:
        return 0
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def send_submitted(report: ProgressReport) -> int:
    """To the HQ backstopping officer: a report waits for review."""
    officer = report.project.hq_backstopping_officer
    step = report.steps.order_by("-at", "-id").first()
    author = step.by if step else "The CTA"
    return _send(
        officer.email if officer else "",
        f"[IPEC] Progress report {report.get_status_display().lower()}: {report.project.code}",
        f"{author} has {report.get_status_display().lower()} the progress report of {report.project.code} "
        f"for {report.period_start:%d %b %Y} – {report.period_end:%d %b %Y}.\n\nReview it: {report_url(report)}\n",
    )


def send_reviewed(report: ProgressReport) -> int:
    """To the CTA: the report was accepted, or returned with HQ's comment."""
    cta = report.project.cta
    body = (
        f"Your progress report of {report.project.code} for {report.period_start:%d %b %Y} – "
        f"{report.period_end:%d %b %Y} was {report.get_status_display().lower()}.\n"
    )
    if report.review_comment:
        body += f"\nHQ's comment:\n{report.review_comment}\n"
    return _send(
        cta.email if cta else "",
        f"[IPEC] Progress report {report.get_status_display().lower()}: {report.project.code}",
        body + f"\n{report_url(report)}\n",
    )


def send_reminder(report: ProgressReport, occasion: str) -> int:
    """To the CTA: a report is due in a week, or overdue."""
    cta = report.project.cta
    when = "is due in a week" if occasion == ReminderOccasion.DUE_SOON else "is overdue"
    return _send(
        cta.email if cta else "",
        f"[IPEC] Progress report {when}: {report.project.code}",
        f"The progress report of {report.project.code} for {report.period_start:%d %b %Y} – "
        f"{report.period_end:%d %b %Y} {when} (due {report.due_on:%d %b %Y}).\n\n{report_url(report)}\n",
    )
