"""The forms of the CTA's and HQ's pages: they check the input's shape; the services decide the rest.

Every form of an edit carries the hidden `version` the page was built from, so a change made
meanwhile by someone else is refused by the service with what changed (ipec/concurrency.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import policy
from accounts.models import User
from countries.models import Country
from ipec.wording import lower_lazy
from projects.evidence import ALLOWED_DESCRIPTION
from projects.models import (
    AgeBand,
    ProgressRating,
    ProgressReport,
    Project,
    ProjectStatus,
    ReportFigure,
    Sex,
    TargetMeasure,
)
from projects.progress_reports import FigureCell

# Generous bounds that still stop a pasted book or a typo of six extra zeros.
NOTE_MAX = 2_000
TEXT_MAX = 20_000
FIGURE_MAX = 10_000_000


class DateInput(forms.DateInput):
    """The browser's own date picker; its value is always ISO, whatever the locale."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def at_most_megabytes(types: str, max_bytes: int) -> str:
    """A file field's help: the types it takes and its size limit, in the reader's language."""
    megabytes = max_bytes / 1_048_576
    return gettext("%(types)s; at most %(megabytes)s MB.") % {"types": types, "megabytes": f"{megabytes:g}"}


# The codes of projects/evidence.py's refusals of a file: shown on the form's file field.
FILE_ERROR_CODES = frozenset({"file_type", "file_size", "file_empty"})


def add_service_errors(form: forms.Form, error: ValidationError, file_field: str | None = None) -> None:
    """Put a service's ValidationError on the form: on its field when the form has one, else above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    elif file_field and getattr(error, "code", None) in FILE_ERROR_CODES:
        form.add_error(file_field, error)
    else:
        form.add_error(None, error)


class VersionedForm(forms.Form):
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={"required": _("This form lost track of the version it edits: reload the page.")},
    )


class ProjectStatusForm(VersionedForm):
    """The CTA's one short form: rating with a dated note, a lifecycle move, the actual dates."""

    rating = forms.ChoiceField(label=_("Rating"), choices=ProgressRating.choices, widget=forms.RadioSelect)
    status_note = forms.CharField(
        label=_("Status note"),
        max_length=NOTE_MAX,
        widget=textarea(),
        help_text=_("Where the project stands, in a few words. Dated today."),
    )
    to_status = forms.ChoiceField(label=_("Move the project to"), required=False)
    effective_on = forms.DateField(
        label=_("The move takes effect on"), required=False, widget=DateInput, help_text=_("Only used with a move.")
    )
    actual_start = forms.DateField(label=_("Actual start"), required=False, widget=DateInput)
    actual_end = forms.DateField(label=_("Actual end"), required=False, widget=DateInput)

    def __init__(self, data=None, *, user: User, project: Project) -> None:
        super().__init__(
            data,
            initial={
                "version": project.version,
                "rating": project.rating,
                "status_note": project.status_note,
                "effective_on": timezone.localdate(),
                "actual_start": project.actual_start,
                "actual_end": project.actual_end,
            },
        )
        moves = policy.project_moves_for(user, project)
        stays = gettext("No move: stays %(status)s") % {"status": project.get_status_display().lower()}
        self.fields["to_status"].choices = [("", stays)] + [(status, ProjectStatus(status).label) for status in moves]
        if not moves:
            self.fields["to_status"].widget = forms.HiddenInput()
            self.fields["effective_on"].widget = forms.HiddenInput()

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "expected_version": data["version"],
            "rating": data["rating"],
            "status_note": data["status_note"],
            "to_status": data["to_status"],
            "effective_on": data["effective_on"],
            "actual_start": data["actual_start"],
            "actual_end": data["actual_end"],
        }


class ProjectNarrativeForm(VersionedForm):
    summary = forms.CharField(label=_("Summary"), required=False, max_length=TEXT_MAX, widget=textarea(8))
    objectives = forms.CharField(label=_("Objectives"), required=False, max_length=TEXT_MAX, widget=textarea(8))

    def __init__(self, data=None, *, project: Project) -> None:
        super().__init__(
            data, initial={"version": project.version, "summary": project.summary, "objectives": project.objectives}
        )


# The figures grid: rows of children by measure and sex, a column per age band, and families.
# The row labels are lazy: built here, once, they are read in the language of each page.
CHILDREN_ROWS: list[tuple[str, str, str]] = [
    (measure, sex, format_lazy("{}, {}", TargetMeasure(measure).label, lower_lazy(Sex(sex).label)))
    for measure in (TargetMeasure.WITHDRAWN, TargetMeasure.PREVENTED)
    for sex in Sex.values
]


def figure_field_name(country_id: int, measure: str, sex: str = "", age_band: str = "") -> str:
    return "-".join(str(part) for part in ("fig", country_id, measure, sex, age_band) if part)


def figure_grid(countries: Iterable[Country], cell) -> list[dict]:
    """Per country: the children rows, each with one item per age band, and the families item.

    `cell(country, measure, sex, age_band)` gives what each place of the grid shows (a form field or a number).
    """
    return [
        {
            "country": country,
            "rows": [
                {"label": label, "cells": [cell(country, measure, sex, band) for band in AgeBand.values]}
                for measure, sex, label in CHILDREN_ROWS
            ],
            "families": cell(country, TargetMeasure.FAMILIES, "", ""),
        }
        for country in countries
    ]


class ProgressReportForm(VersionedForm):
    """The author's draft: rating, texts, and the period's figures for each of the project's countries."""

    rating = forms.ChoiceField(
        label=_("Overall rating"),
        choices=ProgressRating.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Required to submit."),
    )
    narrative = forms.CharField(
        label=_("Narrative"),
        required=False,
        max_length=TEXT_MAX,
        widget=textarea(8),
        help_text=_("Progress in the period. Required to submit."),
    )
    challenges = forms.CharField(label=_("Challenges"), required=False, max_length=TEXT_MAX, widget=textarea())
    next_steps = forms.CharField(label=_("Next steps"), required=False, max_length=TEXT_MAX, widget=textarea())

    def __init__(
        self, data=None, *, report: ProgressReport, countries: list[Country], figures: Iterable[ReportFigure] = ()
    ) -> None:
        initial = {
            "version": report.version,
            "rating": report.rating,
            "narrative": report.narrative,
            "challenges": report.challenges,
            "next_steps": report.next_steps,
        }
        for figure in figures:
            initial[figure_field_name(figure.country_id, figure.measure, figure.sex, figure.age_band)] = figure.value
        super().__init__(data, initial=initial)
        self.countries = countries
        self._cells: dict[str, FigureCell] = {}
        for country in countries:
            for measure, sex, label in CHILDREN_ROWS:
                for band in AgeBand.values:
                    self._add_figure(
                        country,
                        measure,
                        sex,
                        band,
                        gettext("%(country)s: %(row)s aged %(ages)s")
                        % {"country": country.localized_name, "row": str(label).lower(), "ages": AgeBand(band).label},
                    )
            self._add_figure(
                country,
                TargetMeasure.FAMILIES,
                "",
                "",
                gettext("%(country)s: families assisted") % {"country": country.localized_name},
            )

    def _add_figure(self, country: Country, measure: str, sex: str, band: str, label: str) -> None:
        name = figure_field_name(country.pk, measure, sex, band)
        self.fields[name] = forms.IntegerField(
            label=label,
            required=False,
            min_value=0,
            max_value=FIGURE_MAX,
            widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "figure"}),
        )
        self._cells[name] = (country.pk, measure, sex, band)

    def grid(self) -> list[dict]:
        return figure_grid(self.countries, lambda c, m, s, a: self[figure_field_name(c.pk, m, s, a)])

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "expected_version": data["version"],
            "rating": data["rating"],
            "narrative": data["narrative"],
            "challenges": data["challenges"],
            "next_steps": data["next_steps"],
            # An empty box is a zero.
            "figures": {cell: data[name] or 0 for name, cell in self._cells.items()},
        }


class ReviewForm(VersionedForm):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("accept", _("Accept")), ("return", _("Return to the CTA"))]
    )
    comment = forms.CharField(
        label=_("Comment for the CTA"),
        required=False,
        max_length=TEXT_MAX,
        widget=textarea(),
        help_text=_("Required when returning the report: say what should change."),
    )


class EvidenceForm(VersionedForm):
    file = forms.FileField(label=_("Evidence file"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = at_most_megabytes(ALLOWED_DESCRIPTION, settings.EVIDENCE_MAX_BYTES)
