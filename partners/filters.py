"""The partner list's filters and sorts, read from the query string.

    /partners/?type=ngo&country=IND&sort=-projects
    /partners/?donor=yes&sort=-funding

A country is given by its ISO alpha-3 code (checked here; the page suggests codes from
/countries/lookup.json), or `none` for international organisations. Every parameter is
validated: a bad one is shown on the page and answers 400 on an export, never a 500.
"""

from __future__ import annotations

from decimal import Decimal
from functools import reduce
from operator import or_

import django_filters
from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ipec import keyset
from ipec.listing import CachedModelChoiceFilter, ListFilterSet, Sort, sort_filter
from ipec.reference_lists import reference_list
from partners.models import Partner, PartnershipRole, PartnerType, ProjectPartnership
from projects.filters import CountryCodeField, country_filter

YES = "yes"
INTERNATIONAL = "NONE"  # ?country=none: partners with no country


# The list is paged by keyset (ipec.keyset): each sort is its key(s), then the name, then the number.
NAME_KEY = keyset.Key("name")
NUMBER_KEY = keyset.Key("pk", read=int)


def _amount(text: str) -> Decimal:
    value = Decimal(text)
    if not value.is_finite():
        raise ValueError(text)
    return value


class InternationalLast(keyset.Key):
    """Whether the partner has no country (`field` is the country), as 0 or 1: international partners last both ways.

    The cursor carries "1" for an international partner, "0" for one with a country.
    """

    def expression(self, descending: bool):
        return Case(
            When(**{f"{self.field}__isnull": True}, then=Value(0 if descending else 1)),
            default=Value(1 if descending else 0),
        )

    def sql_value(self, value, descending: bool):
        international = value is None
        return int(international != descending)

    def to_text(self, value) -> str:
        return "1" if value is None else "0"

    def from_text(self, text: str):
        if text not in ("0", "1"):
            raise ValueError(text)
        return None if text == "1" else True  # only whether there is a country matters


SORT_KEYS: dict[str, tuple[keyset.Key, ...]] = {
    "name": (NAME_KEY,),
    "type": (keyset.Key("type_order", read=int),),
    "country": (InternationalLast("country"), keyset.Key("country_name")),
    "projects": (keyset.Key("project_count", read=int),),
    "funding": (keyset.NullsLast("funding_usd", read=_amount, lowest=Decimal(-1), highest=Decimal(10) ** 15),),
}


def for_list(queryset: QuerySet[Partner]) -> QuerySet[Partner]:
    """The partners with what the list sorts by: their totals (with_totals), type's rank and country's name."""
    return with_totals(queryset).annotate(
        type_order=F("type__sort_order"), country_name=Coalesce(F("country__name"), Value(""))
    )


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
    TIEBREAK_KEY = NUMBER_KEY  # paged by keyset: see keyset_order

    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=100, help_text=_("Name or acronym."))
    type = CachedModelChoiceFilter(
        label=_("Type"),
        queryset=PartnerType.objects.all(),
        reference=reference_list(PartnerType),
        empty_label=_("Any type"),
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

    def keyset_order(self) -> keyset.Order:
        """The sort's key(s), then the name and the number, all in the sort's direction (ipec.keyset).

        The queryset must be for_list()'s, which annotates what the keys read. Sorted by name, a page
        seeks in the index on (name, id); the totals are then computed for the page's rows only.
        """
        keys = (*SORT_KEYS[self.sort_key.lstrip("-")], NAME_KEY, NUMBER_KEY)
        return keyset.Order(keys=tuple(dict.fromkeys(keys)), descending=self.sort_key.startswith("-"))

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
