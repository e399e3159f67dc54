"""What the project write services do when the input is good."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from partners.models import PartnershipRole, ProjectPartnership
from projects.models import (
    InterventionType,
    IssuedCode,
    ProjectKind,
    ProjectStatus,
    Sector,
    TargetGroup,
    TargetMeasure,
    WorstForm,
)
from projects.services import (
    action_programme_create,
    children_target_cells,
    expenditure_record,
    funding_record,
    partnership_add,
    project_create,
    project_set_countries,
    project_update,
    target_set,
)
from tests.factories import DonorFactory, PartnerFactory, make_project
from tests.ipec.invariants import country

pytestmark = pytest.mark.django_db


def test_project_create_writes_the_project_and_everything_that_goes_with_it(hq_user):
    DonorFactory(code="NET")
    project = project_create(
        code=" glo/13/22/net ",
        title="Combating child labour in cocoa",
        kind=ProjectKind.GLOBAL,
        countries=[country("GHA"), country("CIV")],
        created_by=hq_user,
        intervention_types=InterventionType.objects.filter(code="direct-action"),
        worst_forms=WorstForm.objects.filter(code="hazardous-work"),
        sectors=Sector.objects.filter(code="agriculture"),
        target_groups=TargetGroup.objects.filter(code="girls"),
        budget_usd=Decimal("2500000"),
        planned_start=datetime.date(2013, 1, 1),
        hq_backstopping_officer=hq_user,
    )
    project.refresh_from_db()
    assert project.code == "GLO/13/22/NET"
    assert project.slug == "GLO-13-22-NET"
    assert project.donor_code == "NET"
    assert project.status == ProjectStatus.PIPELINE
    assert IssuedCode.objects.filter(code="GLO/13/22/NET").count() == 1
    assert sorted(project.countries.values_list("iso3", flat=True)) == ["CIV", "GHA"]
    assert list(project.intervention_types.values_list("code", flat=True)) == ["direct-action"]
    assert list(project.worst_forms.values_list("code", flat=True)) == ["hazardous-work"]
    assert list(project.sectors.values_list("code", flat=True)) == ["agriculture"]
    assert list(project.target_groups.values_list("code", flat=True)) == ["girls"]
    assert project.budget_usd == Decimal("2500000")
    assert project.hq_backstopping_officer == hq_user


def test_project_create_rejects_fields_it_does_not_know():
    with pytest.raises(TypeError, match="unexpected fields: status"):
        project_create(code="IND/12/01/USA", title="x", kind=ProjectKind.NATIONAL, countries=[], status="active")


def test_project_update_changes_the_ordinary_fields(cta):
    project = make_project()
    project_update(project=project, title="New title", cta=cta, supports_time_bound_programme=True)
    project.refresh_from_db()
    assert (project.title, project.cta, project.supports_time_bound_programme) == ("New title", cta, True)


def test_project_set_countries_replaces_them_and_may_change_the_kind():
    project = make_project(kind=ProjectKind.GLOBAL)
    project_set_countries(project=project, countries=[country("BRA"), country("PER"), country("BOL")])
    assert sorted(project.countries.values_list("iso3", flat=True)) == ["BOL", "BRA", "PER"]
    project_set_countries(project=project, countries=[country("PER")], kind=ProjectKind.NATIONAL)
    project.refresh_from_db()
    assert project.kind == ProjectKind.NATIONAL
    assert list(project.countries.values_list("iso3", flat=True)) == ["PER"]


def test_funding_is_recorded_once_per_donor_and_corrected_in_place():
    project = make_project()
    donor = DonorFactory(code="USA")
    funding_record(project=project, donor=donor, amount_usd=Decimal("1000000"))
    funding_record(project=project, donor=donor, amount_usd=Decimal("1200000"))
    rows = ProjectPartnership.objects.filter(project=project)
    assert list(rows.values_list("partner", "role", "amount_usd")) == [
        (donor.partner_id, PartnershipRole.FUNDING, Decimal("1200000"))
    ]


def test_partnership_add_gives_a_partner_a_role():
    project = make_project()
    partner = PartnerFactory()
    partnership = partnership_add(project=project, partner=partner, role=PartnershipRole.EXECUTING)
    assert (partnership.role, partnership.amount_usd) == (PartnershipRole.EXECUTING, None)


def test_expenditure_record_and_delivery_figures():
    project = make_project(budget_usd=Decimal("1000"))
    expenditure_record(project=project, year=2013, amount_usd=Decimal("300"))
    expenditure_record(project=project, year=2014, amount_usd=Decimal("200"))
    expenditure_record(project=project, year=2013, amount_usd=Decimal("350"))
    assert list(project.expenditures.values_list("year", "amount_usd")) == [
        (2013, Decimal("350")),
        (2014, Decimal("200")),
    ]


def test_children_target_cells_are_every_measure_sex_and_age_band():
    cells = children_target_cells()
    assert len(cells) == 12 == len(set(cells))
    assert ("withdrawn", "girls", "5-11") in cells
    assert ("prevented", "boys", "15-17") in cells
    assert not any(measure == TargetMeasure.FAMILIES for measure, _, _ in cells)


def test_target_set_fills_every_children_cell_and_families():
    project = make_project()
    for measure, sex, band in children_target_cells():
        target_set(project=project, measure=measure, sex=sex, age_band=band, value=10)
    target_set(project=project, measure=TargetMeasure.FAMILIES, value=40)
    assert project.targets.count() == 13
    assert sum(project.targets.values_list("value", flat=True)) == 160


def test_action_programme_makes_its_partner_an_implementing_partner_once():
    project = make_project()
    partner = PartnerFactory(country=country("IND"))
    for title in ("Schools", "Rescue"):
        action_programme_create(project=project, partner=partner, title=title, budget_usd=Decimal("50000"))
    assert project.action_programmes.count() == 2
    assert list(project.partnerships.values_list("partner", "role")) == [(partner.pk, PartnershipRole.IMPLEMENTING)]
