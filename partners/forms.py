"""Forms of the committee pages: a meeting with its minutes."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from projects.forms import TEXT_MAX, DateInput, at_most_megabytes, textarea


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the meeting"), widget=DateInput)
    agenda = forms.CharField(label=_("Agenda"), required=False, max_length=TEXT_MAX, widget=textarea(6))
    decisions = forms.CharField(label=_("Decisions"), required=False, max_length=TEXT_MAX, widget=textarea(6))
    minutes = forms.FileField(label=_("Minutes"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["minutes"].help_text = at_most_megabytes(
            _("PDF, Word, Excel or PowerPoint"), settings.EVIDENCE_MAX_BYTES
        )
