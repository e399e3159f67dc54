"""CSRF on every state-changing request: each route of the site, sent a POST without the token, refuses it.

Every named route of ipec/urls.py is enumerated — the site's own and the admin's — so a new view
is covered the day it is added, and one marked csrf_exempt fails here. Each gets a POST from a
signed-in HQ user (who may do anything) whose browser holds the CSRF cookie but whose request
lacks the token, as a forged cross-site form would: 403 with the CSRF refusal, and no row of any
of our tables changed. Where the permission matrix (tests/permissions) knows a valid form for the
route, that form is what is sent, so the refusal is the only thing between the request and a write;
admin routes act on a real row (the delete pages with their confirmation, the changelist with its
"delete selected" action).

And the other half: a GET to a state-changing endpoint, even carrying the form's fields as a query
string (a forged link or <img>), changes nothing.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from tests.ipec.invariants import snapshot
from tests.permissions.conftest import World
from tests.permissions.test_matrix import ACTIONS, Action

pytestmark = pytest.mark.django_db


def named_routes(patterns=None, namespace: str | None = None) -> dict[str, URLPattern]:
    """Every named route of the site, as `namespace:name`, with its pattern."""
    routes: dict[str, URLPattern] = {}
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            routes.update(named_routes(pattern.url_patterns, pattern.namespace or namespace))
        elif pattern.name:
            routes[f"{namespace}:{pattern.name}" if namespace else pattern.name] = pattern
    return routes


ROUTES = named_routes()
POSTS: dict[str, Action] = {}  # per route, the matrix's first form: the one HQ may send
GETS: dict[str, Action] = {}
for _action in ACTIONS.values():
    (GETS if _action.data is None else POSTS).setdefault(_action.url_name, _action)


def _admin_model(route: str):
    """The model of an admin route `admin:<app>_<model>_<view>`, or None (index, login, app list…)."""
    for model in apps.get_models():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if route.startswith(prefix):
            return model, route.removeprefix(prefix)
    return None, ""


def _fill(route: str, world: World) -> dict[str, str]:
    """Arguments for a route nobody wrote a URL for: real objects where the route names one."""
    pattern = ROUTES[route].pattern
    names = pattern.converters if isinstance(pattern, RoutePattern) else pattern.regex.groupindex
    model, _ = _admin_model(route)
    first = model.objects.order_by("pk").first() if model else None
    values = {
        "object_id": str(first.pk if first else 1),
        "app_label": "projects",
        "uidb64": "MQ",
        "token": "set-password",
        "evaluation_id": str(world.evaluation_2.pk),
        "content_type_id": "1",
    }
    return {name: values.get(name, "1") for name in names}


def request_for(route: str, world: World) -> tuple[str, dict]:
    """The URL to send the forged POST to, and its body."""
    if route in POSTS:
        return POSTS[route].url(world), POSTS[route].data(world)
    url = GETS[route].url(world) if route in GETS else reverse(route, kwargs=_fill(route, world))
    model, view = _admin_model(route)
    if view == "delete":
        return url, {"post": "yes"}
    if view == "changelist" and model is not None:
        pks = [str(pk) for pk in model.objects.values_list("pk", flat=True)]
        return url, {"action": "delete_selected", "_selected_action": pks, "post": "yes"}
    if route == "set_language":
        return url, {"language": "fr", "next": "/"}
    return url, {}


@pytest.fixture
def forger(world: World) -> Client:
    """HQ staff's browser: signed in, holding the CSRF cookie, sending requests without the token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("hq"))
    client.get(reverse("password_change"))  # a page with a form sets the cookie
    assert client.cookies["csrftoken"].value
    return client


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_a_post_without_the_token_is_refused_and_writes_nothing(forger, world: World, route, caplog):
    url, data = request_for(route, world)
    before = snapshot()
    with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
        response = forger.post(url, data)
    assert response.status_code == 403, f"{route} ({url}) answered {response.status_code} to a POST without token"
    assert "CSRF verification failed" in response.content.decode()
    assert any("CSRF token missing" in record.getMessage() for record in caplog.records)
    assert snapshot() == before


def test_the_routes_cover_the_site_and_the_admin():
    assert len([r for r in ROUTES if r.startswith("admin:")]) > 50
    assert {"login", "logout", "password_change", "password_reset", "set_language"} <= set(ROUTES)
    assert set(POSTS) <= set(ROUTES)


def test_logout_without_the_token_keeps_the_session(forger):
    assert forger.post(reverse("logout")).status_code == 403
    assert forger.get("/").status_code == 200


# GET changes nothing --------------------------------------------------------------------------------

# Routes that change state on POST and are not in the permission matrix's forms.
ACCOUNT_POSTS = ["logout", "password_change", "set_language", "login"]


@pytest.mark.parametrize("route", sorted(POSTS) + ACCOUNT_POSTS)
def test_a_get_to_a_state_changing_endpoint_changes_nothing(world: World, client, route):
    client.force_login(world.user("hq"))
    url, data = request_for(route, world) if route in POSTS else (reverse(route), {})
    if route == "set_language":
        data = {"language": "fr", "next": "/"}
    if route == "password_change":
        data = {"old_password": "x", "new_password1": "a-new-long-passphrase", "new_password2": "a-new-long-passphrase"}
    query = urlencode({k: v for k, v in data.items() if isinstance(v, str | int)})
    before = snapshot()
    response = client.get(f"{url}?{query}")
    assert response.status_code in (200, 302, 405), response.status_code
    assert snapshot() == before, f"GET {url} changed the database"
    assert client.get("/").status_code == 200, "a GET signed the user out"
    assert "django_language" not in client.cookies, "a GET switched the language"


def test_admin_delete_page_asks_and_does_not_delete_on_get(world: World, client):
    client.force_login(world.user("hq"))
    viewer = world.user("viewer")
    response = client.get(reverse("admin:accounts_user_delete", args=[viewer.pk]) + "?post=yes")
    assert response.status_code == 200
    assert type(viewer).objects.filter(pk=viewer.pk).exists()
