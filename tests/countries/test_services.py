"""What the country services write when the input is good."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from countries.models import Convention, RatificationStatus
from countries.services import country_update, ratification_record
from tests.ipec.invariants import country

pytestmark = pytest.mark.django_db


def test_country_update_records_ipec_facts():
    india = country_update(
        country=country("IND"),
        ipec_operations=True,
        mou_signed_on=datetime.date(1992, 1, 1),
        mou_valid_until=datetime.date(2030, 12, 31),
        focal_point_name="Ministry of Labour and Employment",
        focal_point_email="focal@example.org",
        survey_year=2011,
        children_in_child_labour=10_100_000,
        child_labour_rate=Decimal("3.9"),
    )
    india.refresh_from_db()
    assert india.ipec_operations is True
    assert (india.mou_signed_on, india.survey_year) == (datetime.date(1992, 1, 1), 2011)
    assert india.child_labour_rate == Decimal("3.90")
    assert india.name == "India"


def test_ratification_record_with_and_without_minimum_age():
    brazil = country("BRA")
    c138 = ratification_record(
        country=brazil,
        convention=Convention.objects.get(code="C138"),
        ratified_on=datetime.date(2001, 6, 28),
        minimum_age=16,
    )
    c182 = ratification_record(
        country=brazil, convention=Convention.objects.get(code="C182"), ratified_on=datetime.date(2000, 2, 2)
    )
    assert (c138.minimum_age, c182.minimum_age) == (16, None)
    assert c182.status == RatificationStatus.IN_FORCE
    assert sorted(brazil.ratifications.values_list("convention__code", flat=True)) == ["C138", "C182"]


def test_a_ratification_can_be_denounced():
    kenya = country("KEN")
    c29 = Convention.objects.get(code="C29")
    ratification_record(country=kenya, convention=c29, ratified_on=datetime.date(1964, 1, 13))
    ratification_record(
        country=kenya, convention=c29, ratified_on=datetime.date(1964, 1, 13), status=RatificationStatus.DENOUNCED
    )
    assert list(kenya.ratifications.values_list("status", flat=True)) == [RatificationStatus.DENOUNCED]
