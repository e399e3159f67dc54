"""/projects/ paged by keyset (ipec.keyset): every sort, both directions, ties and empty values; bad
cursors; exact and estimated totals; no OFFSET and no full COUNT; the indexes each sort seeks in."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from evaluations.filters import LessonFilter
from evaluations.models import GoodPractice, LessonLearned
from ipec import keyset
from projects.filters import ProjectFilter
from projects.models import Project, ProjectStatus
from tests.factories import make_project
from tests.ipec.invariants import country
from tests.portfolio.conftest import page_text

pytestmark = pytest.mark.django_db

URL = "/projects/"
PER_PAGE = 3
STATUS_ORDER = ["pipeline", "approved", "active", "suspended", "completed", "closed", "cancelled"]
RATING_ORDER = ["on_track", "at_risk", "off_track"]


@pytest.fixture
def tied(portfolio):
    """Eleven more projects whose sort values tie in pairs, with empty dates and ratings among them."""
    for n in range(11):
        project = make_project(
            code=f"GHA/{20 + n % 3:02d}/{n:02d}/USA",
            countries=[country("GHA")],
            title=f"Cocoa {n % 4}",
            budget_usd=Decimal(100000 * (n % 3)),
            planned_start=None if n % 5 == 0 else datetime.date(2015 + n % 2, 1, 1),
            planned_end=None if n % 4 == 0 else datetime.date(2020 + n % 2, 6, 30),
        )
        Project.objects.filter(pk=project.pk).update(
            status=STATUS_ORDER[n % 7], rating=["", *RATING_ORDER][n % 4], kind="national"
        )
    return Project.objects.all()


def expected(sort: str) -> list[str]:
    """The order in Python: the key, then the TC symbol, both reversed by "-"; empty values last either way."""
    name, descending = sort.lstrip("-"), sort.startswith("-")
    field, order = {
        "code": ("code", None), "title": ("title", None), "kind": ("kind", None), "budget": ("budget_usd", None),
        "start": ("planned_start", None), "end": ("planned_end", None),
        "status": ("status", STATUS_ORDER), "rating": ("rating", RATING_ORDER),
    }[name]  # fmt: skip
    rows = list(Project.objects.values_list(field, "code"))
    if order is not None:
        rows = [(order.index(value) if value in order else None, code) for value, code in rows]
    filled = sorted(((v, c) for v, c in rows if v is not None), reverse=descending)
    empty = sorted(((v, c) for v, c in rows if v is None), key=lambda row: row[1], reverse=descending)
    return [code for _, code in filled + empty]


def walk(client, query: str) -> tuple[list[str], list[str]]:
    """Every page by its Next links, then back from the last by its Previous links: the codes in each direction."""
    forwards, pages = [], []
    response = client.get(f"{URL}?{query}")
    while True:
        assert response.status_code == 200 and not response.context["errors"], response.context["errors"]
        page = response.context["page"]
        pages.append([p.code for p in page.object_list])
        forwards += pages[-1]
        if not page.next_cursor:
            break
        response = client.get(f"{URL}?{page.next_query}")
    backwards, number = list(pages[-1]), len(pages) - 1
    while page.previous_cursor:
        response = client.get(f"{URL}?{page.previous_query}")
        page, number = response.context["page"], number - 1
        assert [p.code for p in page.object_list] == pages[number], "the pages differ going back"
        backwards = [p.code for p in page.object_list] + backwards
    assert number == 0, "going back did not end on the first page"
    return forwards, backwards


SORTS = ["code", "title", "kind", "status", "start", "end", "budget", "rating"]


@pytest.mark.parametrize("sort", [*SORTS, *(f"-{s}" for s in SORTS)])
def test_paging_visits_every_project_once_in_order(client, viewer, tied, monkeypatch, sort):
    monkeypatch.setattr("projects.list_views.PROJECTS_PER_PAGE", PER_PAGE)
    client.force_login(viewer)
    forwards, backwards = walk(client, f"sort={sort}")
    assert forwards == expected(sort)
    assert backwards == forwards
    assert len(forwards) == 15 == len(set(forwards))


def test_paging_keeps_the_filters(client, viewer, tied, monkeypatch):
    monkeypatch.setattr("projects.list_views.PROJECTS_PER_PAGE", PER_PAGE)
    client.force_login(viewer)
    forwards, _ = walk(client, "country=GHA&sort=-budget")
    assert forwards == [code for code in expected("-budget") if code.startswith("GHA/")]


def test_a_minus_sort_lists_exactly_the_reverse(tied):
    assert expected("-budget") == expected("budget")[::-1]


def test_the_cursor_is_readable(client, viewer, tied, monkeypatch):
    monkeypatch.setattr("projects.list_views.PROJECTS_PER_PAGE", PER_PAGE)
    client.force_login(viewer)
    page = client.get(f"{URL}?sort=-start").context["page"]
    last = page.object_list[-1]
    assert page.next_cursor == f"{last.planned_start:%Y-%m-%d}~{last.code.replace('/', '-')}"
    page = client.get(f"{URL}?sort=status").context["page"]
    assert page.next_cursor.startswith("pipeline~")


BAD_CURSORS = [
    "after=garbage",
    "after=2010-13-01~IND-10-01-USA",
    "after=2010-01-01~not-a-code",
    "after=2010-01-01~IND-10-01-USA~extra",
    "before=~~~",
    "after=2010-01-01~IND-10-01-USA&before=2010-01-01~IND-10-01-USA",
    "sort=budget&after=abc~IND-10-01-USA",
    "sort=budget&after=NaN~IND-10-01-USA",
    "sort=budget&after=Infinity~IND-10-01-USA",
    "sort=status&after=finished~IND-10-01-USA",
    "sort=rating&after=great~IND-10-01-USA",
    "sort=code&after=IND/10/01/USA~KEN-15-02-NET",
    "after=" + "9" * 5000,
    "after=<script>~x",
]


@pytest.mark.parametrize("query", BAD_CURSORS, ids=[q[:40] for q in BAD_CURSORS])
def test_a_bad_cursor_is_explained_on_the_page(client, viewer, portfolio, query):
    client.force_login(viewer)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert response.context["projects"] == []  # nothing listed, as for a bad filter
    text = page_text(response)
    assert "These filters could not be applied, so nothing is listed:" in text
    assert re.search(r"Place in the list \(\?(after|before)=\): “.*” is not a place in this list", text)
    assert "<script>" not in response.content.decode()


def test_a_cursor_past_the_end_says_so(client, viewer, portfolio):
    client.force_login(viewer)
    response = client.get(f"{URL}?sort=code&after=ZZZ-99-99-ZZZ")
    assert response.status_code == 200 and response.context["projects"] == []
    assert "No more projects here. Back to the first page." in page_text(response)


# Totals ------------------------------------------------------------------------------------------------


def test_a_short_list_is_counted_exactly(client, viewer, tied):
    client.force_login(viewer)
    assert "15 projects." in page_text(client.get(URL))
    assert "11 projects match the filters." in page_text(client.get(f"{URL}?country=GHA"))
    assert "1 project matches the filters." in page_text(client.get(f"{URL}?country=IND"))


def test_a_long_list_is_not_counted_beyond_the_cap(client, viewer, tied, monkeypatch):
    monkeypatch.setattr(keyset, "COUNT_CAP", 5)
    client.force_login(viewer)
    total = client.get(URL).context["total"]
    assert not total.exact and total.cap == 5
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE projects_project")
        total = client.get(URL).context["total"]
        assert total.estimated and total.value == 15  # the planner's estimate of the whole table
        assert "About 15 projects." in page_text(client.get(URL))
    else:
        assert "More than 5 projects." in page_text(client.get(URL))
    assert "1 project matches the filters." in page_text(client.get(f"{URL}?country=IND"))


@pytest.mark.parametrize(
    ("value", "shown"), [(6, 6), (98_765, 99_000), (1_234, 1_200), (100_001, 100_000), (12_345_678, 12_000_000)]
)
def test_estimates_are_rounded_to_two_figures(value, shown):
    assert keyset.Total(value, exact=False, cap=5).rounded == shown


# The SQL: no OFFSET, no COUNT over the whole join -------------------------------------------------------

PAGES = [
    "",
    "region=africa&status=active",
    "q=girls",
    "sort=-budget",
    "sort=title&after=Hazardous+work+in+Kenyan+mines~KEN-15-02-NET",
    "sort=-start&before=2010-03-01~IND-10-01-USA",
    "country=GHA&sort=rating&after=~GHA-20-00-USA",
]


@pytest.mark.parametrize("query", PAGES, ids=[q or "default" for q in PAGES])
def test_no_query_counts_or_skips_the_whole_list(client, hq_user, tied, query):
    client.force_login(hq_user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"{URL}?{query}")
    assert response.status_code == 200 and not response.context["errors"]
    listing = [q["sql"] for q in captured.captured_queries if '"projects_project"' in q["sql"]]
    assert listing, "the list's queries were not captured"
    for sql in listing:
        assert " OFFSET " not in sql.upper(), sql
        if "COUNT(" in sql.upper():  # SQLite: the count of a subquery limited to the cap, never of the whole list
            assert f"LIMIT {keyset.COUNT_CAP + 1}" in sql, sql


@pytest.mark.parametrize("size", [0, 30])
def test_a_deep_page_costs_the_queries_of_the_first(client, viewer, portfolio, django_assert_num_queries, size):
    for i in range(size):
        make_project(code=f"GLO/19/{i:03d}/USA", kind="global", countries=[country("KEN"), country("BRA")])
    client.force_login(viewer)
    client.get(URL)  # reads the reference lists, kept in memory from then on (ipec.reference_lists)
    # session, user; the count, the page; the page's countries and funding (projects/list_rows.py).
    with django_assert_num_queries(6):
        response = client.get(f"{URL}?sort=-start&after=2030-01-01~ZZZ-99-99-ZZZ")
    assert len(response.context["projects"]) == 4 + size


# Indexes ---------------------------------------------------------------------------------------------------

INDEX_OF_SORT = {
    "code": "projects_project_code_key",
    "-code": "projects_project_code_key",
    "title": "project_list_title",
    "-kind": "project_list_kind",
    "status": "project_list_status",
    "-status": "project_list_status",
    "start": "project_list_start_asc",
    "-start": "project_list_start_desc",
    "end": "project_list_end_asc",
    "-end": "project_list_end_desc",
    "-budget": "project_list_budget",
    "rating": "project_list_rating_asc",
    "-rating": "project_list_rating_desc",
}


@pytest.mark.parametrize(("sort", "index"), INDEX_OF_SORT.items(), ids=list(INDEX_OF_SORT))
def test_each_sort_seeks_in_its_index(portfolio, require_postgres, sort, index):
    """The expressions of the list's order and of migration projects/0008 agree, in both directions."""
    filterset = ProjectFilter(QueryDict(f"sort={sort}"), queryset=Project.objects.all())
    assert filterset.is_valid()
    order = filterset.keyset_order()
    cursor_values = order.read_cursor(order.cursor(Project.objects.get(code="IND/10/01/USA")))
    rows = filterset.qs.filter(order.beyond(cursor_values))[:50]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_incremental_sort = off")  # else a one-column index plus a sort may win
        plan = rows.explain()
    assert index in plan and "Sort" not in plan.replace("Sort Key", ""), plan


@pytest.mark.parametrize(
    ("model", "index"),
    [(LessonLearned, "lesson_search_document_idx"), (GoodPractice, "good_practice_search_document_idx")],
)
def test_the_library_search_uses_its_index(db, require_postgres, model, index):
    """The library's search reads the stored documents (migration evaluations/0009) through their GIN index."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")  # as with many rows: a bitmap of the matches
        rows = LessonFilter({"q": "trafficked"}, queryset=model.objects.all()).qs
        plan = rows.order_by().explain()
    assert index in plan and "to_tsvector" not in plan, plan


def test_status_order_is_the_lifecycle(tied):
    assert list(ProjectStatus.values) == STATUS_ORDER
