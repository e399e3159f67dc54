from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from countries.models import Country
from projects.models import ProgressReport, ReportFigure, ReportStatus, ReportStep
from projects.progress_reports import (
    report_review,
    report_save,
    report_submit,
    reporting_periods,
    schedule_ensure,
    targets_against_actuals,
    totals_against_targets,
)
from projects.services import target_set
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def india() -> Country:
    return Country.objects.get(iso3="IND")


def fill(report, cta, *, withdrawn_girls=10):
    cells = {(india().pk, "withdrawn", "girls", "12-14"): withdrawn_girls, (india().pk, "families", "", ""): 4}
    return report_save(
        report=report, by=cta, expected_version=report.version, rating="on_track", narrative="Good progress.",
        figures=cells,
    )  # fmt: skip


def test_schedule_is_semi_annual_from_the_start_and_idempotent(active_project):
    periods = reporting_periods(active_project, today=datetime.date(2026, 7, 15))
    assert periods[:3] == [
        (datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)),
        (datetime.date(2025, 7, 1), datetime.date(2025, 12, 31)),
        (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)),
    ]
    count = active_project.progress_reports.count()
    assert count >= 4
    assert schedule_ensure(project=active_project) == 0
    assert active_project.progress_reports.count() == count
    first = active_project.progress_reports.order_by("period_start").first()
    assert first.due_on == datetime.date(2025, 7, 30)  # 30 days after the period


def test_quarterly_interval_is_configurable(active_project):
    active_project.reporting_interval_months = 3
    periods = reporting_periods(active_project, today=datetime.date(2025, 12, 31))
    assert len(periods) == 4 and periods[1] == (datetime.date(2025, 4, 1), datetime.date(2025, 6, 30))


def test_full_workflow_draft_submit_return_resubmit_accept(
    first_report, cta, officer, hq_user, django_capture_on_commit_callbacks
):
    report = fill(first_report, cta)
    with django_capture_on_commit_callbacks(execute=True):
        report = report_submit(report=report, by=cta, expected_version=report.version)
    assert report.status == ReportStatus.SUBMITTED
    assert mail.outbox[-1].to == ["officer@example.org"]

    # Locked for its author once submitted.
    with pytest.raises(ValidationError, match="can no longer be changed"):
        fill(report, cta, withdrawn_girls=99)

    with django_capture_on_commit_callbacks(execute=True):
        report = report_review(
            report=report,
            by=hq_user,
            expected_version=report.version,
            accept=False,
            comment="Add the figures for boys.",
        )
    assert report.status == ReportStatus.RETURNED
    assert mail.outbox[-1].to == [cta.email] and "Add the figures for boys." in mail.outbox[-1].body

    report = fill(report, cta, withdrawn_girls=12)
    report = report_submit(report=report, by=cta, expected_version=report.version)
    assert report.status == ReportStatus.RESUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        report = report_review(report=report, by=hq_user, expected_version=report.version, accept=True)
    assert report.status == ReportStatus.ACCEPTED
    assert "accepted" in mail.outbox[-1].subject

    steps = list(ReportStep.objects.filter(report=report).values_list("from_status", "to_status", "by__username"))
    assert steps == [
        ("draft", "submitted", cta.username),
        ("submitted", "returned", hq_user.username),
        ("returned", "resubmitted", cta.username),
        ("resubmitted", "accepted", hq_user.username),
    ]


def test_accepted_figures_become_actuals_against_targets(first_report, active_project, cta, hq_user):
    target_set(project=active_project, measure="withdrawn", sex="girls", age_band="12-14", value=40)
    report = fill(first_report, cta, withdrawn_girls=10)
    report = report_submit(report=report, by=cta, expected_version=report.version)
    assert totals_against_targets(active_project)["withdrawn"] == {"target": 40, "actual": 0}  # not yet accepted
    report_review(report=report, by=hq_user, expected_version=report.version, accept=True)
    assert totals_against_targets(active_project)["withdrawn"] == {"target": 40, "actual": 10}
    row = next(r for r in targets_against_actuals(active_project) if r["sex"] == "girls")
    assert (row["target"], row["actual"], row["percent"]) == (40, 10, 25)


def test_global_project_actuals_are_its_countries_sum(hq_user, cta):
    from tests.factories import make_project

    project = make_project(
        kind="global", planned_start=datetime.date(2025, 1, 1), planned_end=datetime.date(2026, 12, 31)
    )
    brazil, kenya = Country.objects.get(iso3="BRA"), Country.objects.get(iso3="KEN")
    report = ProgressReport.objects.create(
        project=project, period_start=datetime.date(2025, 1, 1), period_end=datetime.date(2025, 6, 30),
        due_on=datetime.date(2025, 7, 30),
    )  # fmt: skip
    cells = {(brazil.pk, "prevented", "boys", "5-11"): 7, (kenya.pk, "prevented", "boys", "5-11"): 5}
    report = report_save(report=report, by=hq_user, expected_version=1, rating="at_risk", narrative="n", figures=cells)
    report = report_submit(report=report, by=hq_user, expected_version=report.version)
    report_review(report=report, by=hq_user, expected_version=report.version, accept=True)
    assert totals_against_targets(project)["prevented"]["actual"] == 12


def test_submit_needs_rating_and_narrative(first_report, cta):
    with pytest.raises(ValidationError, match="overall rating and the narrative"):
        report_submit(report=first_report, by=cta, expected_version=first_report.version)
    first_report.refresh_from_db()
    assert first_report.status == ReportStatus.DRAFT
    assert not ReportStep.objects.exists()


def test_figures_for_another_country_refused_and_nothing_saved(first_report, cta):
    brazil = Country.objects.get(iso3="BRA")
    with pytest.raises(ValidationError, match="project's own countries"):
        report_save(
            report=first_report, by=cta, expected_version=first_report.version, rating="on_track",
            narrative="changed", figures={(brazil.pk, "withdrawn", "girls", "5-11"): 3},
        )  # fmt: skip
    first_report.refresh_from_db()
    assert first_report.narrative == "" and first_report.version == 1
    assert not ReportFigure.objects.exists()


def test_bad_breakdown_refused(first_report, cta):
    with pytest.raises(ValidationError, match="Children figures need a sex and an age band"):
        report_save(
            report=first_report, by=cta, expected_version=1, rating="on_track", narrative="n",
            figures={(india().pk, "withdrawn", "", ""): 3},
        )  # fmt: skip
    assert not ReportFigure.objects.exists()


def test_another_cta_cannot_write_and_a_cta_cannot_review(first_report, cta):
    other = UserFactory(role="cta")
    with pytest.raises(PermissionDenied):
        fill(first_report, other)
    report = fill(first_report, cta)
    report = report_submit(report=report, by=cta, expected_version=report.version)
    with pytest.raises(PermissionDenied):
        report_review(report=report, by=cta, expected_version=report.version, accept=True)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_returning_needs_a_comment(first_report, cta, hq_user):
    report = fill(first_report, cta)
    report = report_submit(report=report, by=cta, expected_version=report.version)
    with pytest.raises(ValidationError, match="Say what the CTA should change"):
        report_review(report=report, by=hq_user, expected_version=report.version, accept=False, comment="  ")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_accepted_report_cannot_be_reviewed_again(first_report, cta, hq_user):
    report = fill(first_report, cta)
    report = report_submit(report=report, by=cta, expected_version=report.version)
    report = report_review(report=report, by=hq_user, expected_version=report.version, accept=True)
    with pytest.raises(ValidationError, match="This report is accepted: it cannot become returned"):
        report_review(report=report, by=hq_user, expected_version=report.version, accept=False, comment="x")
