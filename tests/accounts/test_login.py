import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from accounts.forms import LOCKED_MESSAGE
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_good_login_redirects_home(client, viewer):
    response = login(client, viewer.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_lockout_after_repeated_failures_even_with_the_right_password(client, viewer, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        response = login(client, viewer.username, "wrong")
        assert response.status_code == 200
        assert LOCKED_MESSAGE not in response.content.decode()
    response = login(client, viewer.username, PASSWORD)
    assert response.status_code == 200
    assert LOCKED_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unknown_user_name_gets_the_same_answers(client, viewer, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    answers = []
    for username in (viewer.username, "no-such-user"):
        cache.clear()
        answers.append([login(client, username, "wrong").content.decode().count("error") for _ in range(3)])
    assert answers[0] == answers[1]
    assert LOCKED_MESSAGE in login(client, "no-such-user", "wrong").content.decode()


def test_success_clears_the_failure_count(client, viewer, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    login(client, viewer.username, "wrong")
    login(client, viewer.username, "wrong")
    assert login(client, viewer.username, PASSWORD).status_code == 302
    client.logout()
    login(client, viewer.username, "wrong")
    login(client, viewer.username, "wrong")
    assert login(client, viewer.username, PASSWORD).status_code == 302


def test_session_cookie_ends_with_the_browser(client, viewer):
    response = login(client, viewer.username, PASSWORD)
    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""


def test_password_reset_sends_a_link_only_to_a_known_address(client, viewer):
    response = client.post(reverse("password_reset"), {"email": viewer.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302  # same answer: no enumeration
    assert len(mail.outbox) == 1


def test_password_change(client, viewer):
    client.force_login(viewer)
    new = "a-much-longer-passphrase-2026"
    response = client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    viewer.refresh_from_db()
    assert viewer.check_password(new)


def test_logout_needs_post_and_ends_the_session(client, viewer):
    client.force_login(viewer)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get("/").status_code == 302
