"""The default demo, built once for this module through the write services (the slow part of this folder)."""

from __future__ import annotations

import datetime
import time
from collections import Counter
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from countries.models import Country, Ratification
from evaluations.models import EVALUATION_STEPS, Evaluation, Finding, GoodPractice, LessonLearned, Recommendation
from ipec.demo import data
from ipec.demo.build import Result, build_demo
from ipec.demo.bulk import build_bulk
from ipec.demo.plan import PROJECT_STATUSES, Planner
from partners.models import PartnerType, ProjectPartnership, SteeringCommittee
from projects.models import Expenditure, ProgressReport, Project, ReportFigure, ReportStatus, ReportStep, Target
from projects.progress_reports import actuals_by_cell, totals_against_targets
from tests.demo.checks import assert_portfolio_invariants, differences, snapshot
from tests.demo.conftest import FAST_HASHERS

pytestmark = pytest.mark.django_db


@dataclass
class Demo:
    result: Result
    seconds: float
    services_snapshot: dict
    bulk_snapshot: dict


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The default demo through the services, kept for the module; first the same plan written in bulk, to
    compare (rolled back). Everything is rolled back at the end of the module."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
        savepoint = transaction.savepoint()
        build_bulk(projects=data.DEFAULT_PROJECTS)
        bulk_snapshot = snapshot()
        transaction.savepoint_rollback(savepoint)
        started = time.perf_counter()
        result = build_demo()
        seconds = time.perf_counter() - started
        yield Demo(result, seconds, snapshot(), bulk_snapshot)
        transaction.set_rollback(True)


def test_the_default_demo_keeps_every_invariant(demo):
    assert_portfolio_invariants()


def test_about_150_projects_in_every_status_global_and_national(demo):
    assert Project.objects.count() == data.DEFAULT_PROJECTS
    assert set(Project.objects.values_list("status", flat=True)) == set(PROJECT_STATUSES)
    assert set(Project.objects.values_list("kind", flat=True)) == {"global", "national"}
    assert demo.result.statuses == {s: Project.objects.filter(status=s).count() for s in PROJECT_STATUSES}


def test_ipec_operates_in_88_countries_in_five_regions_with_mous_and_surveys(demo):
    ipec = Country.objects.filter(ipec_operations=True)
    assert ipec.count() >= 88
    assert ipec.values("region").distinct().count() == 5
    first = ipec.order_by("mou_signed_on").first()
    assert first.iso3 == "IND" and first.mou_signed_on.year == 1992
    assert not ipec.filter(Q(mou_signed_on=None) | Q(focal_point_name="")).exists()
    assert ipec.exclude(survey_year=None).exclude(children_in_child_labour=None).count() >= 80


def test_ratifications_with_the_minimum_age_of_c138(demo):
    assert Ratification.objects.values("country").distinct().count() >= 80
    ages = set(Ratification.objects.filter(convention__code="C138").values_list("minimum_age", flat=True))
    assert ages == {14, 15, 16}
    assert not Ratification.objects.exclude(convention__code="C138").exclude(minimum_age=None).exists()
    assert {"in_force", "not_in_force", "denounced"} == set(Ratification.objects.values_list("status", flat=True))


def test_partners_of_every_type_and_the_donors(demo):
    used = set(PartnerType.objects.filter(partners__isnull=False).values_list("code", flat=True))
    assert used == set(PartnerType.objects.values_list("code", flat=True))
    funding = ProjectPartnership.objects.filter(role="funding").values("partner__donor__code")
    largest = funding.annotate(total=Sum("amount_usd")).order_by("-total").first()
    assert largest["partner__donor__code"] == data.LARGEST_DONOR


def test_money_targets_and_partners_of_the_projects(demo):
    active = Project.objects.filter(status__in=["active", "completed", "closed"])
    assert not active.filter(expenditures__isnull=True).exists()
    assert Expenditure.objects.count() > 300
    assert Target.objects.filter(measure="withdrawn", sex="girls", age_band="5-11").count() > 30
    assert Target.objects.filter(measure="families").exists()
    assert Project.objects.filter(action_programmes__isnull=False).distinct().count() > 30
    assert Project.objects.filter(partnerships__role="implementing").distinct().count() > 30


def test_steering_committees_are_tripartite_but_one(demo):
    national = SteeringCommittee.objects.filter(kind="national").prefetch_related("members__partner__type")
    assert national.count() >= 88
    lacking = [c.country.iso3 for c in national if c.missing_constituents()]
    assert lacking == ["GAB"]
    assert SteeringCommittee.objects.filter(kind="project").exists()
    assert not national.filter(meetings__isnull=True).exists()


def test_evaluations_in_every_status_with_their_content_in_three_languages(demo):
    assert set(Evaluation.objects.values_list("status", flat=True)) == set(EVALUATION_STEPS)
    assert set(Evaluation.objects.values_list("scope", flat=True)) == {"project", "cluster", "thematic"}
    assert set(Evaluation.objects.values_list("language", flat=True)) == {"en", "fr", "es"}
    assert Finding.objects.exclude(rating=None).values("criterion").distinct().count() == 6
    assert set(Recommendation.objects.values_list("management_response", flat=True)) == {
        "", "accepted", "partially", "rejected"
    }  # fmt: skip
    assert LessonLearned.objects.filter(evaluation__language="fr").exists()
    assert GoodPractice.objects.filter(evaluation__language="es").exists()


@pytest.mark.parametrize("username", ["hq", "cta", "evaluator", "viewer"])
def test_each_account_signs_in_with_the_demo_password(demo, client, username):
    assert client.login(username=username, password=data.DEFAULT_PASSWORD)
    user = User.objects.get(username=username)
    assert user.role == username
    assert (user.is_staff, user.is_superuser) == ((True, True) if username == "hq" else (False, False))


def test_the_cta_advises_national_projects_and_the_evaluator_has_evaluations(demo):
    cta = User.objects.get(username="cta")
    assert cta.cta_projects.count() >= 3 and not cta.cta_projects.exclude(kind="national").exists()
    assert cta.cta_projects.filter(status="active").exists()
    evaluator = User.objects.get(username="evaluator")
    assert evaluator.evaluations.count() >= 3
    assert evaluator.evaluations.filter(status__in=["contracted", "fieldwork", "draft_report"]).exists()


def test_the_database_holds_exactly_the_plan(demo):
    plan = [b.project for b in Planner(data.DEFAULT_PROJECTS).iter_projects()]
    built = Project.objects.order_by("id").values_list("code", "title", "status", "budget_usd")
    assert list(built) == [(p.code, p.title, p.status, p.budget) for p in plan]


def test_bulk_writer_gives_the_same_portfolio_as_the_services(demo):
    assert differences(demo.services_snapshot, demo.bulk_snapshot) == {}
    # Reports included: their content, figures, and the steps of their workflow with who took them and when.
    for label in ("projects.ProgressReport", "projects.ReportFigure", "projects.ReportStep"):
        assert sum(demo.services_snapshot[label].values()) > 1000, label


def report_state(report: ProgressReport, today: datetime.date) -> str:
    if report.status == ReportStatus.DRAFT:
        return "draft overdue" if report.due_on < today else "draft not yet due"
    return report.status


EVERY_STATE = {"draft not yet due", "draft overdue", "submitted", "returned", "resubmitted", "accepted"}


def test_the_cta_has_reports_in_every_state(demo):
    """The done-when of the reporting issue: the `cta` account's projects have reports in every state."""
    today = timezone.localdate()
    reports = ProgressReport.objects.filter(project__cta__username="cta")
    assert {report_state(r, today) for r in reports} == EVERY_STATE
    # As the queues show them.
    assert ProgressReport.objects.overdue(today).filter(project__cta__username="cta").exists()
    waiting = set(ProgressReport.objects.awaiting_review().filter(project__cta__username="cta").values_list("status"))
    assert waiting == {("submitted",), ("resubmitted",)}
    for report in reports.filter(status__in=["returned", "resubmitted"]):
        returned = report.steps.filter(to_status="returned").latest("at")
        assert returned.by.role == "hq" and returned.comment == report.review_comment != ""
    for report in reports.exclude(status="draft"):
        assert report.steps.filter(to_status="submitted").get().by.username == "cta"


def test_reports_of_the_portfolio_are_mostly_accepted_with_a_few_open(demo):
    today = timezone.localdate()
    states = Counter(report_state(r, today) for r in ProgressReport.objects.all())
    assert set(states) == EVERY_STATE
    assert states["accepted"] > 0.85 * states.total()
    reporting = Project.objects.filter(status__in=["active", "suspended"]).count()
    assert 0 < ProgressReport.objects.overdue(today).count() < reporting
    assert 0 < ProgressReport.objects.awaiting_review().count() < reporting
    # Some accepted reports went through a round of corrections first.
    assert ProgressReport.objects.filter(status="accepted", steps__to_status="returned").exists()
    assert not ProgressReport.objects.filter(status="accepted").exclude(review_comment="").exists()


def test_accepted_figures_are_the_actuals_of_the_projects_with_targets(demo):
    today = timezone.localdate()
    with_targets = Project.objects.filter(targets__isnull=False).distinct()
    reporting = list(with_targets.filter(status__in=["active", "suspended"]))
    actuals = actuals_by_cell(p.pk for p in reporting)
    # A project that has reported for a couple of years has results; one that has just started may not yet.
    seasoned = [p for p in reporting if p.actual_start <= today - datetime.timedelta(days=900)]
    assert len(seasoned) >= 5
    assert all(sum(actuals[p.pk].values()) > 0 for p in seasoned)
    assert sum(1 for p in reporting if actuals[p.pk]) > len(reporting) / 2
    # A closed project ended near its targets, some a little above.
    for project in with_targets.filter(status="closed"):
        totals = totals_against_targets(project)
        for measure in ("withdrawn", "prevented", "families"):
            reached = totals[measure]["actual"] / totals[measure]["target"]
            assert 0.6 < reached < 1.12, (project.code, measure, reached)


def test_figures_are_per_country_by_sex_and_age_band(demo):
    figures = ReportFigure.objects.filter(report__status="accepted")
    assert {(m, s != "", a != "") for m, s, a in figures.values_list("measure", "sex", "age_band").distinct()} == {
        ("withdrawn", True, True), ("prevented", True, True), ("families", False, False),
    }  # fmt: skip
    # A global project reports for each of its countries.
    per_report = (
        figures.filter(report__project__kind="global").values("report").annotate(n=Count("country", distinct=True))
    )
    assert max(row["n"] for row in per_report) >= 3


def test_report_narratives_in_the_projects_languages(demo):
    accepted = ProgressReport.objects.filter(status="accepted")
    assert accepted.filter(narrative__contains="enfants").exists()
    assert accepted.filter(narrative__contains="niños").exists()
    assert accepted.filter(narrative__contains="children").exists()
    assert not accepted.filter(Q(narrative="") | Q(rating="")).exists()
    assert set(accepted.values_list("rating", flat=True)) == {"on_track", "at_risk", "off_track"}


def test_report_steps_are_dated_over_the_projects_lives(demo):
    steps = ReportStep.objects.filter(to_status="accepted")
    first, last = steps.order_by("at").first().at, steps.order_by("-at").first().at
    assert first.year < 2000 and last <= timezone.now()
    assert steps.dates("at", "year").count() > 20


def test_the_cta_sees_actuals_against_targets_on_the_project_pages(demo, client):
    client.force_login(User.objects.get(username="cta"))
    shown = 0
    projects = Project.objects.filter(cta__username="cta", targets__isnull=False, progress_reports__status="accepted")
    for project in projects.distinct():
        response = client.get(f"/projects/{project.slug}/")
        assert response.status_code == 200
        totals = {row["label"]: row for row in response.context["totals"]}
        assert totals["Children withdrawn"]["target"] > 0
        shown += totals["Children withdrawn"]["actual"] > 0
    assert shown >= 2


def test_the_evaluator_has_one_report_asked_for_and_no_other_is_made(demo):
    from evaluations.models import EvaluationReport

    reports = list(EvaluationReport.objects.select_related("evaluation"))
    assert len(reports) == 1  # loading history makes no PDF per step; one is asked for
    (report,) = reports
    assert report.requested_by.username == "evaluator"
    assert report.evaluation.evaluators.filter(username="evaluator").exists()
    assert report.evaluation.status in {"draft_report", "final_report", "published"}
