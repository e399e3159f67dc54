"""Checks shared by the demo tests: the portfolio's invariants, and a snapshot to compare two builds."""

from __future__ import annotations

import datetime
import itertools
import re
from collections import Counter, defaultdict

from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.utils import timezone

from accounts.models import User
from evaluations.models import EVALUATION_STEPS, Evaluation, EvaluationStep
from partners.models import Donor
from projects.models import (
    PROJECT_CODE_PATTERN,
    REPORT_TRANSITIONS,
    STATUS_TRANSITIONS,
    IssuedCode,
    ProgressReport,
    Project,
    ProjectCountry,
    ReportFigure,
    ReportStatus,
    ReportStep,
    StatusChange,
)

PORTFOLIO_APPS = ("accounts", "countries", "partners", "projects", "evaluations")
REGIONAL_SCOPES = {"GLO", "INT", "RAF", "RLA", "RAS", "RAB", "RER"}


def check_deferred_constraints() -> None:
    """On PostgreSQL, run now the checks that wait for the commit a test never reaches: the trigger that
    holds a national project to exactly one country, and the deferred foreign keys."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def assert_portfolio_invariants() -> None:
    check_deferred_constraints()
    today = timezone.localdate()
    projects = list(Project.objects.values("id", "code", "kind", "status", "planned_start", "actual_start"))
    codes = [p["code"] for p in projects]
    assert len(codes) == len(set(codes)), "project codes are not unique"
    donor_codes = set(Donor.objects.values_list("code", flat=True))
    countries_of: dict[int, list[str]] = defaultdict(list)
    for project_id, iso3 in ProjectCountry.objects.values_list("project_id", "country__iso3"):
        countries_of[project_id].append(iso3)
    issued = set(IssuedCode.objects.values_list("code", flat=True))
    for p in projects:
        code = p["code"]
        assert re.match(PROJECT_CODE_PATTERN, code), code
        scope, year, _serial, donor = code.split("/")
        assert donor in donor_codes, code
        assert p["planned_start"] is not None and year == f"{p['planned_start'].year % 100:02d}", code
        assert code in issued, f"{code} has no IssuedCode row"
        countries = countries_of[p["id"]]
        if p["kind"] == "national":
            assert countries == [scope], f"{code}: a national project works in exactly its own country"
        else:
            assert len(countries) >= 2 and scope in REGIONAL_SCOPES, code
    changes: dict[int, list[tuple]] = defaultdict(list)
    for row in StatusChange.objects.order_by("project_id", "changed_at", "id").values_list(
        "project_id", "from_status", "to_status", "effective_on"
    ):
        changes[row[0]].append(row[1:])
    for p in projects:
        history = changes[p["id"]]
        assert history and history[0][:2] == ("", "pipeline"), f"{p['code']}: no initial status change"
        status, last_date = "pipeline", history[0][2]
        for from_status, to_status, effective_on in history[1:]:
            assert from_status == status and to_status in STATUS_TRANSITIONS[status], (p["code"], history)
            assert last_date <= effective_on <= today, (p["code"], history)
            status, last_date = to_status, effective_on
        assert status == p["status"], p["code"]
        first_active = next((d for _f, t, d in history if t == "active"), None)
        assert p["actual_start"] == first_active, p["code"]
    steps: dict[int, list[tuple]] = defaultdict(list)
    for row in EvaluationStep.objects.order_by("evaluation_id", "changed_at", "id").values_list(
        "evaluation_id", "status", "reached_on"
    ):
        steps[row[0]].append(row[1:])
    for evaluation_id, status in Evaluation.objects.values_list("id", "status"):
        reached = [s for s, _d in steps[evaluation_id]]
        assert reached == EVALUATION_STEPS[: len(reached)] and reached[-1] == status, (evaluation_id, reached)
        dates = [d for _s, d in steps[evaluation_id]]
        assert dates == sorted(dates) and dates[-1] <= today, (evaluation_id, dates)
    assert_report_invariants()


# The steps the author takes; HQ takes the others.
SENT_BY_AUTHOR = {ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED}


def assert_report_invariants() -> None:
    """The progress reports: as the schedule opens them, written and reviewed by the right people, in order;
    nothing left open on a project that no longer reports, and only the latest periods open on the others."""
    today, now = timezone.localdate(), timezone.now()
    due_after = datetime.timedelta(days=settings.REPORT_DUE_DAYS)
    projects = {p["id"]: p for p in Project.objects.values("id", "code", "status", "actual_start", "cta_id", "kind")}
    authors = {p.pk: p.cta_id or p.project_manager_id for p in Project.objects.only("cta", "project_manager")}
    countries_of: dict[int, set[int]] = defaultdict(set)
    for project_id, country_id in ProjectCountry.objects.values_list("project_id", "country_id"):
        countries_of[project_id].add(country_id)
    hq = set(User.objects.filter(role="hq").values_list("pk", flat=True))
    reports = list(ProgressReport.objects.order_by("project_id", "period_start").values())
    by_project: dict[int, list[dict]] = defaultdict(list)
    for report in reports:
        by_project[report["project_id"]].append(report)
    project_of = {r["id"]: r["project_id"] for r in reports}
    for report_id, country_id in ReportFigure.objects.values_list("report_id", "country_id"):
        assert country_id in countries_of[project_of[report_id]], f"report {report_id}: a figure for another country"
    steps: dict[int, list[dict]] = defaultdict(list)
    for step in ReportStep.objects.order_by("report_id", "at", "id").values():
        steps[step["report_id"]].append(step)
    for project_id, rows in by_project.items():
        project = projects[project_id]
        code = project["code"]
        assert project["actual_start"] is not None, f"{code} reports without having started"
        assert rows[0]["period_start"] == project["actual_start"], code
        for before, after in itertools.pairwise(rows):
            assert after["period_start"] == before["period_end"] + datetime.timedelta(days=1), code
        for report in rows:
            where = f"{code} {report['period_start']}"
            assert report["period_start"] <= min(report["period_end"], today), where
            assert report["due_on"] == report["period_end"] + due_after and report["due_on"] > report["period_end"]
            if project["status"] not in ("active", "suspended"):
                assert report["status"] == ReportStatus.ACCEPTED, f"{where}: {project['status']} with a report open"
            if report["status"] != ReportStatus.DRAFT:
                assert report["rating"] and report["narrative"], where
            assert bool(report["review_comment"]) == (report["status"] in ("returned", "resubmitted")), where
            status, previous = ReportStatus.DRAFT, None
            for step in steps[report["id"]]:
                assert step["from_status"] == status and step["to_status"] in REPORT_TRANSITIONS[status], where
                if step["to_status"] in SENT_BY_AUTHOR:
                    assert step["by_id"] == authors[project_id], f"{where}: sent by someone else than its author"
                else:
                    assert step["by_id"] in hq, f"{where}: reviewed by someone else than HQ"
                assert bool(step["comment"]) == (step["to_status"] == ReportStatus.RETURNED), where
                assert report["period_end"] < step["at"].date() and step["at"] <= now, where
                assert previous is None or previous < step["at"], where
                status, previous = step["to_status"], step["at"]
            assert status == report["status"], where
            assert report["version"] >= 1 + len(steps[report["id"]]), where
        # Only the latest periods of a project still reporting are open: the two latest due, and those not yet due.
        due = [r for r in rows if r["due_on"] < today]
        open_due = [r for r in due if r["status"] != ReportStatus.ACCEPTED]
        assert all(r in due[-2:] for r in open_due), f"{code}: an older report left open"


# Made from the portfolio rather than part of it, by the services only: the evaluation report PDFs their
# steps request (the bulk writer requests none; a benchmark of 100,000 projects renders no PDF).
DERIVED_MODELS = {"evaluations.EvaluationReport"}
# Timestamps the demo plans (the others are the time of the build): when each step of a report's workflow was taken.
PLANNED_TIMESTAMPS = {("projects.ReportStep", "at")}


def snapshot() -> dict[str, Counter]:
    """Every row of the portfolio's tables, without ids and timestamps other than the planned ones; a foreign key
    as the rank of the row it points at. Two builds of the same plan have equal snapshots, whichever writer made them.
    The history tables (django-simple-history) and the derived rows are left out: only the services write them."""
    ranks: dict[type[models.Model], dict[int, int]] = {}

    def rank(model: type[models.Model], pk: int | None) -> int | None:
        if pk is None:
            return None
        if model not in ranks:
            ranks[model] = {
                value: index
                for index, value in enumerate(model._base_manager.order_by("pk").values_list("pk", flat=True))
            }
        return ranks[model][pk]

    result = {}
    for model in apps.get_models(include_auto_created=True):
        if (
            model._meta.app_label not in PORTFOLIO_APPS
            or model.__name__.startswith("Historical")
            or model._meta.label in DERIVED_MODELS
        ):
            continue
        fields = [
            f
            for f in model._meta.concrete_fields
            if not f.primary_key
            and (not isinstance(f, models.DateTimeField) or (model._meta.label, f.name) in PLANNED_TIMESTAMPS)
            and f.name != "password"
        ]
        rows = Counter()
        for values in model._base_manager.values_list(*(f.attname for f in fields)):
            rows[
                tuple(rank(f.related_model, v) if f.is_relation else v for f, v in zip(fields, values, strict=True))
            ] += 1
        result[model._meta.label] = rows
    return result


def differences(first: dict[str, Counter], second: dict[str, Counter]) -> dict[str, tuple[int, int]]:
    """Tables whose rows differ: (rows only in the first, rows only in the second)."""
    return {
        label: (sum((first[label] - second[label]).values()), sum((second[label] - first[label]).values()))
        for label in first
        if first[label] != second.get(label)
    }
