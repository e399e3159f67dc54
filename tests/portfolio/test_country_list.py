"""/countries/ with its filters, sorting, paging, refused parameters and exports; the country suggestions."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from countries.models import Convention, Country
from countries.reference import REGION_BY_ISO2
from countries.services import ratification_record
from countries.views import COUNTRIES_PER_PAGE, EXPORT_COLUMNS
from tests.factories import make_project
from tests.portfolio.conftest import page_text, read_csv, read_xlsx

pytestmark = pytest.mark.django_db

URL = "/countries/"


def test_the_address_is_the_stable_one():
    assert reverse("countries:list") == URL


def isos(client, query: str = "", user=None) -> list[str]:
    if user is not None:
        client.force_login(user)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    return [c.iso3 for c in response.context["countries"]]


@pytest.mark.parametrize("who", ["hq_user", "cta", "viewer"])
def test_the_portfolio_sees_the_countries(client, request, portfolio, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == Country.objects.count()


def test_an_evaluator_is_refused(client, evaluator):
    client.force_login(evaluator)
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL)["Location"].startswith("/accounts/login/?next=/countries/")


def test_a_row_shows_ratifications_projects_and_figures(client, viewer, portfolio):
    client.force_login(viewer)
    text = page_text(client.get(f"{URL}?q=india"))
    assert "India IND Asia and the Pacific Yes 1992 1954 — 2017 (age 14) 2017 — 1 3.90 10,100,000 2011" in text
    text = page_text(client.get(f"{URL}?q=brazil"))
    assert "Brazil BRA Americas Yes — — denounced — 2000 — 2" in text


FILTERS = [
    ("ipec=yes", ["BRA", "IND", "KEN"]),
    ("mou=yes", ["IND", "KEN"]),
    ("c138=yes", ["IND", "KEN"]),
    ("c182=yes", ["BRA", "IND", "KEN"]),
    ("c29=yes", ["IND"]),
    ("c105=yes", []),  # Brazil denounced it
    ("p29=yes", []),
    ("ipec=yes&c138=no", ["BRA"]),
    ("ipec=yes&mou=no", ["BRA"]),
    ("region=africa&c182=yes", ["KEN"]),
    ("region=africa&ipec=yes&c138=yes&mou=yes", ["KEN"]),
    ("q=kenya", ["KEN"]),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS, ids=[q for q, _ in FILTERS])
def test_each_filter_narrows_the_list(client, viewer, portfolio, query, expected):
    assert isos(client, query, viewer) == expected


def test_search_matches_names_and_iso_codes(client, viewer, portfolio):
    # India by its code and name, Indonesia and the British Indian Ocean Territory by their names
    assert set(isos(client, "q=IND", viewer)) == {"IND", "IDN", "IOT"}
    assert "KEN" in isos(client, "q=ke")
    assert set(isos(client, "q=BR&region=americas")) == {"BRA", "VGB"}  # ISO alpha-2; "Virgin Islands, British"


def test_region_and_not_ratified_filters_cover_every_country(client, viewer, portfolio):
    african = {iso2 for iso2, region in REGION_BY_ISO2.items() if region == "africa"}
    client.force_login(viewer)
    response = client.get(f"{URL}?region=africa")
    assert response.context["page"].paginator.count == Country.objects.filter(iso2__in=african).count()
    assert client.get(f"{URL}?c105=no").context["page"].paginator.count == Country.objects.count()


SORTS = [
    ("ipec=yes", ["BRA", "IND", "KEN"]),  # by name
    ("ipec=yes&sort=-name", ["KEN", "IND", "BRA"]),
    ("ipec=yes&sort=region", ["KEN", "BRA", "IND"]),  # Africa, Americas, Asia and the Pacific
    ("ipec=yes&sort=-projects", ["BRA", "KEN", "IND"]),  # 2, 2, 1: then by name
    ("ipec=yes&sort=mou", ["IND", "KEN", "BRA"]),  # no MoU last
    ("ipec=yes&sort=-mou", ["KEN", "IND", "BRA"]),  # no MoU last either way
    ("ipec=yes&sort=-rate", ["IND", "BRA", "KEN"]),
    ("ipec=yes&sort=-children", ["IND", "BRA", "KEN"]),
    ("ipec=yes&sort=iso3", ["BRA", "IND", "KEN"]),
]


@pytest.mark.parametrize(("query", "expected"), SORTS, ids=[q for q, _ in SORTS])
def test_sorting(client, viewer, portfolio, query, expected):
    assert isos(client, query, viewer) == expected


def test_pages_keep_the_query_string(client, viewer):
    client.force_login(viewer)
    first = client.get(f"{URL}?sort=-name&c29=no")
    assert len(first.context["countries"]) == COUNTRIES_PER_PAGE
    assert 'href="?sort=-name&amp;c29=no&amp;page=2">Next' in first.content.decode()
    second = client.get(f"{URL}?sort=-name&c29=no&page=2")
    names = [c.name for c in first.context["countries"] + second.context["countries"]]
    assert names == sorted(names, reverse=True)


BAD = [
    (
        "c138=maybe",
        "C138 Minimum Age Convention (?c138=): Select a valid choice. maybe is not one of the available choices.",
    ),
    ("region=mars", "Region (?region=): Select a valid choice."),
    ("ipec=1", "IPEC operations (?ipec=): Select a valid choice."),
    ("mou=<script>", "MoU with IPEC signed (?mou=): Select a valid choice. <script> is not one"),
    ("sort=population", "Sort (?sort=): Select a valid choice."),
    ("q=" + "a" * 101, "Search (?q=): Ensure this value has at most 100 characters (it has 101)."),
]


@pytest.mark.parametrize(("query", "message"), BAD, ids=[q[:30] for q, _ in BAD])
def test_a_bad_parameter_is_explained(client, viewer, query, message):
    client.force_login(viewer)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200 and response.context["countries"] == []
    assert message in page_text(response)
    assert "<script>" not in response.content.decode().replace("<script src=", "")


@pytest.mark.parametrize("size", [0, 20])
def test_query_count_does_not_grow(client, viewer, portfolio, django_assert_num_queries, size):
    conventions = list(Convention.objects.all())
    for i, country in enumerate(Country.objects.filter(region__code="africa").order_by("name")[:size]):
        make_project(code=f"{country.iso3}/22/{i:03d}/USA", countries=[country])
        for convention in conventions:
            minimum_age = 15 if convention.code == "C138" else None
            ratification_record(
                country=country, convention=convention, ratified_on=datetime.date(2015, 1, 1), minimum_age=minimum_age
            )
    client.force_login(viewer)
    # session, user; region=africa checked, the regions listed; the count, the page, its ratifications
    with django_assert_num_queries(7):
        client.get(f"{URL}?region=africa&sort=-projects")


# Exports ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["ipec=yes&sort=-projects", "region=africa", "c182=yes&sort=-rate"])
def test_exports_are_the_filtered_list(client, viewer, portfolio, query):
    client.force_login(viewer)
    listed = []
    page = client.get(f"{URL}?{query}")
    while True:
        listed += [c.iso3 for c in page.context["countries"]]
        if not page.context["page"].has_next():
            break
        page = client.get(f"{URL}?{query}&page={page.context['page'].next_page_number()}")
    csv_rows = read_csv(client.get(f"/countries/export.csv?{query}"))
    xlsx_rows = read_xlsx(client.get(f"/countries/export.xlsx?{query}"))
    header = [column.header for column in EXPORT_COLUMNS]
    assert csv_rows[0] == header and xlsx_rows[0] == header
    assert [row[0] for row in csv_rows[1:]] == listed == [row[0] for row in xlsx_rows[1:]]


def test_an_export_row(client, viewer, portfolio):
    client.force_login(viewer)
    header, *rows = read_csv(client.get("/countries/export.csv?ipec=yes"))
    by_iso = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    values = by_iso["IND"]
    assert (values["ISO alpha-3"], values["Country"], values["ILO region"]) == ("IND", "India", "Asia and the Pacific")
    assert (values["IPEC operates here"], values["MoU signed on"]) == ("yes", "1992-01-01")
    assert (values["C138 ratified on"], values["C138 status"], values["C138 minimum age"]) == (
        "2017-06-13",
        "In force",
        "14",
    )
    assert (values["P29 ratified on"], values["P29 status"]) == ("", "Not ratified")
    assert (values["Projects"], values["Child-labour rate (%)"]) == ("1", "3.90")
    assert (by_iso["BRA"]["C105 ratified on"], by_iso["BRA"]["C105 status"]) == ("1965-06-18", "Denounced")


def test_a_bad_export_parameter_answers_400(client, viewer):
    client.force_login(viewer)
    response = client.get("/countries/export.xlsx?c138=perhaps")
    assert response.status_code == 400 and "C138 Minimum Age Convention (?c138=)" in response.content.decode()


@pytest.mark.parametrize("url", ["/countries/export.csv", "/countries/export.xlsx", "/countries/lookup.json"])
def test_an_evaluator_may_not_export_or_look_up(client, evaluator, url):
    client.force_login(evaluator)
    assert client.get(url).status_code == 403


# Suggestions ---------------------------------------------------------------------------------------------


def test_suggestions_put_the_code_and_the_start_of_a_name_first(client, viewer):
    client.force_login(viewer)
    results = client.get("/countries/lookup.json?q=ind").json()["results"]
    assert results[0] == {"value": "IND", "label": "India"}
    assert {"value": "IDN", "label": "Indonesia"} in results
    assert client.get("/countries/lookup.json?q=KE").json()["results"][0] == {"value": "KEN", "label": "Kenya"}
    assert len(client.get("/countries/lookup.json?q=a").json()["results"]) == 20
    assert client.get("/countries/lookup.json?q=" + "<b>" * 50).json() == {"results": []}


def test_suggestions_need_a_login(client):
    assert client.get("/countries/lookup.json?q=ind").status_code == 302
