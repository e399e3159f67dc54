from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext, gettext_noop

from accounts import lockout

# The English text (tests compare with it); the form shows it in the reader's language.
LOCKED_MESSAGE = gettext_noop("Too many failed attempts. Try again later, or reset your password.")


class LoginForm(AuthenticationForm):
    """Django's login form, refusing a locked-out user name before checking the password."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if username and lockout.is_locked(username):
            raise forms.ValidationError(gettext(LOCKED_MESSAGE), code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            lockout.record_failure(username)
            raise
        lockout.clear(username)
        return cleaned
