"""HQ admin for regions, countries, conventions and ratifications."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import HttpRequest

from countries.models import Convention, Country, Ratification, RatificationStatus, Region
from countries.services import COUNTRY_FIELDS, country_update, ratification_record, validate_minimum_age
from ipec.admin_base import ReferenceAdmin, SafeAutocompleteMixin, SafeSearchMixin, adopt, save_formset_through

# --- Countries --------------------------------------------------------------------------------


@admin.register(Region)
class RegionAdmin(ReferenceAdmin):
    list_display = ("name", "code", "country_count")

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).annotate(country_count=Count("countries"))

    @admin.display(description="countries", ordering="country_count")
    def country_count(self, obj: Region) -> int:
        return obj.country_count


@admin.register(Convention)
class ConventionAdmin(ReferenceAdmin):
    list_display = ("code", "name", "adopted_year", "ratification_count")
    ordering = ("adopted_year",)

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).annotate(ratification_count=Count("ratifications"))

    @admin.display(description="ratifications", ordering="ratification_count")
    def ratification_count(self, obj: Convention) -> int:
        return obj.ratification_count


class RatificationForm(forms.ModelForm):
    """Checks what `ratification_record` checks, so its rules show on the form instead of failing the save."""

    def clean(self) -> dict:
        cleaned = super().clean()
        convention, ratified_on = cleaned.get("convention"), cleaned.get("ratified_on")
        if convention is None:
            return cleaned
        try:
            validate_minimum_age(convention, cleaned.get("minimum_age"))
        except ValidationError as error:
            self.add_error(None, error)
        if ratified_on and ratified_on.year < convention.adopted_year:
            self.add_error("ratified_on", f"{convention.code} was adopted in {convention.adopted_year}.")
        return cleaned


def _record_ratification(obj: Ratification) -> Ratification:
    return ratification_record(
        country=obj.country,
        convention=obj.convention,
        ratified_on=obj.ratified_on,
        status=obj.status,
        minimum_age=obj.minimum_age,
    )


class RatificationInline(SafeAutocompleteMixin, admin.TabularInline):
    model = Ratification
    form = RatificationForm
    fields = ("convention", "ratified_on", "status", "minimum_age")
    autocomplete_fields = ("convention",)
    extra = 0


class RatifiedFilter(admin.SimpleListFilter):
    title = "has ratified"
    parameter_name = "ratified"

    def lookups(self, request, model_admin):
        return list(Convention.objects.values_list("code", "code"))

    def queryset(self, request, queryset):
        if self.value():
            ratified = Ratification.objects.filter(
                country=OuterRef("pk"), convention__code=self.value(), status=RatificationStatus.IN_FORCE
            )
            return queryset.filter(Exists(ratified))
        return queryset


@admin.register(Country)
class CountryAdmin(SafeSearchMixin, admin.ModelAdmin):
    """Countries come from ISO 3166 with their ILO region; HQ records IPEC's facts about each."""

    list_display = (
        "name",
        "iso3",
        "iso2",
        "region",
        "ipec_operations",
        "mou_signed_on",
        "mou_valid_until",
        "survey_year",
        "child_labour_rate",
        "ratified",
        "project_count",
    )
    list_filter = (
        "region",
        "ipec_operations",
        ("mou_signed_on", admin.EmptyFieldListFilter),
        RatifiedFilter,
    )
    list_select_related = ("region",)
    search_fields = ("name", "iso2", "iso3")
    readonly_fields = ("name", "iso2", "iso3", "region")
    fieldsets = (
        (None, {"fields": ("name", ("iso2", "iso3"), "region")}),
        ("IPEC", {"fields": ("ipec_operations", ("mou_signed_on", "mou_valid_until"))}),
        ("National focal point", {"fields": ("focal_point_name", "focal_point_email")}),
        (
            "Child labour survey",
            {
                "fields": (
                    "survey_year",
                    "children_in_child_labour",
                    "children_in_hazardous_work",
                    "child_labour_rate",
                )
            },
        ),
    )
    inlines = (RatificationInline,)

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        ratifications = Ratification.objects.select_related("convention").order_by("convention__adopted_year")
        return (
            super()
            .get_queryset(request)
            .annotate(project_count=Count("project_countries"))
            .prefetch_related(Prefetch("ratifications", queryset=ratifications))
        )

    # The ISO list is complete and every row is referenced: countries are neither added nor removed here.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Country | None = None) -> bool:
        return False

    @admin.display(description="ratified")
    def ratified(self, obj: Country) -> str:
        return ", ".join(r.convention.code for r in obj.ratifications.all()) or "–"

    @admin.display(description="projects", ordering="project_count")
    def project_count(self, obj: Country) -> int:
        return obj.project_count

    def save_model(self, request: HttpRequest, obj: Country, form: forms.ModelForm, change: bool) -> None:
        country_update(
            country=obj, **{name: form.cleaned_data[name] for name in form.changed_data if name in COUNTRY_FIELDS}
        )

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        save_formset_through(formset, _record_ratification)


@admin.register(Ratification)
class RatificationAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    form = RatificationForm
    list_display = ("country", "convention", "ratified_on", "status", "minimum_age")
    list_filter = ("convention", "status", "minimum_age", "country__region")
    list_select_related = ("country", "convention")
    search_fields = ("country__name", "country__iso3", "convention__code", "convention__name")
    autocomplete_fields = ("country", "convention")

    def save_model(self, request: HttpRequest, obj: Ratification, form: forms.ModelForm, change: bool) -> None:
        if change:
            obj.save()
        else:
            adopt(obj, _record_ratification(obj))
