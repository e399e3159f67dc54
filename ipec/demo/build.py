"""Write the demo plan through the apps' write services, so every rule of the product is checked.

This is the ordinary demo (`manage.py seed_demo`, ~150 projects). `bulk` writes the same
plan for benchmarks. Both share the checks and helpers at the top of this module.

Progress reports: the schedule opens them (through the services) when a project becomes
active; the `cta` account's reports and every report still in the workflow are then
written, sent and reviewed through the report services. The accepted reports of the other
projects' past (some thousand, with their figures) are written in bulk at the end, as the
bulk writer does: through the services they would double the build, and the test that
compares the two writers shows they give the same rows.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from unittest import mock

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from accounts.models import User
from countries.models import Convention, Country, RatificationStatus
from countries.services import country_update, ratification_record
from evaluations.models import Evaluation, EvaluationStatus
from evaluations.report_jobs import request_report
from evaluations.services import (
    evaluation_advance,
    evaluation_create,
    finding_record,
    good_practice_add,
    lesson_add,
    recommendation_add,
)
from ipec.demo import data
from ipec.demo.plan import CommitteePlan, EvaluationPlan, Planner, ProjectPlan, ReportPlan, UserPlan
from partners.models import Donor, Partner, PartnerType, SteeringCommittee
from partners.services import committee_create, committee_member_add, donor_create, meeting_record, partner_create
from projects.models import (
    InterventionType,
    IssuedCode,
    ProgressReport,
    Project,
    ReportFigure,
    ReportStatus,
    ReportStep,
    Sector,
    TargetGroup,
    WorstForm,
)
from projects.progress_reports import report_review, report_save, report_submit
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


@contextlib.contextmanager
def quiet_report_notifications() -> Iterator[None]:
    """No e-mail for the demo's reports: they were sent and reviewed in the past, not now.

    The report services queue a notification when their transaction commits; the demo's commit comes when this
    block is still open, so nothing is queued.
    """
    from projects import tasks

    with (
        mock.patch.object(tasks.notify_report_submitted, "delay_safely", return_value=False),
        mock.patch.object(tasks.notify_report_reviewed, "delay_safely", return_value=False),
    ):
        yield


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


# The fields of a progress report that its author and HQ fill in, and its version.
REPORT_CONTENT_FIELDS = ["status", "rating", "narrative", "challenges", "next_steps", "review_comment", "version"]


@dataclass
class ReportHistory:
    """Accepted reports of the past, with their figures and steps, waiting to be written in bulk."""

    reports: list[ProgressReport] = field(default_factory=list)
    figures: list[ReportFigure] = field(default_factory=list)
    steps: list[ReportStep] = field(default_factory=list)


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
        self.history = ReportHistory()

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
        self._write_report_history()
        self._demo_report()
        self.result.partners = len(self.partners)
        return self.result

    def _demo_report(self) -> None:
        """One evaluation report the `evaluator` user can download, rendered after the build commits
        (in-process without Redis; by a worker with it). The others are made when someone asks."""
        evaluator = self.users.get("evaluator")
        if evaluator is None:
            return
        reported = [EvaluationStatus.DRAFT_REPORT, EvaluationStatus.FINAL_REPORT, EvaluationStatus.PUBLISHED]
        evaluation = Evaluation.objects.filter(evaluators=evaluator, status__in=reported).order_by("pk").first()
        if evaluation is not None:
            request_report(evaluation=evaluation, by=evaluator)

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
            created_on=plan.created_on,
        )
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
        self._reports(project, plan)
        self.projects[plan.code] = project
        self.result.projects += 1
        self.result.statuses[plan.status] += 1

    def _reports(self, project: Project, plan: ProjectPlan) -> None:
        """Write the reports the schedule opened: the author saves and sends them, HQ accepts or returns them.

        Through the services: every report still in the workflow, and all of the `cta` account's. The accepted
        history of the other projects is written in bulk (`_report_history`), as the bulk writer does: hundreds of
        reports with their figures, each figure validated, would double the build.
        """
        rows = {r.period_start: r for r in project.progress_reports.all()}
        planned = {r.period_start for r in plan.reports}
        unplanned = set(rows) - planned
        if unplanned and plan.status == "cancelled":
            # The schedule opened them at the start; a cancelled project does not report after its cancellation.
            deleted, _by_model = ProgressReport.objects.filter(
                project=project, period_start__in=unplanned, status=ReportStatus.DRAFT, version=1
            ).delete()
            unplanned = set() if deleted == len(unplanned) else unplanned
        if unplanned or planned - set(rows):
            raise CommandError(f"{plan.code}: the reporting schedule does not match the plan of its reports.")
        countries = {iso3: self.ref.countries[iso3].pk for iso3 in plan.countries}
        timestamps = []
        for report_plan in plan.reports:
            report = rows[report_plan.period_start]
            figures = {(countries[c], m, s, a): v for c, m, s, a, v in report_plan.figures}
            if report_plan.status == ReportStatus.ACCEPTED and plan.cta != "cta":
                self._report_history(report, report_plan, figures)
                continue
            author = self.users[report_plan.author]
            content = {
                "rating": report_plan.rating,
                "narrative": report_plan.narrative,
                "challenges": report_plan.challenges,
                "next_steps": report_plan.next_steps,
                "figures": figures,
            }
            if not report_plan.steps and report_plan.saves:
                report = report_save(report=report, by=author, expected_version=report.version, **content)
            for _from_status, to_status, username, at, comment in report_plan.steps:
                by = self.users[username]
                if to_status in (ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED):
                    report = report_save(report=report, by=by, expected_version=report.version, **content)
                    report = report_submit(report=report, by=by, expected_version=report.version)
                else:
                    accept = to_status == ReportStatus.ACCEPTED
                    report = report_review(
                        report=report, by=by, expected_version=report.version, accept=accept, comment=comment
                    )
                timestamps.append((report.pk, at))
        if timestamps:
            # The services date each step now; the demo's steps happened over the project's life.
            steps = list(
                ReportStep.objects.filter(report__in={pk for pk, _at in timestamps}).order_by(
                    "report__period_start", "id"
                )
            )
            if [s.report_id for s in steps] != [pk for pk, _at in timestamps]:
                raise CommandError(f"{plan.code}: the report steps written are not the ones planned.")
            for step, (_pk, at) in zip(steps, timestamps, strict=True):
                step.at = at
            ReportStep.objects.bulk_update(steps, ["at"])

    def _report_history(self, report: ProgressReport, plan: ReportPlan, figures: dict) -> None:
        """An accepted report of the past, as the services would have left it, to be written in bulk."""
        report.status = plan.status
        report.rating, report.narrative = plan.rating, plan.narrative
        report.challenges, report.next_steps = plan.challenges, plan.next_steps
        report.review_comment, report.version = plan.review_comment, plan.version
        # One history record, of the acceptance: by whom and when.
        report._history_user = self.users[plan.steps[-1][2]]
        report._history_date = plan.steps[-1][3]
        self.history.reports.append(report)
        self.history.figures += [
            ReportFigure(report=report, country_id=c, measure=m, sex=s, age_band=a, value=v)
            for (c, m, s, a), v in figures.items()
        ]
        self.history.steps += [
            ReportStep(report=report, from_status=f, to_status=t, by=self.users[u], at=at, comment=comment)
            for f, t, u, at, comment in plan.steps
        ]

    def _write_report_history(self) -> None:
        history = self.history
        bulk_update_with_history(history.reports, ProgressReport, REPORT_CONTENT_FIELDS, batch_size=500)
        ReportFigure.objects.bulk_create(history.figures, batch_size=2000)
        # bulk_create dates an auto_now_add field now, whatever it was given: date the steps again, as planned.
        planned = [step.at for step in history.steps]
        steps = ReportStep.objects.bulk_create(history.steps, batch_size=2000)
        for step, at in zip(steps, planned, strict=True):
            step.at = at
        ReportStep.objects.bulk_update(steps, ["at"], batch_size=500)
        self.history = ReportHistory()

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
            # History is loaded, not lived: no PDF per step reached (see _demo_report for the one made).
            evaluation_advance(evaluation=evaluation, reached_on=reached_on, changed_by=manager, make_report=False)
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
            evaluation_advance(evaluation=evaluation, reached_on=publication[1], changed_by=manager, make_report=False)
        self.result.evaluations += 1


def build_demo(
    *, projects: int = data.DEFAULT_PROJECTS, password: str | None = None, progress: Callable[[str], None] | None = None
) -> Result:
    """Build the demo portfolio through the write services, in one transaction: all of it or nothing."""
    refuse_production()
    refuse_future_reference_date()
    started = time.perf_counter()
    with quiet_report_notifications(), transaction.atomic():
        planner = Planner(projects, today=timezone.localdate())
        result = ServiceWriter(planner, password or demo_password(), progress or (lambda _m: None)).run()
    result.seconds = time.perf_counter() - started
    return result
