"""Reads of evaluations and of the lessons library, each with the query plan its page needs.

Visibility follows accounts.policy.may_view_evaluation as one filter: HQ sees every
evaluation, an evaluator the evaluations assigned to them, a CTA or a viewer the published
ones, anyone else none. The lessons library and "lessons from similar projects" show only
the lessons and good practices of evaluations the user may see.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchRank
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

# A date before every evaluation: content of evaluations without planned dates sorts last.
_NO_DATE = datetime.date(1900, 1, 1)


def _visible_content(model: type, user) -> QuerySet:
    return model.objects.filter(visible_evaluation_q(user, "evaluation__"))


def _library_rows(queryset: QuerySet, kind: str, text: str | None) -> QuerySet:
    """One kind's rows of the library, as the columns the union of both kinds orders and pages by."""
    rank = SearchRank(stored_document(), search_query(text)) if text else Value(0.0, output_field=FloatField())
    return (
        queryset.annotate(
            kind=Value(kind),
            heading=F("title"),
            rank=Cast(rank, FloatField()),
            evaluation_day=Coalesce(F("evaluation__planned_start"), Value(_NO_DATE)),
        )
        .order_by()
        .values("pk", "kind", "heading", "rank", "evaluation_day")
    )


@dataclass
class Library:
    """The filtered library: the FilterSet (with its errors) and the ordered rows, before paging."""

    filterset: LessonFilter
    rows: QuerySet  # a union of both kinds' values: pk, kind, heading, rank, evaluation_day
    errors: list[str] = field(default_factory=list)


def lessons_library(user, data) -> Library:
    """Lessons learned and good practices of the evaluations the user may see, filtered by `data` (a QueryDict).

    Best matches first when searching (PostgreSQL), then the newest evaluations, then by title.
    An invalid filter gives no rows and its errors, never a wider list.
    """
    lessons = _visible_content(LessonLearned, user)
    practices = _visible_content(GoodPractice, user)
    filterset = LessonFilter(data, queryset=lessons)
    if not filterset.is_valid():
        return Library(
            filterset=filterset, rows=_library_rows(lessons.none(), LESSON, None), errors=filter_errors(filterset)
        )
    text = filterset.form.cleaned_data.get("q") if uses_full_text_search() else None
    rows = _library_rows(filterset.filter_queryset(lessons), LESSON, text).union(
        _library_rows(filterset.filter_queryset(practices), GOOD_PRACTICE, text), all=True
    )
    rows = rows.order_by("-rank", "-evaluation_day", "heading", "kind", "pk")
    return Library(filterset=filterset, rows=rows)


def library_objects(rows: list[dict]) -> list[LessonLearned | GoodPractice]:
    """The lessons and good practices of a page of library rows, in the rows' order.

    One query per kind on the page and one for the projects of their evaluations, whatever the page size.
    """
    ids = {LESSON: [], GOOD_PRACTICE: []}
    for row in rows:
        ids[row["kind"]].append(row["pk"])
    found = {
        LESSON: LessonLearned.objects.select_related("evaluation").in_bulk(ids[LESSON]),
        GOOD_PRACTICE: GoodPractice.objects.select_related("evaluation").in_bulk(ids[GOOD_PRACTICE]),
    }
    objects = [found[row["kind"]][row["pk"]] for row in rows if row["pk"] in found[row["kind"]]]
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


def iter_library(rows: QuerySet, batch: int = 500) -> Iterator[LessonLearned | GoodPractice]:
    """Every item of the library's rows, fetched a batch at a time, for the CSV export."""
    keys = [{"kind": row["kind"], "pk": row["pk"]} for row in rows]
    for start in range(0, len(keys), batch):
        yield from library_objects(keys[start : start + batch])


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
