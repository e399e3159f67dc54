"""Forms of the project admin: they run the write services' checks, so a bad post shows messages and saves nothing."""

from __future__ import annotations

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import policy
from countries.models import Country
from ipec.concurrency import check_version
from projects.models import Project, ProjectStatus
from projects.services import validate_code_donor, validate_code_is_new, validate_project_countries


class VersionedAdminForm(forms.ModelForm):
    """Sends back the version the page was built from, so that saving over someone else's newer edit
    is refused with the list of their changes (ipec.concurrency), instead of silently undoing them."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk is not None:
            try:
                # The admin loaded the instance at the start of this request: its version is current.
                check_version(self.instance, cleaned.get("loaded_version"))
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class ProjectAdminForm(VersionedAdminForm):
    """The project checks of project_create that the model alone does not make (its Meta comes from the admin)."""

    def clean_code(self) -> str:
        # As project_create stores it, so the checks below and the model's see the same code.
        return self.cleaned_data["code"].strip().upper()

    def clean(self) -> dict:
        cleaned = super().clean()
        code = cleaned.get("code")
        if self.instance.pk is None and code:
            for check in (validate_code_is_new, validate_code_donor):
                try:
                    check(code)
                except ValidationError as error:
                    self.add_error(None, error)
        return cleaned

    def _post_clean(self) -> None:
        super()._post_clean()
        # Once created, kind is read-only and so left out of the form, and Django then skips
        # the constraints that mention it (a national project has a CTA, a global one a
        # project manager). project_update checks every constraint: check them here too, so
        # the message shows on the form instead of failing the save.
        if self.instance.pk is not None and not self.errors:
            try:
                self.instance.validate_constraints()
            except ValidationError as error:
                self.add_error(None, error)


class ProjectCountryFormSet(forms.BaseInlineFormSet):
    """The project's countries, checked against its kind before anything is saved."""

    def countries(self) -> list[Country]:
        return [
            form.cleaned_data["country"]
            for form in self.forms
            if form.cleaned_data.get("country") and not form.cleaned_data.get("DELETE")
        ]

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        # The parent form has been validated first, so on the add form the instance
        # already holds the kind just chosen; on the change form, kind is fixed.
        try:
            validate_project_countries(self.instance.kind, self.countries())
        except ValidationError as error:
            raise ValidationError(error.message_dict["countries"]) from error


class StatusMoveForm(forms.Form):
    to_status = forms.ChoiceField(label="new status", choices=ProjectStatus.choices)
    effective_on = forms.DateField(
        label="effective on",
        initial=timezone.localdate,
        widget=AdminDateWidget,
        help_text="The date the move took effect.",
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, project: Project, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Offer only the legal moves this person may make. The field still accepts any
        # status, so a move that became illegal meanwhile (another tab, another person)
        # gets the service's own explanation of what is allowed, not a bare "invalid choice".
        allowed = policy.project_moves_for(user, project)
        self.fields["to_status"].widget.choices = [(v, label) for v, label in ProjectStatus.choices if v in allowed]
