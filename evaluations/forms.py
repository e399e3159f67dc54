"""Forms of the evaluation pages: they check the input's shape; the services decide the rest.

The evaluation's own texts carry the hidden `version` the page was built from (ipec/concurrency.py).
Findings and recommendations have no version of their own, so their forms carry `based_on`,
the moment the row was last saved (empty for a row not yet written); the view refuses the
write if the row changed meanwhile. The advance form carries the step it advances from, so
a second click or a colleague's advance never skips a step.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evaluations.field_labels import field_label
from evaluations.models import (
    EvaluationStatus,
    Finding,
    FollowUp,
    GoodPractice,
    LessonLearned,
    ManagementResponse,
    Priority,
    Rating,
    Recommendation,
)
from projects.forms import TEXT_MAX, DateInput, VersionedForm, textarea

# Annexes hold tables and lists of people met: more room than a narrative field.
ANNEXES_MAX = 5 * TEXT_MAX


def _model_text(
    model: type[models.Model], name: str, *, required: bool = False, rows: int = 4, help_text: str = ""
) -> forms.CharField:
    """A text field with the model's length, labelled as the model's field is (evaluations/field_labels.py)."""
    field = model._meta.get_field(name)
    max_length = getattr(field, "max_length", None) or TEXT_MAX
    widget = forms.TextInput() if isinstance(field, models.CharField) else textarea(rows)
    return forms.CharField(
        label=field_label(model, name),
        required=required,
        max_length=max_length,
        widget=widget,
        help_text=help_text,
    )


def stamp(row: models.Model | None) -> str:
    """What `based_on` holds: when the row was last saved, or empty when there is no row yet."""
    return row.updated_at.isoformat() if row is not None else ""


class BasedOnForm(forms.Form):
    based_on = forms.CharField(widget=forms.HiddenInput, required=False)


class EvaluationTextsForm(VersionedForm):
    """The report's narrative: what the evaluator writes besides findings and lists."""

    executive_summary = forms.CharField(
        label=_("Executive summary"), required=False, max_length=TEXT_MAX, widget=textarea(10)
    )
    purpose = forms.CharField(label=_("Purpose"), required=False, max_length=TEXT_MAX, widget=textarea(5))
    scope_text = forms.CharField(label=_("Scope"), required=False, max_length=TEXT_MAX, widget=textarea(5))
    methodology = forms.CharField(label=_("Methodology"), required=False, max_length=TEXT_MAX, widget=textarea(8))
    conclusions = forms.CharField(label=_("Conclusions"), required=False, max_length=TEXT_MAX, widget=textarea(8))
    annexes = forms.CharField(
        label=_("Annexes"),
        required=False,
        max_length=ANNEXES_MAX,
        widget=textarea(8),
        help_text=_("Terms of reference, people met, documents reviewed, data collection instruments."),
    )

    TEXT_FIELDS = ("executive_summary", "purpose", "scope_text", "methodology", "conclusions", "annexes")

    def __init__(self, data=None, *, evaluation) -> None:
        initial = {name: getattr(evaluation, name) for name in self.TEXT_FIELDS}
        super().__init__(data, initial={"version": evaluation.version, **initial})

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in self.TEXT_FIELDS}


class FindingForm(BasedOnForm):
    """The findings and rating of one OECD-DAC criterion; the criterion is in the URL."""

    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[("", _("Not rated yet")), *Rating.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(label=_("Findings"), max_length=TEXT_MAX, widget=textarea(10))

    def __init__(self, data=None, *, finding: Finding | None) -> None:
        initial = {"based_on": stamp(finding)}
        if finding is not None:
            initial.update(rating=finding.rating or "", text=finding.text)
        super().__init__(data, initial=initial)


class RecommendationForm(forms.Form):
    text = _model_text(Recommendation, "text", required=True, rows=6)
    addressee = _model_text(
        Recommendation,
        "addressee",
        required=True,
        help_text=_("Who should act on it, e.g. ILO-IPEC, the Ministry of Labour."),
    )
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.MEDIUM, widget=forms.RadioSelect
    )
    timeframe = _model_text(Recommendation, "timeframe", help_text=_("e.g. short term (within 6 months)."))


class LessonForm(forms.Form):
    """A lesson learned in the fields of ILO's lesson-learned template."""

    title = _model_text(LessonLearned, "title", required=True)
    description = _model_text(
        LessonLearned,
        "description",
        required=True,
        rows=6,
        help_text=_("The lesson in a few sentences, so that someone who did not take part can apply it."),
    )
    context = _model_text(LessonLearned, "context", help_text=_("Where and under which conditions the lesson holds."))
    challenges = _model_text(LessonLearned, "challenges", help_text=_("Difficulties met; what went wrong."))
    causal_factors = _model_text(LessonLearned, "causal_factors", help_text=_("What caused the result, good or bad."))
    targeted_users = _model_text(LessonLearned, "targeted_users", help_text=_("Who should use the lesson."))
    success = _model_text(LessonLearned, "success", help_text=_("What went well, and why."))
    administrative_issues = _model_text(
        LessonLearned,
        "administrative_issues",
        help_text=_("Staff, resources, design or implementation issues of the ILO."),
    )


class GoodPracticeForm(forms.Form):
    """An emerging good practice in the fields of ILO's good-practice template."""

    title = _model_text(GoodPractice, "title", required=True)
    summary = _model_text(
        GoodPractice, "summary", required=True, rows=6, help_text=_("The practice, its purpose and how it is done.")
    )
    conditions = _model_text(GoodPractice, "conditions", help_text=_("What it needs to work; how far it applies."))
    cause_effect = _model_text(GoodPractice, "cause_effect", help_text=_("Why the practice leads to its result."))
    measurable_impact = _model_text(
        GoodPractice, "measurable_impact", help_text=_("The change it made, in figures where possible, and for whom.")
    )
    replication_potential = _model_text(
        GoodPractice, "replication_potential", help_text=_("Where else it could work, and how to scale it up.")
    )


class AdvanceForm(forms.Form):
    """Move the evaluation to its next step: the date it was reached and a note."""

    from_status = forms.ChoiceField(choices=EvaluationStatus.choices, widget=forms.HiddenInput)
    reached_on = forms.DateField(label=_("Reached on"), widget=DateInput, help_text=_("Today or an earlier day."))
    note = forms.CharField(label=_("Note"), required=False, max_length=TEXT_MAX, widget=textarea(3))

    def __init__(self, data=None, *, evaluation) -> None:
        super().__init__(data, initial={"from_status": evaluation.status, "reached_on": timezone.localdate()})


class ResponseForm(BasedOnForm):
    """HQ's management response to a recommendation, and where its follow-up stands."""

    management_response = forms.ChoiceField(
        label=_("Management response"), choices=ManagementResponse.choices, widget=forms.RadioSelect
    )
    response_comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=TEXT_MAX,
        widget=textarea(4),
        help_text=_("What will be done, by whom and when; or why not."),
    )
    follow_up = forms.ChoiceField(
        label=_("Follow-up"), choices=[("", _("Not yet followed up")), *FollowUp.choices], required=False
    )

    def __init__(self, data=None, *, recommendation: Recommendation) -> None:
        super().__init__(
            data,
            initial={
                "based_on": stamp(recommendation),
                "management_response": recommendation.management_response,
                "response_comment": recommendation.response_comment,
                "follow_up": recommendation.follow_up,
            },
        )
