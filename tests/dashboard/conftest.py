"""A small portfolio with figures worked out by hand, for the dashboard's tests. Y is the current year.

| code          | kind     | countries     | status    | budget    | dates (planned = actual) | interventions       | worst forms          | funding          |
|---------------|----------|---------------|-----------|-----------|--------------------------|---------------------|----------------------|------------------|
| IND/20/01/USA | national | IND           | active    | 2,000,000 | Y-1 to Y+1               | direct action       | hazardous work       | USA 2M           |
| GLO/20/02/NET | global   | BRA, KEN, GHA | active    | 6,000,000 | Y to Y+1                 | direct action, adv. | trafficking, hazard. | NET 4M, USA 2M   |
| KEN/20/03/NET | national | KEN           | active    | 1,000,000 | Y                        | advocacy            | —                    | (none: its code) |
| BRA/20/04/GER | national | BRA           | completed |   500,000 | Y-3 to Y-1               | advocacy            | hazardous work       | GER 500k         |
| IND/20/05/USA | national | IND           | pipeline  |   300,000 | Y+1 to Y+2               | —                   | —                    | —                |

Expenditure: IND 600k in Y-1 and 700k in Y; GLO 2.4M in Y; KEN 500k in Y; BRA 100k in Y-3, 400k in Y-1.
Children targets: IND withdrawn 150, prevented 200; GLO withdrawn 300; BRA (completed) withdrawn 1,000.
Accepted report figures: IND withdrawn 40, prevented 70 (a later submitted report's 999 does not count);
GLO withdrawn 30 in Kenya and 20 in Brazil. An independent evaluation covers IND/20/01/USA.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from countries.models import Country
from partners.models import Donor
from projects.models import InterventionType, Project, ProjectKind, ProjectStatus, WorstForm
from projects.progress_reports import report_review, report_save, report_submit
from projects.services import expenditure_record, funding_record, project_change_status, target_set
from tests.factories import DonorFactory, make_evaluation, make_project

THIS_YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached figures (the cache outlives the rolled-back rows of other tests)."""
    cache.clear()
    yield
    cache.clear()


def country(iso3: str) -> Country:
    return Country.objects.get(iso3=iso3)


def _codes(model, *codes: str) -> list:
    return list(model.objects.filter(code__in=codes))


def date(year: int, month: int = 1, day: int = 1) -> datetime.date:
    return datetime.date(year, month, day)


def move(project: Project, by, *statuses: str, on: datetime.date) -> Project:
    for status in statuses:
        project_change_status(project=project, to_status=status, effective_on=on, changed_by=by)
    project.refresh_from_db()
    return project


def accept_report(project: Project, by, figures: dict[tuple[str, str, str, str], int], *, accept: bool = True) -> None:
    """Write, submit and (unless told otherwise) accept the project's earliest open report with these figures."""
    report = project.progress_reports.filter(status="draft").order_by("period_start").first()
    cells = {(country(iso3).pk, measure, sex, band): value for (iso3, measure, sex, band), value in figures.items()}
    report = report_save(
        report=report, by=by, expected_version=report.version, rating="on_track", narrative="Progress.", figures=cells
    )
    report = report_submit(report=report, by=by, expected_version=report.version)
    if accept:
        report_review(report=report, by=by, expected_version=report.version, accept=True)


@dataclass(frozen=True)
class Built:
    india: Project
    global_project: Project
    kenya: Project
    brazil: Project
    pipeline: Project
    usa: Donor
    net: Donor
    ger: Donor

    @property
    def active(self) -> list[Project]:
        return [self.india, self.global_project, self.kenya]


def build_portfolio(hq) -> Built:
    y = THIS_YEAR
    usa, net, ger = (DonorFactory(code=code) for code in ("USA", "NET", "GER"))
    direct, advocacy = _codes(InterventionType, "direct-action"), _codes(InterventionType, "advocacy-awareness")
    hazardous, trafficking = _codes(WorstForm, "hazardous-work"), _codes(WorstForm, "trafficking")
    india = make_project(
        code="IND/20/01/USA", countries=[country("IND")], budget_usd=Decimal("2000000"),
        planned_start=date(y - 1), planned_end=date(y + 1, 12, 31),
        intervention_types=direct, worst_forms=hazardous,
    )  # fmt: skip
    global_project = make_project(
        code="GLO/20/02/NET", kind=ProjectKind.GLOBAL, countries=[country("BRA"), country("KEN"), country("GHA")],
        budget_usd=Decimal("6000000"), planned_start=date(y), planned_end=date(y + 1, 12, 31),
        intervention_types=direct + advocacy, worst_forms=hazardous + trafficking,
    )  # fmt: skip
    kenya = make_project(
        code="KEN/20/03/NET", countries=[country("KEN")], budget_usd=Decimal("1000000"),
        planned_start=date(y), planned_end=date(y, 12, 31), intervention_types=advocacy,
    )  # fmt: skip
    brazil = make_project(
        code="BRA/20/04/GER", countries=[country("BRA")], budget_usd=Decimal("500000"),
        planned_start=date(y - 3), planned_end=date(y - 1, 12, 31),
        intervention_types=advocacy, worst_forms=hazardous,
    )  # fmt: skip
    pipeline = make_project(
        code="IND/20/05/USA", countries=[country("IND")], budget_usd=Decimal("300000"),
        planned_start=date(y + 1), planned_end=date(y + 2, 12, 31),
    )  # fmt: skip

    move(india, hq, ProjectStatus.APPROVED, ProjectStatus.ACTIVE, on=date(y - 1))
    move(global_project, hq, ProjectStatus.APPROVED, ProjectStatus.ACTIVE, on=date(y))
    move(kenya, hq, ProjectStatus.APPROVED, ProjectStatus.ACTIVE, on=date(y))
    move(brazil, hq, ProjectStatus.APPROVED, ProjectStatus.ACTIVE, on=date(y - 3))
    move(brazil, hq, ProjectStatus.COMPLETED, on=date(y - 1, 12, 31))

    funding_record(project=india, donor=usa, amount_usd=Decimal("2000000"))
    funding_record(project=global_project, donor=net, amount_usd=Decimal("4000000"))
    funding_record(project=global_project, donor=usa, amount_usd=Decimal("2000000"))
    funding_record(project=brazil, donor=ger, amount_usd=Decimal("500000"))

    for project, year, amount in (
        (india, y - 1, "600000"), (india, y, "700000"), (global_project, y, "2400000"), (kenya, y, "500000"),
        (brazil, y - 3, "100000"), (brazil, y - 1, "400000"),
    ):  # fmt: skip
        expenditure_record(project=project, year=year, amount_usd=Decimal(amount))

    target_set(project=india, measure="withdrawn", sex="girls", age_band="5-11", value=100)
    target_set(project=india, measure="withdrawn", sex="boys", age_band="12-14", value=50)
    target_set(project=india, measure="prevented", sex="girls", age_band="5-11", value=200)
    target_set(project=india, measure="families", value=80)
    target_set(project=global_project, measure="withdrawn", sex="girls", age_band="15-17", value=300)
    target_set(project=brazil, measure="withdrawn", sex="girls", age_band="5-11", value=1000)

    accept_report(india, hq, {("IND", "withdrawn", "girls", "5-11"): 40, ("IND", "prevented", "girls", "5-11"): 70})
    accept_report(india, hq, {("IND", "withdrawn", "girls", "5-11"): 999}, accept=False)
    accept_report(
        global_project,
        hq,
        {("KEN", "withdrawn", "girls", "15-17"): 30, ("BRA", "withdrawn", "girls", "15-17"): 20},
    )
    make_evaluation(project=india)
    return Built(india, global_project, kenya, brazil, pipeline, usa, net, ger)


@pytest.fixture
def built(hq_user) -> Built:
    return build_portfolio(hq_user)
