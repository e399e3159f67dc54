"""HQ admin for the people who sign in, with their role."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.http import HttpRequest

from accounts.models import Role, User
from ipec.admin_base import SafeSearchMixin

# The role a person needs to fill a person field, by (model name, field name): the policy
# gives a CTA their project only if they hold the CTA role, and so on.
ASSIGNABLE_ROLES: dict[tuple[str, str], str] = {
    ("project", "cta"): Role.CTA,
    ("project", "hq_backstopping_officer"): Role.HQ,
    ("evaluation", "evaluation_manager"): Role.HQ,
    ("evaluation", "evaluators"): Role.EVALUATOR,
}


def assignable_users(model_name: str, field_name: str) -> models.QuerySet[User]:
    """The people who may be chosen for a person field; the admin's forms validate against it."""
    role = ASSIGNABLE_ROLES.get((model_name, field_name))
    return User.objects.filter(role=role) if role else User.objects.all()


@admin.register(User)
class UserAdmin(SafeSearchMixin, DjangoUserAdmin):
    list_display = ("username", "full_name", "email", "role", "organisation", "is_staff", "is_active", "last_login")
    list_filter = ("role", "is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("username", "first_name", "last_name", "email", "organisation")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email", "organisation")}),
        ("Role", {"fields": ("role", "is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    # The role decides who reaches this site (User.save sets is_staff for HQ staff only).
    readonly_fields = ("is_staff", "last_login", "date_joined")
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "usable_password", "password1", "password2")}),
        ("Person", {"fields": ("first_name", "last_name", "email", "organisation", "role")}),
    )

    def get_search_results(self, request: HttpRequest, queryset: models.QuerySet, search_term: str):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # An autocomplete for a person field (it names the field) offers only the people with its role.
        role = ASSIGNABLE_ROLES.get((request.GET.get("model_name", ""), request.GET.get("field_name", "")))
        if role:
            queryset = queryset.filter(role=role)
        return queryset, may_have_duplicates

    @admin.display(description="name", ordering="last_name")
    def full_name(self, obj: User) -> str:
        return obj.get_full_name()
