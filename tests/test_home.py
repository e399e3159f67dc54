import pytest
from django.urls import reverse

from tests.factories import PASSWORD, make_project

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_login_page_is_public(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'name="username"' in response.content


def test_login_then_home_shows_projects_by_status(client, viewer):
    make_project()
    response = client.post(reverse("login"), {"username": viewer.username, "password": PASSWORD})
    assert response.status_code == 302
    response = client.get("/")
    assert response.status_code == 200
    pipeline = next(row for row in response.context["by_status"] if row["label"] == "Pipeline")
    assert pipeline["count"] == 1


@pytest.mark.parametrize("projects", [1, 6])
def test_home_query_count_does_not_grow(client, viewer, django_assert_num_queries, projects):
    for _ in range(projects):
        make_project()
    client.force_login(viewer)
    # session + user + one aggregate over projects
    with django_assert_num_queries(3):
        assert client.get("/").status_code == 200
