"""`seed_demo --projects N`: a generated portfolio written in bulk, for benchmarks."""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from countries.models import Country
from evaluations.models import Evaluation, LessonLearned
from evaluations.services import evaluation_create
from ipec.demo.bulk import build_bulk
from ipec.demo.plan import Planner
from partners.models import CommitteeKind, Partner, PartnerType, SteeringCommittee
from partners.services import committee_create, partner_create
from projects.models import (
    ActionProgramme,
    Expenditure,
    ProgressReport,
    Project,
    ReportFigure,
    ReportStatus,
    ReportStep,
    Target,
)
from projects.services import project_create
from tests.demo.checks import assert_portfolio_invariants, differences, snapshot

pytestmark = pytest.mark.django_db


def test_projects_300_builds_300_projects_keeping_every_invariant():
    out = StringIO()
    call_command("seed_demo", "--projects", "300", stdout=out)
    assert Project.objects.count() == 300
    assert_portfolio_invariants()
    assert "300 projects" in out.getvalue()
    # Everything else in proportion.
    assert Partner.objects.count() == len(Planner(300).partners) >= len(Planner(10).partners) + 145
    assert Evaluation.objects.count() > 150 and LessonLearned.objects.count() > 100
    assert SteeringCommittee.objects.filter(kind="project").count() > 20
    assert Expenditure.objects.count() > 600 and Target.objects.count() > 1000
    assert ActionProgramme.objects.count() > 150 and ProgressReport.objects.count() > 500
    assert Country.objects.filter(ipec_operations=True).count() >= 88
    # Reports in every state, mostly accepted, with figures and the steps of their workflow.
    statuses = Counter(ProgressReport.objects.values_list("status", flat=True))
    assert set(statuses) == set(ReportStatus.values) and statuses["accepted"] > 0.85 * statuses.total()
    assert (
        ReportFigure.objects.count() > 10 * statuses["accepted"]
        and ReportStep.objects.count() > 2 * statuses["accepted"]
    )
    today = timezone.localdate()
    cta_reports = ProgressReport.objects.filter(project__cta__username="cta")
    assert cta_reports.overdue(today).exists() and cta_reports.filter(status="draft", due_on__gte=today).exists()
    assert {"submitted", "returned", "resubmitted", "accepted"} <= set(cta_reports.values_list("status", flat=True))


def test_the_same_portfolio_whatever_the_chunk_size_and_on_every_run():
    """Chunks split cluster evaluations from some of their projects; the result must not change."""
    savepoint = transaction.savepoint()
    build_bulk(projects=200, chunk_size=1000)
    first = snapshot()
    transaction.savepoint_rollback(savepoint)
    build_bulk(projects=200, chunk_size=7)
    assert differences(first, snapshot()) == {}
    assert sum(first["projects.Project"].values()) == 200


def test_after_a_bulk_build_the_services_still_number_new_rows(hq_user):
    """The bulk writer chooses ids itself; the sequences must have moved past them."""
    build_bulk(projects=40)
    india = Country.objects.get(iso3="IND")
    project = project_create(
        code="IND/27/Z99/USA",
        title="A project added after the demo",
        kind="national",
        countries=[india],
        planned_start=datetime.date(2027, 1, 1),
        budget_usd=Decimal("100000"),
    )
    partner = partner_create(name="A partner added after the demo", type=PartnerType.objects.get(code="ngo"))
    committee = committee_create(kind=CommitteeKind.PROJECT, name="Added", project=project)
    evaluation = evaluation_create(title="Added", projects=[project], timing="final", modality="internal")
    assert project.pk > Project.objects.exclude(pk=project.pk).order_by("-pk").first().pk
    assert partner.pk and committee.pk and evaluation.pk and User.objects.filter(pk=hq_user.pk).exists()
