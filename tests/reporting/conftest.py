from __future__ import annotations

import datetime

import pytest

from accounts.models import Role
from projects.models import ProjectStatus
from projects.progress_reports import schedule_ensure
from projects.services import project_change_status
from tests.factories import UserFactory, make_project


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", role=Role.HQ, email="officer@example.org")


@pytest.fixture
def active_project(db, cta, officer, hq_user):
    """A national project of `cta`, active since 2025-01-01, with its report rows opened."""
    project = make_project(
        cta=cta,
        hq_backstopping_officer=officer,
        planned_start=datetime.date(2025, 1, 1),
        planned_end=datetime.date(2027, 12, 31),
    )
    project_change_status(
        project=project, to_status=ProjectStatus.APPROVED, effective_on=datetime.date(2024, 12, 1), changed_by=hq_user
    )
    project_change_status(
        project=project, to_status=ProjectStatus.ACTIVE, effective_on=datetime.date(2025, 1, 1), changed_by=hq_user
    )
    project.refresh_from_db()
    schedule_ensure(project=project)
    return project


@pytest.fixture
def first_report(active_project):
    return active_project.progress_reports.order_by("period_start").first()
