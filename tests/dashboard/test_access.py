"""Who sees the dashboard: HQ, CTAs and viewers; not evaluators; anonymous people are sent to log in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.HQ, Role.CTA, Role.VIEWER])
def test_portfolio_roles_see_the_dashboard(client, role):
    client.force_login(UserFactory(role=role))
    response = client.get("/")
    assert response.status_code == 200
    assert response.templates[0].name == "dashboard.html"


def test_an_evaluator_is_refused(client, evaluator):
    client.force_login(evaluator)
    assert client.get("/").status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"


def test_an_inactive_user_is_sent_to_login(client):
    user = UserFactory(role=Role.HQ, is_active=False)
    client.force_login(user)
    assert client.get("/")["Location"].startswith(reverse("login"))


def test_the_dashboard_only_answers_get(client, viewer):
    client.force_login(viewer)
    assert client.post("/").status_code == 405


def test_only_hq_sees_the_projects_missing_an_evaluation(client, hq_user, cta, viewer, built):
    for user, shown in ((hq_user, True), (cta, False), (viewer, False)):
        client.force_login(user)
        response = client.get("/")
        keys = {h.key for h in response.context["headlines"]}
        page = response.content.decode()
        assert ("missing-evaluation" in keys) is shown, user.role
        assert ("missing a required evaluation" in page) is shown, user.role
        assert ("missing_evaluation=yes" in page) is shown, user.role


def test_the_page_is_compressed_for_browsers_that_accept_it(client, viewer, built):
    client.force_login(viewer)
    plain = client.get("/")
    packed = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    assert len(packed.content) < len(plain.content) / 2
