"""The labels of recommendations, lessons learned and good practices, in the reader's language.

The models' verbose names stay plain English (marking them would add migrations that change
nothing in the database); forms and pages label these fields from here, while the CSV export
keeps the models' English names. tests/i18n checks that each English label here is the model's
verbose name, so the form, the page and the admin say the same thing.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from evaluations.models import GoodPractice, LessonLearned, Recommendation

FIELD_LABELS: dict[type[models.Model], dict[str, str]] = {
    Recommendation: {
        "text": _("Recommendation"),
        "addressee": _("Addressee"),
        "timeframe": _("Timeframe"),
    },
    LessonLearned: {
        "title": _("Title"),
        "description": _("Brief description"),
        "context": _("Context and related preconditions"),
        "challenges": _("Challenges / negative lessons"),
        "causal_factors": _("Causal factors"),
        "targeted_users": _("Targeted users / beneficiaries"),
        "success": _("Success / positive issues"),
        "administrative_issues": _("ILO administrative issues"),
    },
    GoodPractice: {
        "title": _("Title"),
        "summary": _("Brief summary"),
        "conditions": _("Relevant conditions and context"),
        "cause_effect": _("Cause–effect relationship"),
        "measurable_impact": _("Measurable impact and targeted beneficiaries"),
        "replication_potential": _("Potential for replication"),
    },
}


def field_label(model: type[models.Model], name: str) -> str:
    return FIELD_LABELS[model][name]
