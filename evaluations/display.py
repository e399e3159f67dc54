"""How lessons learned and good practices read on pages and in the CSV export."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.text import capfirst

from evaluations.field_labels import field_label
from evaluations.filters import GOOD_PRACTICE, LESSON
from evaluations.models import GoodPractice, LessonLearned

# The fields of ILO's templates beyond the title and the brief text, in the templates' order.
DETAIL_FIELDS: dict[type, tuple[str, ...]] = {
    LessonLearned: ("context", "challenges", "causal_factors", "targeted_users", "success", "administrative_issues"),
    GoodPractice: ("conditions", "cause_effect", "measurable_impact", "replication_potential"),
}
KIND_LABELS = {LESSON: "Lesson learned", GOOD_PRACTICE: "Good practice"}


def brief(item: LessonLearned | GoodPractice) -> str:
    """The lesson's brief description or the practice's brief summary."""
    return item.description if isinstance(item, LessonLearned) else item.summary


def kind_of(item: LessonLearned | GoodPractice) -> str:
    return LESSON if isinstance(item, LessonLearned) else GOOD_PRACTICE


def _label(model: type, name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def template_fields(item: LessonLearned | GoodPractice) -> list[tuple[str, str]]:
    """(label, text) of the template's fields that are filled in, beyond the title and the brief text.

    The labels are in the reader's language; the export's columns keep the models' English names.
    """
    model = type(item)
    return [(field_label(model, name), getattr(item, name)) for name in DETAIL_FIELDS[model] if getattr(item, name)]


def _field(model: type, name: str) -> Callable[[object], str]:
    return lambda item: getattr(item, name) if isinstance(item, model) else ""


def _projects(item: LessonLearned | GoodPractice) -> str:
    return "; ".join(project.code for project in item.evaluation.projects.all())


def _countries(item: LessonLearned | GoodPractice) -> str:
    names = sorted({country.name for project in item.evaluation.projects.all() for country in project.countries.all()})
    return "; ".join(names)


# The columns of the CSV export: both kinds in one table, each template's own fields in their own columns.
EXPORT_COLUMNS: list[tuple[str, Callable[[object], object]]] = [
    ("Kind", lambda item: KIND_LABELS[kind_of(item)]),
    ("Title", lambda item: item.title),
    ("Brief description or summary", brief),
    *((f"Lesson: {_label(LessonLearned, name)}", _field(LessonLearned, name)) for name in DETAIL_FIELDS[LessonLearned]),
    *(
        (f"Good practice: {_label(GoodPractice, name)}", _field(GoodPractice, name))
        for name in DETAIL_FIELDS[GoodPractice]
    ),
    ("Evaluation", lambda item: item.evaluation.title),
    ("Evaluation id", lambda item: item.evaluation_id),
    ("Timing", lambda item: item.evaluation.get_timing_display()),
    ("Modality", lambda item: item.evaluation.get_modality_display()),
    ("Evaluation status", lambda item: item.evaluation.get_status_display()),
    ("Projects", _projects),
    ("Countries", _countries),
]
