"""The language switcher: on every page, the login page too; it sets the language and goes back where it was."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _switcher(page: str) -> str:
    match = re.search(r'<form class="language-switcher".*?</form>', page, re.S)
    assert match, "no language switcher on the page"
    return match.group(0)


def test_the_login_page_has_the_switcher_with_one_button_per_language(client):
    switcher = _switcher(client.get(reverse("login") + "?next=/projects/").content.decode())
    assert f'action="{reverse("set_language")}"' in switcher and 'method="post"' in switcher
    assert 'name="csrfmiddlewaretoken"' in switcher
    assert 'name="next" value="/accounts/login/?next=/projects/"' in switcher
    buttons = re.findall(
        r'<button type="submit" name="language" value="(\w+)" lang="\w+"( aria-current="true")?>([^<]+)</button>',
        switcher,
    )
    assert buttons == [("en", ' aria-current="true"', "English"), ("fr", "", "Français"), ("es", "", "Español")]


def test_choosing_french_sets_the_language_and_returns_to_the_page(client, hq_user):
    client.force_login(hq_user)
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/projects/?status=active"})
    assert response.status_code == 302 and response["Location"] == "/projects/?status=active"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    page = client.get("/projects/?status=active").content.decode()
    assert '<html lang="fr">' in page and "<h1>Projets</h1>" in page
    assert 'value="fr" lang="fr" aria-current="true">Français' in _switcher(page)


def test_anonymous_visitors_may_switch_too(client):
    response = client.post(reverse("set_language"), {"language": "es", "next": reverse("login")})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert "<h1>Iniciar sesión</h1>" in client.get(reverse("login")).content.decode()


def test_a_next_on_another_site_is_not_followed(client):
    response = client.post(reverse("set_language"), {"language": "fr", "next": "https://evil.example/phish"})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_an_unknown_language_changes_nothing(client):
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    response = client.post(reverse("set_language"), {"language": "xx", "next": reverse("login")})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    assert '<html lang="fr">' in client.get(reverse("login")).content.decode()
