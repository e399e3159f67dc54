"""/projects/export.csv and .xlsx: the filtered list, every row in the list's order, streamed, for those
who may export; refused parameters answer 400."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from ipec import exports
from projects.list_views import EXPORT_COLUMNS
from tests.factories import make_project
from tests.ipec.invariants import country
from tests.portfolio.conftest import read_csv, read_xlsx

pytestmark = pytest.mark.django_db

CSV_URL = "/projects/export.csv"
XLSX_URL = "/projects/export.xlsx"
HEADER = [column.header for column in EXPORT_COLUMNS]


def listed(client, query: str) -> list[str]:
    """The codes of the list page for the same query, every page."""
    codes, response = [], client.get(f"/projects/?{query}")
    while True:
        codes += [p.code for p in response.context["projects"]]
        page = response.context["page"]
        if not page.next_cursor:
            return codes
        response = client.get(f"/projects/?{page.next_query}")


@pytest.mark.parametrize("who", ["hq_user", "cta", "viewer"])
@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_the_portfolio_may_export(client, request, portfolio, who, url):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_an_evaluator_may_not_export(client, evaluator, portfolio, url):
    client.force_login(evaluator)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_anonymous_is_sent_to_login(client, portfolio, url):
    response = client.get(f"{url}?status=active")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


QUERIES = ["", "region=africa&status=completed", "sort=-budget", "donor=USA&sort=title", "target_group=girls&sort=-end"]


@pytest.mark.parametrize("query", QUERIES)
def test_the_csv_is_the_filtered_list(client, viewer, portfolio, query):
    client.force_login(viewer)
    rows = read_csv(client.get(f"{CSV_URL}?{query}"))
    assert rows[0] == HEADER
    assert [row[0] for row in rows[1:]] == listed(client, query)


@pytest.mark.parametrize("query", QUERIES)
def test_the_xlsx_is_the_filtered_list(client, viewer, portfolio, query):
    client.force_login(viewer)
    rows = read_xlsx(client.get(f"{XLSX_URL}?{query}"))
    assert rows[0] == HEADER
    assert [row[0] for row in rows[1:]] == listed(client, query)


def test_a_csv_row(client, viewer, portfolio):
    client.force_login(viewer)
    header, row = read_csv(client.get(f"{CSV_URL}?q=GLO/12/03/USA"))
    values = dict(zip(header, row, strict=True))
    assert values["TC symbol"] == "GLO/12/03/USA"
    assert values["Title"] == "Global action against forced labour of children"
    assert (values["Kind"], values["Status"], values["Rating"]) == ("Global", "Completed", "At risk")
    assert values["Regions"] == "Africa; Americas"
    assert (values["Countries (ISO)"], values["Countries"]) == ("BRA; KEN", "Brazil; Kenya")
    assert (values["Donors"], values["Funding (US$)"]) == ("USA; GER", "6000000.00")
    assert (values["Planned start"], values["Planned end"]) == ("2012-01-01", "2016-12-31")
    assert values["Approved budget (US$)"] == "6000000.00"
    assert values["Worst forms"] == "Debt bondage and serfdom; Forced or compulsory labour of children"
    assert values["Supports a Time-Bound Programme"] == "no"


def test_an_xlsx_row_keeps_numbers_and_dates(client, viewer, portfolio):
    client.force_login(viewer)
    response = client.get(f"{XLSX_URL}?q=IND/10/01/USA")
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == (
        f'attachment; filename="ipec-projects-{timezone.localdate():%Y-%m-%d}.xlsx"'
    )
    header, row = read_xlsx(response)
    values = dict(zip(header, row, strict=True))
    assert values["Approved budget (US$)"] == 2000000
    assert values["Planned start"] == datetime.datetime(2010, 3, 1)  # a date cell
    assert values["Countries"] == "India"
    assert values["Actual end"] is None


def test_cells_are_never_formulas(client, viewer, portfolio):
    from openpyxl import load_workbook

    make_project(code="IND/11/05/USA", title='=HYPERLINK("http://example.org","x")', countries=[country("IND")])
    client.force_login(viewer)
    _header, row = read_csv(client.get(f"{CSV_URL}?q=IND/11/05"))
    assert row[1] == '\'=HYPERLINK("http://example.org","x")'
    content = b"".join(client.get(f"{XLSX_URL}?q=IND/11/05").streaming_content)
    cell = load_workbook(io.BytesIO(content)).worksheets[0]["B2"]
    assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("http://example.org","x")')


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_a_bad_parameter_answers_400_with_the_reason(client, viewer, portfolio, url):
    client.force_login(viewer)
    response = client.get(f"{url}?status=finished&start_from=2020&start_to=2010")
    assert response.status_code == 400
    text = response.content.decode()
    assert text.startswith("The export was not made: ")
    assert "Status (?status=): Select a valid choice." in text and "The start year range is reversed" in text


def test_the_rule_filter_is_refused_to_a_viewers_export(client, viewer, portfolio):
    client.force_login(viewer)
    response = client.get(f"{CSV_URL}?missing_evaluation=yes")
    assert response.status_code == 400 and "open to HQ only" in response.content.decode()


def _many(n: int) -> None:
    for i in range(n):
        make_project(
            code=f"GLO/19/{i:03d}/USA",
            kind="global",
            countries=[country("KEN"), country("BRA")],
            budget_usd=Decimal(1000 + i),
            planned_start=datetime.date(2019, 1, 1),
            planned_end=datetime.date(2020, 1, 1),
        )


def test_a_large_export_streams_in_chunks(client, viewer, portfolio, monkeypatch, django_assert_num_queries):
    _many(26)
    monkeypatch.setattr(exports, "EXPORT_CHUNK_SIZE", 10)
    client.force_login(viewer)
    response = client.get(f"{CSV_URL}?sort=budget")
    assert isinstance(response, StreamingHttpResponse) and not isinstance(response, FileResponse)
    # Nothing is read before the response is consumed; then one query whose rows are fetched 10 at a time
    # (a cursor), and for each chunk one query per prefetched relation (countries, funding, four classifications).
    with django_assert_num_queries(1 + 3 * 6):
        rows = read_csv(response)
    assert len(rows) == 1 + 30
    assert [row[0] for row in rows[1:]] == listed(client, "sort=budget")


@pytest.mark.parametrize("size", [5, 40])
@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_export_queries_do_not_grow_with_the_rows(client, viewer, portfolio, django_assert_num_queries, size, url):
    _many(size)
    client.force_login(viewer)
    # session, user, region=africa checked; the projects (one chunk) and their six prefetched relations
    with django_assert_num_queries(10):
        response = client.get(f"{url}?region=africa")
        b"".join(response.streaming_content)


def test_an_empty_export_has_its_header(client, viewer, portfolio):
    client.force_login(viewer)
    assert read_csv(client.get(f"{CSV_URL}?region=arab-states")) == [HEADER]
    assert read_xlsx(client.get(f"{XLSX_URL}?region=arab-states")) == [HEADER]
