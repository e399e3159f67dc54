"""Write the demo plan through the apps' write services, so every rule of the product is checked.

This is the ordinary demo (`manage.py seed_demo`, ~150 projects). `bulk` writes the same
plan for benchmarks. Both share the checks and helpers at the top of this module.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from countries.models import Convention, Country, RatificationStatus
from countries.services import country_update, ratification_record
from evaluations.models import Evaluation
from evaluations.services import (
    evaluation_advance,
    evaluation_create,
    finding_record,
    good_practice_add,
    lesson_add,
    recommendation_add,
)
from ipec.demo import data
from ipec.demo.plan import CommitteePlan, EvaluationPlan, Planner, ProjectPlan, UserPlan
from partners.models import Donor, Partner, PartnerType, SteeringCommittee
from partners.services import committee_create, committee_member_add, donor_create, meeting_record, partner_create
from projects.models import InterventionType, IssuedCode, Project, Sector, StatusChange, TargetGroup, WorstForm
from projects.services import (
    action_programme_create,
    expenditure_record,
    funding_record,
    partnership_add,
    project_change_status,
    project_create,
    target_set,
)

PRODUCTION_SETTINGS = "ipec.settings.production"


@dataclass
class Result:
    """What a build made, for the command's report and the tests."""

    projects: int = 0
    evaluations: int = 0
    partners: int = 0
    committees: int = 0
    seconds: float = 0.0
    statuses: Counter[str] = field(default_factory=Counter)
    login_users: list[tuple[str, str]] = field(default_factory=list)  # (username, role)


# -- checks shared by both writers ---------------------------------------------------------
def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or data.DEFAULT_PASSWORD


def refuse_production() -> None:
    """The demo's accounts have a published password: never under production settings."""
    module = getattr(settings, "SETTINGS_MODULE", "") or os.environ.get("DJANGO_SETTINGS_MODULE", "")
    if module == PRODUCTION_SETTINGS or module.endswith(".production"):
        raise CommandError(
            f"seed_demo refuses to run under production settings ({module}): it creates sign-in accounts with a "
            "published password. Run it against a development database only."
        )


def refuse_future_reference_date() -> None:
    if timezone.localdate() < data.REFERENCE_DATE:
        raise CommandError(
            f"The demo is dated as at {data.REFERENCE_DATE:%d %B %Y}, which is after today by this machine's clock; "
            "status moves cannot be dated in the future. Check the clock."
        )


def existing_portfolio() -> list[str]:
    """What in the database would clash with the demo; empty when it can be built."""
    found = []
    for model, label in (
        (Project, "projects"),
        (IssuedCode, "issued TC symbols"),
        (Evaluation, "evaluations"),
        (Partner, "partners"),
        (Donor, "donors"),
        (SteeringCommittee, "steering committees"),
    ):
        count = model.objects.count()
        if count:
            found.append(f"{count} {label}")
    people = [*data.LOGIN_USERS, *data.HQ_STAFF, *data.CTA_STAFF, *data.EVALUATOR_STAFF]
    usernames = [username for username, *_ in people]
    taken = sorted(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    if taken:
        found.append("the user(s) " + ", ".join(taken))
    return found


class Lookups:
    """Reference rows by their stable codes."""

    def __init__(self) -> None:
        self.countries = {c.iso3: c for c in Country.objects.all()}
        self.conventions = {c.code: c for c in Convention.objects.all()}
        self.partner_types = {t.code: t for t in PartnerType.objects.all()}
        self.interventions = {r.code: r for r in InterventionType.objects.all()}
        self.worst_forms = {r.code: r for r in WorstForm.objects.all()}
        self.sectors = {r.code: r for r in Sector.objects.all()}
        self.target_groups = {r.code: r for r in TargetGroup.objects.all()}
        if len(self.countries) < 200 or len(self.partner_types) < 14 or len(self.interventions) < 5:
            raise CommandError("The reference data is missing: run `manage.py migrate` first.")


def ratification_status(fact: data.RatificationFact) -> str:
    if fact.denounced:
        return RatificationStatus.DENOUNCED
    # A ratification comes into force twelve months after its registration.
    if (data.REFERENCE_DATE - fact.ratified_on).days < 365:
        return RatificationStatus.NOT_IN_FORCE
    return RatificationStatus.IN_FORCE


def new_user(plan: UserPlan, password: str) -> User:
    user = User(
        username=plan.username,
        first_name=plan.first_name,
        last_name=plan.last_name,
        email=f"{plan.username}@example.org",
        role=plan.role,
        organisation=plan.organisation,
        # As User.save() has it: the role decides who reaches the admin site. Only `hq` is a superuser.
        is_staff=plan.role == "hq",
        is_superuser=plan.role == "hq" and plan.login,
    )
    if plan.login:
        user.set_password(password)
    else:
        user.set_unusable_password()  # people of the portfolio who do not sign in to the demo
    return user


# -- the service-based writer ----------------------------------------------------------------
class ServiceWriter:
    def __init__(self, planner: Planner, password: str, progress: Callable[[str], None]) -> None:
        self.planner = planner
        self.password = password
        self.progress = progress
        self.ref = Lookups()
        self.users: dict[str, User] = {}
        self.partners: dict[tuple[str, str | None], Partner] = {}
        self.donors: dict[str, Donor] = {}
        self.projects: dict[str, Project] = {}
        self.result = Result()

    def run(self) -> Result:
        self._users()
        self._countries()
        self._partners()
        for committee in self.planner.national_committees:
            self._committee(committee)
        self.progress(f"  reference data: {len(self.partners)} partners, {len(self.donors)} donors")
        for index, bundle in enumerate(self.planner.iter_projects(), start=1):
            self._project(bundle.project)
            if bundle.committee:
                self._committee(bundle.committee)
            for evaluation in bundle.evaluations:
                self._evaluation(evaluation)
            if index % 50 == 0:
                self.progress(f"  {index} projects")
        self.result.partners = len(self.partners)
        return self.result

    def _users(self) -> None:
        for plan in self.planner.users:
            user = new_user(plan, self.password)
            user.full_clean()
            user.save()
            self.users[plan.username] = user
            if plan.login:
                self.result.login_users.append((plan.username, plan.role))

    def _countries(self) -> None:
        for plan in self.planner.countries:
            fact = plan.fact
            country = self.ref.countries[fact.iso3]
            country_update(
                country=country,
                ipec_operations=True,
                mou_signed_on=fact.mou_signed_on,
                mou_valid_until=fact.mou_valid_until,
                focal_point_name=plan.focal_point_name,
                focal_point_email=plan.focal_point_email,
                survey_year=fact.survey_year,
                children_in_child_labour=fact.children_in_child_labour,
                children_in_hazardous_work=fact.children_in_hazardous_work,
                child_labour_rate=fact.child_labour_rate,
            )
            for ratification in fact.ratifications:
                ratification_record(
                    country=country,
                    convention=self.ref.conventions[ratification.convention],
                    ratified_on=ratification.ratified_on,
                    status=ratification_status(ratification),
                    minimum_age=ratification.minimum_age,
                )

    def _partners(self) -> None:
        for plan in self.planner.partners:
            self.partners[plan.key] = partner_create(
                name=plan.name,
                acronym=plan.acronym,
                type=self.ref.partner_types[plan.type],
                country=self.ref.countries[plan.country] if plan.country else None,
            )
        for code, key in self.planner.donors:
            self.donors[code] = donor_create(partner=self.partners[key], code=code)

    def _committee(self, plan: CommitteePlan) -> None:
        committee = committee_create(
            kind=plan.kind,
            name=plan.name,
            country=self.ref.countries[plan.country] if plan.country else None,
            project=self.projects[plan.project] if plan.project else None,
            established_on=plan.established_on,
        )
        for key, person, role in plan.members:
            committee_member_add(committee=committee, partner=self.partners[key], role=role, person_name=person)
        for held_on, agenda, decisions in plan.meetings:
            meeting_record(committee=committee, held_on=held_on, agenda=agenda, decisions=decisions)
        self.result.committees += 1

    def _project(self, plan: ProjectPlan) -> None:
        ref = self.ref
        officer = self.users[plan.backstopping]
        project = project_create(
            code=plan.code,
            title=plan.title,
            kind=plan.kind,
            countries=[ref.countries[c] for c in plan.countries],
            created_by=officer,
            intervention_types=[ref.interventions[c] for c in plan.interventions],
            worst_forms=[ref.worst_forms[c] for c in plan.worst_forms],
            sectors=[ref.sectors[c] for c in plan.sectors],
            target_groups=[ref.target_groups[c] for c in plan.target_groups],
            summary=plan.summary,
            objectives=plan.objectives,
            planned_start=plan.planned_start,
            planned_end=plan.planned_end,
            budget_usd=plan.budget,
            hq_backstopping_officer=officer,
            cta=self.users[plan.cta] if plan.cta else None,
            project_manager=self.users[plan.project_manager] if plan.project_manager else None,
            administrative_office=plan.administrative_office,
            supports_time_bound_programme=plan.time_bound,
        )
        # project_create dates its creation record today; the demo's projects were drafted long ago.
        StatusChange.objects.filter(project=project, from_status="").update(effective_on=plan.created_on)
        for to_status, effective_on, note in plan.moves:
            project_change_status(
                project=project, to_status=to_status, effective_on=effective_on, changed_by=officer, note=note
            )
        for donor_code, amount in plan.fundings:
            funding_record(project=project, donor=self.donors[donor_code], amount_usd=amount)
        for year, amount in plan.expenditures:
            expenditure_record(project=project, year=year, amount_usd=amount)
        for measure, sex, age_band, value in plan.targets:
            target_set(project=project, measure=measure, sex=sex, age_band=age_band, value=value)
        for ap in plan.action_programmes:
            action_programme_create(
                project=project,
                partner=self.partners[ap.partner],
                title=ap.title,
                budget_usd=ap.budget,
                start_on=ap.start_on,
                end_on=ap.end_on,
                children_withdrawn_target=ap.withdrawn,
                children_prevented_target=ap.prevented,
            )
        for key, role in plan.partnerships:
            partnership_add(project=project, partner=self.partners[key], role=role)
        self.projects[plan.code] = project
        self.result.projects += 1
        self.result.statuses[plan.status] += 1

    def _evaluation(self, plan: EvaluationPlan) -> None:
        manager = self.users[plan.manager]
        evaluation = evaluation_create(
            title=plan.title,
            projects=[self.projects[code] for code in plan.projects],
            timing=plan.timing,
            modality=plan.modality,
            scope=plan.scope,
            evaluators=[self.users[u] for u in plan.evaluators],
            created_by=manager,
            reached_on=plan.steps[0][1],
            language=plan.language,
            evaluation_manager=manager,
            planned_start=plan.planned_start,
            planned_end=plan.planned_end,
            executive_summary=plan.executive_summary,
            purpose=plan.purpose,
            scope_text=plan.scope_text,
            methodology=plan.methodology,
            conclusions=plan.conclusions,
        )
        # Content is recorded while the evaluation is open: before its last step, publication.
        steps = plan.steps[1:]
        publication = steps.pop() if plan.status == "published" else None
        for _status, reached_on in steps:
            evaluation_advance(evaluation=evaluation, reached_on=reached_on, changed_by=manager)
        for criterion, text, rating in plan.findings:
            finding_record(evaluation=evaluation, criterion=criterion, text=text, rating=rating)
        for rec in plan.recommendations:
            # The management response comes later in real life; writing it with the recommendation saves a
            # service call per row and gives the same row.
            recommendation_add(
                evaluation=evaluation,
                text=rec.text,
                addressee=rec.addressee,
                priority=rec.priority,
                timeframe=rec.timeframe,
                management_response=rec.management_response,
                response_comment=rec.response_comment,
                follow_up=rec.follow_up,
            )
        for lesson in plan.lessons:
            lesson_add(evaluation=evaluation, **lesson)
        for practice in plan.good_practices:
            good_practice_add(evaluation=evaluation, **practice)
        if publication:
            evaluation_advance(evaluation=evaluation, reached_on=publication[1], changed_by=manager)
        self.result.evaluations += 1


def build_demo(
    *, projects: int = data.DEFAULT_PROJECTS, password: str | None = None, progress: Callable[[str], None] | None = None
) -> Result:
    """Build the demo portfolio through the write services, in one transaction: all of it or nothing."""
    refuse_production()
    refuse_future_reference_date()
    started = time.perf_counter()
    with transaction.atomic():
        result = ServiceWriter(Planner(projects), password or demo_password(), progress or (lambda _m: None)).run()
    result.seconds = time.perf_counter() - started
    return result
