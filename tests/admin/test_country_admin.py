"""Countries: HQ records IPEC's facts through country_update and ratifications through ratification_record."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from countries.models import Convention, Country
from tests.admin.helpers import add_rows, form_data


@pytest.fixture
def hq_client(client, hq_user):
    client.force_login(hq_user)
    return client


@pytest.fixture
def india() -> Country:
    return Country.objects.get(iso3="IND")


def _change_url(country: Country) -> str:
    return reverse("admin:countries_country_change", args=[country.pk])


def test_facts_change_but_iso_codes_and_region_do_not(hq_client, india):
    data = form_data(hq_client.get(_change_url(india)))
    data.update(ipec_operations="on", mou_signed_on="1992-01-01", name="Bharat", iso3="XXX")

    assert hq_client.post(_change_url(india), data).status_code == 302
    india.refresh_from_db()
    assert (india.ipec_operations, india.mou_signed_on) == (True, datetime.date(1992, 1, 1))
    assert (india.name, india.iso3) == ("India", "IND")


def test_countries_are_neither_added_nor_deleted(hq_client, india):
    assert hq_client.get(reverse("admin:countries_country_add")).status_code == 403
    assert hq_client.get(reverse("admin:countries_country_delete", args=[india.pk])).status_code == 403


@pytest.mark.parametrize(
    ("convention", "ratified_on", "minimum_age", "message"),
    [
        ("C138", "1990-01-01", "", "A C138 ratification declares a minimum age of 14, 15 or 16."),
        ("C182", "2000-01-01", "14", "C182 has no declared minimum age."),
        ("C182", "1990-01-01", "", "C182 was adopted in 1999."),
    ],
    ids=["c138-without-age", "c182-with-age", "before-adoption"],
)
def test_bad_ratification_is_refused(hq_client, india, convention, ratified_on, minimum_age, message):
    row = {
        "convention": Convention.objects.get(code=convention).pk,
        "ratified_on": ratified_on,
        "status": "in_force",
        "minimum_age": minimum_age,
    }
    data = add_rows(form_data(hq_client.get(_change_url(india))), "ratifications", [row])

    assertContains(hq_client.post(_change_url(india), data), message)
    assert not india.ratifications.exists()


def test_ratification_is_recorded(hq_client, india):
    row = {"convention": Convention.objects.get(code="C138").pk, "ratified_on": "2017-06-13", "status": "in_force"}
    data = add_rows(form_data(hq_client.get(_change_url(india))), "ratifications", [{**row, "minimum_age": "14"}])

    assert hq_client.post(_change_url(india), data).status_code == 302
    assert india.ratifications.get().minimum_age == 14
