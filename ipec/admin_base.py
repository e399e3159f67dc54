"""Building blocks every app's admin shares: adopting a service's saved row, reference and read-only admins."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import BadRequest, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.template.loader import render_to_string

from ipec import keyset
from ipec.history import history_rows


def adopt(obj: models.Model, saved: models.Model) -> None:
    """Make the admin's unsaved `obj` the row a create service saved.

    The admin keeps using the object it built from the form after `save_model` (to save
    the inlines, log the addition and redirect), while a service builds and saves its own.
    """
    obj.__dict__.update(saved.__dict__)


class SafeSearchMixin:
    """For the admins that autocomplete widgets search: a search text holding a NUL character is a 400.

    The admin's autocomplete view hands its `term` straight to get_search_results (the changelist's
    search box checks it first), and PostgreSQL refuses to compare text holding NUL: a 500 otherwise.
    """

    def get_search_results(self, request: HttpRequest, queryset: models.QuerySet, search_term: str):
        if "\x00" in search_term:
            raise BadRequest("The search text cannot contain a NUL character.")
        return super().get_search_results(request, queryset, search_term)


class _KeysOnly:
    """Shows again, after a refused form, only the sent values that can be keys of the related model.

    Django's autocomplete widgets look the sent values up to show their labels; a value such as
    `1 OR 1=1` for an integer key makes that lookup raise, and the refused form became a 500.
    """

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        key = remote.model._meta.get_field(getattr(remote, "field_name", None) or remote.model._meta.pk.name)
        return super().optgroups(name, [v for v in value if _is_key(key, v)], attr)


def _is_key(field: models.Field, value) -> bool:
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class KeyedAutocompleteSelect(_KeysOnly, AutocompleteSelect):
    pass


class KeyedAutocompleteSelectMultiple(_KeysOnly, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteMixin:
    """For admins and inlines with `autocomplete_fields`: widgets that survive garbage sent in their fields."""

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = KeyedAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class EstimatedCountPaginator(Paginator):
    """Counts a changelist exactly up to keyset.COUNT_CAP rows and takes PostgreSQL's estimate above it.

    A full COUNT(*) reads every row of a table of hundreds of thousands for each page shown; the
    estimate is one EXPLAIN of a query limited to cap + 1 rows. Above the cap the page links follow
    the estimate, so the last pages may be a little short or a little beyond the real end.
    """

    @property
    def count(self) -> int:
        if not hasattr(self, "_total"):
            self._total = keyset.count(self.object_list).value
        return self._total


class LargeTableMixin:
    """For the changelists of tables that grow with the portfolio: no full-table counts per page."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False  # else the admin counts the whole, unfiltered table a second time


class ReferenceAdmin(SafeSearchMixin, admin.ModelAdmin):
    """Reference data loaded by migrations: readable and searchable; the code is fixed once given.

    Code elsewhere looks rows up by code, so a code never changes and a row is never deleted.
    """

    list_display = ("name", "code", "sort_order")
    search_fields = ("name", "code")
    ordering = ("sort_order", "name")

    def get_readonly_fields(self, request: HttpRequest, obj: models.Model | None = None) -> tuple[str, ...]:
        readonly = tuple(super().get_readonly_fields(request, obj))
        return (*readonly, "code") if obj else readonly

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record written only by a service (a history or a generated file): shown, never edited here."""

    def has_add_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    """A history shown under its parent, never added, changed or deleted here."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request: HttpRequest, obj: models.Model | None = None) -> tuple[str, ...]:
        return tuple(self.fields)  # so that non-editable fields (timestamps) can be listed

    def has_add_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


def save_formset_through(formset: forms.BaseModelFormSet, create) -> None:
    """Save an inline formset, making its new rows with `create(instance)`, the app's write service.

    Changed rows are saved as they are: their form has already run the model's full
    validation, which is all `validated_save` would do. Deletions go first so that a row
    removed and re-added in the same post does not collide with itself.
    """
    instances = formset.save(commit=False)
    for obj in formset.deleted_objects:
        obj.delete()
    for obj in instances:
        if obj.pk is None:
            create(obj)
        else:
            obj.save()


def editable_values(obj: models.Model, *, exclude: set[str]) -> dict:
    """The values typed into a form's object, as keyword arguments for a write service."""
    return {
        f.name: getattr(obj, f.name)
        for f in obj._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in exclude
    }


class ChangeHistoryMixin:
    """Shows an object's change history (who, when, which field from what to what) on its admin page.

    Read-only by construction: it is rendered text, and simple-history's revert is disabled.
    """

    @admin.display(description="change history")
    def change_history(self, obj: models.Model | None) -> str:
        if obj is None or obj.pk is None:
            return "–"
        return render_to_string(
            "includes/history.html", {"history": history_rows(obj, limit=50), "heading": "Change history"}
        )
