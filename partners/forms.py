"""Forms of the committee pages: a meeting with its minutes."""

from __future__ import annotations

from django import forms
from django.conf import settings

from projects.forms import TEXT_MAX, DateInput, textarea


class MeetingForm(forms.Form):
    held_on = forms.DateField(label="Date of the meeting", widget=DateInput)
    agenda = forms.CharField(label="Agenda", required=False, max_length=TEXT_MAX, widget=textarea(6))
    decisions = forms.CharField(label="Decisions", required=False, max_length=TEXT_MAX, widget=textarea(6))
    minutes = forms.FileField(label="Minutes", required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        megabytes = settings.EVIDENCE_MAX_BYTES / 1_048_576
        self.fields["minutes"].help_text = f"PDF, Word, Excel or PowerPoint; at most {megabytes:g} MB."
