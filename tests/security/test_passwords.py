"""Password rules: at least 12 characters, not a common password, not all digits, not like one's own name.

The same validators (AUTH_PASSWORD_VALIDATORS) guard every way a password is chosen: changing
one's own, setting one from a reset link, and HQ staff creating a user in the admin. A refused
password leaves the old one in place.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

GOOD = "a-much-longer-passphrase-2026"
# (password, the validator's message)
BAD = [
    ("short-pass1", "This password is too short. It must contain at least 12 characters."),
    ("qwertyuiop12", "This password is too common."),
    ("password1234", "This password is too common."),
    ("839201746152", "This password is entirely numeric."),
    ("viewer-test-2026", "The password is too similar to the username."),
]


def test_the_validators_are_configured():
    validators = {v["NAME"].rsplit(".", 1)[1]: v.get("OPTIONS", {}) for v in settings.AUTH_PASSWORD_VALIDATORS}
    assert validators["MinimumLengthValidator"] == {"min_length": 12}
    assert {"CommonPasswordValidator", "NumericPasswordValidator", "UserAttributeSimilarityValidator"} <= set(
        validators
    )


@pytest.mark.parametrize(("password", "message"), BAD, ids=[message for _, message in BAD])
def test_password_change_refuses_a_weak_password(client, viewer, password, message):
    client.force_login(viewer)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    viewer.refresh_from_db()
    assert viewer.check_password(PASSWORD) and not viewer.check_password(password)


def _reset_form_url(client, user: User) -> str:
    """Follow the e-mailed link: Django moves the token into the session and redirects to the form."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    response = client.get(reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)]))
    assert response.status_code == 302
    return response["Location"]


@pytest.mark.parametrize(("password", "message"), BAD, ids=[message for _, message in BAD])
def test_password_reset_refuses_a_weak_password(client, viewer, password, message):
    url = _reset_form_url(client, viewer)
    response = client.post(url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    viewer.refresh_from_db()
    assert viewer.check_password(PASSWORD)


def test_password_reset_accepts_a_good_password_and_the_link_then_dies(client, viewer):
    uid = urlsafe_base64_encode(force_bytes(viewer.pk))
    link = reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(viewer)])
    url = _reset_form_url(client, viewer)
    response = client.post(url, {"new_password1": GOOD, "new_password2": GOOD})
    assert response.status_code == 302
    viewer.refresh_from_db()
    assert viewer.check_password(GOOD)
    # The token was made from the old password: the e-mailed link no longer opens the form.
    response = client.get(link, follow=True)
    assert response.context["validlink"] is False
    assert "new_password1" not in response.content.decode()


def test_admin_refuses_a_weak_password_for_a_new_user(client, hq_user):
    client.force_login(hq_user)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "newcomer",
            "usable_password": "true",
            "password1": "short-pass1",
            "password2": "short-pass1",
            "role": "viewer",
        },
    )
    assert response.status_code == 200
    assert "This password is too short. It must contain at least 12 characters." in response.content.decode()
    assert not User.objects.filter(username="newcomer").exists()
