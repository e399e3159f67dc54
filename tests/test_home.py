"""The home page `/` is the dashboard (tests/dashboard/ tests it in full): here, getting to it."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import PASSWORD, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # no figures cached by another test, whose rows were rolled back
    yield
    cache.clear()


def test_anonymous_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_login_page_is_public(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'name="username"' in response.content


def test_login_then_home_shows_the_dashboard(client, viewer):
    make_project()
    response = client.post(reverse("login"), {"username": viewer.username, "password": PASSWORD})
    assert response.status_code == 302
    response = client.get("/")
    assert response.status_code == 200
    assert "dashboard.html" in [t.name for t in response.templates]
    pipeline = next(group for group in response.context["portfolio"].by_status if group.code == "pipeline")
    assert pipeline.count == 1
    assert '<a href="/projects/?status=pipeline">' in response.content.decode()


@pytest.mark.parametrize("projects", [1, 6])
def test_home_query_count_does_not_grow(client, viewer, django_assert_num_queries, projects):
    for _ in range(projects):
        make_project()
    client.force_login(viewer)
    # session + user + the dashboard's eleven aggregates (ipec/dashboard.py)
    with django_assert_num_queries(13):
        assert client.get("/").status_code == 200
