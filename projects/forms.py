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

from accounts import policy
from accounts.models import User
from countries.models import Country
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
        error_messages={"required": "This form lost track of the version it edits: reload the page."},
    )


class ProjectStatusForm(VersionedForm):
    """The CTA's one short form: rating with a dated note, a lifecycle move, the actual dates."""

    rating = forms.ChoiceField(label="Rating", choices=ProgressRating.choices, widget=forms.RadioSelect)
    status_note = forms.CharField(
        label="Status note",
        max_length=NOTE_MAX,
        widget=textarea(),
        help_text="Where the project stands, in a few words. Dated today.",
    )
    to_status = forms.ChoiceField(label="Move the project to", required=False)
    effective_on = forms.DateField(
        label="The move takes effect on", required=False, widget=DateInput, help_text="Only used with a move."
    )
    actual_start = forms.DateField(label="Actual start", required=False, widget=DateInput)
    actual_end = forms.DateField(label="Actual end", required=False, widget=DateInput)

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
        self.fields["to_status"].choices = [("", f"No move: stays {project.get_status_display().lower()}")] + [
            (status, ProjectStatus(status).label) for status in moves
        ]
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
    summary = forms.CharField(label="Summary", required=False, max_length=TEXT_MAX, widget=textarea(8))
    objectives = forms.CharField(label="Objectives", required=False, max_length=TEXT_MAX, widget=textarea(8))

    def __init__(self, data=None, *, project: Project) -> None:
        super().__init__(
            data, initial={"version": project.version, "summary": project.summary, "objectives": project.objectives}
        )


# The figures grid: rows of children by measure and sex, a column per age band, and families.
CHILDREN_ROWS: list[tuple[str, str, str]] = [
    (measure, sex, f"{TargetMeasure(measure).label}, {Sex(sex).label.lower()}")
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
        label="Overall rating",
        choices=ProgressRating.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text="Required to submit.",
    )
    narrative = forms.CharField(
        label="Narrative",
        required=False,
        max_length=TEXT_MAX,
        widget=textarea(8),
        help_text="Progress in the period. Required to submit.",
    )
    challenges = forms.CharField(label="Challenges", required=False, max_length=TEXT_MAX, widget=textarea())
    next_steps = forms.CharField(label="Next steps", required=False, max_length=TEXT_MAX, widget=textarea())

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
                        country, measure, sex, band, f"{country.name}: {label.lower()} aged {AgeBand(band).label}"
                    )
            self._add_figure(country, TargetMeasure.FAMILIES, "", "", f"{country.name}: families assisted")

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
    decision = forms.ChoiceField(choices=[("accept", "Accept"), ("return", "Return to the CTA")])
    comment = forms.CharField(
        label="Comment for the CTA",
        required=False,
        max_length=TEXT_MAX,
        widget=textarea(),
        help_text="Required when returning the report: say what should change.",
    )


class EvidenceForm(VersionedForm):
    file = forms.FileField(label="Evidence file")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        megabytes = settings.EVIDENCE_MAX_BYTES / 1_048_576
        self.fields["file"].help_text = f"{ALLOWED_DESCRIPTION}; at most {megabytes:g} MB."
