"""The pages through which CTAs keep their projects current and HQ reviews their progress reports.

Every view fetches the object the user may see or answers 404 (`_project_for`, `_report_for`),
then asks accounts.policy whether the user may do the action, or answers 403. Writes go
through the services; a ValidationError they raise is shown on the form and nothing is saved.
"""

from __future__ import annotations

import datetime
import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Exists, F, Max, Min, OuterRef, Prefetch, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import policy
from evaluations.rules import REQUIREMENT_LABELS, required_evaluations, rule_check
from evaluations.selectors import lessons_for_project
from ipec.history import history_rows
from projects.forms import (
    EvidenceForm,
    ProgressReportForm,
    ProjectNarrativeForm,
    ProjectStatusForm,
    ReviewForm,
    add_service_errors,
    figure_grid,
)
from projects.models import (
    REPORT_AWAITING_REVIEW,
    REPORT_EDITABLE,
    AgeBand,
    ProgressReport,
    Project,
    ReportStatus,
    Sex,
    TargetMeasure,
)
from projects.progress_reports import (
    REPORTING_STATUSES,
    evidence_add,
    report_review,
    report_save,
    report_submit,
    targets_against_actuals,
    totals_against_targets,
)
from projects.services import project_update_narrative, project_update_status

# How many history records a page lists before offering the whole history.
HISTORY_LIMIT = 30
# Rows per section of the review queue.
QUEUE_PAGE_SIZE = 25
# Lessons from similar projects shown on a project's page.
SIMILAR_LESSONS = 5


# Fetching what the user may see ---------------------------------------------------------


def _project_for(request: HttpRequest, slug: str) -> Project:
    """The project of `/projects/<slug>/` if the user may see it; otherwise 404, which does not confirm it exists."""
    project = (
        Project.objects.select_related("cta", "project_manager", "hq_backstopping_officer")
        .filter(code=slug.replace("-", "/"))
        .first()
    )
    if project is None or not policy.may_view_project(request.user, project):
        raise Http404("No such project.")
    return project


def _report_for(request: HttpRequest, slug: str, report_id: int) -> ProgressReport:
    project = _project_for(request, slug)
    # Through the project's manager, so report.project is the project already fetched.
    report = project.progress_reports.filter(pk=report_id).first()
    if report is None or not policy.may_view_progress_report(request.user, report):
        raise Http404("No such progress report.")
    return report


def _history_limit(request: HttpRequest) -> int | None:
    return None if request.GET.get("history") == "all" else HISTORY_LIMIT


def project_url(project: Project) -> str:
    return reverse("projects:detail", args=[project.slug])


def report_url(report: ProgressReport) -> str:
    return reverse("projects:report", args=[report.project.slug, report.pk])


# The project page and its two forms -------------------------------------------------------


@login_required
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project_for(request, slug)
    user = request.user
    totals = totals_against_targets(project)
    reports = [
        report
        for report in project.progress_reports.order_by("-period_start")
        if policy.may_view_progress_report(user, report)
    ]
    context = {
        "project": project,
        "countries": list(project.countries.order_by("name")),
        "status_changes": list(project.status_changes.select_related("changed_by")),
        "targets": [
            {**row, "breakdown": _breakdown(row["sex"], row["age_band"])} for row in targets_against_actuals(project)
        ],
        "totals": [
            {"label": TargetMeasure(measure).label, **values, "percent": _percent(values)}
            for measure, values in totals.items()
        ],
        "reports": reports,
        "today": timezone.localdate(),
        "history": history_rows(project, limit=_history_limit(request)),
        "may_update_status": policy.may_update_project_status(user, project),
        "may_edit_narrative": policy.may_edit_project_narrative(user, project),
        # The evaluation rule and lessons from similar projects (templates/evaluations/_project_*.html).
        "evaluation_required": [REQUIREMENT_LABELS[code] for code in required_evaluations(project)],
        "evaluation_rule": rule_check(project) if policy.may_view_evaluation_rule(user) else None,
        "similar_lessons": lessons_for_project(project, user, limit=SIMILAR_LESSONS),
        "may_view_lessons": policy.may_view_lessons(user),
    }
    return render(request, "projects/project_detail.html", context)


def _breakdown(sex: str, age_band: str) -> str:
    # str(): the labels are lazy translations, which join() does not take.
    return ", ".join(str(label) for label in (sex and Sex(sex).label, age_band and AgeBand(age_band).label) if label)


def _percent(values: dict[str, int]) -> int | None:
    return round(100 * values["actual"] / values["target"]) if values["target"] else None


@login_required
@require_http_methods(["GET", "POST"])
def project_status(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project_for(request, slug)
    if not policy.may_update_project_status(request.user, project):
        raise PermissionDenied("You may not update this project's status.")
    form = ProjectStatusForm(request.POST if request.method == "POST" else None, user=request.user, project=project)
    if form.is_bound and form.is_valid():
        try:
            project_update_status(project=project, by=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The project's status is updated."))
            return redirect(project_url(project))
    return render(request, "projects/project_status_form.html", {"project": project, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def project_narrative(request: HttpRequest, slug: str) -> HttpResponse:
    project = _project_for(request, slug)
    if not policy.may_edit_project_narrative(request.user, project):
        raise PermissionDenied("You may not edit this project's narrative.")
    form = ProjectNarrativeForm(request.POST if request.method == "POST" else None, project=project)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            project_update_narrative(
                project=project,
                by=request.user,
                expected_version=data["version"],
                summary=data["summary"],
                objectives=data["objectives"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The summary and objectives are saved."))
            return redirect(project_url(project))
    return render(request, "projects/project_narrative_form.html", {"project": project, "form": form})


# The progress report page and what is posted from it ---------------------------------------


@login_required
def report_detail(request: HttpRequest, slug: str, report_id: int) -> HttpResponse:
    return _report_page(request, _report_for(request, slug, report_id))


def _report_page(
    request: HttpRequest,
    report: ProgressReport,
    *,
    edit_form: ProgressReportForm | None = None,
    evidence_form: EvidenceForm | None = None,
    review_form: ReviewForm | None = None,
) -> HttpResponse:
    """The report page; a form that was posted and refused comes back bound, with its errors."""
    user, project = request.user, report.project
    countries = list(project.countries.order_by("name"))
    figures = list(report.figures.all())
    may_write = policy.may_write_progress_report(user, report) and report.is_editable
    may_review = policy.may_review_progress_report(user, report) and report.status in REPORT_AWAITING_REVIEW
    if may_write:
        edit_form = edit_form or ProgressReportForm(report=report, countries=countries, figures=figures)
        evidence_form = evidence_form or EvidenceForm(initial={"version": report.version})
    if may_review:
        review_form = review_form or ReviewForm(initial={"version": report.version})
    values = {(f.country_id, f.measure, f.sex, f.age_band): f.value for f in figures}
    context = {
        "project": project,
        "report": report,
        "steps": list(report.steps.select_related("by")),
        "evidence": list(report.evidence.select_related("uploaded_by")),
        "figures": figure_grid(countries, lambda c, m, s, a: values.get((c.pk, m, s, a), 0)) if figures else [],
        "edit_form": edit_form,
        "evidence_form": evidence_form,
        "review_form": review_form,
        "age_bands": AgeBand.labels,
        "today": timezone.localdate(),
        "history": history_rows(report, limit=_history_limit(request)),
    }
    return render(request, "projects/report_detail.html", context)


@login_required
@require_POST
def report_save_view(request: HttpRequest, slug: str, report_id: int) -> HttpResponse:
    """Save the draft; with "Save and submit to HQ", submit it too, both or neither."""
    report = _report_for(request, slug, report_id)
    if not policy.may_write_progress_report(request.user, report):
        raise PermissionDenied("You may not write this report.")
    countries = list(report.project.countries.order_by("name"))
    form = ProgressReportForm(request.POST, report=report, countries=countries)
    submit = request.POST.get("action") == "submit"
    if form.is_valid():
        try:
            with transaction.atomic():
                saved = report_save(report=report, by=request.user, **form.service_arguments())
                if submit:
                    report_submit(report=saved, by=request.user, expected_version=saved.version)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, gettext("The report is submitted to HQ.") if submit else gettext("The draft is saved.")
            )
            return redirect(report_url(report))
    return _report_page(request, report, edit_form=form)


@login_required
@require_POST
def report_review_view(request: HttpRequest, slug: str, report_id: int) -> HttpResponse:
    report = _report_for(request, slug, report_id)
    if not policy.may_review_progress_report(request.user, report):
        raise PermissionDenied("Only HQ reviews progress reports.")
    form = ReviewForm(request.POST)
    if form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            report_review(
                report=report,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                accept=accept,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, gettext("The report is accepted.") if accept else gettext("The report is returned to the CTA.")
            )
            return redirect(report_url(report))
    return _report_page(request, report, review_form=form)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, slug: str, report_id: int) -> HttpResponse:
    report = _report_for(request, slug, report_id)
    if not policy.may_write_progress_report(request.user, report):
        raise PermissionDenied("You may not add evidence to this report.")
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            # An upload made from a page of an older version is refused like any other edit.
            evidence = evidence_add(
                report=report,
                by=request.user,
                upload=form.cleaned_data["file"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error, file_field="file")
        else:
            messages.success(request, gettext("%(file)s is attached.") % {"file": evidence.original_name})
            return redirect(report_url(report) + "#evidence")
    return _report_page(request, report, evidence_form=form)


@login_required
def evidence_download(request: HttpRequest, slug: str, report_id: int, evidence_id: int) -> FileResponse:
    """Evidence files are only ever served here, to those who may see the report: media is not public."""
    report = _report_for(request, slug, report_id)
    evidence = report.evidence.filter(pk=evidence_id).first()
    if evidence is None:
        raise Http404("No such evidence file.")
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file is missing from storage.") from missing
    # Named as it was uploaded, with the extension of what the content is.
    stem = os.path.splitext(evidence.original_name)[0] or "evidence"
    extension = os.path.splitext(evidence.file.name)[1]
    response = FileResponse(
        handle, as_attachment=True, filename=f"{stem}{extension}", content_type=evidence.content_type
    )
    response["Cache-Control"] = "private"
    return response


# The CTA's home and HQ's review queue ------------------------------------------------------


@login_required
def my_projects(request: HttpRequest) -> HttpResponse:
    """A CTA's national projects (for HQ, those they backstop), those needing attention first.

    A project needs attention when one of its open reports is returned or overdue. Four queries
    whatever the number of projects: the projects with their ordering annotated, their
    countries, and their reports not yet accepted.
    """
    user = request.user
    if not policy.may_view_my_projects(user):
        raise PermissionDenied("This page lists the projects assigned to you; none are.")
    today = timezone.localdate()
    mine = Q(hq_backstopping_officer=user) if policy.is_hq(user) else Q(cta=user, kind="national")
    # Only projects still reporting chase their open reports (ProgressReportQuerySet.open).
    attention = (
        ProgressReport.objects.open()
        .filter(project=OuterRef("pk"))
        .filter(Q(status=ReportStatus.RETURNED) | Q(due_on__lt=today))
    )
    projects = list(
        Project.objects.filter(mine)
        .annotate(
            needs_attention=Exists(attention),
            next_due_on=Min(
                "progress_reports__due_on",
                filter=Q(progress_reports__status__in=REPORT_EDITABLE, status__in=REPORTING_STATUSES),
            ),
        )
        .order_by(F("needs_attention").desc(), F("next_due_on").asc(nulls_last=True), "code")
        .prefetch_related(
            "countries",
            Prefetch(
                "progress_reports",
                queryset=ProgressReport.objects.exclude(status=ReportStatus.ACCEPTED).order_by("due_on"),
                to_attr="pending_reports",
            ),
        )
    )
    for project in projects:
        reporting = project.status in REPORTING_STATUSES
        open_reports = [r for r in project.pending_reports if reporting and r.status in REPORT_EDITABLE]
        project.next_report = open_reports[0] if open_reports else None
        project.overdue_count = sum(1 for r in open_reports if r.due_on < today)
        project.returned_count = sum(1 for r in open_reports if r.status == ReportStatus.RETURNED)
        project.waiting_count = len(project.pending_reports) - len(open_reports)
    return render(
        request,
        "projects/my_projects.html",
        {"projects": projects, "today": today, "backstopping": policy.is_hq(user)},
    )


def _queue_section(request: HttpRequest, queryset: QuerySet, param: str, since: str, today: datetime.date) -> Page:
    """One section of the queue, a page at a time (`?<param>=2`), with how many days each row has waited."""
    page = Paginator(queryset, QUEUE_PAGE_SIZE).get_page(request.GET.get(param))
    page.object_list = list(page.object_list)
    for report in page.object_list:
        since_day = getattr(report, since)  # a due date, or the moment of the last step
        if isinstance(since_day, datetime.datetime):
            since_day = timezone.localdate(since_day)
        report.days = (today - since_day).days if since_day else None
    page.param = param
    return page


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """HQ's queue: reports waiting for review, overdue, and returned, each section paginated.

    Two queries per section (a count and a page), whatever the number of reports.
    `?mine=1` keeps the projects the user backstops.
    """
    if not policy.may_review_progress_report(request.user):
        raise PermissionDenied("Only HQ reviews progress reports.")
    today = timezone.localdate()
    reports = ProgressReport.objects.select_related("project__cta")
    mine = request.GET.get("mine") == "1"
    if mine:
        reports = reports.filter(project__hq_backstopping_officer=request.user)
    last_step = Max("steps__at")
    sections = [
        {
            "id": "waiting",
            "title": _("Waiting for review"),
            "days_label": _("Days waiting"),
            "page": _queue_section(
                request,
                reports.awaiting_review().annotate(sent_at=last_step).order_by("sent_at", "pk"),
                "waiting_page",
                "sent_at",
                today,
            ),
        },
        {
            "id": "overdue",
            "title": _("Overdue"),
            "days_label": _("Days overdue"),
            "page": _queue_section(
                request, reports.overdue(today).order_by("due_on", "pk"), "overdue_page", "due_on", today
            ),
        },
        {
            "id": "returned",
            "title": _("Returned to the CTA"),
            "days_label": _("Days since returned"),
            "page": _queue_section(
                request,
                reports.filter(status=ReportStatus.RETURNED)
                .annotate(returned_at=last_step)
                .order_by("returned_at", "pk"),
                "returned_page",
                "returned_at",
                today,
            ),
        },
    ]
    return render(request, "projects/review_queue.html", {"sections": sections, "mine": mine, "today": today})
