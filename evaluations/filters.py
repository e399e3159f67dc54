"""The filters of the evaluation list and of the lessons library, read from the query string.

Both are bookmarkable: `/evaluations/?status=published&timing=final`,
`/lessons/?q=trafficking&region=africa&kind=lesson`. An unknown value is a form error that
the page shows (and the export answers with 400), never a 500 and never a silently wider list.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

import django_filters
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from countries.models import Country, Region
from evaluations.models import (
    Evaluation,
    EvaluationStatus,
    GoodPractice,
    Language,
    LessonLearned,
    Modality,
    Timing,
)
from ipec.listing import CachedModelChoiceFilter, code_filter
from ipec.reference_lists import reference_list
from projects.models import InterventionType, ProjectCountry, Sector, WorstForm

# The evaluation list -----------------------------------------------------------------------------


class EvaluationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=EvaluationStatus.choices, empty_label=_("Any status")
    )
    timing = django_filters.ChoiceFilter(label=_("Timing"), choices=Timing.choices, empty_label=_("Any timing"))
    modality = django_filters.ChoiceFilter(label=_("Modality"), choices=Modality.choices, empty_label=_("Any modality"))
    language = django_filters.ChoiceFilter(label=_("Language"), choices=Language.choices, empty_label=_("Any language"))

    class Meta:
        model = Evaluation
        fields = ["status", "timing", "modality", "language"]


# The lessons library -----------------------------------------------------------------------------

LESSON = "lesson"
GOOD_PRACTICE = "good_practice"
KINDS = [(LESSON, _("Lessons learned")), (GOOD_PRACTICE, _("Good practices"))]
KIND_OF_MODEL = {LessonLearned: LESSON, GoodPractice: GOOD_PRACTICE}

# The texts searched, the title weighing most: every field of the ILO templates.
SEARCH_FIELDS: dict[type, tuple[str, ...]] = {
    LessonLearned: (
        "title", "description", "context", "challenges", "causal_factors", "targeted_users", "success",
        "administrative_issues",
    ),
    GoodPractice: ("title", "summary", "conditions", "cause_effect", "measurable_impact", "replication_potential"),
}  # fmt: skip
# PostgreSQL's English dictionary stems words, so "trafficked" finds "trafficking".
SEARCH_CONFIG = "english"


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def search_vector(model: type) -> SearchVector:
    """The document searched; on PostgreSQL a trigger (migration evaluations/0009) keeps it in the side tables."""
    title, *texts = SEARCH_FIELDS[model]
    return SearchVector(title, weight="A", config=SEARCH_CONFIG) + SearchVector(
        *texts, weight="B", config=SEARCH_CONFIG
    )


def stored_document() -> F:
    """search_vector() as kept by PostgreSQL (LessonSearchDocument, GoodPracticeSearchDocument): read, not computed.

    The search filters on it and the ranking reuses the same join, so no match's texts are read again.
    """
    return F("search_document__document")


def search_query(text: str) -> SearchQuery:
    # "websearch" reads what people type into a search box: words, "quoted phrases", -exclusions, or.
    return SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")


def _evaluations_where(**lookups) -> Q:
    """Content whose evaluation covers a project matching `lookups`, as an IN subquery (no duplicate rows)."""
    return Q(evaluation__in=Evaluation.objects.filter(**lookups).values("pk"))


class LessonFilter(django_filters.FilterSet):
    """Filters of the lessons library; it filters querysets of LessonLearned and of GoodPractice alike.

    Every filter is a method over `evaluation__…` lookups, which both models share; `kind`
    empties the queryset of the other kind. Choices are given by code, so URLs stay readable.
    """

    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=200)
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=KINDS, empty_label=_("Lessons and good practices"), method="of_kind"
    )
    region = code_filter(Region, _("Region"), method="in_region", any_label=_("Any region"))
    country = CachedModelChoiceFilter(
        label=_("Country"),
        # Only countries where a project works: the list stays short and every choice can match. Kept in
        # memory (ipec.reference_lists): reading it took 125 ms a page at 100,000 projects.
        queryset=Country.objects.all(),
        reference=reference_list(
            Country,
            key="iso3",
            load=lambda: Country.objects.filter(Exists(ProjectCountry.objects.filter(country=OuterRef("pk")))),
            related=(ProjectCountry,),
        ),
        empty_label=_("Any country"),
        method="in_country",
    )
    intervention = code_filter(
        InterventionType, _("Intervention type"), method="of_intervention", any_label=_("Any intervention type")
    )
    worst_form = code_filter(WorstForm, _("Worst form"), method="of_worst_form", any_label=_("Any worst form"))
    theme = code_filter(Sector, _("Theme (sector)"), method="of_theme", any_label=_("Any theme"))

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        if uses_full_text_search():
            return queryset.filter(search_document__document=search_query(value))
        # SQLite: every word appears in one of the texts, in any case (plain substring matching, no stemming).
        fields = SEARCH_FIELDS[queryset.model]
        for word in value.split():
            queryset = queryset.filter(reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields)))
        return queryset

    def of_kind(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset if KIND_OF_MODEL[queryset.model] == value else queryset.none()

    def in_region(self, queryset: QuerySet, name: str, value: Region) -> QuerySet:
        return queryset.filter(_evaluations_where(projects__countries__region=value))

    def in_country(self, queryset: QuerySet, name: str, value: Country) -> QuerySet:
        return queryset.filter(_evaluations_where(projects__countries=value))

    def of_intervention(self, queryset: QuerySet, name: str, value: InterventionType) -> QuerySet:
        return queryset.filter(_evaluations_where(projects__intervention_types=value))

    def of_worst_form(self, queryset: QuerySet, name: str, value: WorstForm) -> QuerySet:
        return queryset.filter(_evaluations_where(projects__worst_forms=value))

    def of_theme(self, queryset: QuerySet, name: str, value: Sector) -> QuerySet:
        return queryset.filter(_evaluations_where(projects__sectors=value))


def filter_errors(filterset: django_filters.FilterSet) -> list[str]:
    """The refusals of the query string in sentences naming the parameter: "region: Select a valid choice…"."""
    return [
        f"{filterset.form.fields[name].label or name} (?{name}=): {message}"
        if name in filterset.form.fields
        else str(message)
        for name, messages in filterset.errors.items()
        for message in messages
    ]
