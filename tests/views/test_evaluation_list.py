"""/evaluations/: each role sees the evaluations the policy lets them see; it is the evaluator's home."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from evaluations.services import evaluation_advance
from tests.factories import PASSWORD, UserFactory, make_evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluations(evaluator, hq_user):
    mine = make_evaluation(title="Mine, in planning", evaluators=[evaluator])
    other = make_evaluation(title="Another evaluator's", evaluators=[UserFactory(role="evaluator")])
    published = make_evaluation(title="Published one", reached_on=datetime.date(2019, 1, 1))
    for _ in range(6):
        evaluation_advance(evaluation=published, reached_on=datetime.date(2020, 1, 1), changed_by=hq_user)
    return mine, other, published


def titles(client, user) -> set[str]:
    client.force_login(user)
    response = client.get(reverse("evaluations:list"))
    assert response.status_code == 200
    return {e.title for e in response.context["evaluations"]}


def test_each_role_sees_its_evaluations(client, evaluations, hq_user, evaluator, cta, viewer):
    assert titles(client, hq_user) == {"Mine, in planning", "Another evaluator's", "Published one"}
    assert titles(client, evaluator) == {"Mine, in planning"}
    assert titles(client, cta) == {"Published one"}
    assert titles(client, viewer) == {"Published one"}


def test_evaluator_lands_on_evaluations_and_is_refused_the_dashboard(client, evaluator, viewer):
    response = client.post(reverse("login"), {"username": evaluator.username, "password": PASSWORD})
    assert response["Location"] == "/evaluations/"
    assert client.get("/").status_code == 403
    client.logout()
    response = client.post(reverse("login"), {"username": viewer.username, "password": PASSWORD})
    assert response["Location"] == "/"


@pytest.mark.parametrize("extra", [1, 8])
def test_query_count_does_not_grow(client, hq_user, django_assert_num_queries, extra):
    for _ in range(extra):
        make_evaluation()
    client.force_login(hq_user)
    # session, user, HQ's projects missing an evaluation (count; none to list), evaluations (count, page),
    # their projects, their evaluators
    with django_assert_num_queries(7):
        client.get(reverse("evaluations:list"))
