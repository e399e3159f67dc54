"""The default demo, built once for this module through the write services (the slow part of this folder)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.db.models import Q, Sum
from django.test import override_settings

from accounts.models import User
from countries.models import Country, Ratification
from evaluations.models import EVALUATION_STEPS, Evaluation, Finding, GoodPractice, LessonLearned, Recommendation
from ipec.demo import data
from ipec.demo.build import Result, build_demo
from ipec.demo.bulk import build_bulk
from ipec.demo.plan import PROJECT_STATUSES, Planner
from partners.models import PartnerType, ProjectPartnership, SteeringCommittee
from projects.models import Expenditure, Project, Target
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


def test_the_build_takes_seconds_not_minutes(demo):
    # Through the services, each of some 8,000 writes validates its row in Python first.
    assert demo.seconds < 120
