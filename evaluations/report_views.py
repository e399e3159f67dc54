"""The evaluation report's pages: its state, asking for a new one, and the PDF itself.

Every view fetches the evaluation the user may see or answers 404 (which does not confirm it
exists), then asks accounts.policy whether the user may do the action, or answers 403.
Report files are never served from MEDIA_URL: only `report_pdf` streams them.

For the evaluation page: `report_panel(request.user, evaluation)` gives the context of the
`evaluations/report_status.html` fragment (`{% include … with panel=report_panel %}`).
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from accounts import policy
from evaluations import reports
from evaluations.models import Evaluation, EvaluationReport, ReportState
from evaluations.report_jobs import FINAL_STATES, request_report

# How many earlier versions the report page lists.
VERSIONS_SHOWN = 20


def _evaluation_for(request: HttpRequest, evaluation_id: int) -> Evaluation:
    evaluation = Evaluation.objects.filter(pk=evaluation_id).first()
    if evaluation is None or not policy.may_view_evaluation(request.user, evaluation):
        raise Http404("No such evaluation.")
    return evaluation


def _latest(evaluation: Evaluation) -> EvaluationReport | None:
    return evaluation.reports.order_by("-version").first()


def _latest_ready(evaluation: Evaluation) -> EvaluationReport | None:
    return evaluation.reports.filter(state=ReportState.READY).order_by("-version").first()


def report_panel(user, evaluation: Evaluation) -> dict[str, Any]:
    """What the report status fragment shows to this user about this evaluation's report."""
    latest = _latest(evaluation)
    ready = latest if latest and latest.state == ReportState.READY else _latest_ready(evaluation)
    may_request = policy.may_request_report(user, evaluation)
    return {
        "evaluation": evaluation,
        "latest": latest,
        "ready": ready,
        "final": latest is None or latest.state in FINAL_STATES,
        "may_request": may_request,
        "may_download": policy.may_download_report(user, evaluation),
        "show_error": may_request,
        "page_url": reverse("evaluation_reports:page", args=[evaluation.pk]),
        "status_url": reverse("evaluation_reports:status", args=[evaluation.pk]),
        "pdf_url": reverse("evaluation_reports:pdf", args=[evaluation.pk]),
    }


@login_required
@require_http_methods(["GET", "POST"])
def report_page(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """The report's state and versions; POST asks for a new report."""
    evaluation = _evaluation_for(request, evaluation_id)
    if request.method == "POST":
        if not policy.may_request_report(request.user, evaluation):
            raise PermissionDenied("You may not ask for this evaluation's report.")
        report = request_report(evaluation=evaluation, by=request.user)
        messages.success(
            request,
            gettext("Report version %(version)s is on its way; the page follows its progress.")
            % {"version": report.version},
        )
        # Back to the page the button was on (e.g. the evaluation's page), if it is one of ours.
        back = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            return redirect(back)
        return redirect("evaluation_reports:page", evaluation.pk)
    panel = report_panel(request.user, evaluation)
    versions = list(evaluation.reports.select_related("requested_by").order_by("-version")[:VERSIONS_SHOWN])
    return render(request, "evaluations/report/status_page.html", {"panel": panel, "versions": versions})


@login_required
@require_GET
def report_status(request: HttpRequest, evaluation_id: int) -> JsonResponse:
    """The latest report's state, for the page's polling script."""
    evaluation = _evaluation_for(request, evaluation_id)
    latest = _latest(evaluation)
    data: dict[str, Any] = {"evaluation": evaluation.pk, "state": "none", "label": "No report yet", "final": True}
    if latest is not None:
        data.update(
            state=latest.state,
            label=latest.get_state_display(),
            final=latest.state in FINAL_STATES,
            version=latest.version,
            page_count=latest.page_count,
            size_bytes=latest.size_bytes,
            rendered_at=latest.rendered_at.isoformat() if latest.rendered_at else None,
        )
        if latest.state == ReportState.FAILED and policy.may_request_report(request.user, evaluation):
            data["error"] = latest.error
    if policy.may_download_report(request.user, evaluation) and _latest_ready(evaluation):
        data["download_url"] = reverse("evaluation_reports:pdf", args=[evaluation.pk])
    response = JsonResponse(data)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def report_pdf(request: HttpRequest, evaluation_id: int) -> FileResponse:
    """The latest ready PDF (or `?version=N`), to those who may download it."""
    evaluation = _evaluation_for(request, evaluation_id)
    if not policy.may_download_report(request.user, evaluation):
        raise PermissionDenied("You may not download this evaluation's report.")
    ready = evaluation.reports.filter(state=ReportState.READY)
    version = request.GET.get("version", "")
    if version:
        # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
        if not re.fullmatch(r"[0-9]{1,9}", version):
            raise Http404("No such version.")
        ready = ready.filter(version=int(version))
    report = ready.order_by("-version").first()
    if report is None:
        raise Http404("No report is ready yet.")
    try:
        handle = report.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The report file is missing from storage.") from missing
    filename = reports.report_filename(evaluation, report.language).replace(".pdf", f"-v{report.version}.pdf")
    response = FileResponse(handle, filename=filename, content_type="application/pdf")
    response["Cache-Control"] = "private"
    response["ETag"] = f'"{report.sha256}"'
    return response


@login_required
@require_GET
def report_preview(request: HttpRequest, evaluation_id: int) -> HttpResponse:
    """DEBUG only: the report's HTML as the PDF is drawn from, for work on its CSS in a browser."""
    if not settings.DEBUG:
        raise Http404("The preview exists only with DEBUG.")
    evaluation = _evaluation_for(request, evaluation_id)
    if not policy.may_request_report(request.user, evaluation):
        raise PermissionDenied("You may not ask for this evaluation's report.")
    presenter = reports.ReportPresenter.for_evaluation(evaluation)
    return HttpResponse(reports.render_html(presenter, static_prefix=settings.STATIC_URL))
