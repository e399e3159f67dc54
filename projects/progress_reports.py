"""Progress reports: the reporting schedule, the CTA's writing and submitting, HQ's review, actuals.

Workflow: draft → submitted → accepted, or returned (with HQ's comment) → resubmitted →
accepted or returned again. A submitted report is locked for its author. Only accepted
figures count as a project's actuals.
"""

from __future__ import annotations

import datetime
import os
from collections import defaultdict
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history

from accounts import policy
from accounts.models import User
from ipec.concurrency import check_version, save_new_version
from projects.evidence import check_evidence
from projects.models import (
    REPORT_TRANSITIONS,
    EvidenceFile,
    ProgressReport,
    Project,
    ProjectStatus,
    ReportFigure,
    ReportStatus,
    ReportStep,
    Target,
    TargetMeasure,
)

# A report's figures as the form sends them: (country id, measure, sex, age band) -> value.
FigureCell = tuple[int, str, str, str]

# Projects whose reporting schedule runs.
REPORTING_STATUSES = frozenset({ProjectStatus.ACTIVE, ProjectStatus.SUSPENDED})


def reporting_periods(project: Project, *, today: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The project's reporting periods that have begun by `today`, from its start to its end."""
    start = project.actual_start or project.planned_start
    if start is None:
        return []
    end = project.actual_end or project.planned_end or today
    step = relativedelta(months=project.reporting_interval_months)
    periods = []
    period_start = start
    while period_start <= min(end, today):
        period_end = min(period_start + step - datetime.timedelta(days=1), end)
        periods.append((period_start, period_end))
        period_start += step
    return periods


@transaction.atomic
def schedule_ensure(*, project: Project, today: datetime.date | None = None) -> int:
    """Create the missing report rows of a reporting project's schedule; returns how many. Idempotent."""
    if project.status not in REPORTING_STATUSES:
        return 0
    # One run at a time per project (beat's run and an activation may overlap): otherwise each run
    # would write a first history record for rows another run made, and count them as its own.
    Project.objects.select_for_update().filter(pk=project.pk).values_list("pk", flat=True).get()
    today = today or timezone.localdate()
    due_after = datetime.timedelta(days=settings.REPORT_DUE_DAYS)
    existing = set(project.progress_reports.values_list("period_start", flat=True))
    missing = [
        ProgressReport(project=project, period_start=start, period_end=end, due_on=end + due_after)
        for start, end in reporting_periods(project, today=today)
        if start not in existing
    ]
    # With their first history record, so a later conflict can say what changed since.
    bulk_create_with_history(missing, ProgressReport, ignore_conflicts=True)
    return len(missing)


def _locked(report: ProgressReport, expected_version: int | None) -> ProgressReport:
    locked = ProgressReport.objects.select_for_update().select_related("project").get(pk=report.pk)
    check_version(locked, expected_version)
    return locked


def _check_author(by: User, report: ProgressReport) -> None:
    if not policy.may_write_progress_report(by, report):
        raise PermissionDenied("You may not write this report.")
    if not report.is_editable:
        raise ValidationError(
            gettext("This report is %(status)s: it can no longer be changed by its author.")
            % {"status": report.get_status_display().lower()}
        )


def _validate_figures(project: Project, figures: dict[FigureCell, int]) -> None:
    allowed_countries = set(project.countries.values_list("pk", flat=True))
    for (country_id, measure, sex, age_band), value in figures.items():
        if country_id not in allowed_countries:
            raise ValidationError(gettext("Figures can only be given for the project's own countries."))
        if not isinstance(value, int) or value < 0:
            raise ValidationError(gettext("Figures are whole numbers of zero or more."))
        figure = ReportFigure(country_id=country_id, measure=measure, sex=sex, age_band=age_band, value=value)
        figure.full_clean(exclude=["report"], validate_unique=False)


@transaction.atomic
def report_save(
    *,
    report: ProgressReport,
    by: User,
    expected_version: int | None,
    rating: str,
    narrative: str,
    challenges: str = "",
    next_steps: str = "",
    figures: dict[FigureCell, int] | None = None,
) -> ProgressReport:
    """Save the author's draft: text, rating and the period's figures, all or nothing."""
    report = _locked(report, expected_version)
    _check_author(by, report)
    report.rating, report.narrative = rating, narrative
    report.challenges, report.next_steps = challenges, next_steps
    if figures is not None:
        _validate_figures(report.project, figures)
    save_new_version(report, by=by)
    if figures is not None:
        report.figures.all().delete()
        ReportFigure.objects.bulk_create(
            ReportFigure(report=report, country_id=c, measure=m, sex=s, age_band=a, value=v)
            for (c, m, s, a), v in figures.items()
            if v
        )
    return report


def _move(report: ProgressReport, to_status: str, by: User, comment: str = "") -> ProgressReport:
    if to_status not in REPORT_TRANSITIONS[report.status]:
        raise ValidationError(
            gettext("This report is %(status)s: it cannot become %(to_status)s.")
            % {"status": report.get_status_display().lower(), "to_status": ReportStatus(to_status).label.lower()}
        )
    ReportStep.objects.create(report=report, from_status=report.status, to_status=to_status, by=by, comment=comment)
    report.status = to_status
    return save_new_version(report, by=by)


@transaction.atomic
def report_submit(*, report: ProgressReport, by: User, expected_version: int | None) -> ProgressReport:
    """Send the report to HQ for review; a returned report is resubmitted. Locks it for its author."""
    report = _locked(report, expected_version)
    _check_author(by, report)
    missing = {field for field in ("rating", "narrative") if not getattr(report, field).strip()}
    if missing:
        # Whole sentences, since languages join the two differently.
        if missing == {"rating", "narrative"}:
            message = gettext("Give the overall rating and the narrative before submitting.")
        elif "rating" in missing:
            message = gettext("Give the overall rating before submitting.")
        else:
            message = gettext("Give the narrative before submitting.")
        raise ValidationError(message)
    to_status = ReportStatus.RESUBMITTED if report.status == ReportStatus.RETURNED else ReportStatus.SUBMITTED
    report = _move(report, to_status, by)
    from projects.tasks import notify_report_submitted

    transaction.on_commit(lambda: notify_report_submitted.delay_safely(report.pk))
    return report


@transaction.atomic
def report_review(
    *, report: ProgressReport, by: User, expected_version: int | None, accept: bool, comment: str = ""
) -> ProgressReport:
    """HQ accepts the report (its figures become actuals) or returns it with a comment."""
    report = _locked(report, expected_version)
    if not policy.may_review_progress_report(by, report):
        raise PermissionDenied("Only HQ reviews progress reports.")
    comment = comment.strip()
    if not accept and not comment:
        raise ValidationError({"comment": gettext("Say what the CTA should change when returning a report.")})
    report.review_comment = "" if accept else comment
    report = _move(report, ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED, by, comment)
    from projects.tasks import notify_report_reviewed

    transaction.on_commit(lambda: notify_report_reviewed.delay_safely(report.pk))
    return report


@transaction.atomic
def evidence_add(
    *, report: ProgressReport, by: User, upload: UploadedFile, expected_version: int | None = None
) -> EvidenceFile:
    """Attach a file to a report the author can still edit; its type is checked from its content."""
    report = _locked(report, expected_version)
    _check_author(by, report)
    content_type, extension = check_evidence(upload, settings.EVIDENCE_MAX_BYTES)
    stem = os.path.splitext(os.path.basename(upload.name))[0][:80] or "evidence"
    evidence = EvidenceFile(
        report=report,
        original_name=os.path.basename(upload.name)[:255],
        content_type=content_type,
        size_bytes=upload.size,
        uploaded_by=by,
    )
    # The stored name takes the extension of what the content is, not of what it was called.
    evidence.file.save(f"{stem}.{extension}", upload, save=False)
    evidence.full_clean()
    evidence.save()
    return evidence


# Actuals --------------------------------------------------------------------------------


def actuals_by_cell(project_ids: Iterable[int]) -> dict[int, dict[tuple[str, str, str], int]]:
    """Accepted figures summed per project and (measure, sex, age band), over all its countries, in one query."""
    result: dict[int, dict[tuple[str, str, str], int]] = defaultdict(dict)
    rows = (
        ReportFigure.objects.filter(report__project_id__in=list(project_ids), report__status=ReportStatus.ACCEPTED)
        .values("report__project_id", "measure", "sex", "age_band")
        .annotate(total=Sum("value"))
    )
    for row in rows:
        result[row["report__project_id"]][(row["measure"], row["sex"], row["age_band"])] = row["total"]
    return result


def targets_against_actuals(project: Project) -> list[dict]:
    """One row per target cell and per reported cell: target, actual and the share reached."""
    actual = actuals_by_cell([project.pk]).get(project.pk, {})
    targets = {(t.measure, t.sex, t.age_band): t.value for t in Target.objects.filter(project=project)}
    rows = []
    for cell in sorted(set(targets) | set(actual), key=_cell_order):
        target, done = targets.get(cell), actual.get(cell, 0)
        rows.append(
            {
                "measure": TargetMeasure(cell[0]).label,
                "measure_code": cell[0],
                "sex": cell[1],
                "age_band": cell[2],
                "target": target,
                "actual": done,
                "percent": round(100 * done / target) if target else None,
            }
        )
    return rows


def totals_against_targets(project: Project) -> dict[str, dict[str, int]]:
    """Per measure (withdrawn, prevented, families): the target and the actual, summed over the breakdown."""
    totals = {m: {"target": 0, "actual": 0} for m in TargetMeasure.values}
    for (measure, _sex, _band), value in actuals_by_cell([project.pk]).get(project.pk, {}).items():
        totals[measure]["actual"] += value
    for row in Target.objects.filter(project=project).values("measure").annotate(total=Sum("value")):
        totals[row["measure"]]["target"] = row["total"]
    return totals


def _cell_order(cell: tuple[str, str, str]) -> tuple[int, str, str]:
    return (TargetMeasure.values.index(cell[0]), cell[1], cell[2])
