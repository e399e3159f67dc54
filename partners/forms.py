"""Forms of the committee pages: a meeting with its minutes."""

from __future__ import annotations

import os

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from projects.evidence import check_evidence
from projects.forms import TEXT_MAX, DateInput, textarea

# Minutes are documents: PDF, or Word, Excel and PowerPoint (97–2003 and Office Open XML).
MINUTES_TYPES = frozenset(
    {
        "application/pdf",
        "application/vnd.ms-office",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    }
)


class MeetingForm(forms.Form):
    held_on = forms.DateField(label="Date of the meeting", widget=DateInput)
    agenda = forms.CharField(label="Agenda", required=False, max_length=TEXT_MAX, widget=textarea(6))
    decisions = forms.CharField(label="Decisions", required=False, max_length=TEXT_MAX, widget=textarea(6))
    minutes = forms.FileField(label="Minutes", required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        megabytes = settings.EVIDENCE_MAX_BYTES / 1_048_576
        self.fields["minutes"].help_text = f"PDF, Word, Excel or PowerPoint; at most {megabytes:g} MB."

    def clean_minutes(self):
        upload = self.cleaned_data.get("minutes")
        if not upload:
            return None
        # The type is read from the content, never from the name (projects/evidence.py).
        content_type, extension = check_evidence(upload, settings.EVIDENCE_MAX_BYTES)
        if content_type not in MINUTES_TYPES:
            raise ValidationError(
                f"{upload.name}: minutes must be a PDF or an Office document, not an image.", code="file_type"
            )
        # Stored under the extension of what the content is.
        upload.name = f"{os.path.splitext(os.path.basename(upload.name))[0][:80] or 'minutes'}.{extension}"
        return upload
