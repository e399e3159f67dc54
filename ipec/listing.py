"""What the portfolio's list pages share: sorting, filter errors and the query string.

A list page's whole state is in its query string (filters, `sort`, and `page` or the keyset
cursor `after`/`before` of ipec.keyset), so a view can be bookmarked and shared, and its
exports take the same parameters. Every list's FilterSet
derives from ListFilterSet: it adds the `sort` parameter, validated like any other filter, and
always ends the ordering on a unique column so that pages never overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import F, QuerySet
from django.http import QueryDict
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ipec import keyset
from ipec.reference_lists import CachedModelChoiceField, reference_list
from ipec.widget_html import LEAN_RENDERER

SORT_PARAM = "sort"
PAGE_PARAM = "page"
# Where a keyset-paged list is (ipec.keyset): a link with a new sort or new filters starts again from the top.
PLACE_PARAMS = (PAGE_PARAM, keyset.AFTER, keyset.BEFORE)
# Parameters that say how the list is shown, not which rows it holds.
VIEW_PARAMS = frozenset({SORT_PARAM, *PLACE_PARAMS})


@dataclass(frozen=True)
class Sort:
    """A sortable column: its label and the fields it orders by (nulls last in both directions)."""

    label: str
    fields: tuple = ()  # field names, or expressions (e.g. a lifecycle position)
    descending_first: bool = False  # numbers and dates: the first click shows the largest
    key: keyset.Key | None = None  # a keyset-paged list's sort: the column it orders and seeks by


def sort_filter(sorts: dict[str, Sort]) -> django_filters.ChoiceFilter:
    """The `sort` parameter: a key of `sorts`, or the key with a leading "-" for the reverse order.

    A hidden field: the column headers set it, and the filter form keeps it when re-filtering.
    """
    choices = [(key, sort.label) for key, sort in sorts.items()]
    choices += [(f"-{key}", format_lazy(_("{label} (descending)"), label=sort.label)) for key, sort in sorts.items()]
    return django_filters.ChoiceFilter(
        label=_("Sort"), choices=choices, method="keep", widget=forms.HiddenInput, field_name=SORT_PARAM
    )


class ListFilterSet(django_filters.FilterSet):
    """A FilterSet that also sorts. Subclasses set SORTS, DEFAULT_SORT and TIEBREAK, and declare
    `sort = sort_filter(SORTS)`."""

    SORTS: dict[str, Sort] = {}
    DEFAULT_SORT: str = ""
    TIEBREAK: tuple[str, ...] = ("pk",)
    # A keyset-paged list (ipec.keyset) gives each Sort a `key` and its unique tie-breaker here instead.
    TIEBREAK_KEY: keyset.Key | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Parameters refused outside the form (e.g. a filter the user's role may not use).
        self.refusals: list[str] = []

    def is_valid(self) -> bool:
        return super().is_valid() and not self.refusals

    def get_form_class(self):
        form_class = super().get_form_class()
        form_class.default_renderer = LEAN_RENDERER  # the filter widgets written in Python (ipec.widget_html)
        return form_class

    def keep(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset  # sorting happens last, in filter_queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        return queryset.order_by(*self.ordering())

    @property
    def sort_key(self) -> str:
        cleaned = getattr(self.form, "cleaned_data", {}) or {}
        return cleaned.get(SORT_PARAM) or self.DEFAULT_SORT

    def keyset_order(self) -> keyset.Order:
        """The sort as a keyset order: the sort's key, then the tie-breaker, both in the sort's direction."""
        key = self.sort_key
        sort = self.SORTS[key.lstrip("-")]
        keys = (sort.key,) if sort.key == self.TIEBREAK_KEY else (sort.key, self.TIEBREAK_KEY)
        return keyset.Order(keys=keys, descending=key.startswith("-"))

    def ordering(self) -> list:
        if self.TIEBREAK_KEY is not None:
            return self.keyset_order().order_by()
        key = self.sort_key
        descending = key.startswith("-")
        sort = self.SORTS[key.lstrip("-")]
        expressions = [F(field) if isinstance(field, str) else field for field in sort.fields]
        order = [e.desc(nulls_last=True) if descending else e.asc(nulls_last=True) for e in expressions]
        return order + [field for field in self.TIEBREAK if field not in sort.fields]

    @property
    def is_filtered(self) -> bool:
        """Whether any parameter that narrows the list is given (sorting and paging do not)."""
        return any(self.data.get(name) for name in self.filters if name not in VIEW_PARAMS)

    def errors_as_sentences(self) -> list[str]:
        """The refused parameters in sentences naming each: "Region (?region=): Select a valid choice…"."""
        sentences = [str(refusal) for refusal in self.refusals]  # lazy translations become text here
        for name, messages in self.form.errors.items():
            field = self.form.fields.get(name)
            for message in messages:
                sentences.append(f"{field.label or name} (?{name}=): {message}" if field else str(message))
        return sentences


def querystring(data: QueryDict, **changes: str | None) -> str:
    """The query string of `data` with `changes` applied (None removes a parameter), without `?`.

    Every value of a repeated parameter is kept, in order; empty parameters are dropped so that
    shared links stay short.
    """
    pairs = [(key, value) for key, values in data.lists() if key not in changes for value in values if value != ""]
    pairs += [(key, value) for key, value in changes.items() if value not in (None, "")]
    return urlencode(pairs)


def place_links(data: QueryDict, page: keyset.KeysetPage) -> keyset.KeysetPage:
    """Give a keyset page the query strings of the first, previous and next pages, the filters and sort kept."""
    place = dict.fromkeys(PLACE_PARAMS)
    page.first_query = querystring(data, **place)
    page.previous_query = querystring(data, **{**place, keyset.BEFORE: page.previous_cursor})
    page.next_query = querystring(data, **{**place, keyset.AFTER: page.next_cursor})
    return page


@dataclass(frozen=True)
class Column:
    """A header of a list table: sortable when `key` is set."""

    label: str
    key: str = ""
    numeric: bool = False
    url: str = ""
    direction: str = ""  # "ascending" or "descending" when the list is sorted on this column

    @property
    def css(self) -> str:
        return "num" if self.numeric else ""


def columns(
    data: QueryDict, filterset: ListFilterSet, specs: Sequence[tuple[str, str] | tuple[str, str, bool]]
) -> list[Column]:
    """Table headers from (label, sort key[, numeric]) tuples; a sort key of "" is not sortable.

    A sorted column's link reverses the order; another column's link sorts on it (numbers and
    dates largest first). Following a link goes back to the first page, keeping the filters.
    """
    current = filterset.sort_key
    result = []
    for label, key, *rest in specs:
        numeric = bool(rest and rest[0])
        if not key:
            result.append(Column(label=label, numeric=numeric))
            continue
        direction = ""
        if current.lstrip("-") == key:
            direction = "descending" if current.startswith("-") else "ascending"
            target = key if direction == "descending" else f"-{key}"
        else:
            target = f"-{key}" if filterset.SORTS[key].descending_first else key
        url = "?" + querystring(data, **{SORT_PARAM: target}, **dict.fromkeys(PLACE_PARAMS))
        result.append(Column(label=label, key=key, numeric=numeric, url=url, direction=direction))
    return result


def code_filter(model, label: str, *, method: str | None = None, any_label: str | None = None, queryset=None):
    """A filter on reference data chosen by its stable `code` in the query string (`?region=africa`).

    `any_label` is the empty choice ("Any region"), translated as a whole: each language
    agrees "any" with the noun its own way. Without `queryset`, the choices are the model's rows
    kept in memory (ipec.reference_lists), read without a query.
    """
    empty_label = any_label or format_lazy(_("Any {what}"), what=label)
    if queryset is None:
        return CachedModelChoiceFilter(
            label=label,
            queryset=model.objects.all(),
            reference=reference_list(model),
            empty_label=empty_label,
            method=method,
        )
    return django_filters.ModelChoiceFilter(
        label=label, queryset=queryset, to_field_name="code", empty_label=empty_label, method=method
    )


class CachedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A ModelChoiceFilter whose choices come from a ReferenceList (`reference=`), without a query."""

    field_class = CachedModelChoiceField
