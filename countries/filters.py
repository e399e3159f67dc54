"""The country list's filters and sorts, read from the query string.

    /countries/?region=africa&ipec=yes&c138=no&sort=-rate

A convention counts as ratified when the country's ratification is in force or not yet in
force; a denounced ratification counts as not ratified. Every parameter is validated: a bad
one is shown on the page and answers 400 on an export, never a 500.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

import django_filters
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from countries.models import Country, Ratification, RatificationStatus, Region
from countries.reference import CONVENTIONS
from ipec.listing import ListFilterSet, Sort, sort_filter
from projects.models import ProjectCountry

YES, NO = "yes", "no"
YES_NO = [(YES, _("Yes")), (NO, _("No"))]
RATIFIED = [(YES, _("Ratified")), (NO, _("Not ratified"))]
# The five instruments, as query parameters: c29, c105, c138, c182, p29.
CONVENTION_CODES = [code for code, _name, _year in CONVENTIONS]


def convention_param(code: str) -> str:
    return code.lower()


def ratified(code: str) -> Exists:
    """Whether the country has ratified the convention and not denounced it."""
    return Exists(
        Ratification.objects.filter(country=OuterRef("pk"), convention__code=code).exclude(
            status=RatificationStatus.DENOUNCED
        )
    )


def with_project_count(queryset: QuerySet[Country]) -> QuerySet[Country]:
    """`country.project_count`: the projects working in the country, as a subquery (no join, no GROUP BY)."""
    count = (
        ProjectCountry.objects.filter(country=OuterRef("pk"))
        .order_by()
        .values("country")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(project_count=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)))


def convention_filter(code: str) -> django_filters.ChoiceFilter:
    name = next(name for c, name, _year in CONVENTIONS if c == code)
    return django_filters.ChoiceFilter(
        label=format_lazy("{code} {name}", code=code, name=_(name)),
        choices=RATIFIED,
        empty_label=_("Ratified or not"),
        method="ratified_or_not",
    )


class CountryFilter(ListFilterSet):
    SORTS = {
        "name": Sort(_("Country"), ("name",)),
        "iso3": Sort(_("ISO code"), ("iso3",)),
        "region": Sort(_("Region"), ("region__sort_order", "name")),
        "mou": Sort(_("MoU signed"), ("mou_signed_on",), descending_first=True),
        "projects": Sort(_("Projects"), ("project_count",), descending_first=True),
        "children": Sort(_("Children in child labour"), ("children_in_child_labour",), descending_first=True),
        "rate": Sort(_("Child-labour rate"), ("child_labour_rate",), descending_first=True),
        "survey": Sort(_("Survey year"), ("survey_year",), descending_first=True),
    }
    DEFAULT_SORT = "name"
    TIEBREAK = ("name",)

    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=100, help_text=_("Name or ISO code."))
    region = django_filters.ModelChoiceFilter(
        label=_("Region"), queryset=Region.objects.all(), to_field_name="code", empty_label=_("Any region")
    )
    ipec = django_filters.ChoiceFilter(
        label=_("IPEC operations"), choices=YES_NO, empty_label=_("Any"), method="with_operations"
    )
    mou = django_filters.ChoiceFilter(
        label=_("MoU with IPEC signed"), choices=YES_NO, empty_label=_("Any"), method="with_mou"
    )
    c29 = convention_filter("C29")
    c105 = convention_filter("C105")
    c138 = convention_filter("C138")
    c182 = convention_filter("C182")
    p29 = convention_filter("P29")
    sort = sort_filter(SORTS)

    class Meta:
        model = Country
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split():
            queryset = queryset.filter(
                reduce(or_, [Q(name__icontains=word), Q(iso3__iexact=word), Q(iso2__iexact=word)])
            )
        return queryset

    def with_operations(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(ipec_operations=value == YES)

    def with_mou(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(mou_signed_on__isnull=value != YES)

    def ratified_or_not(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        condition = ratified(name.upper())
        return queryset.filter(condition if value == YES else ~condition)
