"""HQ admin for partner organisations, donors, project partnerships and steering committees."""

from __future__ import annotations

import os

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from ipec.admin_base import (
    LargeTableMixin,
    ReferenceAdmin,
    SafeAutocompleteMixin,
    SafeSearchMixin,
    adopt,
    editable_values,
    save_formset_through,
)
from partners.models import (
    TRIPARTITE_CONSTITUENTS,
    CommitteeKind,
    CommitteeMeeting,
    CommitteeMember,
    Donor,
    MemberRole,
    Partner,
    PartnershipRole,
    PartnerType,
    ProjectPartnership,
    SteeringCommittee,
)
from partners.services import committee_create, committee_member_add, donor_create, meeting_record, partner_create
from projects.services import funding_record, partnership_add


@admin.register(PartnerType)
class PartnerTypeAdmin(ReferenceAdmin):
    list_display = ("name", "code", "sort_order", "partner_count")

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).annotate(partner_count=Count("partners"))

    @admin.display(description="partners", ordering="partner_count")
    def partner_count(self, obj: PartnerType) -> int:
        return obj.partner_count


class IsDonorFilter(admin.SimpleListFilter):
    title = "donor"
    parameter_name = "donor"

    def lookups(self, request, model_admin):
        return [("yes", "Donors"), ("no", "Not donors")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(donor__isnull=self.value() == "no")
        return queryset


def project_count_of_partner() -> Subquery:
    """The projects a partner works on, one subquery per row shown.

    A Count over the partnerships join grouped all partners (and their 400,000+ partnerships) before
    the page's LIMIT; a correlated subquery is evaluated only for the rows on the page.
    """
    projects = (
        ProjectPartnership.objects.filter(partner=OuterRef("pk"))
        .order_by()
        .values("partner")
        .annotate(n=Count("project", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(projects, output_field=IntegerField()), 0)


@admin.register(Partner)
class PartnerAdmin(LargeTableMixin, SafeAutocompleteMixin, SafeSearchMixin, admin.ModelAdmin):
    list_display = ("name", "acronym", "type", "country", "donor_code", "project_count")
    list_filter = ("type", IsDonorFilter, "country__region", ("country", admin.EmptyFieldListFilter))
    list_select_related = ("type", "country", "donor")
    search_fields = ("name", "acronym", "country__name", "donor__code")
    autocomplete_fields = ("type", "country")
    fields = ("name", "acronym", "type", "country", "website")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # Django 6's default, today
    # The admin adds "-pk" to the model's ["name"]; ("name", "pk") is read off the partner_list_name index.
    ordering = ("name", "pk")

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).annotate(project_count=project_count_of_partner())

    @admin.display(description="donor code", ordering="donor__code")
    def donor_code(self, obj: Partner) -> str:
        donor = getattr(obj, "donor", None)  # select_related caches "no donor" as well
        return donor.code if donor else "–"

    @admin.display(description="projects", ordering="project_count")
    def project_count(self, obj: Partner) -> int:
        return obj.project_count

    def save_model(self, request: HttpRequest, obj: Partner, form: forms.ModelForm, change: bool) -> None:
        if change:
            obj.save()
        else:
            adopt(obj, partner_create(**editable_values(obj, exclude=set())))


class DonorForm(forms.ModelForm):
    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()  # as donor_create stores it, before the model checks it


@admin.register(Donor)
class DonorAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    form = DonorForm
    list_display = ("code", "partner", "country", "project_count", "funding_total")
    list_select_related = ("partner", "partner__country")
    search_fields = ("code", "partner__name", "partner__acronym")
    autocomplete_fields = ("partner",)

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        funding = Q(partner__partnerships__role=PartnershipRole.FUNDING)
        return (
            super()
            .get_queryset(request)
            .annotate(
                project_count=Count("partner__partnerships__project", filter=funding, distinct=True),
                funding_total=Sum("partner__partnerships__amount_usd", filter=funding),
            )
        )

    def has_change_permission(self, request: HttpRequest, obj: Donor | None = None) -> bool:
        return False  # the code is part of every project code given since: a donor never changes

    @admin.display(description="country", ordering="partner__country__name")
    def country(self, obj: Donor) -> str:
        return str(obj.partner.country or "International")

    @admin.display(description="projects funded", ordering="project_count")
    def project_count(self, obj: Donor) -> int:
        return obj.project_count

    @admin.display(description="funding (USD)", ordering="funding_total")
    def funding_total(self, obj: Donor) -> str:
        return f"{obj.funding_total or 0:,.0f}"

    def save_model(self, request: HttpRequest, obj: Donor, form: forms.ModelForm, change: bool) -> None:
        adopt(obj, donor_create(partner=obj.partner, code=obj.code))  # only ever added


class PartnershipForm(forms.ModelForm):
    """A funding row is a donor's contribution and carries its amount; other roles carry none."""

    def clean(self) -> dict:
        cleaned = super().clean()
        role, partner, amount = cleaned.get("role"), cleaned.get("partner"), cleaned.get("amount_usd")
        if role == PartnershipRole.FUNDING:
            if partner is not None and not Donor.objects.filter(partner=partner).exists():
                self.add_error("partner", "Only a donor funds a project: record this partner as a donor first.")
            if amount is None:
                self.add_error("amount_usd", "Give the amount the donor contributes.")
        elif role and amount is not None:
            self.add_error("amount_usd", "Only funding rows carry an amount.")
        return cleaned


def record_partnership(obj: ProjectPartnership) -> ProjectPartnership:
    """Funding goes through the donor with its amount; other roles are plain partnerships."""
    if obj.role == PartnershipRole.FUNDING:
        return funding_record(project=obj.project, donor=obj.partner.donor, amount_usd=obj.amount_usd)
    return partnership_add(project=obj.project, partner=obj.partner, role=obj.role)


@admin.register(ProjectPartnership)
class ProjectPartnershipAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    """Who funds, implements, executes or collaborates on which project; funding rows are the funding by donor."""

    form = PartnershipForm
    list_display = ("project_code", "partner", "role", "amount_usd")
    list_filter = ("role", "partner__type", "project__status")
    list_select_related = ("project", "partner")
    search_fields = ("project__code", "project__title", "partner__name", "partner__acronym", "partner__donor__code")
    autocomplete_fields = ("project", "partner")

    @admin.display(description="project", ordering="project__code")
    def project_code(self, obj: ProjectPartnership) -> str:
        return obj.project.code

    def save_model(self, request: HttpRequest, obj: ProjectPartnership, form: forms.ModelForm, change: bool) -> None:
        if change:
            obj.save()
        else:
            adopt(obj, record_partnership(obj))


class MemberFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        # The database allows one chair per committee; the formset's own unique checks
        # skip conditional constraints, so count the chairs here to show a message.
        chairs = [
            form
            for form in self.forms
            if form.cleaned_data.get("role") == MemberRole.CHAIR and not form.cleaned_data.get("DELETE")
        ]
        if len(chairs) > 1:
            raise forms.ValidationError("A committee has one chair.")


class MemberInline(SafeAutocompleteMixin, admin.TabularInline):
    model = CommitteeMember
    formset = MemberFormSet
    fields = ("partner", "person_name", "role")
    autocomplete_fields = ("partner",)
    extra = 0

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return super().get_queryset(request).select_related("partner")


class MeetingInline(admin.StackedInline):
    model = CommitteeMeeting
    fields = ("held_on", ("minutes", "minutes_download"), "agenda", "decisions")
    readonly_fields = ("minutes_download",)
    # Media is not public: the stored file is reached through the policy-checked download,
    # not the upload widget's "currently" link to MEDIA_URL.
    formfield_overrides = {models.FileField: {"widget": forms.FileInput}}
    extra = 0

    @admin.display(description="current minutes")
    def minutes_download(self, obj: CommitteeMeeting) -> str:
        if not (obj.pk and obj.minutes):
            return "–"
        url = reverse("partners:meeting-minutes", args=[obj.committee_id, obj.pk])
        return format_html('<a href="{}">{}</a>', url, os.path.basename(obj.minutes.name))


class TripartiteFilter(admin.SimpleListFilter):
    """National Steering Committees are tripartite: government, employers and workers all sit on them."""

    title = "tripartite"
    parameter_name = "tripartite"

    def lookups(self, request, model_admin):
        return [("complete", "All three constituents"), ("missing", "Lacks a constituent")]

    def queryset(self, request, queryset):
        has = [
            Exists(CommitteeMember.objects.filter(committee=OuterRef("pk"), partner__type__code=code))
            for code in TRIPARTITE_CONSTITUENTS
        ]
        national = queryset.filter(kind=CommitteeKind.NATIONAL)
        if self.value() == "complete":
            return national.filter(has[0], has[1], has[2])
        if self.value() == "missing":
            return national.filter(~has[0] | ~has[1] | ~has[2])
        return queryset


@admin.register(SteeringCommittee)
class SteeringCommitteeAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "country", "project_code", "member_count", "tripartite", "last_meeting")
    list_filter = ("kind", TripartiteFilter, "country__region")
    list_select_related = ("country", "project")
    search_fields = ("name", "country__name", "project__code", "project__title")
    autocomplete_fields = ("country", "project")
    fields = ("kind", "name", "country", "project", "established_on")
    inlines = (MemberInline, MeetingInline)

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        members = CommitteeMember.objects.select_related("partner__type")
        return (
            super()
            .get_queryset(request)
            .annotate(last_meeting=Max("meetings__held_on"))
            .prefetch_related(Prefetch("members", queryset=members))
        )

    def view_on_site(self, obj: SteeringCommittee) -> str:
        return reverse("partners:committee", args=[obj.pk])

    @admin.display(description="project", ordering="project__code")
    def project_code(self, obj: SteeringCommittee) -> str:
        return obj.project.code if obj.project else "–"

    @admin.display(description="members")
    def member_count(self, obj: SteeringCommittee) -> int:
        return len(obj.members.all())

    @admin.display(description="tripartite")
    def tripartite(self, obj: SteeringCommittee) -> str:
        if obj.kind != CommitteeKind.NATIONAL:
            return "–"
        missing = obj.missing_constituents()
        return f"lacks {', '.join(missing)}" if missing else "yes"

    @admin.display(description="last meeting", ordering="last_meeting")
    def last_meeting(self, obj: SteeringCommittee):
        return obj.last_meeting or "–"

    def save_model(self, request: HttpRequest, obj: SteeringCommittee, form: forms.ModelForm, change: bool) -> None:
        if change:
            obj.save()
        else:
            adopt(obj, committee_create(**editable_values(obj, exclude=set())))

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        committee = form.instance
        if formset.model is CommitteeMember:
            save_formset_through(
                formset,
                lambda m: committee_member_add(
                    committee=committee, partner=m.partner, role=m.role, person_name=m.person_name
                ),
            )
        else:
            save_formset_through(
                formset,
                lambda m: meeting_record(
                    committee=committee,
                    held_on=m.held_on,
                    agenda=m.agenda,
                    decisions=m.decisions,
                    minutes=m.minutes or None,
                ),
            )
