"""HQ admin for evaluations: planning, content, the lifecycle steps and the generated reports.

A new evaluation is planned through evaluation_create (which records its first step), it
moves on only through evaluation_advance from its own page, and its content is written
only while it is open, as the services require.
"""

from __future__ import annotations

import os

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import F, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from accounts import policy
from accounts.admin import assignable_users
from accounts.models import User
from evaluations.models import (
    Evaluation,
    EvaluationReport,
    EvaluationStatus,
    EvaluationStep,
    Finding,
    GoodPractice,
    LessonLearned,
    Recommendation,
)
from evaluations.services import (
    EVALUATION_FIELDS,
    evaluation_advance,
    evaluation_create,
    evaluation_update,
    finding_record,
    good_practice_add,
    lesson_add,
    recommendation_add,
    recommendation_respond,
    validate_scope_projects,
)
from ipec.admin_base import (
    ChangeHistoryMixin,
    LargeTableMixin,
    ReadOnlyAdmin,
    ReadOnlyInline,
    SafeAutocompleteMixin,
    adopt,
    editable_values,
    save_formset_through,
)
from projects.admin_forms import VersionedAdminForm
from projects.models import Project


def may_record(request: HttpRequest, evaluation: Evaluation | None) -> bool:
    """Content is written only while the evaluation is open (accounts.policy, evaluations.services.validate_open)."""
    return evaluation is None or policy.may_record_evaluation_content(request.user, evaluation)


class ContentInlineMixin:
    """Findings, recommendations, lessons and good practices: editable while the evaluation is open."""

    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Evaluation | None = None) -> bool:
        return may_record(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Evaluation | None = None) -> bool:
        return may_record(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Evaluation | None = None) -> bool:
        return may_record(request, obj) and super().has_delete_permission(request, obj)


class FindingInline(ContentInlineMixin, admin.TabularInline):
    model = Finding
    fields = ("criterion", "rating", "text")


class RecommendationInline(ContentInlineMixin, admin.StackedInline):
    model = Recommendation
    fields = (
        ("number", "priority", "timeframe"),
        "text",
        "addressee",
        ("management_response", "follow_up"),
        "response_comment",
    )
    readonly_fields = ("number",)  # given in order by recommendation_add


class LessonInline(ContentInlineMixin, admin.StackedInline):
    model = LessonLearned
    fields = (
        "title",
        "description",
        "context",
        "challenges",
        "causal_factors",
        "targeted_users",
        "success",
        "administrative_issues",
    )


class GoodPracticeInline(ContentInlineMixin, admin.StackedInline):
    model = GoodPractice
    fields = ("title", "summary", "conditions", "cause_effect", "measurable_impact", "replication_potential")


class StepInline(ReadOnlyInline):
    model = EvaluationStep
    fields = ("status", "reached_on", "changed_by", "changed_at", "note")
    verbose_name_plural = "steps reached"

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related("changed_by")


def report_file_name(report: EvaluationReport) -> str:
    """The stored file's name, not a link: media is not public, reports are downloaded from the evaluation's page."""
    return os.path.basename(report.file.name) if report.file else "–"


class ReportInline(ReadOnlyInline):
    model = EvaluationReport
    fields = ("version", "state", "language", "file_name", "page_count", "rendered_at", "requested_by", "error")
    verbose_name_plural = "generated reports"

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related("requested_by")

    @admin.display(description="file")
    def file_name(self, obj: EvaluationReport) -> str:
        return report_file_name(obj)


def _create_content(evaluation: Evaluation):
    """The service that adds each kind of content row to `evaluation`, taking the row built from the form."""
    return {
        Finding: lambda f: finding_record(evaluation=evaluation, criterion=f.criterion, text=f.text, rating=f.rating),
        Recommendation: lambda r: recommendation_add(
            evaluation=evaluation, **editable_values(r, exclude={"evaluation", "number"})
        ),
        LessonLearned: lambda lesson: lesson_add(
            evaluation=evaluation, **editable_values(lesson, exclude={"evaluation"})
        ),
        GoodPractice: lambda p: good_practice_add(evaluation=evaluation, **editable_values(p, exclude={"evaluation"})),
    }


class EvaluationAdminForm(VersionedAdminForm):
    """How many projects each scope covers, as evaluation_create checks it."""

    def clean(self) -> dict:
        cleaned = super().clean()
        if "scope" in cleaned and "projects" in cleaned:
            try:
                validate_scope_projects(cleaned["scope"], list(cleaned["projects"]))
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class AdvanceForm(forms.Form):
    reached_on = forms.DateField(
        label="reached on",
        initial=timezone.localdate,
        widget=AdminDateWidget,
        help_text="The date the step was reached.",
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


@admin.register(Evaluation)
class EvaluationAdmin(LargeTableMixin, SafeAutocompleteMixin, ChangeHistoryMixin, admin.ModelAdmin):
    form = EvaluationAdminForm
    list_display = (
        "title",
        "project_codes",
        "scope",
        "timing",
        "modality",
        "status",
        "evaluation_manager",
        "planned_start",
        "language",
    )
    list_filter = ("status", "timing", "modality", "scope", "language")
    list_select_related = ("evaluation_manager",)
    # The evaluation list's order, empty dates last, read off its index (evaluation_list_order); the model's
    # ordering with the admin's added "-pk" had no index and sorted every evaluation for each page.
    ordering = (F("planned_start").desc(nulls_last=True), "title", "pk")
    search_fields = ("title", "projects__code", "projects__title", "evaluators__last_name", "evaluators__username")
    autocomplete_fields = ("projects", "evaluation_manager", "evaluators")
    fieldsets = (
        (
            None,
            {"fields": ("title", "scope", "projects", ("timing", "modality"), "status", "language", "loaded_version")},
        ),
        ("People and dates", {"fields": ("evaluation_manager", "evaluators", ("planned_start", "planned_end"))}),
        (
            "Report text",
            {
                "classes": ("collapse",),
                "fields": ("executive_summary", "purpose", "scope_text", "methodology", "conclusions", "annexes"),
            },
        ),
        ("History", {"fields": ("change_history",)}),
    )
    readonly_fields = ("status", "change_history")
    inlines = (FindingInline, RecommendationInline, LessonInline, GoodPracticeInline, StepInline, ReportInline)

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        projects = Project.objects.only("id", "code").order_by("code")
        return super().get_queryset(request).prefetch_related(Prefetch("projects", queryset=projects))

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.related_model is User:
            kwargs["queryset"] = assignable_users("evaluation", db_field.name)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        if db_field.related_model is User:
            kwargs["queryset"] = assignable_users("evaluation", db_field.name)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_inlines(self, request: HttpRequest, obj: Evaluation | None):
        # A planned evaluation has no history or report yet.
        return self.inlines if obj else tuple(i for i in self.inlines if i not in (StepInline, ReportInline))

    @admin.display(description="projects")
    def project_codes(self, obj: Evaluation) -> str:
        return ", ".join(p.code for p in obj.projects.all())

    def save_model(self, request: HttpRequest, obj: Evaluation, form: forms.ModelForm, change: bool) -> None:
        if change:
            changed = {name: form.cleaned_data[name] for name in form.changed_data if name in EVALUATION_FIELDS}
            updated = evaluation_update(
                evaluation=obj, by=request.user, expected_version=form.cleaned_data["loaded_version"], **changed
            )
            adopt(obj, updated)
            return
        fields = {k: v for k, v in form.cleaned_data.items() if k not in ("projects", "evaluators", "loaded_version")}
        evaluation = evaluation_create(
            projects=form.cleaned_data["projects"],
            evaluators=form.cleaned_data["evaluators"],
            created_by=request.user,
            **fields,
        )
        adopt(obj, evaluation)

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets, change: bool) -> None:
        if change:  # on add, evaluation_create has set the projects and evaluators
            form.save_m2m()
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(self, request: HttpRequest, form: forms.ModelForm, formset, change: bool) -> None:
        create = _create_content(form.instance).get(formset.model)
        if create is None:
            super().save_formset(request, form, formset, change)  # steps and reports are read-only: nothing to save
        else:
            save_formset_through(formset, create)

    # --- Lifecycle ---

    def get_urls(self):
        advance = path(
            "<path:object_id>/advance/",
            self.admin_site.admin_view(self.advance_view),
            name="evaluations_evaluation_advance",
        )
        return [advance, *super().get_urls()]  # before the catch-all "<path:object_id>/"

    def advance_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Move the evaluation to its next step, dated and attributed, through the service."""
        evaluation = self.get_object(request, unquote(object_id))
        if evaluation is None:
            raise Http404("No such evaluation.")
        if not (self.has_change_permission(request, evaluation) and policy.may_manage_evaluation(request.user)):
            raise PermissionDenied
        next_status = evaluation.next_status
        form = AdvanceForm(request.POST or None) if next_status else None
        if form is not None and request.method == "POST" and form.is_valid():
            try:
                step = evaluation_advance(evaluation=evaluation, changed_by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                label = step.get_status_display().lower()
                self.log_change(request, evaluation, f"Advanced to {label}.")
                self.message_user(request, f"“{evaluation}” has reached {label}.", messages.SUCCESS)
                return redirect(reverse("admin:evaluations_evaluation_change", args=[evaluation.pk]))
        status = evaluation.get_status_display().lower()
        intro = (
            f"Now at {status}; the next step is {EvaluationStatus(next_status).label.lower()}."
            if next_status
            else f"The evaluation is {status}: it has no further step."
        )
        context = {
            **self.admin_site.each_context(request),
            "title": "Advance to the next step",
            "opts": self.opts,
            "original": evaluation,
            "form": form,
            "media": self.media + (form.media if form else forms.Media()),
            "intro": intro,
            "submit_label": "Advance",
        }
        return TemplateResponse(request, "admin/object_action.html", context)


@admin.register(EvaluationStep)
class EvaluationStepAdmin(ReadOnlyAdmin):
    list_display = ("evaluation", "status", "reached_on", "changed_by", "changed_at")
    list_filter = ("status",)
    list_select_related = ("evaluation", "changed_by")
    search_fields = ("evaluation__title", "note")


@admin.register(EvaluationReport)
class EvaluationReportAdmin(ReadOnlyAdmin):
    """Reports are rendered by a background task and downloaded from the evaluation's page; here they are listed."""

    list_display = (
        "evaluation",
        "version",
        "state",
        "language",
        "page_count",
        "size_bytes",
        "rendered_at",
        "file_name",
    )
    list_filter = ("state", "language")
    list_select_related = ("evaluation",)
    search_fields = ("evaluation__title", "task_id")
    fields = (
        "evaluation",
        ("version", "language", "state"),
        "requested_by",
        "task_id",
        ("file_name", "size_bytes", "page_count"),
        "sha256",
        "rendered_at",
        "error",
    )
    readonly_fields = ("file_name",)

    @admin.display(description="file")
    def file_name(self, obj: EvaluationReport) -> str:
        return report_file_name(obj)


class ContentAdmin(admin.ModelAdmin):
    """Content across all evaluations, searchable; added on its evaluation's page, changed only while it is open."""

    list_select_related = ("evaluation",)
    readonly_fields = ("evaluation",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_change_permission(request, obj) and may_record(request, obj and obj.evaluation)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and may_record(request, obj and obj.evaluation)


@admin.register(LessonLearned)
class LessonLearnedAdmin(ContentAdmin):
    list_display = ("title", "evaluation")
    list_filter = ("evaluation__status", "evaluation__timing")
    search_fields = ("title", "description", "context", "challenges", "success", "evaluation__title")


@admin.register(GoodPractice)
class GoodPracticeAdmin(ContentAdmin):
    list_display = ("title", "evaluation")
    list_filter = ("evaluation__status", "evaluation__timing")
    search_fields = ("title", "summary", "conditions", "replication_potential", "evaluation__title")


RESPONSE_FIELDS = ("management_response", "response_comment", "follow_up")


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    """Recommendations and HQ's management response to them, which goes on after publication."""

    list_display = ("evaluation", "number", "addressee", "priority", "timeframe", "management_response", "follow_up")
    list_filter = ("priority", "management_response", "follow_up", "evaluation__status")
    list_select_related = ("evaluation",)
    search_fields = ("text", "addressee", "evaluation__title")
    fields = ("evaluation", "number", "text", "addressee", "priority", "timeframe", *RESPONSE_FIELDS)

    def get_readonly_fields(self, request: HttpRequest, obj: Recommendation | None = None) -> tuple[str, ...]:
        # Once the evaluation is published, the recommendation itself is fixed; the response is not.
        if obj is not None and not may_record(request, obj.evaluation):
            return tuple(f for f in self.fields if f not in RESPONSE_FIELDS)
        return ("evaluation", "number")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # added, and numbered, on the evaluation's page

    def has_change_permission(self, request: HttpRequest, obj: Recommendation | None = None) -> bool:
        return super().has_change_permission(request, obj) and policy.may_manage_evaluation(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Recommendation | None = None) -> bool:
        return super().has_delete_permission(request, obj) and may_record(request, obj and obj.evaluation)

    def save_model(self, request: HttpRequest, obj: Recommendation, form: forms.ModelForm, change: bool) -> None:
        recommendation_respond(
            recommendation=obj,
            management_response=obj.management_response,
            response_comment=obj.response_comment,
            follow_up=obj.follow_up,
        )
