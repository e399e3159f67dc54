"""Country facts and ratifications: bad values refused through the services and by the database."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from countries.models import Convention, Country, Ratification, RatificationStatus
from countries.services import country_update, ratification_record
from tests.ipec.invariants import country, db_refuses, refused

pytestmark = pytest.mark.django_db

D = datetime.date


def convention(code: str) -> Convention:
    return Convention.objects.get(code=code)


@pytest.fixture
def india(db) -> Country:
    return country_update(country=country("IND"), mou_signed_on=D(1992, 1, 1), survey_year=2011)


# --- country facts ------------------------------------------------------------------------


def test_mou_cannot_end_before_it_was_signed(india):
    with refused("The MoU cannot end before it was signed."):
        country_update(country=india, mou_valid_until=D(1991, 12, 31))
    with db_refuses("country_mou_dates_ordered"):
        Country.objects.filter(pk=india.pk).update(mou_valid_until=D(1991, 12, 31))
    india.refresh_from_db()
    assert (india.mou_signed_on, india.mou_valid_until) == (D(1992, 1, 1), None)


def test_mou_end_needs_the_signing_date():
    kenya = country("KEN")
    with refused("Give the date the MoU was signed before its end date."):
        country_update(country=kenya, mou_valid_until=D(2020, 1, 1))
    with db_refuses("country_mou_end_needs_start"):
        Country.objects.filter(pk=kenya.pk).update(mou_valid_until=D(2020, 1, 1))


def test_mou_may_end_on_the_day_it_was_signed(india):
    country_update(country=india, mou_valid_until=D(1992, 1, 1))
    india.refresh_from_db()
    assert india.mou_valid_until == D(1992, 1, 1)


@pytest.mark.parametrize("year", [1949, 2101])
def test_survey_year_range(india, year):
    with refused("The survey year must be between 1950 and 2100."):
        country_update(country=india, survey_year=year)
    with db_refuses("country_survey_year_range"):
        Country.objects.filter(pk=india.pk).update(survey_year=year)
    india.refresh_from_db()
    assert india.survey_year == 2011


@pytest.mark.parametrize("rate", [Decimal("-0.01"), Decimal("100.01"), Decimal("250")])
def test_child_labour_rate_is_a_percentage(india, rate):
    with refused("The child-labour rate is a percentage between 0 and 100."):
        country_update(country=india, child_labour_rate=rate)
    with db_refuses("country_child_labour_rate_percent"):
        Country.objects.filter(pk=india.pk).update(child_labour_rate=rate)


@pytest.mark.parametrize("rate", [Decimal("0"), Decimal("11.8"), Decimal("100")])
def test_child_labour_rate_bounds_are_allowed(india, rate):
    country_update(country=india, child_labour_rate=rate)
    india.refresh_from_db()
    assert india.child_labour_rate == rate


@pytest.mark.parametrize("field", ["name", "iso2", "iso3", "region"])
def test_reference_facts_cannot_be_changed_by_the_service(india, field):
    with refused(f"These fields cannot be changed here: {field}."):
        country_update(country=india, **{field: "XX"})


@pytest.mark.parametrize(
    ("field", "value", "constraint"),
    [
        ("iso2", "in", "country_iso2_format"),
        ("iso2", "I1", "country_iso2_format"),
        ("iso3", "ind", "country_iso3_format"),
        ("iso3", "IN", "country_iso3_format"),
    ],
)
def test_iso_code_formats_are_held_by_the_database(india, field, value, constraint):
    with db_refuses(constraint):
        Country.objects.filter(pk=india.pk).update(**{field: value})


def test_iso_codes_and_names_are_unique_in_the_database(india):
    with db_refuses("countries_country.iso2"):
        Country.objects.filter(iso3="NPL").update(iso2="IN")
    with db_refuses("countries_country.name"):
        Country.objects.filter(iso3="NPL").update(name="India")


# --- ratifications -------------------------------------------------------------------------


def test_c138_ratification_needs_a_minimum_age(india):
    with refused("A C138 ratification declares a minimum age of 14, 15 or 16."):
        ratification_record(country=india, convention=convention("C138"), ratified_on=D(2017, 6, 13))


@pytest.mark.parametrize("code", ["C182", "C29", "C105", "P29"])
def test_other_conventions_take_no_minimum_age(india, code):
    with refused(f"{code} has no declared minimum age."):
        ratification_record(country=india, convention=convention(code), ratified_on=D(2017, 6, 13), minimum_age=14)


@pytest.mark.parametrize("age", [13, 17, 0])
def test_c138_minimum_age_is_14_15_or_16(india, age):
    with refused(f"Value {age} is not a valid choice."):
        ratification_record(country=india, convention=convention("C138"), ratified_on=D(2017, 6, 13), minimum_age=age)
    ratification = ratification_record(
        country=india, convention=convention("C138"), ratified_on=D(2017, 6, 13), minimum_age=14
    )
    with db_refuses("ratification_minimum_age_valid"):
        Ratification.objects.filter(pk=ratification.pk).update(minimum_age=age)


@pytest.mark.parametrize(("code", "year"), [("C138", 1972), ("C182", 1998), ("P29", 2013), ("C29", 1929)])
def test_ratification_cannot_precede_the_convention(india, code, year):
    age = 15 if code == "C138" else None
    with refused(f"{code} was adopted in {convention(code).adopted_year}."):
        ratification_record(country=india, convention=convention(code), ratified_on=D(year, 12, 31), minimum_age=age)
    ratification_record(
        country=india, convention=convention(code), ratified_on=D(year + 1, 1, 1), minimum_age=age
    )  # the adoption year itself is fine


def test_one_ratification_per_country_and_convention(india):
    c182 = convention("C182")
    ratification_record(country=india, convention=c182, ratified_on=D(2017, 6, 13))
    # Recording it again corrects the one row.
    ratification_record(country=india, convention=c182, ratified_on=D(2017, 6, 14), status=RatificationStatus.IN_FORCE)
    assert list(Ratification.objects.values_list("country", "convention", "ratified_on")) == [
        (india.pk, c182.pk, D(2017, 6, 14))
    ]
    with refused("This country's ratification of this convention is already recorded."):
        Ratification(country=india, convention=c182, ratified_on=D(2018, 1, 1)).full_clean()
    with db_refuses("ratification_one_per_country_convention"):
        Ratification.objects.bulk_create([Ratification(country=india, convention=c182, ratified_on=D(2018, 1, 1))])


def test_ratification_status_is_one_of_three(india):
    with refused("Value 'withdrawn' is not a valid choice."):
        ratification_record(
            country=india, convention=convention("C182"), ratified_on=D(2017, 6, 13), status="withdrawn"
        )
    ratification = ratification_record(country=india, convention=convention("C182"), ratified_on=D(2017, 6, 13))
    with db_refuses("ratification_status_valid"):
        Ratification.objects.filter(pk=ratification.pk).update(status="withdrawn")


def test_a_correction_that_is_refused_leaves_the_ratification_as_it_was(india):
    c138 = convention("C138")
    ratification_record(country=india, convention=c138, ratified_on=D(2017, 6, 13), minimum_age=14)
    with refused("A C138 ratification declares a minimum age of 14, 15 or 16."):
        ratification_record(country=india, convention=c138, ratified_on=D(2018, 1, 1))
    assert list(Ratification.objects.values_list("ratified_on", "minimum_age")) == [(D(2017, 6, 13), 14)]
