"""Checks shared by the demo tests: the portfolio's invariants, and a snapshot to compare two builds."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from django.apps import apps
from django.db import connection, models
from django.utils import timezone

from evaluations.models import EVALUATION_STEPS, Evaluation, EvaluationStep
from partners.models import Donor
from projects.models import (
    PROJECT_CODE_PATTERN,
    STATUS_TRANSITIONS,
    IssuedCode,
    Project,
    ProjectCountry,
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


def snapshot() -> dict[str, Counter]:
    """Every row of the portfolio's tables, without ids and timestamps; a foreign key as the rank of the row
    it points at. Two builds of the same plan have equal snapshots, whichever writer made them.
    The history tables (django-simple-history) are left out: only the services write them."""
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
        if model._meta.app_label not in PORTFOLIO_APPS or model.__name__.startswith("Historical"):
            continue
        fields = [
            f
            for f in model._meta.concrete_fields
            if not f.primary_key and not isinstance(f, models.DateTimeField) and f.name != "password"
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
