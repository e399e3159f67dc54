"""A small portfolio for the list pages: four projects in four countries of three regions, with their
classifications, donors, partners, ratifications and a National Steering Committee.

| code           | kind     | countries | status    | rating   | budget    | planned   | funding        |
|----------------|----------|-----------|-----------|----------|-----------|-----------|----------------|
| IND/10/01/USA  | national | IND       | active    | on track | 2,000,000 | 2010–2014 | USA            |
| KEN/15/02/NET  | national | KEN       | pipeline  | —        |   500,000 | 2015–2018 | NET            |
| GLO/12/03/USA  | global   | BRA, KEN  | completed | at risk  | 6,000,000 | 2012–2016 | USA, GER       |
| BRA/20/04/GER  | national | BRA       | approved  | —        |   800,000 | 2020–2023 | (none)         |
"""

from __future__ import annotations

import csv
import datetime
import html
import io
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils.html import strip_tags

from countries.models import Convention, Country
from countries.services import country_update, ratification_record
from partners.models import CommitteeKind, Donor, MemberRole, Partner, PartnerType
from partners.services import committee_create, committee_member_add, meeting_record, partner_create
from projects.models import InterventionType, Project, Sector, TargetGroup, WorstForm
from projects.services import funding_record, partnership_add
from tests.factories import DonorFactory, make_project
from tests.ipec.invariants import country


@dataclass(frozen=True)
class Portfolio:
    india: Project
    kenya: Project
    global_project: Project
    brazil: Project
    ministry: Partner  # government, India: implements the India project, chairs the NSC
    ngo: Partner  # NGO, Kenya: collaborates on the global project
    usa: Donor
    net: Donor
    ger: Donor

    @property
    def projects(self) -> list[Project]:
        return [self.india, self.kenya, self.global_project, self.brazil]


def _reference(model, *codes: str) -> list:
    return list(model.objects.filter(code__in=codes))


def _set(project: Project, **fields) -> Project:
    """Status and rating are moved by services with their own workflows; the lists only read them."""
    Project.objects.filter(pk=project.pk).update(**fields)
    project.refresh_from_db()
    return project


@pytest.fixture
def portfolio(db) -> Portfolio:
    usa, net, ger = (DonorFactory(code=code) for code in ("USA", "NET", "GER"))
    india = make_project(
        code="IND/10/01/USA",
        title="Combating child trafficking in India",
        summary="Rescue and rehabilitation of trafficked children in the carpet belt.",
        countries=[country("IND")],
        budget_usd=Decimal("2000000"),
        planned_start=datetime.date(2010, 3, 1),
        planned_end=datetime.date(2014, 12, 31),
        intervention_types=_reference(InterventionType, "direct-action"),
        worst_forms=_reference(WorstForm, "trafficking"),
        sectors=_reference(Sector, "agriculture"),
        target_groups=_reference(TargetGroup, "girls"),
    )
    kenya = make_project(
        code="KEN/15/02/NET",
        title="Hazardous work in Kenyan mines",
        summary="Withdrawal of children from gold mining.",
        donor_code="NET",
        countries=[country("KEN")],
        budget_usd=Decimal("500000"),
        planned_start=datetime.date(2015, 1, 1),
        planned_end=datetime.date(2018, 6, 30),
        intervention_types=_reference(InterventionType, "direct-action", "legislation-policy"),
        worst_forms=_reference(WorstForm, "hazardous-work"),
        sectors=_reference(Sector, "mining-quarrying"),
        target_groups=_reference(TargetGroup, "families"),
    )
    global_project = make_project(
        code="GLO/12/03/USA",
        kind="global",
        title="Global action against forced labour of children",
        summary="Research and advocacy on debt bondage.",
        countries=[country("BRA"), country("KEN")],
        budget_usd=Decimal("6000000"),
        planned_start=datetime.date(2012, 1, 1),
        planned_end=datetime.date(2016, 12, 31),
        intervention_types=_reference(InterventionType, "advocacy-awareness"),
        worst_forms=_reference(WorstForm, "debt-bondage", "forced-labour-children"),
        sectors=_reference(Sector, "agriculture", "mining-quarrying"),
        target_groups=_reference(TargetGroup, "girls", "hidden-work"),
    )
    brazil = make_project(
        code="BRA/20/04/GER",
        donor_code="GER",
        title="Domestic work: keeping girls in school",
        summary="Awareness raising among employers of domestic workers.",
        countries=[country("BRA")],
        budget_usd=Decimal("800000"),
        planned_start=datetime.date(2020, 7, 1),
        planned_end=datetime.date(2023, 6, 30),
        intervention_types=_reference(InterventionType, "advocacy-awareness"),
        sectors=_reference(Sector, "domestic-work"),
        target_groups=_reference(TargetGroup, "girls"),
    )
    india = _set(india, status="active", rating="on_track")
    global_project = _set(global_project, status="completed", rating="at_risk")
    brazil = _set(brazil, status="approved")

    government = PartnerType.objects.get(code="government")
    ministry = partner_create(
        name="Ministry of Labour and Employment", acronym="MOLE", type=government, country=country("IND")
    )
    ngo = partner_create(
        name="Kenya Alliance for Children", type=PartnerType.objects.get(code="ngo"), country=country("KEN")
    )
    partnership_add(project=india, partner=ministry, role="implementing")
    partnership_add(project=global_project, partner=ngo, role="collaborating")
    funding_record(project=india, donor=usa, amount_usd=Decimal("2000000"))
    funding_record(project=kenya, donor=net, amount_usd=Decimal("500000"))
    funding_record(project=global_project, donor=usa, amount_usd=Decimal("4500000"))
    funding_record(project=global_project, donor=ger, amount_usd=Decimal("1500000"))

    conventions = {c.code: c for c in Convention.objects.all()}
    ratification_record(
        country=country("IND"), convention=conventions["C138"], ratified_on=datetime.date(2017, 6, 13), minimum_age=14
    )
    ratification_record(country=country("IND"), convention=conventions["C182"], ratified_on=datetime.date(2017, 6, 13))
    ratification_record(country=country("IND"), convention=conventions["C29"], ratified_on=datetime.date(1954, 11, 30))
    ratification_record(
        country=country("KEN"), convention=conventions["C138"], ratified_on=datetime.date(1979, 4, 9), minimum_age=16
    )
    ratification_record(country=country("KEN"), convention=conventions["C182"], ratified_on=datetime.date(2001, 5, 7))
    ratification_record(country=country("BRA"), convention=conventions["C182"], ratified_on=datetime.date(2000, 2, 2))
    ratification_record(
        country=country("BRA"),
        convention=conventions["C105"],
        ratified_on=datetime.date(1965, 6, 18),
        status="denounced",
    )
    country_update(
        country=country("IND"),
        ipec_operations=True,
        mou_signed_on=datetime.date(1992, 1, 1),
        mou_valid_until=datetime.date(2030, 12, 31),
        survey_year=2011,
        children_in_child_labour=10100000,
        children_in_hazardous_work=2900000,
        child_labour_rate=Decimal("3.90"),
    )
    country_update(country=country("KEN"), ipec_operations=True, mou_signed_on=datetime.date(1992, 6, 1))
    country_update(country=country("BRA"), ipec_operations=True)

    nsc = committee_create(kind=CommitteeKind.NATIONAL, name="NSC India", country=country("IND"))
    committee_member_add(committee=nsc, partner=ministry, role=MemberRole.CHAIR, person_name="Joint Secretary")
    meeting_record(committee=nsc, held_on=datetime.date(2011, 3, 4), agenda="Annual review of the programme")
    # DonorFactory makes a partner before it finds the donor it already has: drop those strays.
    Partner.objects.filter(country=None, donor=None, partnerships=None).delete()
    return Portfolio(
        india=india,
        kenya=kenya,
        global_project=global_project,
        brazil=brazil,
        ministry=ministry,
        ngo=ngo,
        usa=usa,
        net=net,
        ger=ger,
    )


def page_text(response) -> str:
    """The page as a person reads it: no tags, whitespace collapsed."""
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def read_csv(response) -> list[list[str]]:
    """The rows of a CSV export, header first (the export starts with a byte-order mark)."""
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def read_xlsx(response) -> list[list]:
    """The rows of an XLSX export's first sheet, header first."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    return rows


@pytest.fixture
def country_of():
    return lambda iso3: Country.objects.get(iso3=iso3)
