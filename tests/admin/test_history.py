"""The admin shows each project's, report's and evaluation's change history, and offers no way to edit it."""

from __future__ import annotations

import pytest

from projects.services import project_update
from tests.factories import make_evaluation, make_project

pytestmark = pytest.mark.django_db


def test_project_page_shows_who_changed_which_field(client, hq_user):
    project = make_project(title="Old title")
    project_update(project=project, by=hq_user, expected_version=project.version, title="New title")
    client.force_login(hq_user)
    page = client.get(f"/admin/projects/project/{project.pk}/change/").content.decode()
    assert "Change history" in page
    assert "Old title" in page and "New title" in page and str(hq_user) in page


def test_evaluation_page_shows_its_history(client, hq_user):
    evaluation = make_evaluation(title="Mid-term review")
    client.force_login(hq_user)
    page = client.get(f"/admin/evaluations/evaluation/{evaluation.pk}/change/").content.decode()
    assert "Change history" in page and "Created" in page


@pytest.mark.parametrize("model", ["projects/historicalproject", "evaluations/historicalevaluation"])
def test_history_tables_are_not_in_the_admin(client, hq_user, model):
    client.force_login(hq_user)
    assert client.get(f"/admin/{model}/").status_code == 404
