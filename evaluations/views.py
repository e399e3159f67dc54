"""Evaluation pages and the lessons library.

Every view fetches the evaluation the user may see or answers 404 (`_evaluation_for`: an
evaluator never learns that another's evaluation exists), then asks accounts.policy whether
the user may do the action, or answers 403. Writes go through evaluations.services; a
ValidationError they raise is shown on the form and nothing is saved.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from accounts import policy
from evaluations import rules
from evaluations.display import EXPORT_COLUMNS, template_fields
from evaluations.filters import EvaluationFilter, filter_errors
from evaluations.forms import (
    AdvanceForm,
    EvaluationTextsForm,
    FindingForm,
    GoodPracticeForm,
    LessonForm,
    RecommendationForm,
    ResponseForm,
    stamp,
)
from evaluations.models import (
    Criterion,
    Evaluation,
    EvaluationStatus,
    Finding,
    Recommendation,
)
from evaluations.selectors import (
    evaluation_for_page,
    iter_library,
    lessons_library,
    library_objects,
    library_total,
    visible_evaluations,
)
from evaluations.selectors import (
    evaluation_list as evaluations_for_list,
)
from evaluations.services import (
    evaluation_advance,
    evaluation_update,
    finding_record,
    good_practice_add,
    lesson_add,
    recommendation_add,
    recommendation_respond,
)
from ipec import keyset
from ipec.exports import ExportColumn, csv_response
from ipec.history import history_rows
from ipec.listing import PAGE_PARAM, PLACE_PARAMS, place_links, querystring
from projects.forms import add_service_errors
from projects.models import Project

# How many history records the page lists before offering the whole history.
HISTORY_LIMIT = 30
EVALUATIONS_PER_PAGE = 50
MISSING_PER_PAGE = 20
LESSONS_PER_PAGE = 20


# Fetching what the user may see ---------------------------------------------------------------------


def _evaluation_for(request: HttpRequest, pk: int) -> Evaluation:
    """The evaluation if the user may see it; otherwise 404, which does not confirm it exists."""
    evaluation = visible_evaluations(request.user).filter(pk=pk).first()
    if evaluation is None:
        raise Http404("No such evaluation.")
    return evaluation


def _require_recording(request: HttpRequest, evaluation: Evaluation) -> None:
    if not policy.may_record_evaluation_content(request.user, evaluation):
        if evaluation.status == EvaluationStatus.PUBLISHED:
            raise PermissionDenied("This evaluation is published; its content can no longer change.")
        raise PermissionDenied("Only the evaluation's evaluators and HQ record its content.")


def _require_managing(request: HttpRequest, evaluation: Evaluation) -> None:
    if not policy.may_manage_evaluation(request.user, evaluation):
        raise PermissionDenied("Only HQ manages evaluations.")


def evaluation_url(evaluation: Evaluation, anchor: str = "") -> str:
    url = reverse("evaluations:detail", args=[evaluation.pk])
    return f"{url}#{anchor}" if anchor else url


def _lock(evaluation: Evaluation) -> Evaluation:
    """The evaluation's row, locked until the end of the transaction: every content write locks it too."""
    return Evaluation.objects.select_for_update().get(pk=evaluation.pk)


def _refuse_if_changed(current: object, based_on: str, refusal: str) -> None:
    """Refuse a write made from a page built before `current` (a row, or None) was last saved.

    `refusal` is the whole sentence, in the reader's language: languages word "someone else saved …" differently.
    """
    if stamp(current) != based_on:
        raise ValidationError(refusal, code="conflict")


# The list ---------------------------------------------------------------------------------------------


@login_required
@require_GET
def evaluation_list(request: HttpRequest) -> HttpResponse:
    """The evaluations the user may see, filtered by the query string; an evaluator's home page.

    For HQ, a second section lists the projects that miss an evaluation the rule requires.
    """
    user = request.user
    filterset = EvaluationFilter(request.GET, queryset=evaluations_for_list(user))
    errors = [] if filterset.is_valid() else filter_errors(filterset)
    evaluations = filterset.qs if not errors else filterset.queryset.none()
    page = Paginator(evaluations, EVALUATIONS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    missing_page = missing_total = None
    if policy.may_view_evaluation_rule(user):
        missing = rules.projects_missing_required_evaluation(Project.objects.all(), probe=True).order_by(
            "-budget_usd", "code"
        )
        # Counted up to keyset.COUNT_CAP only: an exact count of the whole portfolio took most of the page's time
        # at 100,000 projects. Above the cap the pages reach the first COUNT_CAP projects, the largest budgets.
        missing_total = keyset.count(missing)
        paginator = Paginator(missing, MISSING_PER_PAGE)
        paginator.count = missing_total.value if missing_total.exact else missing_total.cap
        missing_page = paginator.get_page(request.GET.get("missing_page"))
        missing_page.object_list = list(missing_page.object_list)
        for project in missing_page.object_list:
            project.missing = [rules.REQUIREMENT_LABELS[code] for code in rules.missing_from_annotations(project)]
    context = {
        "filter": filterset,
        "errors": errors,
        "page": page,
        "evaluations": page.object_list,
        "filtered": any(request.GET.get(name) for name in filterset.filters),
        "missing_page": missing_page,
        "missing_total": missing_total,
        "thresholds": rules.thresholds(),
    }
    return render(request, "evaluations/evaluation_list.html", context)


# The evaluation page ------------------------------------------------------------------------------------


def _report_panel(user, evaluation: Evaluation) -> dict | None:
    """The PDF report's state for the page, once the report pipeline (evaluations.report_views) is installed.

    The pipeline is built beside these pages; until its module exists the page shows no report block.
    """
    if importlib.util.find_spec("evaluations.report_views") is None:
        return None
    from evaluations.report_views import report_panel

    return report_panel(user, evaluation)


@login_required
@require_GET
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    evaluation = evaluation_for_page(user, pk)
    if evaluation is None:
        raise Http404("No such evaluation.")
    findings = {finding.criterion: finding for finding in evaluation.findings.all()}
    context = {
        "evaluation": evaluation,
        "projects": list(evaluation.projects.all()),
        "evaluators": list(evaluation.evaluators.all()),
        "steps": list(evaluation.steps.all()),
        "criteria": [
            {"value": value, "label": label, "finding": findings.get(value)} for value, label in Criterion.choices
        ],
        "recommendations": list(evaluation.recommendations.all()),
        "lessons": [(lesson, template_fields(lesson)) for lesson in evaluation.lessons.all()],
        "good_practices": [(practice, template_fields(practice)) for practice in evaluation.good_practices.all()],
        "history": history_rows(evaluation, limit=None if request.GET.get("history") == "all" else HISTORY_LIMIT),
        "may_record": policy.may_record_evaluation_content(user, evaluation),
        "may_manage": policy.may_manage_evaluation(user, evaluation),
        "next_status": EvaluationStatus(evaluation.next_status).label if evaluation.next_status else None,
        # The PDF report's state and its "make a new report" button (templates/evaluations/report_status.html).
        "report_panel": _report_panel(user, evaluation),
    }
    return render(request, "evaluations/evaluation_detail.html", context)


def _form_page(request: HttpRequest, evaluation: Evaluation, form: Form, *, heading: str, **extra) -> HttpResponse:
    context = {"evaluation": evaluation, "form": form, "heading": heading, **extra}
    return render(request, "evaluations/evaluation_form.html", context)


# The evaluator's forms ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_texts(request: HttpRequest, pk: int) -> HttpResponse:
    """Executive summary, purpose, scope, methodology, conclusions and annexes."""
    evaluation = _evaluation_for(request, pk)
    _require_recording(request, evaluation)
    form = EvaluationTextsForm(request.POST if request.method == "POST" else None, evaluation=evaluation)
    if form.is_bound and form.is_valid():
        try:
            evaluation_update(
                evaluation=evaluation, by=request.user, expected_version=form.cleaned_data["version"], **form.texts()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The report's texts are saved."))
            return redirect(evaluation_url(evaluation, "texts"))
    return _form_page(
        request, evaluation, form, heading=gettext("Summary, purpose, scope, methodology and conclusions")
    )


@login_required
@require_http_methods(["GET", "POST"])
def finding_edit(request: HttpRequest, pk: int, criterion: str) -> HttpResponse:
    """The findings and rating of one OECD-DAC criterion, written or rewritten."""
    if criterion not in Criterion.values:
        raise Http404("No such criterion.")
    evaluation = _evaluation_for(request, pk)
    _require_recording(request, evaluation)
    label = Criterion(criterion).label
    criterion_name = {"criterion": label.lower()}
    finding = Finding.objects.filter(evaluation=evaluation, criterion=criterion).first()
    form = FindingForm(request.POST if request.method == "POST" else None, finding=finding)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                _lock(evaluation)
                current = Finding.objects.filter(evaluation=evaluation, criterion=criterion).first()
                _refuse_if_changed(
                    current,
                    data["based_on"],
                    gettext(
                        "Someone else saved the findings on %(criterion)s while you were editing. Nothing of yours "
                        "was saved: reload the page to see the current text, then make your change again."
                    )
                    % criterion_name,
                )
                finding_record(evaluation=evaluation, criterion=criterion, text=data["text"], rating=data["rating"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("The findings on %(criterion)s are saved.") % criterion_name)
            return redirect(evaluation_url(evaluation, f"finding-{criterion}"))
    return _form_page(request, evaluation, form, heading=gettext("Findings: %(criterion)s") % {"criterion": label})


def _add_content(
    request: HttpRequest,
    pk: int,
    *,
    form_class: type[Form],
    add: Callable[..., object],
    heading: str,
    saved: str,
    anchor: str,
) -> HttpResponse:
    """A form that adds a recommendation, a lesson or a good practice to an open evaluation."""
    evaluation = _evaluation_for(request, pk)
    _require_recording(request, evaluation)
    form = form_class(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            add(evaluation=evaluation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, saved)
            return redirect(evaluation_url(evaluation, anchor))
    return _form_page(request, evaluation, form, heading=heading)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _add_content(
        request, pk, form_class=RecommendationForm, add=recommendation_add, heading=gettext("Add a recommendation"),
        saved=gettext("The recommendation is added."), anchor="recommendations",
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def lesson_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _add_content(
        request, pk, form_class=LessonForm, add=lesson_add, heading=gettext("Add a lesson learned"),
        saved=gettext("The lesson learned is added."), anchor="lessons",
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def good_practice_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _add_content(
        request, pk, form_class=GoodPracticeForm, add=good_practice_add,
        heading=gettext("Add an emerging good practice"), saved=gettext("The good practice is added."),
        anchor="good-practices",
    )  # fmt: skip


# HQ's forms --------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_advance_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the evaluation to its next step, dated and with a note."""
    evaluation = _evaluation_for(request, pk)
    _require_managing(request, evaluation)
    form = AdvanceForm(request.POST if request.method == "POST" else None, evaluation=evaluation)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                locked = _lock(evaluation)
                if locked.status != data["from_status"]:
                    raise ValidationError(
                        gettext(
                            "Someone else moved this evaluation to %(status)s meanwhile. "
                            "Nothing was changed: check its steps before moving it on."
                        )
                        % {"status": locked.get_status_display().lower()},
                        code="conflict",
                    )
                step = evaluation_advance(
                    evaluation=locked, reached_on=data["reached_on"], changed_by=request.user, note=data["note"]
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # The report pipeline hears of the step from evaluation_advance itself (report_jobs.on_step_reached).
            messages.success(
                request, gettext("The evaluation reached %(status)s.") % {"status": step.get_status_display().lower()}
            )
            return redirect(evaluation_url(evaluation, "steps"))
    next_status = evaluation.next_status
    heading = (
        gettext("Move to %(status)s") % {"status": EvaluationStatus(next_status).label.lower()}
        if next_status
        else gettext("No further step")
    )
    return _form_page(request, evaluation, form, heading=heading, advancing=True, next_status=next_status)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_response(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """HQ's management response to a recommendation and its follow-up; recorded at any step."""
    evaluation = _evaluation_for(request, pk)
    _require_managing(request, evaluation)
    recommendation = evaluation.recommendations.filter(number=number).first()
    if recommendation is None:
        raise Http404("No such recommendation.")
    form = ResponseForm(request.POST if request.method == "POST" else None, recommendation=recommendation)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                current = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
                _refuse_if_changed(
                    current,
                    data["based_on"],
                    gettext(
                        "Someone else saved recommendation %(number)s while you were editing. Nothing of yours "
                        "was saved: reload the page to see the current text, then make your change again."
                    )
                    % {"number": number},
                )
                recommendation_respond(
                    recommendation=current,
                    management_response=data["management_response"],
                    response_comment=data["response_comment"],
                    follow_up=data["follow_up"],
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                gettext("The management response to recommendation %(number)s is saved.") % {"number": number},
            )
            return redirect(evaluation_url(evaluation, f"recommendation-{number}"))
    return _form_page(
        request, evaluation, form, heading=gettext("Management response to recommendation %(number)s") % {"number": number},
        recommendation=recommendation,
    )  # fmt: skip


# The lessons library -------------------------------------------------------------------------------------------


def _require_lessons(request: HttpRequest) -> None:
    if not policy.may_view_lessons(request.user):
        raise PermissionDenied("The lessons library is not open to your role.")


@login_required
@require_GET
def lesson_library(request: HttpRequest) -> HttpResponse:
    """Lessons learned and good practices of the evaluations the user may see: searched, filtered, paged.

    Paged by keyset like /projects/ (evaluations.selectors, ipec.keyset): `?after=`/`?before=` hold the
    place, a cursor that cannot be read is refused on the page like a bad filter, and `?page=N` of older
    links shows the first page with a note. The total is exact up to keyset.COUNT_CAP, estimated above.
    """
    _require_lessons(request)
    library = lessons_library(request.user, request.GET)
    errors = library.errors
    page, total = keyset.KeysetPage(object_list=[]), None
    if not errors:
        after, before = request.GET.get(keyset.AFTER, ""), request.GET.get(keyset.BEFORE, "")
        try:
            page = keyset.keyset_page(library.rows, library.order, LESSONS_PER_PAGE, after, before)
        except keyset.CursorError:
            name = keyset.AFTER if after else keyset.BEFORE
            errors = [keyset.refusal(name, request.GET.get(name, ""))]
        else:
            page, total = place_links(request.GET, page), library_total(library)
    items = library_objects(page.object_list)
    context = {
        "filter": library.filterset,
        "errors": errors,
        "page": page,
        "total": total,
        "ranked": library.order.ranked,
        "ranked_recent": library.ranked_recent,
        "unnumbered": request.GET.get(PAGE_PARAM, "1") != "1",
        "items": [(item, template_fields(item)) for item in items],
        "filtered": any(request.GET.get(name) for name in library.filterset.filters),
        "may_export": policy.may_export(request.user),
        "export_query": querystring(request.GET, **dict.fromkeys(PLACE_PARAMS)),
    }
    return render(request, "evaluations/lesson_library.html", context)


@login_required
@require_GET
def lesson_export(request: HttpRequest) -> HttpResponse:
    """The library's list as CSV, with the same query parameters as the page (but the place), every row in
    the page's order, streamed."""
    _require_lessons(request)
    if not policy.may_export(request.user):
        raise PermissionDenied("Exports are not open to your role.")
    library = lessons_library(request.user, request.GET)
    if library.errors:
        return HttpResponseBadRequest(
            "The export was not made: " + " ".join(library.errors), content_type="text/plain; charset=utf-8"
        )
    columns = [ExportColumn(header, value) for header, value in EXPORT_COLUMNS]
    return csv_response(iter_library(library), columns, "ipec-lessons.csv")
