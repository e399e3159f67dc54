import pytest

from tests.factories import make_evaluation, make_project


@pytest.mark.django_db
def test_project_and_evaluation_can_be_made():
    project = make_project()
    evaluation = make_evaluation(project=project)
    assert project.status_changes.count() == 1
    assert list(evaluation.projects.all()) == [project]
