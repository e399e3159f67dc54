"""Twenty simultaneous submissions of one draft, and twenty HQ reviews of one submitted report.

Exactly one goes through; the others are shown the conflict. The report moves one step, with
one step row, the history records of that one change, and one e-mail.
"""

from __future__ import annotations

import pytest

from countries.models import Country
from projects.models import ProgressReport, ReportFigure, ReportStatus, ReportStep
from projects.progress_reports import report_save, report_submit
from tests.concurrency.conftest import one_winner, people, send_all

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CONFLICT = "Someone else saved this progress report while you were editing it"


def _report_path(report: ProgressReport, action: str = "") -> str:
    return f"/projects/{report.project.slug}/reports/{report.pk}/{action}"


def test_twenty_submissions_of_the_same_draft_one_wins(live_server, first_report, cta, mailoutbox):
    report = ProgressReport.objects.get(pk=first_report.pk)
    history_before, version_before = report.history.count(), report.version
    india = Country.objects.get(iso3="IND").pk
    browsers = people(live_server, cta, _report_path(report))
    mailoutbox.clear()
    forms = [
        {
            "version": str(version_before),
            "rating": "on_track",
            "narrative": f"Narrative of attempt {number}.",
            "challenges": "",
            "next_steps": "",
            f"fig-{india}-withdrawn-girls-5-11": str(100 + number),
            f"fig-{india}-families": "7",
            "action": "submit",
        }
        for number in range(len(browsers))
    ]

    answers = send_all(browsers, _report_path(report, "save/"), forms)

    winner, _losers = one_winner(answers, CONFLICT)
    number = answers.index(winner)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.narrative == f"Narrative of attempt {number}."
    # Saved, then submitted: two versions and two history records, of the winner's one request.
    assert report.version == version_before + 2 and report.history.count() == history_before + 2
    assert list(ReportStep.objects.filter(report=report).values_list("from_status", "to_status")) == [
        (ReportStatus.DRAFT, ReportStatus.SUBMITTED)
    ]
    figures = sorted(ReportFigure.objects.filter(report=report).values_list("measure", "sex", "age_band", "value"))
    assert figures == [("families", "", "", 7), ("withdrawn", "girls", "5-11", 100 + number)]
    assert [m.to for m in mailoutbox] == [["officer@example.org"]], [m.subject for m in mailoutbox]


def test_twenty_reviews_of_the_same_report_one_wins(live_server, first_report, cta, hq_user, mailoutbox):
    report = report_save(report=first_report, by=cta, expected_version=first_report.version, rating="at_risk",
                         narrative="Two schools opened.")  # fmt: skip
    report = report_submit(report=report, by=cta, expected_version=report.version)
    history_before, version_before = report.history.count(), report.version
    browsers = people(live_server, hq_user, _report_path(report))
    mailoutbox.clear()
    # Half accept, half return it, all from the same page.
    forms = [
        {"version": str(version_before), "decision": "accept", "comment": ""}
        if number % 2
        else {"version": str(version_before), "decision": "return", "comment": f"Please add figures ({number})."}
        for number in range(len(browsers))
    ]

    answers = send_all(browsers, _report_path(report, "review/"), forms)

    winner, _losers = one_winner(answers, CONFLICT)
    number = answers.index(winner)
    report.refresh_from_db()
    expected = ReportStatus.ACCEPTED if number % 2 else ReportStatus.RETURNED
    assert report.status == expected
    assert report.review_comment == ("" if number % 2 else f"Please add figures ({number}).")
    assert report.version == version_before + 1 and report.history.count() == history_before + 1
    steps = list(ReportStep.objects.filter(report=report).order_by("id").values_list("to_status", flat=True))
    assert steps == [ReportStatus.SUBMITTED, expected]
    assert [m.to for m in mailoutbox] == [[cta.email]], [m.subject for m in mailoutbox]
