"""HQ admin for projects, their classifications, money, targets, action programmes and status history.

Writes go through projects.services: a new project through project_create (its issued
code and first status change), a status move through project_change_status from its own
page, never by editing the status. Projects are never deleted: cancellation is a status.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, DecimalField, Exists, Max, Min, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts import policy
from accounts.admin import assignable_users
from accounts.models import User
from countries.models import Country, Region
from ipec.admin_base import (
    ChangeHistoryMixin,
    LargeTableMixin,
    ReadOnlyAdmin,
    ReadOnlyInline,
    ReferenceAdmin,
    SafeAutocompleteMixin,
    SafeSearchMixin,
    adopt,
    editable_values,
    save_formset_through,
)
from partners.admin import PartnershipForm, record_partnership
from partners.models import Donor, PartnershipRole, ProjectPartnership
from projects.admin_forms import ProjectAdminForm, ProjectCountryFormSet, StatusMoveForm
from projects.models import (
    ActionProgramme,
    EvidenceFile,
    Expenditure,
    InterventionType,
    IssuedCode,
    ProgressReport,
    Project,
    ProjectCountry,
    ReportFigure,
    ReportStep,
    Sector,
    StatusChange,
    Target,
    TargetGroup,
    WorstForm,
)
from projects.services import (
    EDITABLE_FIELDS,
    action_programme_create,
    expenditure_record,
    project_change_status,
    project_create,
    project_set_countries,
    project_update,
    target_set,
)

# --- Classifications --------------------------------------------------------------------------


class ClassificationAdmin(ReferenceAdmin):
    list_display = ("name", "code", "sort_order", "project_count")

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).annotate(project_count=Count("projects"))

    @admin.display(description="projects", ordering="project_count")
    def project_count(self, obj) -> int:
        return obj.project_count


@admin.register(InterventionType)
class InterventionTypeAdmin(ClassificationAdmin):
    pass


@admin.register(WorstForm)
class WorstFormAdmin(ClassificationAdmin):
    list_display = ("name", "article", "code", "sort_order", "project_count")
    search_fields = ("name", "code", "article", "description")


@admin.register(Sector)
class SectorAdmin(ClassificationAdmin):
    pass


@admin.register(TargetGroup)
class TargetGroupAdmin(ClassificationAdmin):
    pass


# --- Project ----------------------------------------------------------------------------------


class RegionFilter(admin.SimpleListFilter):
    title = "ILO region"
    parameter_name = "region"

    def lookups(self, request, model_admin):
        return list(Region.objects.values_list("code", "name"))

    def queryset(self, request, queryset):
        if self.value():
            in_region = ProjectCountry.objects.filter(project=OuterRef("pk"), country__region__code=self.value())
            return queryset.filter(Exists(in_region))
        return queryset


class DonorFilter(admin.SimpleListFilter):
    """Projects a donor funds: its code ends the TC symbol, or it has a funding row."""

    title = "donor"
    parameter_name = "donor"

    def lookups(self, request, model_admin):
        return [(code, f"{code} – {name}") for code, name in Donor.objects.values_list("code", "partner__name")]

    def queryset(self, request, queryset):
        if self.value():
            funded = ProjectPartnership.objects.filter(
                project=OuterRef("pk"), role=PartnershipRole.FUNDING, partner__donor__code=self.value()
            )
            return queryset.filter(Q(code__endswith=f"/{self.value()}") | Exists(funded))
        return queryset


class ProjectCountryInline(SafeAutocompleteMixin, admin.TabularInline):
    model = ProjectCountry
    formset = ProjectCountryFormSet
    autocomplete_fields = ("country",)
    extra = 1
    verbose_name = "country"
    verbose_name_plural = "countries (one for a national project, two or more for a global one)"


class PartnershipInline(SafeAutocompleteMixin, admin.TabularInline):
    model = ProjectPartnership
    form = PartnershipForm
    fields = ("partner", "role", "amount_usd")
    autocomplete_fields = ("partner",)
    extra = 0
    verbose_name_plural = "partners and funding by donor"

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related("partner")


class ExpenditureInline(admin.TabularInline):
    model = Expenditure
    fields = ("year", "amount_usd")
    extra = 0
    verbose_name_plural = "expenditure by year"


class TargetInline(admin.TabularInline):
    model = Target
    fields = ("measure", "sex", "age_band", "value")
    extra = 0


class ActionProgrammeInline(SafeAutocompleteMixin, admin.TabularInline):
    model = ActionProgramme
    fields = (
        "title",
        "partner",
        "budget_usd",
        "start_on",
        "end_on",
        "children_withdrawn_target",
        "children_prevented_target",
    )
    autocomplete_fields = ("partner",)
    extra = 0
    show_change_link = True


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange
    fields = ("from_status", "to_status", "effective_on", "changed_by", "changed_at", "note")
    verbose_name_plural = "status history"

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related("changed_by")


def create_action_programme(obj: ActionProgramme) -> ActionProgramme:
    return action_programme_create(
        project=obj.project, partner=obj.partner, **editable_values(obj, exclude={"project", "partner"})
    )


def keep_partner_implementing(obj: ActionProgramme) -> None:
    """A programme's partner implements its project, as action_programme_create records; keep it so on a change."""
    ProjectPartnership.objects.get_or_create(
        project=obj.project, partner=obj.partner, role=PartnershipRole.IMPLEMENTING
    )


# New inline rows are made by the services; each takes the row built from the form.
INLINE_CREATORS = {
    ProjectPartnership: record_partnership,
    Expenditure: lambda e: expenditure_record(project=e.project, year=e.year, amount_usd=e.amount_usd),
    Target: lambda t: target_set(project=t.project, measure=t.measure, value=t.value, sex=t.sex, age_band=t.age_band),
    ActionProgramme: create_action_programme,
}

FIELDSETS = (
    (None, {"fields": ("code", "title", "kind", "status", "summary", "objectives", "loaded_version")}),
    ("Dates", {"fields": (("planned_start", "planned_end"), ("actual_start", "actual_end"))}),
    ("Money", {"fields": ("budget_usd", "delivery_rate")}),
    (
        "People and offices",
        {
            "fields": (
                "hq_backstopping_officer",
                "cta",
                "project_manager",
                "administrative_office",
                "backstopping_office",
            )
        },
    ),
    (
        "Classification",
        {
            "fields": (
                "intervention_types",
                "worst_forms",
                "sectors",
                "target_groups",
                "supports_time_bound_programme",
            )
        },
    ),
    ("Progress", {"fields": ("rating", "status_note", "status_note_on", "reporting_interval_months")}),
    ("History", {"fields": ("change_history",)}),
)
# Shown once the project exists, never edited here: the status moves on its own page, and
# the rating and note come with the field's status update.
CHANGE_ONLY_FIELDS = ("status", "delivery_rate", "rating", "status_note", "status_note_on", "change_history")


@admin.register(Project)
class ProjectAdmin(SafeAutocompleteMixin, SafeSearchMixin, ChangeHistoryMixin, admin.ModelAdmin):
    form = ProjectAdminForm
    list_display = (
        "code",
        "title",
        "kind",
        "status",
        "country_codes",
        "donor_codes",
        "budget_usd",
        "delivery_rate",
        "managed_by",
        "hq_backstopping_officer",
        "planned_start",
    )
    list_filter = (
        "status",
        "kind",
        RegionFilter,
        DonorFilter,
        "intervention_types",
        "worst_forms",
        "supports_time_bound_programme",
    )
    list_select_related = ("cta", "project_manager", "hq_backstopping_officer")
    search_fields = ("code", "title", "project_countries__country__name", "project_countries__country__iso3")
    autocomplete_fields = (
        "hq_backstopping_officer",
        "cta",
        "project_manager",
        "intervention_types",
        "worst_forms",
        "sectors",
        "target_groups",
    )
    inlines = (
        ProjectCountryInline,
        PartnershipInline,  # before the action programmes, whose partners become implementing partners
        ExpenditureInline,
        TargetInline,
        ActionProgrammeInline,
        StatusChangeInline,
    )

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        spent = (
            Expenditure.objects.filter(project=OuterRef("pk"))
            .values("project")
            .annotate(total=Sum("amount_usd"))
            .values("total")
        )
        funding = ProjectPartnership.objects.filter(role=PartnershipRole.FUNDING).select_related("partner__donor")
        return (
            super()
            .get_queryset(request)
            .annotate(
                spent_usd=Coalesce(
                    Subquery(spent), Value(Decimal(0)), output_field=DecimalField(max_digits=14, decimal_places=2)
                )
            )
            .prefetch_related(
                Prefetch("countries", queryset=Country.objects.order_by("iso3")),
                Prefetch("partnerships", queryset=funding, to_attr="funding_rows"),
            )
        )

    def get_fieldsets(self, request: HttpRequest, obj: Project | None = None):
        if obj is not None:
            return FIELDSETS
        add_fieldsets = [
            (name, {**options, "fields": tuple(f for f in options["fields"] if f not in CHANGE_ONLY_FIELDS)})
            for name, options in FIELDSETS
        ]
        return [(name, options) for name, options in add_fieldsets if options["fields"]]

    def get_readonly_fields(self, request: HttpRequest, obj: Project | None = None) -> tuple[str, ...]:
        # The code is never reused or changed, and the kind fixes how many countries there are.
        return ("code", "kind", *CHANGE_ONLY_FIELDS) if obj else ()

    def get_inlines(self, request: HttpRequest, obj: Project | None):
        return self.inlines if obj else tuple(i for i in self.inlines if i is not StatusChangeInline)

    def has_delete_permission(self, request: HttpRequest, obj: Project | None = None) -> bool:
        return False  # codes are never reused; a project that will not go ahead is cancelled

    def view_on_site(self, obj: Project) -> str:
        return reverse("projects:detail", kwargs={"slug": obj.slug})

    @admin.display(description="countries")
    def country_codes(self, obj: Project) -> str:
        return ", ".join(c.iso3 for c in obj.countries.all())

    @admin.display(description="donors")
    def donor_codes(self, obj: Project) -> str:
        return ", ".join(row.partner.donor.code for row in obj.funding_rows) or "–"

    @admin.display(description="delivery rate", ordering="spent_usd")
    def delivery_rate(self, obj: Project) -> str:
        if not obj.budget_usd:
            return "–"
        return f"{obj.spent_usd / obj.budget_usd:.0%}"

    @admin.display(description="CTA / project manager")
    def managed_by(self, obj: Project) -> str:
        return str(obj.cta or obj.project_manager or "–")

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.related_model is User:
            kwargs["queryset"] = assignable_users("project", db_field.name)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- Saving through the services ---

    def save_model(self, request: HttpRequest, obj: Project, form: forms.ModelForm, change: bool) -> None:
        if change:
            changed = {name: form.cleaned_data[name] for name in form.changed_data if name in EDITABLE_FIELDS}
            updated = project_update(
                project=obj, by=request.user, expected_version=form.cleaned_data["loaded_version"], **changed
            )
            adopt(obj, updated)
        # A new project is made in save_related, where its countries (an inline) are at hand.

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets, change: bool) -> None:
        if change:
            super().save_related(request, form, formsets, change)
            return
        countries = next(fs for fs in formsets if fs.model is ProjectCountry)
        countries.save(commit=False)  # writes nothing; records the rows for the admin's log message
        fields = {name: value for name, value in form.cleaned_data.items() if name != "loaded_version"}
        # project_create also sets the classifications, so no form.save_m2m() here.
        project = project_create(countries=countries.countries(), created_by=request.user, **fields)
        adopt(form.instance, project)
        for formset in formsets:
            if formset is not countries:
                self.save_formset(request, form, formset, change)

    def save_formset(self, request: HttpRequest, form: forms.ModelForm, formset, change: bool) -> None:
        if formset.model is ProjectCountry:
            formset.save(commit=False)  # writes nothing; records the changes for the admin's log message
            if formset.has_changed():
                project_set_countries(project=form.instance, countries=formset.countries())
        elif formset.model in INLINE_CREATORS:
            save_formset_through(formset, INLINE_CREATORS[formset.model])
            if formset.model is ActionProgramme:
                for programme, changed in formset.changed_objects:
                    if "partner" in changed:
                        keep_partner_implementing(programme)
        else:
            super().save_formset(request, form, formset, change)  # the read-only history: nothing to save

    # --- Status moves ---

    def get_urls(self):
        status = path(
            "<path:object_id>/status/",
            self.admin_site.admin_view(self.status_view),
            name="projects_project_status",
        )
        return [status, *super().get_urls()]  # before the catch-all "<path:object_id>/"

    def status_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Move the project along its lifecycle: only legal moves, dated and attributed, through the service."""
        project = self.get_object(request, unquote(object_id))
        if project is None:
            raise Http404("No such project.")
        if not self.has_change_permission(request, project):
            raise PermissionDenied
        allowed = policy.project_moves_for(request.user, project)
        form = StatusMoveForm(request.POST or None, project=project, user=request.user) if allowed else None
        if form is not None and request.method == "POST" and form.is_valid():
            try:
                change = project_change_status(project=project, changed_by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                label = change.get_to_status_display().lower()
                self.log_change(request, project, f"Moved from {change.get_from_status_display().lower()} to {label}.")
                self.message_user(request, f"{project.code} is now {label}.", messages.SUCCESS)
                return redirect(reverse("admin:projects_project_change", args=[project.pk]))
        status = project.get_status_display()
        context = {
            **self.admin_site.each_context(request),
            "title": f"Change the status of {project.code}",
            "opts": self.opts,
            "original": project,
            "form": form,
            "media": self.media + (form.media if form else forms.Media()),
            "intro": f"Current status: {status}."
            if allowed
            else f"Current status: {status}. There are no further moves.",
            "submit_label": "Move",
        }
        return TemplateResponse(request, "admin/object_action.html", context)


@admin.register(IssuedCode)
class IssuedCodeAdmin(ReadOnlyAdmin):
    """Every TC symbol ever given: a code here is never given again, even if its project was deleted."""

    list_display = ("code", "issued_at", "in_use")
    search_fields = ("code",)

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).annotate(in_use=Exists(Project.objects.filter(code=OuterRef("code"))))

    @admin.display(description="project exists", boolean=True, ordering="in_use")
    def in_use(self, obj: IssuedCode) -> bool:
        return obj.in_use


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdmin):
    list_display = ("project", "from_status", "to_status", "effective_on", "changed_by", "changed_at")
    list_filter = ("to_status", "from_status")
    list_select_related = ("project", "changed_by")
    search_fields = ("project__code", "project__title", "note")
    date_hierarchy = "effective_on"


@admin.register(ActionProgramme)
class ActionProgrammeAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "project_code",
        "partner",
        "budget_usd",
        "start_on",
        "end_on",
        "children_withdrawn_target",
        "children_prevented_target",
    )
    list_filter = ("project__status", "project__kind", "partner__type")
    list_select_related = ("project", "partner")
    search_fields = ("title", "project__code", "project__title", "partner__name", "partner__acronym")
    autocomplete_fields = ("project", "partner")

    @admin.display(description="project", ordering="project__code")
    def project_code(self, obj: ActionProgramme) -> str:
        return obj.project.code

    def save_model(self, request: HttpRequest, obj: ActionProgramme, form: forms.ModelForm, change: bool) -> None:
        if not change:
            adopt(obj, create_action_programme(obj))
            return
        obj.save()
        if "partner" in form.changed_data:
            keep_partner_implementing(obj)


# --- Progress reports -------------------------------------------------------------------------


class ReportDueFilter(admin.SimpleListFilter):
    """What HQ follows up: reports the CTA has not sent by their due date, and reports waiting for review."""

    title = "follow-up"
    parameter_name = "follow_up"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue"), ("review", "Waiting for review")]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue(timezone.localdate())
        if self.value() == "review":
            return queryset.awaiting_review()
        return queryset


class DueYearFilter(admin.SimpleListFilter):
    """The year a report is due, newest first.

    In place of a date hierarchy, whose year links came from a DISTINCT over every report's date:
    the span of years is read off the ends of the due_on index.
    """

    title = "year due"
    parameter_name = "due_year"

    def lookups(self, request, model_admin):
        span = ProgressReport.objects.aggregate(first=Min("due_on"), last=Max("due_on"))
        if span["first"] is None:
            return []
        return [(str(year), str(year)) for year in range(span["last"].year, span["first"].year - 1, -1)]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(due_on__year=int(self.value()))
        return queryset


class FigureInline(ReadOnlyInline):
    model = ReportFigure
    fields = ("country", "measure", "sex", "age_band", "value")
    verbose_name_plural = "figures for the period"

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related("country")


class ReportStepInline(ReadOnlyInline):
    model = ReportStep
    fields = ("from_status", "to_status", "by", "at", "comment")
    verbose_name_plural = "workflow"

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related("by")


class EvidenceInline(ReadOnlyInline):
    model = EvidenceFile
    fields = ("download", "content_type", "size_bytes", "uploaded_by", "created_at")

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related("uploaded_by", "report__project")

    @admin.display(description="file")
    def download(self, obj: EvidenceFile) -> str:
        # Media is not public: evidence is served only by the policy-checked download view.
        url = reverse("projects:evidence", args=[obj.report.project.slug, obj.report_id, obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.original_name)


@admin.register(ProgressReport)
class ProgressReportAdmin(LargeTableMixin, ChangeHistoryMixin, ReadOnlyAdmin):
    """The CTAs' progress reports, to look up and follow up. They are written, submitted and reviewed
    on the project's pages, whose workflow (projects.progress_reports) the admin does not bypass."""

    list_display = ("__str__", "project_kind", "due_on", "status", "rating", "overdue")
    list_filter = (ReportDueFilter, DueYearFilter, "status", "rating", "project__kind")
    list_select_related = ("project",)
    # Latest due first, read off the progress_report_due_on index; the model's order (by project, then
    # period) joined every report to its project and sorted them all for each page.
    ordering = ("-due_on", "-pk")
    search_fields = ("project__code", "project__title", "narrative")
    fields = (
        "project",
        ("period_start", "period_end", "due_on"),
        ("status", "rating"),
        "narrative",
        "challenges",
        "next_steps",
        "review_comment",
        "change_history",
    )
    readonly_fields = ("change_history",)
    inlines = (FigureInline, ReportStepInline, EvidenceInline)

    @admin.display(description="kind", ordering="project__kind")
    def project_kind(self, obj: ProgressReport) -> str:
        return obj.project.get_kind_display()

    @admin.display(description="overdue", boolean=True)
    def overdue(self, obj: ProgressReport) -> bool:
        return obj.is_editable and obj.due_on < timezone.localdate()
