"""One world for the permission matrix, built once per module and rolled back after each test.

Building it (three projects, reports in three states, committees, evaluations, users of every
role) through the services takes longer than any single request of the matrix, so it is built
once inside an outer transaction; pytest-django wraps each test in a savepoint inside it, so
whatever an allowed request writes is undone before the next test, and the whole world is
rolled back at the end of the module.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test.utils import override_settings

from accounts.models import Role, User
from evaluations.models import Evaluation, ReportState
from evaluations.services import (
    evaluation_advance,
    finding_record,
    good_practice_add,
    lesson_add,
    recommendation_add,
)
from partners.models import CommitteeKind, CommitteeMeeting, SteeringCommittee
from partners.services import committee_create, meeting_record
from projects.models import EvidenceFile, ProgressReport, Project, ProjectKind, ProjectStatus, TargetMeasure
from projects.progress_reports import evidence_add, report_review, report_save, report_submit, schedule_ensure
from projects.services import project_change_status, target_set
from tests.factories import UserFactory, make_evaluation, make_project
from tests.ipec.invariants import country

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

# The roles of the matrix, in the order of the columns of its table.
ROLES = ("hq", "cta_a", "cta_b", "evaluator_1", "evaluator_2", "viewer", "anonymous", "inactive_hq")


@dataclass(frozen=True)
class World:
    users: dict[str, User | None]
    project_a: Project  # national, India, CTA A; its evaluation (evaluator 1) is published, with content
    project_b: Project  # national, Brazil, CTA B; its evaluation (evaluator 2) is open, with recommendation 1
    global_project: Project  # global, Brazil and Kenya; no evaluation
    draft: ProgressReport  # of project A, written, not submitted, with evidence
    submitted: ProgressReport  # of project A, waiting for review
    accepted: ProgressReport  # of project A, accepted, with evidence: its figures are the actuals
    draft_evidence: EvidenceFile
    accepted_evidence: EvidenceFile
    nsc: SteeringCommittee  # National Steering Committee of India, project A's country
    pac: SteeringCommittee  # advisory committee of project A
    meeting: CommitteeMeeting  # of the NSC, with minutes
    evaluation_1: Evaluation
    evaluation_2: Evaluation

    def user(self, role: str) -> User | None:
        return self.users[role]


def _active(project: Project, by: User) -> Project:
    for to_status, day in ((ProjectStatus.APPROVED, 1), (ProjectStatus.ACTIVE, 2)):
        project_change_status(
            project=project, to_status=to_status, effective_on=datetime.date(2025, 1, day), changed_by=by
        )
    project.refresh_from_db()
    schedule_ensure(project=project)
    return project


def _write(report: ProgressReport, by: User, narrative: str, girls: int) -> ProgressReport:
    return report_save(
        report=report,
        by=by,
        expected_version=report.version,
        rating="on_track",
        narrative=narrative,
        figures={(country("IND").pk, TargetMeasure.WITHDRAWN, "girls", "12-14"): girls},
    )


def _published(evaluation: Evaluation, by: User) -> Evaluation:
    day = datetime.date(2025, 2, 1)
    while evaluation.next_status is not None:
        evaluation_advance(evaluation=evaluation, reached_on=day, changed_by=by)
        evaluation.refresh_from_db()
        day += datetime.timedelta(days=7)
    return evaluation


def build_world() -> World:
    users: dict[str, User | None] = {
        "hq": UserFactory(username="perm-hq", role=Role.HQ),  # staff by role, not a superuser
        "cta_a": UserFactory(username="perm-cta-a", role=Role.CTA),
        "cta_b": UserFactory(username="perm-cta-b", role=Role.CTA),
        "evaluator_1": UserFactory(username="perm-evaluator-1", role=Role.EVALUATOR),
        "evaluator_2": UserFactory(username="perm-evaluator-2", role=Role.EVALUATOR),
        "viewer": UserFactory(username="perm-viewer", role=Role.VIEWER),
        "anonymous": None,
        "inactive_hq": UserFactory(username="perm-inactive-hq", role=Role.HQ, is_active=False),
    }
    hq, cta_a = users["hq"], users["cta_a"]
    dates = {"planned_start": datetime.date(2025, 1, 1), "planned_end": datetime.date(2027, 12, 31)}
    project_a = _active(
        make_project(code="IND/25/101/USA", cta=cta_a, hq_backstopping_officer=hq, countries=[country("IND")], **dates),
        hq,
    )
    project_b = _active(
        make_project(code="BRA/25/102/USA", cta=users["cta_b"], countries=[country("BRA")], **dates), hq
    )
    global_project = _active(
        make_project(
            code="GLO/25/103/USA",
            kind=ProjectKind.GLOBAL,
            countries=[country("BRA"), country("KEN")],
            project_manager=hq,
            **dates,
        ),
        hq,
    )
    for sex in ("girls", "boys"):
        target_set(project=project_a, measure=TargetMeasure.WITHDRAWN, sex=sex, age_band="12-14", value=100)

    first, second, third = project_a.progress_reports.order_by("period_start")[:3]
    accepted = _write(first, cta_a, "Schools opened in two districts.", girls=12)
    accepted_evidence = evidence_add(report=accepted, by=cta_a, upload=SimpleUploadedFile("register.pdf", PDF))
    accepted = report_submit(report=accepted, by=cta_a, expected_version=accepted.version)
    accepted = report_review(report=accepted, by=hq, expected_version=accepted.version, accept=True)
    submitted = _write(second, cta_a, "Labour inspectors trained.", girls=20)
    submitted = report_submit(report=submitted, by=cta_a, expected_version=submitted.version)
    draft = _write(third, cta_a, "Half written.", girls=5)
    draft_evidence = evidence_add(report=draft, by=cta_a, upload=SimpleUploadedFile("photo.png", PNG))

    nsc = committee_create(kind=CommitteeKind.NATIONAL, name="NSC India", country=country("IND"))
    pac = committee_create(kind=CommitteeKind.PROJECT, name="Advisory committee of IND/25/101/USA", project=project_a)
    meeting = meeting_record(
        committee=nsc,
        held_on=datetime.date(2025, 2, 10),
        agenda="Launch",
        minutes=SimpleUploadedFile("minutes.pdf", PDF),
    )

    evaluation_1 = make_evaluation(
        project=project_a,
        evaluators=[users["evaluator_1"]],
        evaluation_manager=hq,
        reached_on=datetime.date(2025, 1, 20),
    )
    # Content is recorded while the evaluation is open; each evaluation has recommendation 1.
    finding_record(evaluation=evaluation_1, criterion="relevance", text="Aligned with the national plan.", rating=5)
    recommendation_add(evaluation=evaluation_1, text="Hand the monitoring over.", addressee="Ministry of Labour")
    lesson_add(evaluation=evaluation_1, title="District committees", description="They kept children in school.")
    good_practice_add(evaluation=evaluation_1, title="School registers", summary="Teachers report absences.")
    evaluation_1 = _published(evaluation_1, hq)
    # Its final report was rendered: the latest version is ready to download.
    final = evaluation_1.reports.order_by("-version").first()
    final.file.save("report.pdf", ContentFile(PDF), save=False)
    final.state, final.sha256, final.size_bytes = ReportState.READY, hashlib.sha256(PDF).hexdigest(), len(PDF)
    final.save()
    evaluation_2 = make_evaluation(project=project_b, evaluators=[users["evaluator_2"]], evaluation_manager=hq)
    recommendation_add(evaluation=evaluation_2, text="Train labour inspectors.", addressee="ILO-IPEC")
    return World(
        users=users,
        project_a=project_a,
        project_b=project_b,
        global_project=global_project,
        draft=draft,
        submitted=submitted,
        accepted=accepted,
        draft_evidence=draft_evidence,
        accepted_evidence=accepted_evidence,
        nsc=nsc,
        pac=pac,
        meeting=meeting,
        evaluation_1=evaluation_1,
        evaluation_2=evaluation_2,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    """The world, in a transaction that is rolled back after the module's last test.

    Tests take `db` as well: each runs in a savepoint of this transaction. Files go to a
    temporary media folder; the fast hasher is set here because the shared autouse fixture
    that sets it is per test.
    """
    media = tmp_path_factory.mktemp("permissions-media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers), django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
