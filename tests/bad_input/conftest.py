"""One world for every bad-input case: users of each role, an active project with its reports, a committee,
an evaluation with a recommendation and a ready report, made once for the package inside a transaction that
is rolled back at its end. Each test runs in a savepoint of it (pytest-django's `db`), so what one case
writes never reaches the next."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from accounts.models import Role
from evaluations.forms import stamp
from evaluations.models import Evaluation, EvaluationReport, ReportState
from evaluations.services import evaluation_update, recommendation_add
from partners.models import CommitteeKind, PartnerType
from partners.services import committee_create, meeting_record
from projects.models import ProjectStatus
from projects.progress_reports import report_save, report_submit, schedule_ensure
from projects.services import project_change_status
from tests.bad_input.files import PDF
from tests.factories import PASSWORD, PartnerFactory, UserFactory, make_evaluation, make_project
from tests.ipec.invariants import country


def _build() -> dict:
    hq = UserFactory(username="bi-hq", role=Role.HQ, is_staff=True, is_superuser=True)
    cta = UserFactory(username="bi-cta", role=Role.CTA)
    evaluator = UserFactory(username="bi-evaluator", role=Role.EVALUATOR)
    viewer = UserFactory(username="bi-viewer", role=Role.VIEWER)
    india, brazil = country("IND"), country("BRA")
    project = make_project(
        cta=cta,
        hq_backstopping_officer=hq,
        planned_start=datetime.date(2025, 1, 1),
        planned_end=datetime.date(2027, 12, 31),
    )
    for status, day in (
        (ProjectStatus.APPROVED, datetime.date(2024, 12, 1)),
        (ProjectStatus.ACTIVE, datetime.date(2025, 1, 1)),
    ):
        project_change_status(project=project, to_status=status, effective_on=day, changed_by=hq)
    project.refresh_from_db()
    schedule_ensure(project=project)
    first, second = project.progress_reports.order_by("period_start")[:2]
    # A draft saved once (so a stale version exists), and a report sent to HQ for review.
    first = report_save(report=first, by=cta, expected_version=first.version, rating="at_risk", narrative="Started.")
    second = report_save(report=second, by=cta, expected_version=second.version, rating="on_track", narrative="Done.")
    second = report_submit(report=second, by=cta, expected_version=second.version)
    committee = committee_create(kind=CommitteeKind.NATIONAL, name="National Steering Committee, India", country=india)
    meeting = meeting_record(committee=committee, held_on=datetime.date(2026, 2, 2), agenda="First meeting")
    evaluation = make_evaluation(project=project, evaluation_manager=hq, evaluators=[evaluator])
    evaluation = evaluation_update(evaluation=evaluation, by=hq, expected_version=evaluation.version, purpose="Why.")
    recommendation = recommendation_add(evaluation=evaluation, text="Train inspectors.", addressee="Ministry of Labour")
    report = EvaluationReport(
        evaluation=evaluation, version=1, language="en", state=ReportState.READY, requested_by=hq,
        sha256=hashlib.sha256(PDF).hexdigest(), size_bytes=len(PDF), page_count=1, rendered_at=timezone.now(),
    )  # fmt: skip
    report.file.save("report.pdf", ContentFile(PDF), save=False)
    report.save()
    partner = PartnerFactory(name="Bal Vikas Trust", country=india)
    evaluation = Evaluation.objects.get(pk=evaluation.pk)
    return {
        "users": {"hq": hq, "cta": cta, "evaluator": evaluator, "viewer": viewer},
        "project_obj": project,
        "project": project.slug,
        "project_pk": project.pk,
        "project_code": project.code,
        "project_version": project.version,
        "project_stale_version": project.version - 1,
        "report": first.pk,
        "report_version": first.version,
        "report_stale_version": first.version - 1,
        "submitted": second.pk,
        "submitted_version": second.version,
        "evaluation": evaluation.pk,
        "evaluation_version": evaluation.version,
        "evaluation_stale_version": evaluation.version - 1,
        "recommendation_stamp": stamp(recommendation),
        "committee": committee.pk,
        "meeting_day": meeting.held_on.isoformat(),
        "ind": india.pk,
        "bra": brazil.pk,
        "partner": partner.pk,
        "ngo_type": PartnerType.objects.get(code="ngo").pk,
        "today": timezone.localdate().isoformat(),
        "viewer_name": viewer.username,
        "password": PASSWORD,
    }


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The shared rows, and their placeholders' values for the catalogue's paths and payloads."""
    media = override_settings(
        MEDIA_ROOT=str(tmp_path_factory.mktemp("bad-input-media")),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    media.enable()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield _build()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            media.disable()


@pytest.fixture
def client_for(client, world, db):
    """A client signed in as the role's user of the world (none for "anonymous")."""

    def sign_in(role: str):
        if role != "anonymous":
            client.force_login(world["users"][role])
        return client

    return sign_in
