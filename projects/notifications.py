"""The e-mails about progress reports: what they say and to whom.

The texts are messages of the catalogues, but every e-mail is written in the site's default
language (settings.LANGUAGE_CODE, English): users have no language of their own recorded, and
an e-mail must not take the language of whoever's browser happened to trigger it (the HQ
officer's French page when a report is returned, a worker's leftover state). When users get a
language setting, `_written_for` is the one place to pass it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext

from ipec.wording import short_day_in_sentence
from projects.models import ProgressReport, ReminderOccasion


def report_url(report: ProgressReport) -> str:
    return f"{settings.SITE_URL}/projects/{report.project.slug}/reports/{report.pk}/"


def _written_for(recipient) -> translation.override:
    """The language an e-mail to `recipient` is written in: the site's default, for everyone for now."""
    return translation.override(settings.LANGUAGE_CODE)


def _send(to: str, subject: str, body: str) -> int:
    if not to:
        return 0
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def _facts(report: ProgressReport) -> dict[str, str]:
    return {
        "code": report.project.code,
        "status": report.get_status_display().lower(),
        "start": short_day_in_sentence(report.period_start),
        "end": short_day_in_sentence(report.period_end),
        "url": report_url(report),
    }


def send_submitted(report: ProgressReport) -> int:
    """To the HQ backstopping officer: a report waits for review."""
    officer = report.project.hq_backstopping_officer
    step = report.steps.order_by("-at", "-id").first()
    with _written_for(officer):
        facts = {**_facts(report), "author": step.by if step else gettext("The CTA")}
        return _send(
            officer.email if officer else "",
            gettext("[IPEC] Progress report %(status)s: %(code)s") % facts,
            gettext(
                "%(author)s has %(status)s the progress report of %(code)s for %(start)s – %(end)s.\n\n"
                "Review it: %(url)s\n"
            )
            % facts,
        )


def send_reviewed(report: ProgressReport) -> int:
    """To the CTA: the report was accepted, or returned with HQ's comment."""
    cta = report.project.cta
    with _written_for(cta):
        facts = _facts(report)
        body = gettext("Your progress report of %(code)s for %(start)s – %(end)s was %(status)s.\n") % facts
        if report.review_comment:
            body += "\n" + gettext("HQ's comment:") + f"\n{report.review_comment}\n"
        return _send(
            cta.email if cta else "",
            gettext("[IPEC] Progress report %(status)s: %(code)s") % facts,
            body + f"\n{facts['url']}\n",
        )


def send_reminder(report: ProgressReport, occasion: str) -> int:
    """To the CTA: a report is due in a week, or overdue."""
    cta = report.project.cta
    with _written_for(cta):
        facts = {**_facts(report), "due": short_day_in_sentence(report.due_on)}
        if occasion == ReminderOccasion.DUE_SOON:
            subject = gettext("[IPEC] Progress report is due in a week: %(code)s")
            body = gettext(
                "The progress report of %(code)s for %(start)s – %(end)s is due in a week (due %(due)s).\n\n%(url)s\n"
            )
        else:
            subject = gettext("[IPEC] Progress report is overdue: %(code)s")
            body = gettext(
                "The progress report of %(code)s for %(start)s – %(end)s is overdue (due %(due)s).\n\n%(url)s\n"
            )
        return _send(cta.email if cta else "", subject % facts, body % facts)
