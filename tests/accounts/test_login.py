import datetime
import re
import statistics
import time

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from accounts.forms import LOCKED_MESSAGE
from tests.factories import PASSWORD, UserFactory

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


# Lockout and enumeration, in more detail -------------------------------------------------------------


class QuickPBKDF2(PBKDF2PasswordHasher):
    """The real hashing algorithm with fewer rounds: slow enough that skipping it would show in timing."""

    iterations = 100_000


def _page(response, username: str) -> str:
    """The login page's answer with what legitimately differs (the echoed name, the CSRF token) taken out."""
    text = response.content.decode().replace(username, "NAME")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


def test_the_lock_lifts_after_the_lockout_time(client, viewer, settings):
    settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_LOCKOUT_SECONDS = 2, 1
    login(client, viewer.username, "wrong")
    login(client, viewer.username, "wrong")
    assert LOCKED_MESSAGE in login(client, viewer.username, PASSWORD).content.decode()
    time.sleep(1.5)
    assert login(client, viewer.username, PASSWORD).status_code == 302


def test_the_lock_is_per_user_name_and_ignores_case(client, viewer, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    login(client, viewer.username.upper(), "wrong")
    login(client, f" {viewer.username} ", "wrong")
    assert LOCKED_MESSAGE in login(client, viewer.username, PASSWORD).content.decode()
    other = UserFactory(username="another-viewer")
    assert login(client, other.username, PASSWORD).status_code == 302


def test_a_known_and_an_unknown_name_get_the_same_page_in_the_same_time(client, viewer, settings):
    """No enumeration by the answer nor by its timing: Django hashes a dummy password for unknown names."""
    settings.PASSWORD_HASHERS = ["tests.accounts.test_login.QuickPBKDF2"]
    viewer.set_password(PASSWORD)
    viewer.save()
    settings.LOGIN_FAILURE_LIMIT = 100
    timings: dict[str, list[float]] = {"known": [], "unknown": []}
    pages: dict[str, set[str]] = {"known": set(), "unknown": set()}
    for _ in range(5):
        for kind, username in (("known", viewer.username), ("unknown", "nobody-by-this-name")):
            started = time.perf_counter()
            response = login(client, username, "wrong-password")
            timings[kind].append(time.perf_counter() - started)
            pages[kind].add(_page(response, username))
    assert pages["known"] == pages["unknown"] and len(pages["known"]) == 1
    known, unknown = statistics.median(timings["known"]), statistics.median(timings["unknown"])
    assert 1 / 3 < unknown / known < 3, f"known {known * 1000:.1f} ms, unknown {unknown * 1000:.1f} ms"


def test_a_locked_known_and_unknown_name_get_the_same_page(client, viewer, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    pages = []
    for username in (viewer.username, "nobody-by-this-name"):
        for _ in range(2):
            login(client, username, "wrong")
        pages.append(_page(login(client, username, "wrong"), username))
    assert pages[0] == pages[1] and LOCKED_MESSAGE in pages[0]


def test_password_reset_answers_the_same_and_mails_only_the_known_address(client, viewer):
    answers = []
    for address in (viewer.email, "nobody@example.org"):
        response = client.post(reverse("password_reset"), {"email": address}, follow=True)
        answers.append((response.redirect_chain, _page(response, address)))
    assert answers[0] == answers[1]
    assert [message.to for message in mail.outbox] == [[viewer.email]]


# Sessions -------------------------------------------------------------------------------------------


def test_a_session_lasts_at_most_session_cookie_age(client, viewer, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    login(client, viewer.username, PASSWORD)
    session = client.session
    assert session.get_expire_at_browser_close()
    stored = Session.objects.get(session_key=session.session_key)
    assert abs((stored.expire_date - timezone.now()).total_seconds() - settings.SESSION_COOKIE_AGE) < 60
    assert client.get("/").status_code == 200
    # Once the server-side expiry has passed, the cookie opens nothing, whatever the browser kept.
    Session.objects.filter(pk=stored.pk).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_login_gives_a_new_session_key_and_logout_ends_it(client, viewer):
    session = client.session
    session["planted"] = "by an attacker who fixed this session id"
    session.save()
    planted = session.session_key
    assert login(client, viewer.username, PASSWORD).status_code == 302
    assert client.session.session_key != planted
    assert not Session.objects.filter(session_key=planted).exists()
    signed_in = client.session.session_key
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=signed_in).exists()
