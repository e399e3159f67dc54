"""ILO regions, every ISO 3166 country in its ILO region, and the five conventions, as loaded by migration."""

from __future__ import annotations

import pycountry
import pytest

from countries.models import Convention, Country, Region
from countries.reference import REGION_BY_ISO2

pytestmark = pytest.mark.django_db


def test_the_five_ilo_regions_in_order():
    assert list(Region.objects.values_list("name", flat=True)) == [
        "Africa",
        "Americas",
        "Arab States",
        "Asia and the Pacific",
        "Europe and Central Asia",
    ]


def test_every_iso_country_but_antarctica_is_loaded_with_its_codes():
    expected = {(c.alpha_2, c.alpha_3) for c in pycountry.countries if c.alpha_2 != "AQ"}
    assert set(Country.objects.values_list("iso2", "iso3")) == expected
    assert len(expected) == len(pycountry.countries) - 1
    assert not Country.objects.filter(iso2="AQ").exists()


def test_every_country_has_a_region():
    assert not Country.objects.filter(region__isnull=True).exists()
    assert Region.objects.filter(countries__isnull=True).count() == 0
    # The region table holds no code pycountry lacks, so nothing is silently placed.
    assert set(REGION_BY_ISO2) == {c.alpha_2 for c in pycountry.countries} - {"AQ"}


def test_names_are_the_common_ones():
    assert Country.objects.get(iso3="BOL").name == "Bolivia"  # not "Bolivia, Plurinational State of"
    assert Country.objects.get(iso3="TWN").name == "Taiwan"
    assert Country.objects.get(iso3="IND").name == "India"
    assert Country.objects.get(iso3="TUR").name == "Türkiye"
    assert dict(Country.objects.values_list("iso2", "name")) == {
        c.alpha_2: getattr(c, "common_name", c.name) for c in pycountry.countries if c.alpha_2 != "AQ"
    }


@pytest.mark.parametrize(
    ("iso2", "region"),
    [
        ("EG", "Africa"),
        ("MA", "Africa"),
        ("TN", "Africa"),
        ("KE", "Africa"),
        ("JO", "Arab States"),
        ("LB", "Arab States"),
        ("SA", "Arab States"),
        ("PS", "Arab States"),
        ("YE", "Arab States"),
        ("IQ", "Arab States"),
        ("SY", "Arab States"),
        ("AE", "Arab States"),
        ("QA", "Arab States"),
        ("TR", "Europe and Central Asia"),
        ("IL", "Europe and Central Asia"),
        ("KZ", "Europe and Central Asia"),
        ("UZ", "Europe and Central Asia"),
        ("TJ", "Europe and Central Asia"),
        ("DE", "Europe and Central Asia"),
        ("IR", "Asia and the Pacific"),
        ("AF", "Asia and the Pacific"),
        ("IN", "Asia and the Pacific"),
        ("PK", "Asia and the Pacific"),
        ("FJ", "Asia and the Pacific"),
        ("BR", "Americas"),
        ("US", "Americas"),
        ("HT", "Americas"),
    ],
)
def test_ilo_regional_rules(iso2, region):
    assert Country.objects.get(iso2=iso2).region.name == region


def test_the_five_conventions_with_their_years():
    assert list(Convention.objects.values_list("code", "adopted_year")) == [
        ("C29", 1930),
        ("C105", 1957),
        ("C138", 1973),
        ("C182", 1999),
        ("P29", 2014),
    ]
    assert Convention.objects.get(code="C138").name == "Minimum Age Convention"
    assert Convention.objects.get(code="C182").name == "Worst Forms of Child Labour Convention"
    assert [c.code for c in Convention.objects.all() if c.declares_minimum_age] == ["C138"]
