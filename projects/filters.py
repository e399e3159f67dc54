"""The portfolio list's filters and sorts, read from the query string.

    /projects/?region=africa&status=active&sort=-budget
    /projects/?q=trafficking&country=IND&start_from=2010&budget_min=1000000

Every parameter is validated: an unknown choice, a value of the wrong type, a reversed range
or an out-of-range number is a form error that the page shows (and an export answers with
400), never a 500 and never a silently wider list. Choices with many values are not lists in
the page: a country is given by its ISO alpha-3 code, a partner by its number, each checked
here (the page offers suggestions from /countries/lookup.json and /partners/lookup.json).

Filters on related rows are EXISTS subqueries, so a project is listed once however many of
its countries or partnerships match.
"""

from __future__ import annotations

import datetime
import operator
import re
from functools import reduce
from operator import or_

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from accounts import policy
from countries.models import Country, Region
from ipec.listing import CachedModelChoiceFilter, ListFilterSet, Sort, code_filter, sort_filter
from partners.choices import donor_list
from partners.models import Donor, Partner, PartnershipRole, ProjectPartnership
from projects.models import (
    CODE_KEY,
    LIST_SORT_KEYS,
    InterventionType,
    ProgressRating,
    Project,
    ProjectCountry,
    ProjectKind,
    ProjectSearchDocument,
    ProjectStatus,
    Sector,
    TargetGroup,
    WorstForm,
)

try:  # evaluations/rules.py: the evaluation rule of DESIGN.md, in SQL
    from evaluations.rules import projects_missing_required_evaluation
except ImportError:  # pragma: no cover - the filter is offered only when the rule exists
    projects_missing_required_evaluation = None

# The texts the search box looks in: the TC symbol and title weigh most.
SEARCH_CONFIG = "english"  # PostgreSQL's English dictionary stems: "trafficked" finds "trafficking"
YEARS = (1950, 2100)
BUDGET_DIGITS = 14  # Project.budget_usd
UNRATED = "unrated"
YES = "yes"
# Text that looks like (part of) a TC symbol: GLO/13, IND-05-2, 22/USA.
CODE_LIKE = re.compile(r"^[A-Za-z0-9]{1,3}([/-][A-Za-z0-9]{0,3}){1,3}$")


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def search_vector() -> SearchVector:
    """The document searched; on PostgreSQL a trigger (migration projects/0009) keeps it in ProjectSearchDocument."""
    return SearchVector("code", "title", weight="A", config=SEARCH_CONFIG) + SearchVector(
        "summary", weight="B", config=SEARCH_CONFIG
    )


def search_projects(queryset: QuerySet, text: str) -> QuerySet:
    """Projects whose code, title or summary match `text`.

    PostgreSQL: full-text search ("websearch" syntax: words, "quoted phrases", -exclusions, or),
    with stemming; text that looks like part of a TC symbol also matches codes containing it.
    SQLite: every word appears in the code, title or summary, in any case (no stemming).
    """
    text = text.strip()
    if not text:
        return queryset
    if uses_full_text_search():
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        condition = Q(Exists(ProjectSearchDocument.objects.filter(project=OuterRef("pk"), document=query)))
        if CODE_LIKE.match(text):
            condition |= Q(code__icontains=text.replace("-", "/"))
        return queryset.filter(condition)
    for word in text.split():
        word_in = [Q(code__icontains=word.replace("-", "/")), Q(title__icontains=word), Q(summary__icontains=word)]
        queryset = queryset.filter(reduce(or_, word_in))
    return queryset


class ExistsPerRow(Exists):
    """EXISTS, looked up row by row in an index, for a condition ORed with another (the donor filter).

    PostgreSQL turns a plain correlated EXISTS under OR into a hashed subplan: it reads every
    funding partnership of the donor (37,000 for USA at 100,000 projects, 20 to 170 ms) before the
    first row of the page. A page needs only a few rows, each one index lookup on the partnership's
    (project, partner, role): OFFSET 0 keeps PostgreSQL from rewriting the subquery (0.7 ms).
    """

    template = "EXISTS(%(subquery)s OFFSET 0)"


# A date bound's lookup and the comparison it makes, in Python.
PASSES = {GreaterThanOrEqual: operator.ge, LessThanOrEqual: operator.le}


# Fields of the form ------------------------------------------------------------------------------


class CountryCodeField(forms.ModelChoiceField):
    """A country by its ISO alpha-3 code, in any case: "ind" is India."""

    def to_python(self, value):
        value = (value or "").strip().upper()
        if value and not re.fullmatch(r"[A-Z]{3}", value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return super().to_python(value)


class PartnerNumberField(forms.ModelChoiceField):
    """A partner by its number, as in /partners/<number>/; anything but a small whole number is refused."""

    def to_python(self, value):
        value = (value or "").strip()
        if value and not re.fullmatch(r"[0-9]{1,12}", value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return super().to_python(value)


class CountryCodeFilter(django_filters.ModelChoiceFilter):
    field_class = CountryCodeField


class PartnerNumberFilter(django_filters.ModelChoiceFilter):
    field_class = PartnerNumberField


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField


def year_filter(label: str, method: str) -> YearFilter:
    return YearFilter(
        label=label,
        method=method,
        min_value=YEARS[0],
        max_value=YEARS[1],
        widget=forms.NumberInput(attrs={"min": YEARS[0], "max": YEARS[1], "inputmode": "numeric"}),
    )


class BudgetFilter(django_filters.NumberFilter):
    def get_max_validator(self):
        return None  # max_digits bounds it: twelve digits before the decimal point, as Project.budget_usd


def budget_filter(label: str, lookup: str) -> BudgetFilter:
    return BudgetFilter(
        label=label,
        field_name="budget_usd",
        lookup_expr=lookup,
        min_value=0,
        max_digits=BUDGET_DIGITS,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"min": 0, "step": "any", "inputmode": "decimal"}),
    )


def country_filter(
    method: str,
    filter_class: type[django_filters.ModelChoiceFilter] = CountryCodeFilter,
    help_text: str = _("Three letters, e.g. IND for India."),
) -> django_filters.ModelChoiceFilter:
    """A country given by its ISO alpha-3 code in a text box that suggests codes as one types."""
    return filter_class(
        label=_("Country (ISO code)"),
        queryset=Country.objects.all(),
        to_field_name="iso3",
        method=method,
        help_text=help_text,
        error_messages={"invalid_choice": _("No country has the ISO alpha-3 code “%(value)s”.")},
        widget=forms.TextInput(
            attrs={
                "list": "country-suggestions",
                "data-lookup": reverse_lazy("countries:lookup"),
                "autocomplete": "off",
                "size": 5,
                "class": "code-input",
            }
        ),
    )


class RangeForm(forms.Form):
    """A filter form that refuses reversed ranges ("from 2015 to 2010"), naming both parameters."""

    RANGES: tuple[tuple[str, str, str], ...] = ()  # (low, high, what)

    def clean(self):
        cleaned = super().clean()
        for low, high, what in self.RANGES:
            if cleaned.get(low) is not None and cleaned.get(high) is not None and cleaned[low] > cleaned[high]:
                message = _("The %(what)s range is reversed: %(low)s is more than %(high)s.")
                self.add_error(high, message % {"what": what, "low": cleaned[low], "high": cleaned[high]})
        return cleaned


class ProjectFilterForm(RangeForm):
    RANGES = (
        ("start_from", "start_to", _("start year")),
        ("end_from", "end_to", _("end year")),
        ("budget_min", "budget_max", _("budget")),
    )


# The filter set ----------------------------------------------------------------------------------


class ProjectFilter(ListFilterSet):
    # Keyset-paged (ipec.keyset): each sort's column is in projects.models.LIST_SORT_KEYS, indexed with the
    # TC symbol as tie-breaker; status and rating sort in their lifecycle order, dates and rating empty last.
    SORTS = {
        "code": Sort(_("TC symbol"), key=LIST_SORT_KEYS["code"]),
        "title": Sort(_("Title"), key=LIST_SORT_KEYS["title"]),
        "kind": Sort(_("Kind"), key=LIST_SORT_KEYS["kind"]),
        "status": Sort(_("Status"), key=LIST_SORT_KEYS["status"]),
        "start": Sort(_("Planned start"), descending_first=True, key=LIST_SORT_KEYS["start"]),
        "end": Sort(_("Planned end"), descending_first=True, key=LIST_SORT_KEYS["end"]),
        "budget": Sort(_("Budget"), descending_first=True, key=LIST_SORT_KEYS["budget"]),
        "rating": Sort(_("Rating"), key=LIST_SORT_KEYS["rating"]),
    }
    DEFAULT_SORT = "-start"
    TIEBREAK_KEY = CODE_KEY

    q = django_filters.CharFilter(
        label=_("Search"), method="search", max_length=200, help_text=_("TC symbol, title or summary.")
    )
    region = code_filter(Region, _("Region"), method="in_region", any_label=_("Any region"))
    country = country_filter("in_country")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=ProjectKind.choices, empty_label=_("Global and national")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ProjectStatus.choices, empty_label=_("Any status"))
    intervention = code_filter(
        InterventionType, _("Intervention type"), method="of_intervention", any_label=_("Any intervention type")
    )
    worst_form = code_filter(WorstForm, _("Worst form"), method="of_worst_form", any_label=_("Any worst form"))
    sector = code_filter(Sector, _("Sector"), method="of_sector", any_label=_("Any sector"))
    target_group = code_filter(
        TargetGroup, _("Target group"), method="of_target_group", any_label=_("Any target group")
    )
    donor = CachedModelChoiceFilter(
        label=_("Donor"),
        queryset=Donor.objects.select_related("partner"),
        reference=donor_list(),
        empty_label=_("Any donor"),
        method="of_donor",
        help_text=_("Funds the project, or gives it its TC symbol."),
    )
    partner = PartnerNumberFilter(
        label=_("Partner (number)"),
        queryset=Partner.objects.all(),
        method="with_partner",
        help_text=_("In any role; the number in the partner's address."),
        error_messages={"invalid_choice": _("No partner has the number “%(value)s”.")},
        widget=forms.TextInput(
            attrs={
                "list": "partner-suggestions",
                "data-lookup": reverse_lazy("partners:lookup"),
                "autocomplete": "off",
                "inputmode": "numeric",
                "size": 8,
            }
        ),
    )
    start_from = year_filter(_("Starts from (year)"), "starts_from")
    start_to = year_filter(_("Starts until (year)"), "starts_to")
    end_from = year_filter(_("Ends from (year)"), "ends_from")
    end_to = year_filter(_("Ends until (year)"), "ends_to")
    budget_min = budget_filter(_("Budget from (US$)"), "gte")
    budget_max = budget_filter(_("Budget up to (US$)"), "lte")
    rating = django_filters.ChoiceFilter(
        label=_("Progress rating"),
        choices=[*ProgressRating.choices, (UNRATED, _("Not yet rated"))],
        empty_label=_("Any rating"),
        method="rated",
    )
    missing_evaluation = django_filters.ChoiceFilter(
        label=_("Evaluation rule"),
        choices=[(YES, _("Missing a required evaluation"))],
        empty_label=_("Any project"),
        method="missing_an_evaluation",
    )
    sort = sort_filter(SORTS)

    class Meta:
        model = Project
        fields: list[str] = []
        form = ProjectFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        # Only HQ sees which projects miss a required evaluation (accounts.policy).
        if projects_missing_required_evaluation is None or not policy.may_view_evaluation_rule(user):
            self.filters.pop("missing_evaluation")
            if self.data.get("missing_evaluation"):
                self.refusals.append(_("Evaluation rule (?missing_evaluation=): this filter is open to HQ only."))

    # Year filters. Sorted by a date, a page is read from the index on COALESCE(date, …)
    # (projects.models.LIST_SORT_KEYS); a bound on the plain column cannot bound that scan:
    # `?start_to=2000` sorted newest first read every project from 2026 down to 2000 before the
    # first that matched. So when the list is sorted by the filtered date, the bound is written on
    # the index's own expression, an exact equivalent (page_queryset adds the bounds that follow
    # from the other date's filters).

    def _on_date(self, queryset: QuerySet, sort: str, lookup: type, value: datetime.date) -> QuerySet:
        """`date >= value` or `date <= value` for the date `sort` sorts by, in the form the sort's index serves."""
        field = LIST_SORT_KEYS[sort].field
        if self.sort_key.lstrip("-") != sort:
            return queryset.filter(lookup(F(field), value))
        descending = self.sort_key.startswith("-")
        key = LIST_SORT_KEYS[sort]
        condition = lookup(key.expression(descending), value)
        # COALESCE gives an empty date its stand-in; where the stand-in passes the bound, exclude it again.
        if PASSES[lookup](key.sql_value(None, descending), value):
            return queryset.filter(condition, **{f"{field}__isnull": False})
        return queryset.filter(condition)

    def page_queryset(self) -> QuerySet:
        """The filtered projects for the query of one page: with the bounds one date's filter sets the other.

        The planned end is never before the planned start (a constraint of Project), so `?end_to=2005`
        bounds the start too, and the page sorted by start (the default) seeks to 2005 in the start's
        index instead of reading down from 2026. The count keeps the filters alone: the planner's
        estimate of it is shown ("about 15,000"), and it cannot know that the bounds are redundant.
        """
        queryset = self.qs
        sort = self.sort_key.lstrip("-")
        data = getattr(self.form, "cleaned_data", None) or {}
        descending = self.sort_key.startswith("-")
        if sort == "start" and data.get("end_to") is not None:
            bound, lookup = datetime.date(data["end_to"], 12, 31), LessThanOrEqual  # start ≤ end ≤ bound
        elif sort == "end" and data.get("start_from") is not None:
            bound, lookup = datetime.date(data["start_from"], 1, 1), GreaterThanOrEqual  # end ≥ start ≥ bound
        else:
            return queryset
        key = LIST_SORT_KEYS[sort]
        if not PASSES[lookup](key.sql_value(None, descending), bound):
            return queryset  # an empty date (its stand-in) would fail the bound, though the row matches
        return queryset.filter(lookup(key.expression(descending), bound))

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search_projects(queryset, value)

    def in_region(self, queryset: QuerySet, name: str, value: Region) -> QuerySet:
        return queryset.filter(Exists(ProjectCountry.objects.filter(project=OuterRef("pk"), country__region=value)))

    def in_country(self, queryset: QuerySet, name: str, value: Country) -> QuerySet:
        return queryset.filter(Exists(ProjectCountry.objects.filter(project=OuterRef("pk"), country=value)))

    def _through(self, queryset: QuerySet, relation: str, column: str, value) -> QuerySet:
        through = getattr(Project, relation).through
        return queryset.filter(Exists(through.objects.filter(project=OuterRef("pk"), **{column: value})))

    def of_intervention(self, queryset: QuerySet, name: str, value: InterventionType) -> QuerySet:
        return self._through(queryset, "intervention_types", "interventiontype", value)

    def of_worst_form(self, queryset: QuerySet, name: str, value: WorstForm) -> QuerySet:
        return self._through(queryset, "worst_forms", "worstform", value)

    def of_sector(self, queryset: QuerySet, name: str, value: Sector) -> QuerySet:
        return self._through(queryset, "sectors", "sector", value)

    def of_target_group(self, queryset: QuerySet, name: str, value: TargetGroup) -> QuerySet:
        return self._through(queryset, "target_groups", "targetgroup", value)

    def of_donor(self, queryset: QuerySet, name: str, value: Donor) -> QuerySet:
        funds = ProjectPartnership.objects.filter(
            project=OuterRef("pk"), partner_id=value.partner_id, role=PartnershipRole.FUNDING
        )
        return queryset.filter(ExistsPerRow(funds) | Q(code__endswith=f"/{value.code}"))

    def with_partner(self, queryset: QuerySet, name: str, value: Partner) -> QuerySet:
        return queryset.filter(Exists(ProjectPartnership.objects.filter(project=OuterRef("pk"), partner=value)))

    def starts_from(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return self._on_date(queryset, "start", GreaterThanOrEqual, datetime.date(value, 1, 1))

    def starts_to(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return self._on_date(queryset, "start", LessThanOrEqual, datetime.date(value, 12, 31))

    def ends_from(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return self._on_date(queryset, "end", GreaterThanOrEqual, datetime.date(value, 1, 1))

    def ends_to(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return self._on_date(queryset, "end", LessThanOrEqual, datetime.date(value, 12, 31))

    def rated(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(rating="" if value == UNRATED else value)

    def missing_an_evaluation(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return projects_missing_required_evaluation(queryset)
