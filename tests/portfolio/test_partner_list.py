"""/partners/ with its filters, sorting, paging, refused parameters and exports; the partner suggestions."""

from __future__ import annotations

from urllib.parse import quote_plus

import pytest
from django.urls import reverse

from partners.directory import EXPORT_COLUMNS, PARTNERS_PER_PAGE
from partners.models import PartnerType
from partners.services import partner_create
from projects.services import partnership_add
from tests.factories import PartnerFactory
from tests.ipec.invariants import country
from tests.portfolio.conftest import page_text, read_csv, read_xlsx

pytestmark = pytest.mark.django_db

URL = "/partners/"


def test_the_address_is_the_stable_one():
    assert reverse("partners:list") == URL


def names(client, query: str = "", user=None) -> list[str]:
    if user is not None:
        client.force_login(user)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    return [p.name for p in response.context["partners"]]


@pytest.fixture
def donors(portfolio) -> dict[str, str]:
    """The donors' partner names by donor code."""
    return {d.code: d.partner.name for d in (portfolio.usa, portfolio.net, portfolio.ger)}


@pytest.mark.parametrize("who", ["hq_user", "cta", "viewer"])
def test_the_portfolio_sees_the_partners(client, request, portfolio, who):
    assert len(names(client, user=request.getfixturevalue(who))) == 5


def test_an_evaluator_is_refused(client, evaluator, portfolio):
    client.force_login(evaluator)
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL)["Location"].startswith("/accounts/login/?next=/partners/")


def test_a_row(client, viewer, portfolio):
    client.force_login(viewer)
    text = page_text(client.get(f"{URL}?donor=yes&sort=-funding"))
    assert f"{portfolio.usa.partner.name} Donor agency International USA 2 6,500,000" in text
    page = client.get(f"{URL}?q=mole").content.decode()
    assert f'href="/projects/?partner={portfolio.ministry.pk}">1</a>' in page
    assert 'href="/countries/IND/">India</a>' in page


def test_each_filter_narrows_the_list(client, viewer, portfolio, donors):
    ministry, ngo = "Ministry of Labour and Employment", "Kenya Alliance for Children"
    assert names(client, "q=ministry", viewer) == [ministry]
    assert names(client, "q=mole") == [ministry]  # the acronym
    assert names(client, "q=labour employment") == [ministry]  # every word
    assert names(client, "type=government") == [ministry]
    assert names(client, "type=donor-agency") == sorted(donors.values())
    assert names(client, "country=IND") == [ministry]
    assert names(client, "country=ken") == [ngo]
    assert names(client, "country=none") == sorted(donors.values())  # international
    assert names(client, "donor=yes") == sorted(donors.values())
    assert names(client, "type=ngo&country=KEN") == [ngo]
    assert names(client, "donor=yes&country=IND") == []
    assert names(client, "type=ngo&q=alliance&country=KEN&donor=") == [ngo]


def test_sorting(client, viewer, portfolio, donors):
    ministry, ngo = "Ministry of Labour and Employment", "Kenya Alliance for Children"
    by_name = sorted([ministry, ngo, *donors.values()])
    assert names(client, "", viewer) == by_name
    assert names(client, "sort=-name") == by_name[::-1]
    # Funding, largest first; partners without funding last, their names in the order's direction (ipec.keyset)
    assert names(client, "sort=-funding") == [donors["USA"], donors["GER"], donors["NET"], ministry, ngo]
    assert names(client, "sort=funding") == [donors["NET"], donors["GER"], donors["USA"], ngo, ministry]
    assert names(client, "sort=-projects")[0] == donors["USA"]  # two projects; the others one
    # Government before donor agencies before NGOs (the reference order); countries by name, international last
    assert names(client, "sort=type") == [ministry, *sorted(donors.values()), ngo]
    assert names(client, "sort=country") == [ministry, ngo, *sorted(donors.values())]


def test_pages_keep_the_query_string(client, viewer):
    ngo = PartnerType.objects.get(code="ngo")
    for i in range(PARTNERS_PER_PAGE + 3):
        partner_create(name=f"Village committee {i:03d}", type=ngo, country=country("GHA"))
    client.force_login(viewer)
    first = client.get(f"{URL}?country=GHA&sort=-name")
    last_shown = first.context["partners"][-1]
    cursor = f"Village committee 003~{last_shown.pk}"  # the sort's value and the number of the last row shown
    assert last_shown.name == cursor.split("~")[0]
    next_link = f'href="?country=GHA&amp;sort=-name&amp;after={quote_plus(cursor)}" rel="next"'
    assert next_link in first.content.decode()
    second = client.get(f"{URL}?country=GHA&sort=-name&after={quote_plus(cursor)}")
    assert [p.name for p in second.context["partners"]] == [f"Village committee {i:03d}" for i in (2, 1, 0)]
    back = second.content.decode()
    assert 'rel="prev"' in back and 'rel="first"' in back and 'rel="next"' not in back


BAD = [
    ("type=alien", "Type (?type=): Select a valid choice."),
    ("country=XX", "Country (ISO code) (?country=): No country has the ISO alpha-3 code “XX”."),
    ("country=Narnia", "No country has the ISO alpha-3 code “NARNIA”."),
    ("donor=no", "Donors (?donor=): Select a valid choice. no is not one of the available choices."),
    ("sort=zzz", "Sort (?sort=): Select a valid choice."),
    ("q=%3Cscript%3Ealert(1)%3C/script%3E" + "x" * 100, "Search (?q=): Ensure this value has at most 100 characters"),
]


@pytest.mark.parametrize(("query", "message"), BAD, ids=[q[:30] for q, _ in BAD])
def test_a_bad_parameter_is_explained(client, viewer, portfolio, query, message):
    client.force_login(viewer)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200 and response.context["partners"] == []
    assert message in page_text(response)


def test_a_search_for_markup_is_harmless(client, viewer, portfolio):
    client.force_login(viewer)
    response = client.get(f"{URL}?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert response.status_code == 200 and response.context["partners"] == []
    assert "<script>alert(1)" not in response.content.decode()


@pytest.mark.parametrize("size", [0, 25])
def test_query_count_does_not_grow(client, viewer, portfolio, django_assert_num_queries, size):
    for _ in range(size):
        partner = PartnerFactory(country=country("KEN"))
        partnership_add(project=portfolio.kenya, partner=partner, role="implementing")
    client.force_login(viewer)
    client.get(URL)  # reads the partner types, kept in memory from then on (ipec.reference_lists)
    # session, user; the page, the count (project counts and funding are subqueries)
    with django_assert_num_queries(4):
        response = client.get(f"{URL}?type=ngo&sort=-projects")
    assert len(response.context["partners"]) == size + 1


# Exports -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "sort=-funding", "donor=yes&sort=-projects", "type=ngo"])
def test_exports_are_the_filtered_list(client, viewer, portfolio, query):
    client.force_login(viewer)
    listed = [str(p.pk) for p in client.get(f"{URL}?{query}").context["partners"]]
    csv_rows = read_csv(client.get(f"/partners/export.csv?{query}"))
    xlsx_rows = read_xlsx(client.get(f"/partners/export.xlsx?{query}"))
    header = [column.header for column in EXPORT_COLUMNS]
    assert csv_rows[0] == header and xlsx_rows[0] == header
    assert [row[0] for row in csv_rows[1:]] == listed
    assert [str(row[0]) for row in xlsx_rows[1:]] == listed


def test_an_export_row(client, viewer, portfolio):
    client.force_login(viewer)
    header, row = read_csv(client.get("/partners/export.csv?donor=yes&sort=-funding"))[:2]
    values = dict(zip(header, row, strict=True))
    assert (values["Donor code"], values["Projects"], values["Funding (US$)"]) == ("USA", "2", "6500000.00")
    assert (values["Country (ISO)"], values["Country"], values["Type"]) == ("", "International", "Donor agency")


def test_a_bad_export_parameter_answers_400(client, viewer):
    client.force_login(viewer)
    response = client.get("/partners/export.csv?type=alien")
    assert response.status_code == 400 and "Type (?type=)" in response.content.decode()


@pytest.mark.parametrize("url", ["/partners/export.csv", "/partners/export.xlsx", "/partners/lookup.json?q=min"])
def test_an_evaluator_may_not_export_or_look_up(client, evaluator, url):
    client.force_login(evaluator)
    assert client.get(url).status_code == 403


# Suggestions --------------------------------------------------------------------------------------------


def test_suggestions(client, viewer, portfolio):
    client.force_login(viewer)
    ministry = {"value": str(portfolio.ministry.pk), "label": "Ministry of Labour and Employment (MOLE), India"}
    assert client.get("/partners/lookup.json?q=minis").json()["results"] == [ministry]
    assert client.get("/partners/lookup.json?q=MOLE").json()["results"] == [ministry]
    assert ministry in client.get(f"/partners/lookup.json?q={portfolio.ministry.pk}").json()["results"]
    assert client.get("/partners/lookup.json?q=").json() == {"results": []}
    assert client.get("/partners/lookup.json?q=99999999999999999999999").json() == {"results": []}
    labels = [r["label"] for r in client.get("/partners/lookup.json?q=partner organisation").json()["results"]]
    assert labels and all(label.endswith(", international") for label in labels)
