"""/partners/ paged by keyset (ipec.keyset): every sort walked page by page, both ways, each partner once;
bad cursors explained; old numbered links; a deep page costs the queries of the first."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import pytest

from partners.models import Partner, PartnerType
from partners.services import donor_create, partner_create
from projects.services import funding_record, partnership_add
from tests.factories import make_project
from tests.ipec.invariants import country
from tests.portfolio.conftest import page_text

pytestmark = pytest.mark.django_db

URL = "/partners/"
PER_PAGE = 3
SORTS = ["name", "type", "country", "projects", "funding"]


@pytest.fixture
def many(portfolio, monkeypatch):
    """Fourteen more partners: tied names in two countries and none, tied totals, no funding and some."""
    monkeypatch.setattr("partners.directory.PARTNERS_PER_PAGE", PER_PAGE)
    types = list(PartnerType.objects.order_by("sort_order")[:3])
    places = [country("GHA"), country("KEN"), None]
    project = make_project(code="GHA/21/001/USA", countries=[country("GHA")])
    for n in range(14):
        partner = partner_create(name=f"Cocoa board {n % 5}", type=types[n % 3], country=places[n % 3])
        if n % 2:
            partnership_add(project=project, partner=partner, role="implementing")
        if n % 4 == 1:  # donors, two of them funding the same amount
            donor = donor_create(partner=partner, code=f"ZZ{chr(65 + n)}")
            funding_record(project=project, donor=donor, amount_usd=Decimal(1000 * (n % 3)))
    return Partner.objects.all()


def _next(body: str, rel: str) -> str | None:
    found = re.search(rf'<a href="\?([^"]*)" rel="{rel}"', body)
    return html.unescape(found.group(1)) if found else None


def _walk(client, query: str, rel: str = "next", start: str | None = None) -> list[list[int]]:
    """The pages of the list, following rel="next" (or "prev") links from the first page (or `start`)."""
    pages, link = [], start if start is not None else query
    while link is not None:
        response = client.get(f"{URL}?{link}")
        assert response.status_code == 200
        pages.append([p.pk for p in response.context["partners"]])
        assert len(pages) < 50, "the pages do not end"
        link = _next(response.content.decode(), rel)
    return pages


def _full_order(client, sort: str) -> list[int]:
    """The whole list in one page, as the list orders it."""
    return [p.pk for p in client.get(f"{URL}?sort={sort}").context["partners"]]


@pytest.mark.parametrize("sort", [*SORTS, *(f"-{s}" for s in SORTS)])
def test_every_partner_once_page_by_page_in_the_order_of_the_whole_list(client, viewer, many, monkeypatch, sort):
    client.force_login(viewer)
    pages = _walk(client, f"sort={sort}")
    listed = [pk for page in pages for pk in page]
    assert sorted(listed) == sorted(Partner.objects.values_list("pk", flat=True))  # each once
    assert all(len(page) == PER_PAGE for page in pages[:-1]) and 1 <= len(pages[-1]) <= PER_PAGE
    monkeypatch.setattr("partners.directory.PARTNERS_PER_PAGE", 1000)
    assert listed == _full_order(client, sort)


@pytest.mark.parametrize("sort", ["name", "-funding", "country", "-type"])
def test_previous_links_walk_back_through_the_same_pages(client, viewer, many, sort):
    client.force_login(viewer)
    forward = _walk(client, f"sort={sort}")
    last = client.get(f"{URL}?sort={sort}")
    link = f"sort={sort}"
    while (following := _next(last.content.decode(), "next")) is not None:
        link, last = following, client.get(f"{URL}?{following}")
    backward = _walk(client, "", rel="prev", start=link)
    assert backward == forward[::-1]


def test_international_partners_come_last_both_ways(client, viewer, many, monkeypatch):
    monkeypatch.setattr("partners.directory.PARTNERS_PER_PAGE", 1000)
    client.force_login(viewer)
    for sort in ("country", "-country"):
        partners = client.get(f"{URL}?sort={sort}").context["partners"]
        with_country = [p.country is not None for p in partners]
        assert with_country == sorted(with_country, reverse=True), sort


@pytest.mark.parametrize(
    "cursor",
    ["nonsense", "Cocoa board 1", "Cocoa board 1~twelve", "~~~", "x" * 300, "1~2~3~x"],
)
def test_a_bad_cursor_is_explained_and_lists_nothing(client, viewer, many, cursor):
    client.force_login(viewer)
    for name, sort in (("after", "name"), ("before", "-projects")):
        response = client.get(URL, {name: cursor, "sort": sort})
        assert response.status_code == 200 and response.context["partners"] == []
        assert f"Place in the list (?{name}=)" in page_text(response)


def test_a_cursor_past_the_end_offers_the_first_page(client, viewer, many):
    client.force_login(viewer)
    response = client.get(URL, {"after": "Zzz~999999"})
    assert response.status_code == 200 and response.context["partners"] == []
    assert "No more partners here." in page_text(response)


def test_an_old_numbered_page_shows_the_first_page_with_a_note(client, viewer, many):
    client.force_login(viewer)
    response = client.get(URL, {"page": "900"})
    assert [p.pk for p in response.context["partners"]] == _walk(client, "")[0]
    assert "Pages of this list have no numbers any more" in page_text(response)


@pytest.mark.parametrize("size", [0, 30])
def test_a_deep_page_costs_the_queries_of_the_first(client, viewer, many, django_assert_num_queries, size):
    ngo = PartnerType.objects.get(code="ngo")
    for i in range(size):
        partner_create(name=f"Village committee {i:03d}", type=ngo, country=country("KEN"))
    client.force_login(viewer)
    last = client.get(URL)  # also reads the partner types, kept in memory from then on
    while (following := _next(last.content.decode(), "next")) is not None:
        deepest, last = following, client.get(f"{URL}?{following}")
    # session, user; the page, the count
    for query in ("", deepest):
        with django_assert_num_queries(4):
            response = client.get(f"{URL}?{query}")
        assert response.context["partners"]


def test_sorted_by_name_a_page_seeks_in_the_name_index_and_counts_only_its_rows(client, viewer, many, require_postgres):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(viewer)
    with CaptureQueriesContext(connection) as queries:
        client.get(URL, {"after": "Cocoa board 2~1"})
    page = next(q["sql"] for q in queries.captured_queries if "LIMIT 4" in q["sql"])
    assert "OFFSET" not in page
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {page}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "partner_list_name" in plan
