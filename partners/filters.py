"""The partner list's filters and sorts, read from the query string.

    /partners/?type=ngo&country=IND&sort=-projects
    /partners/?donor=yes&sort=-funding

A country is given by its ISO alpha-3 code (checked here; the page suggests codes from
/countries/lookup.json), or `none` for international organisations. Every parameter is
validated: a bad one is shown on the page and answers 400 on an export, never a 500.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

import django_filters
from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ipec.listing import ListFilterSet, Sort, sort_filter
from partners.models import Partner, PartnershipRole, PartnerType, ProjectPartnership
from projects.filters import CountryCodeField, country_filter

YES = "yes"
INTERNATIONAL = "NONE"  # ?country=none: partners with no country


def with_totals(queryset: QuerySet[Partner]) -> QuerySet[Partner]:
    """`partner.project_count` (projects in any role) and `partner.funding_usd` (sum of its funding), as subqueries."""
    partnerships = ProjectPartnership.objects.filter(partner=OuterRef("pk")).order_by().values("partner")
    projects = partnerships.annotate(n=Count("project", distinct=True)).values("n")
    funding = partnerships.filter(role=PartnershipRole.FUNDING).annotate(total=Sum("amount_usd")).values("total")
    money = DecimalField(max_digits=16, decimal_places=2)
    return queryset.annotate(
        project_count=Coalesce(Subquery(projects, output_field=IntegerField()), Value(0)),
        funding_usd=Subquery(funding, output_field=money),
    )


class PartnerCountryField(CountryCodeField):
    """A country by its ISO alpha-3 code, or "none" for international organisations."""

    def to_python(self, value):
        if (value or "").strip().upper() == INTERNATIONAL:
            return INTERNATIONAL
        return super().to_python(value)


class PartnerCountryFilter(django_filters.ModelChoiceFilter):
    field_class = PartnerCountryField


class PartnerFilter(ListFilterSet):
    SORTS = {
        "name": Sort(_("Name"), ("name",)),
        "type": Sort(_("Type"), ("type__sort_order", "type__name")),
        "country": Sort(_("Country"), ("country__name",)),
        "projects": Sort(_("Projects"), ("project_count",), descending_first=True),
        "funding": Sort(_("Funding"), ("funding_usd",), descending_first=True),
    }
    DEFAULT_SORT = "name"
    TIEBREAK = ("name", "pk")

    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=100, help_text=_("Name or acronym."))
    type = django_filters.ModelChoiceFilter(
        label=_("Type"), queryset=PartnerType.objects.all(), to_field_name="code", empty_label=_("Any type")
    )
    country = country_filter(
        "in_country", PartnerCountryFilter, _("Three letters, e.g. IND; “none” for international partners.")
    )
    donor = django_filters.ChoiceFilter(
        label=_("Donors"), choices=[(YES, _("Donors only"))], empty_label=_("Every partner"), method="donors_only"
    )
    sort = sort_filter(SORTS)

    class Meta:
        model = Partner
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split():
            queryset = queryset.filter(reduce(or_, [Q(name__icontains=word), Q(acronym__icontains=word)]))
        return queryset

    def in_country(self, queryset: QuerySet, name: str, value) -> QuerySet:
        if value == INTERNATIONAL:
            return queryset.filter(country__isnull=True)
        return queryset.filter(country=value)

    def donors_only(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(donor__isnull=False)
