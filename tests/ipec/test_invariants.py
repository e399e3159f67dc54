"""The catalogue of invariants: every database constraint speaks to people, and every one is tested."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accounts.models import User
from tests.factories import UserFactory
from tests.ipec.invariants import db_refuses, project_models

TESTS = Path(__file__).resolve().parents[1]
# A task writes reminder rows and treats a duplicate as "already sent": no person ever sees this one.
WITHOUT_MESSAGE = {"report_reminder_once"}
# Progress reports are tested with their workflow, in tests/reporting/.
TESTED_WITH_THEIR_WORKFLOW = {"ProgressReport", "ReportFigure", "ReportReminder"}


def constraints():
    return [(model, constraint) for model in project_models() for constraint in model._meta.constraints]


def test_every_constraint_has_a_message_for_people():
    default = re.compile(r"Constraint .%\(name\)s. is violated\.")
    silent = [
        constraint.name
        for _, constraint in constraints()
        if default.fullmatch(str(constraint.violation_error_message)) and constraint.name not in WITHOUT_MESSAGE
    ]
    assert silent == []


def test_every_constraint_is_named_by_a_test():
    """A constraint added without a test that the database refuses it fails here."""
    source = "\n".join(path.read_text() for path in TESTS.rglob("test_*.py"))
    untested = [
        f"{model._meta.label}.{constraint.name}"
        for model, constraint in constraints()
        if model.__name__ not in TESTED_WITH_THEIR_WORKFLOW and f'"{constraint.name}"' not in source
    ]
    assert untested == []


def test_constraint_names_are_unique_across_the_project():
    names = [constraint.name for _, constraint in constraints()]
    assert len(names) == len(set(names))
    assert len(names) > 60


@pytest.mark.django_db
def test_user_role_is_held_by_the_database():
    user = UserFactory()
    with db_refuses("user_role_valid"):
        User.objects.filter(pk=user.pk).update(role="admin")
