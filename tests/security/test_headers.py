"""Every security header and cookie flag, on real responses, under the production settings.

Requests go through the whole middleware stack with production's settings (see conftest.py),
over "HTTPS" as the TLS-terminating proxy presents it (X-Forwarded-Proto), to the kinds of
response an attacker could aim at: a page, an error page, the admin, a file download, a JSON
answer, the CSRF refusal.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD
from tests.permissions.conftest import World
from tests.security.conftest import HOST

pytestmark = pytest.mark.django_db

# The policy the issue asks for, word for word.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
)
HSTS = "max-age=31536000; includeSubDomains; preload"


def https_client(**kwargs) -> Client:
    return Client(headers={"host": HOST, "x-forwarded-proto": "https"}, **kwargs)


def assert_hardened(response) -> None:
    headers = response.headers
    assert headers["Strict-Transport-Security"] == HSTS
    assert headers["Content-Security-Policy"] == CSP
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    features = dict(item.strip().split("=", 1) for item in headers["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature


def _download(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


# (name, path builder, expected status, signed in as HQ?)
RESPONSES = [
    ("login page", lambda w: reverse("login"), 200, False),
    ("dashboard", lambda w: "/", 200, True),
    ("project list", lambda w: reverse("projects:list"), 200, True),
    ("404 page", lambda w: "/no-such-page/", 404, True),
    ("404 page, anonymous", lambda w: "/no-such-page/", 404, False),
    ("403 page", lambda w: reverse("evaluations:texts", args=[w.evaluation_1.pk]), 403, True),
    ("admin index", lambda w: reverse("admin:index"), 200, True),
    ("admin changelist", lambda w: reverse("admin:projects_project_changelist"), 200, True),
    ("admin login", lambda w: reverse("admin:login"), 200, False),
    (
        "evidence download",
        lambda w: reverse("projects:evidence", args=[w.project_a.slug, w.accepted.pk, w.accepted_evidence.pk]),
        200,
        True,
    ),
    ("CSV export", lambda w: reverse("projects:export-csv"), 200, True),
    ("JSON suggestions", lambda w: reverse("countries:lookup") + "?q=ind", 200, True),
    ("evaluation report PDF", lambda w: reverse("evaluation_reports:pdf", args=[w.evaluation_1.pk]), 200, True),
]


@pytest.mark.parametrize(("path", "status", "signed_in"), [r[1:] for r in RESPONSES], ids=[r[0] for r in RESPONSES])
def test_every_kind_of_response_carries_every_header(production, world: World, path, status, signed_in):
    client = https_client()
    if signed_in:
        client.force_login(world.user("hq"))
    response = client.get(path(world))
    assert response.status_code == status
    _download(response)
    assert_hardened(response)


def test_a_file_download_is_an_attachment_not_sniffed(production, world: World):
    client = https_client()
    client.force_login(world.user("hq"))
    url = reverse("projects:evidence", args=[world.project_a.slug, world.accepted.pk, world.accepted_evidence.pk])
    response = client.get(url)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_csrf_refusal_page_carries_every_header_and_no_inline_style(production, world: World):
    client = https_client(enforce_csrf_checks=True)
    client.force_login(world.user("hq"))
    response = client.post(reverse("logout"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "CSRF verification failed" in page
    # Django's own refusal page styles itself inline, which the policy would block: ours links site.css.
    assert "<style" not in page and "style=" not in page and "/static/css/site.css" in page
    assert_hardened(response)


def test_csrf_and_session_cookies_are_secure_httponly_and_same_site(production, world: World):
    client = https_client()
    response = client.get(reverse("login"))
    csrf = response.cookies[production["CSRF_COOKIE_NAME"]]
    assert (csrf["secure"], csrf["httponly"], csrf["samesite"]) == (True, True, "Lax")

    response = client.post(reverse("login"), {"username": world.user("viewer").username, "password": PASSWORD})
    assert response.status_code == 302
    session = response.cookies[production["SESSION_COOKIE_NAME"]]
    assert (session["secure"], session["httponly"], session["samesite"]) == (True, True, "Lax")
    # A session cookie: it ends with the browser (and the server's session after SESSION_COOKIE_AGE).
    assert (session["expires"], session["max-age"]) == ("", "")


def test_plain_http_is_redirected_to_https_except_the_health_check(production, world: World):
    client = Client(headers={"host": HOST})  # no X-Forwarded-Proto: the proxy saw plain HTTP
    response = client.get(reverse("login"))
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}{reverse('login')}"
    assert response["Content-Security-Policy"] == CSP
    assert "Strict-Transport-Security" not in response  # HSTS is sent over HTTPS only, as browsers require

    health = client.get("/healthz")
    assert health.status_code in (200, 503), "the load balancer's plain-HTTP probe must not be redirected"
    assert health["Content-Security-Policy"] == CSP


def test_production_turns_debug_off_and_hsts_on(production_security):
    assert production_security["DEBUG"] is False
    assert production_security["SECURE_SSL_REDIRECT"] is True
    assert production_security["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert production_security["SESSION_COOKIE_SECURE"] and production_security["CSRF_COOKIE_SECURE"]
    assert production_security["MIDDLEWARE"][0] == "ipec.security_headers.SecurityHeadersMiddleware"


def test_base_settings_send_the_policy_too(client, hq_user):
    """Development and tests run under the same policy, so a page that breaks it breaks there first."""
    client.force_login(hq_user)
    response = client.get("/")
    assert response["Content-Security-Policy"] == CSP
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response  # plain HTTP on a laptop
