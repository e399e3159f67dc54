"""Who reaches the admin site, and what no one may add, change or delete there."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from accounts.models import Role
from countries.models import Region
from evaluations.models import EvaluationStep
from partners.models import SteeringCommittee
from partners.services import meeting_record
from projects.models import EvidenceFile, IssuedCode, ProgressReport, StatusChange
from tests.admin import helpers
from tests.factories import UserFactory, make_evaluation, make_project

pytestmark = pytest.mark.django_db


def _admin_urls() -> list[str]:
    project, evaluation = make_project(), make_evaluation()
    return [
        reverse("admin:index"),
        reverse("admin:projects_project_changelist"),
        reverse("admin:projects_project_change", args=[project.pk]),
        reverse("admin:projects_project_status", args=[project.pk]),
        reverse("admin:evaluations_evaluation_advance", args=[evaluation.pk]),
    ]


@pytest.mark.parametrize("role", [Role.CTA, Role.EVALUATOR, Role.VIEWER])
def test_non_hq_users_are_sent_to_the_admin_login(client, role):
    client.force_login(UserFactory(role=role))
    for url in _admin_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url


def test_anonymous_users_are_sent_to_the_admin_login(client):
    for url in _admin_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url


def test_non_hq_user_cannot_move_a_project(client):
    project = make_project()
    client.force_login(UserFactory(role=Role.CTA))
    client.post(reverse("admin:projects_project_status", args=[project.pk]), {"to_status": "approved"})
    project.refresh_from_db()
    assert project.status == "pipeline"


# Records written only by services: they are shown and never added, changed or deleted here.
READ_ONLY = [
    (StatusChange, lambda: make_project().status_changes.get()),
    (EvaluationStep, lambda: make_evaluation().steps.get()),
    (IssuedCode, lambda: IssuedCode.objects.get(code=make_project().code)),
    (ProgressReport, lambda: helpers.make_progress_report(make_project(), 2000)),
]


@pytest.mark.parametrize(("model", "make"), READ_ONLY, ids=lambda v: getattr(v, "__name__", ""))
def test_service_records_are_read_only(client, hq_user, model, make):
    client.force_login(hq_user)
    obj = make()
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"

    assert client.get(reverse(f"{name}_add")).status_code == 403
    assert client.get(reverse(f"{name}_delete", args=[obj.pk])).status_code == 403
    assert client.post(reverse(f"{name}_change", args=[obj.pk]), {}).status_code == 403
    view = client.get(reverse(f"{name}_change", args=[obj.pk]))
    assert view.status_code == 200
    assert not view.context["has_change_permission"]


def test_reference_data_code_is_fixed_and_rows_are_kept(client, hq_user):
    client.force_login(hq_user)
    africa = Region.objects.get(code="africa")
    change = client.get(reverse("admin:countries_region_change", args=[africa.pk]))
    assert "code" not in change.context["adminform"].form.fields
    assert "code" in client.get(reverse("admin:countries_region_add")).context["adminform"].form.fields
    assert client.get(reverse("admin:countries_region_delete", args=[africa.pk])).status_code == 403


def test_stored_files_are_linked_through_their_download_views(client, hq_user, settings, tmp_path):
    """Media is not public: the admin links minutes and evidence to the policy-checked views, never MEDIA_URL."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(hq_user)
    committee = SteeringCommittee.objects.get(name=helpers.committees(1)[0])
    meeting = meeting_record(
        committee=committee, held_on=datetime.date(2014, 3, 1), minutes=SimpleUploadedFile("minutes.pdf", b"%PDF-1.4")
    )
    report = helpers.make_progress_report(make_project(), 2000)
    evidence = EvidenceFile.objects.create(
        report=report,
        file=SimpleUploadedFile("photo.png", b"\x89PNG"),
        original_name="photo.png",
        content_type="image/png",
        size_bytes=4,
        uploaded_by=hq_user,
    )

    committee_page = client.get(reverse("admin:partners_steeringcommittee_change", args=[committee.pk]))
    report_page = client.get(reverse("admin:projects_progressreport_change", args=[report.pk]))

    assertContains(committee_page, reverse("partners:meeting-minutes", args=[committee.pk, meeting.pk]))
    assertContains(report_page, reverse("projects:evidence", args=[report.project.slug, report.pk, evidence.pk]))
    for page in (committee_page, report_page):
        assertNotContains(page, settings.MEDIA_URL)
