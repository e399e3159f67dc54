"""Reads of evaluations and of the lessons library, each with the query plan its page needs.

Visibility follows accounts.policy.may_view_evaluation as one filter: HQ sees every
evaluation, an evaluator the evaluations assigned to them, a CTA or a viewer the published
ones, anyone else none. The lessons library and "lessons from similar projects" show only
the lessons and good practices of evaluations the user may see.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import islice

from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, Coalesce

from accounts import policy
from evaluations.filters import (
    GOOD_PRACTICE,
    LESSON,
    LessonFilter,
    filter_errors,
    search_query,
    stored_document,
    uses_full_text_search,
)
from evaluations.models import (
    Evaluation,
    EvaluationStatus,
    EvaluationStep,
    GoodPractice,
    LessonLearned,
    Recommendation,
)
from ipec import keyset
from projects.models import Project, ProjectCountry

# Visibility ---------------------------------------------------------------------------------------


def visible_evaluation_q(user, prefix: str = "") -> Q:
    """The list form of policy.may_view_evaluation, as a condition on `<prefix>` evaluations."""
    if policy.is_hq(user):
        return Q()
    if policy.is_evaluator(user):
        return Q(**{f"{prefix}evaluators": user})
    if policy.is_cta(user) or policy.is_viewer(user):
        return Q(**{f"{prefix}status": EvaluationStatus.PUBLISHED})
    return Q(**{f"{prefix}pk__in": []})


def visible_evaluations(user) -> QuerySet[Evaluation]:
    """The evaluations a user may see, as one queryset."""
    return Evaluation.objects.filter(visible_evaluation_q(user))


# The evaluation list and page ---------------------------------------------------------------------


def evaluation_list(user) -> QuerySet[Evaluation]:
    """The evaluations the user may see, with what a row of the list shows (two prefetches per page)."""
    return visible_evaluations(user).for_list().order_by(F("planned_start").desc(nulls_last=True), "title", "pk")


def evaluation_for_page(user, pk: int) -> Evaluation | None:
    """The evaluation with everything its page shows, or None if it does not exist or the user may not see it."""
    return (
        visible_evaluations(user)
        .select_related("evaluation_manager")
        .prefetch_related(
            Prefetch("projects", queryset=Project.objects.order_by("code").prefetch_related("countries")),
            "evaluators",
            Prefetch("steps", queryset=EvaluationStep.objects.select_related("changed_by")),
            "findings",
            Prefetch("recommendations", queryset=Recommendation.objects.order_by("number")),
            "lessons",
            "good_practices",
        )
        .filter(pk=pk)
        .first()
    )


# The lessons library ------------------------------------------------------------------------------
#
# Paged by keyset (ipec.keyset), like /projects/: `?after=<cursor>` is the page after a row, `?before=` the
# page before one, so no page reads and throws away the rows above it (OFFSET did); the total is counted up
# to keyset.COUNT_CAP rows and estimated above (a COUNT over the union ranked every match just to count).
#
# The order: the best matches first when searching, then the newest evaluation, then the title from A to
# Z; lessons and good practices mixed, kind and id breaking the last ties. Ranking every match means reading
# every match's search document and joining its evaluation for the date: 29,600 matches of "family" at
# 100,000 projects, 27 ms to read and rank their documents alone, 0.27 s with the joins, however few rows
# a page shows. So a search ranks only the RANKED most recently added matches of each kind, found down the
# primary key (about RANKED / the share of documents that match are read, whatever the library's size);
# the older matches follow them, newest evaluation first, and the page says so. A search with fewer
# matches ranks them all. Evaluators and HQ see the best of the recent lessons first; to rank every match
# of a common word, they add words or filters.

# A date before every evaluation: content of evaluations without planned dates sorts last. Migration
# evaluations/0010 indexes COALESCE(planned_start, this date) for the order: change both together.
_NO_DATE = datetime.date(1900, 1, 1)
# Matches of each kind ranked by a search, the most recently added; the others follow, of rank UNRANKED.
RANKED = 1000
UNRANKED = -1.0  # below every rank: ts_rank is never negative
# Rows of the CSV export read at a time: their keys from the ordered union, then the objects.
EXPORT_BATCH = 500


def _visible_content(model: type, user) -> QuerySet:
    return model.objects.filter(visible_evaluation_q(user, "evaluation__"))


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _row_id(text: str) -> int:
    value = int(text)
    if not 0 < value < 2**63:  # a bigint: a larger number would reach the database as an error
        raise ValueError(text)
    return value


def _title(text: str) -> str:
    if "\x00" in text:  # PostgreSQL takes no NUL in a text
        raise ValueError(text)
    return text


def _kind(text: str) -> str:
    if text not in (LESSON, GOOD_PRACTICE):
        raise ValueError(text)
    return text


# The columns of the order, as _library_rows names them. Rank and date descend, the others ascend.
RANK = keyset.Key("rank", read=_finite, write=repr)  # repr: the shortest text that reads back as the same float
DAY = keyset.Key("evaluation_day", read=datetime.date.fromisoformat, write=datetime.date.isoformat)
HEADING = keyset.Key("heading", read=_title)
KIND = keyset.Key("kind", read=_kind)
ROW = keyset.Key("pk", read=_row_id)
_ASCENDING = keyset.Order(keys=(HEADING, KIND, ROW), descending=False)


@dataclass(frozen=True)
class LibraryOrder:
    """The library's order, with what ipec.keyset.keyset_page asks of an order (order_by, beyond, cursor,
    read_cursor). keyset.Order compares rows in one direction; here rank and date descend and the title
    ascends, so a place is "(rank, day) below the cursor's, or equal and (title, kind, id) above".

    The cursor holds the title first (`Family tracing~0.66871976852417~2021-03-01~lesson~4711`):
    keyset.Order reads its columns from the right, and only the first may hold the separator.
    """

    ranked: bool  # searching on PostgreSQL: the rank leads

    @property
    def _descending(self) -> keyset.Order:
        return keyset.Order(keys=(RANK, DAY) if self.ranked else (DAY,), descending=True)

    @property
    def _text(self) -> keyset.Order:
        return keyset.Order(keys=(HEADING, *self._descending.keys, KIND, ROW), descending=False)

    def order_by(self, reverse: bool = False) -> list:
        return self._descending.order_by(reverse) + _ASCENDING.order_by(reverse)

    def cursor(self, row) -> str:
        return self._text.cursor(row)

    def read_cursor(self, text: str) -> list:
        return self._text.read_cursor(text)

    def beyond(self, values: list, reverse: bool = False) -> Q:
        """Rows after the cursor's `values` (read_cursor's) in this order, before them with `reverse`."""
        value = dict(zip((key.field for key in self._text.keys), values, strict=True))
        head = [value[key.field] for key in self._descending.keys]
        tail = [value[key.field] for key in _ASCENDING.keys]
        same = Q(**{key.field: value[key.field] for key in self._descending.keys})
        beyond = self._descending.beyond(head, reverse) | (same & _ASCENDING.beyond(tail, reverse))
        if self.ranked:
            return beyond
        # Implied by the rest, and what the date's index (migration evaluations/0010) can seek: a deep page is
        # read from its own date on, not from the newest evaluation.
        return Q(**{DAY.field + ("__gte" if reverse else "__lte"): value[DAY.field]}) & beyond


ROW_FIELDS = ("pk", "kind", "heading", "rank", "evaluation_day")


def _library_rows(queryset: QuerySet, kind: str, text: str | None = None, rank: float = 0.0) -> QuerySet:
    """One kind's rows of the library, as the columns the union of both kinds orders and pages by; ranked
    by `text` when given, else all of the same `rank`."""
    rank = SearchRank(stored_document(), search_query(text)) if text else Value(rank, output_field=FloatField())
    return (
        queryset.annotate(
            kind=Value(kind),
            heading=F("title"),
            rank=Cast(rank, FloatField()),
            evaluation_day=Coalesce(F("evaluation__planned_start"), Value(_NO_DATE)),
        )
        .order_by()
        .values(*ROW_FIELDS)
    )


def _ranked_from(matches: dict[str, QuerySet]) -> dict[str, int]:
    """For each kind with RANKED matches or more, the id of its RANKED-th most recently added: one query.

    Read down the primary key, newest first, until RANKED match (or from the search's index when the
    planner expects that to be cheaper: a rare word).
    """
    firsts = [
        rows.annotate(kind=Value(kind)).order_by("-pk").values_list("kind", "pk")[RANKED - 1 : RANKED]
        for kind, rows in matches.items()
    ]
    first, *others = firsts
    return dict(first.union(*others, all=True) if others else first)


def _search_rows(matches: dict[str, QuerySet], text: str) -> LibraryRows:
    """Both kinds' rows of a search: the RANKED most recently added matches of each kind ranked, the others
    (`later`) all of rank UNRANKED, below any ranked match's, so that they follow, newest evaluation first."""
    ranked, later = [], []
    ranked_from = _ranked_from(matches)
    for kind, rows in matches.items():
        if kind not in ranked_from:
            ranked.append(_library_rows(rows, kind, text))
            continue
        # Bounded on both tables' keys (a document's is its lesson's or practice's): PostgreSQL then reads the
        # two primary keys from there on, not every match's document (it carries no inequality across a join).
        recent = Q(pk__gte=ranked_from[kind], search_document__pk__gte=ranked_from[kind])
        ranked.append(_library_rows(rows.filter(recent), kind, text))
        later.append(_library_rows(rows.filter(pk__lt=ranked_from[kind]), kind, rank=UNRANKED))
    return LibraryRows(parts=tuple(ranked), later=tuple(later))


@dataclass(frozen=True)
class LibraryRows:
    """Both kinds' rows (pk, kind, heading, rank, evaluation_day), as ipec.keyset.keyset_page reads a queryset:
    order_by(), filter() and a slice. A condition applies to each part before the union (Django filters no
    union); a slice is one UNION ALL query of named tuples (`row.heading`, which keyset reads), each part
    limited to the slice too on PostgreSQL, which then reads each one down its own order.
    """

    parts: tuple[QuerySet, ...]
    # A search's unranked matches (_search_rows): after RANKED rows of a kind, so a first page, placed by no
    # cursor, never reaches them and does not read them.
    later: tuple[QuerySet, ...] = ()
    ordering: tuple = ()
    placed: bool = False

    def order_by(self, *ordering) -> LibraryRows:
        return replace(self, ordering=ordering)

    def filter(self, *conditions: Q) -> LibraryRows:
        parts, later = (tuple(part.filter(*conditions) for part in parts) for parts in (self.parts, self.later))
        return replace(self, parts=parts, later=later, placed=True)

    def _union(self, stop: int | None = None) -> QuerySet:
        first_page = not self.placed and stop is not None and stop <= RANKED
        parts = [part.values_list(*ROW_FIELDS, named=True) for part in self.parts + (() if first_page else self.later)]
        parts = [part for part in parts if not part.query.is_empty()] or parts[:1]  # e.g. `?kind=lesson`
        if len(parts) == 1:
            return parts[0].order_by(*self.ordering)
        if stop is not None and connection.features.supports_slicing_ordering_in_compound:
            parts = [part.order_by(*self.ordering)[:stop] for part in parts]
        first, *others = parts
        return first.union(*others, all=True).order_by(*self.ordering)

    def __getitem__(self, window: slice) -> QuerySet:
        return self._union(window.stop)[window]

    def __iter__(self) -> Iterator:
        """Every row in order, read from the database a chunk at a time (a server-side cursor on PostgreSQL)."""
        return self._union().iterator(chunk_size=EXPORT_BATCH)


@dataclass
class Library:
    """The filtered library: the FilterSet (with its errors), its rows and their order, before paging.

    `matches` are each kind's matching rows, unranked and unordered: what the total counts.
    `ranked_recent` is RANKED when a search ranked only the most recently added matches of a kind, else 0.
    """

    filterset: LessonFilter
    rows: LibraryRows
    order: LibraryOrder
    matches: tuple[QuerySet, ...] = ()
    ranked_recent: int = 0
    errors: list[str] = field(default_factory=list)


def lessons_library(user, data) -> Library:
    """Lessons learned and good practices of the evaluations the user may see, filtered by `data` (a QueryDict).

    Best matches first when searching (PostgreSQL; see RANKED), then the newest evaluations, then by title.
    An invalid filter gives no rows and its errors, never a wider list. A search costs a query (_ranked_from).
    """
    lessons = _visible_content(LessonLearned, user)
    filterset = LessonFilter(data, queryset=lessons)
    if not filterset.is_valid():
        nothing = LibraryRows(parts=(_library_rows(lessons.none(), LESSON),))
        return Library(filterset, nothing, LibraryOrder(ranked=False), errors=filter_errors(filterset))
    text = filterset.form.cleaned_data.get("q") if uses_full_text_search() else None
    matches = {
        LESSON: filterset.filter_queryset(lessons),
        GOOD_PRACTICE: filterset.filter_queryset(_visible_content(GoodPractice, user)),
    }
    matches = {kind: rows for kind, rows in matches.items() if not rows.query.is_empty()} or matches
    if text:
        rows = _search_rows(matches, text)
    else:
        rows = LibraryRows(parts=tuple(_library_rows(found, kind) for kind, found in matches.items()))
    order = LibraryOrder(ranked=bool(text))
    return Library(
        filterset,
        rows.order_by(*order.order_by()),
        order,
        matches=tuple(matches.values()),
        ranked_recent=RANKED if rows.later else 0,
    )


def library_total(library: Library) -> keyset.Total:
    """How many rows the library holds: keyset.count of each kind (a query each), added up.

    Counted apart, each kind is read only up to the cap (a union's branches are planned to be read whole:
    a search's count hashed all 29,600 matches of "family" at 100,000 projects).
    """
    cap = keyset.COUNT_CAP
    totals = [keyset.count(rows, cap) for rows in library.matches]
    if all(total.exact or total.estimated for total in totals):
        return keyset.Total(sum(total.value for total in totals), exact=all(total.exact for total in totals), cap=cap)
    return keyset.Total(cap + 1, exact=False, cap=cap)  # no estimate: "more than" the cap


def library_objects(rows: list) -> list[LessonLearned | GoodPractice]:
    """The lessons and good practices of a page of library rows (with `kind` and `pk`), in the rows' order.

    One query per kind on the page and one for the projects of their evaluations, whatever the page size.
    """
    ids = {LESSON: [], GOOD_PRACTICE: []}
    for row in rows:
        ids[row.kind].append(row.pk)
    found = {
        LESSON: LessonLearned.objects.select_related("evaluation").in_bulk(ids[LESSON]),
        GOOD_PRACTICE: GoodPractice.objects.select_related("evaluation").in_bulk(ids[GOOD_PRACTICE]),
    }
    objects = [found[row.kind][row.pk] for row in rows if row.pk in found[row.kind]]
    # One instance per evaluation, shared by its lessons and practices, so that one prefetch serves them all.
    evaluations = {o.evaluation_id: o.evaluation for o in objects}
    prefetch_related_objects(
        list(evaluations.values()),
        Prefetch("projects", queryset=Project.objects.order_by("code").prefetch_related("countries")),
    )
    for obj in objects:
        obj.evaluation = evaluations[obj.evaluation_id]
        obj.kind = LESSON if isinstance(obj, LessonLearned) else GOOD_PRACTICE
    return objects


def iter_library(library: Library) -> Iterator[LessonLearned | GoodPractice]:
    """Every item of the library in its order, for the CSV export: the ordered keys are read a chunk at a
    time, and the items of each chunk fetched together (library_objects)."""
    rows = iter(library.rows)
    while chunk := list(islice(rows, EXPORT_BATCH)):
        yield from library_objects(chunk)


# Lessons from similar projects --------------------------------------------------------------------


@dataclass(frozen=True)
class Classes:
    """The ids of what a project is classified by: intervention types, worst forms, regions of its countries."""

    intervention_types: list[int]
    worst_forms: list[int]
    regions: list[int]


def project_classes(project: Project) -> Classes:
    """The project's classes, in one query (as literals, they keep the ranking query small to plan)."""
    intervention_types = Project.intervention_types.through.objects.filter(project=project)
    rows = (
        intervention_types.values_list(Value(1), "interventiontype_id")
        .union(Project.worst_forms.through.objects.filter(project=project).values_list(Value(2), "worstform_id"))
        .union(ProjectCountry.objects.filter(project=project).values_list(Value(3), "country__region_id"))
    )
    found: dict[int, list[int]] = {1: [], 2: [], 3: []}
    for which, pk in rows:
        found[which].append(pk)
    return Classes(*(sorted(found[which]) for which in (1, 2, 3)))


def _shared(through: type, column: str, wanted: list[int]) -> Coalesce | Value:
    """How many of `wanted` (ids) the projects of the row's evaluation have through `through`.`column`."""
    if not wanted:
        return Value(0)
    rows = (
        through.objects.filter(project__evaluations=OuterRef("evaluation_id"), **{f"{column}__in": wanted})
        .order_by()
        .values("project__evaluations")
        .annotate(n=Count(column, distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(rows[:1], output_field=IntegerField()), Value(0))


def _same_region(regions: list[int]) -> Cast | Value:
    if not regions:
        return Value(0)
    same = ProjectCountry.objects.filter(project__evaluations=OuterRef("evaluation_id"), country__region__in=regions)
    return Cast(Exists(same), IntegerField())


# How many evaluations of similar projects the ranking looks at, for each kind: the most recently recorded ones.
# Scoring every lesson of the portfolio took 7 s at 100,000 projects (with a handful of intervention types,
# worst forms and regions, nearly every project shares one of them); the newest evaluations, taken down the
# primary key's index and scored only among themselves, cost a few milliseconds whatever the portfolio's size.
SIMILAR_CANDIDATES = 100


def _similar_evaluations(user, project: Project, classes: Classes, content: type) -> QuerySet:
    """The ids of the most recently recorded evaluations the user may see that cover a project sharing
    an intervention type, a worst form or a region with `project`, have `content` (lessons or good
    practices), and do not cover `project` itself: at most SIMILAR_CANDIDATES."""
    through = Evaluation.projects.through
    shares = Q(pk__in=[])
    if classes.intervention_types:
        shares |= Q(project__intervention_types__in=classes.intervention_types)
    if classes.worst_forms:
        shares |= Q(project__worst_forms__in=classes.worst_forms)
    if classes.regions:
        shares |= Q(project__project_countries__country__region__in=classes.regions)
    return (
        visible_evaluations(user)
        .filter(
            Exists(content.objects.filter(evaluation_id=OuterRef("pk"))),
            Exists(through.objects.filter(shares, evaluation_id=OuterRef("pk"))),
        )
        .exclude(Exists(through.objects.filter(evaluation_id=OuterRef("pk"), project_id=project.pk)))
        .order_by("-pk")
        .values("pk")[:SIMILAR_CANDIDATES]
    )


def _similar_rows(user, model: type, kind: str, project: Project, classes: Classes, text_field: str) -> QuerySet:
    return (
        model.objects.filter(evaluation_id__in=_similar_evaluations(user, project, classes, model))
        .annotate(
            kind=Value(kind),
            heading=F("title"),
            text=F(text_field),
            evaluation_title=F("evaluation__title"),
            score=_shared(Project.intervention_types.through, "interventiontype", classes.intervention_types)
            + _shared(Project.worst_forms.through, "worstform", classes.worst_forms)
            + _same_region(classes.regions),
            evaluation_day=Coalesce(F("evaluation__planned_start"), Value(_NO_DATE)),
        )
        # No `score > 0` filter: every candidate shares something, and the filter would compute the score twice.
        .order_by()
        .values("pk", "kind", "heading", "text", "evaluation_id", "evaluation_title", "score", "evaluation_day")
    )


def lessons_for_project(project: Project, user, limit: int = 5) -> list[dict]:
    """Lessons and good practices from the evaluations of similar projects, the most similar first. Two queries:
    the project's classes, then the ranking.

    Similar: the evaluation covers a project sharing intervention types, worst forms or the
    region of one of this project's countries; the score counts the shared intervention
    types and worst forms, plus one for the region. The project's own evaluations are
    left out (their lessons are on their own pages), and so is what the user may not see.
    Only the SIMILAR_CANDIDATES most recently recorded similar evaluations with each kind are ranked, which
    bounds the query's work whatever the size of the portfolio.
    """
    classes = project_classes(project)
    lessons = _similar_rows(user, LessonLearned, LESSON, project, classes, "description")
    practices = _similar_rows(user, GoodPractice, GOOD_PRACTICE, project, classes, "summary")
    rows = lessons.union(practices, all=True).order_by("-score", "-evaluation_day", "heading", "kind", "pk")
    return list(rows[:limit])
