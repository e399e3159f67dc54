"""/lessons/ paged by keyset (ipec.keyset; evaluations.selectors.LibraryOrder): both directions, ties, titles
holding the cursor's separator, the ranked search and the matches after it; bad cursors; totals; queries and
the indexes they read."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.http import QueryDict

from evaluations import selectors
from evaluations.models import EvaluationStatus
from evaluations.services import good_practice_add, lesson_add
from ipec import keyset
from tests.evaluations_pages.conftest import advance_to, classified_project
from tests.evaluations_pages.test_lessons_library import EXPORT, URL, exported
from tests.factories import make_evaluation
from tests.views.conftest import page_text

pytestmark = pytest.mark.django_db

PER_PAGE = 3


@pytest.fixture
def crowded(hq_user):
    """Published evaluations whose content ties on date and title, one without a date, a title with `~`."""
    kenya = classified_project(iso3="KEN", interventions=("direct-action",))
    brazil = classified_project(iso3="BRA")
    spring = datetime.date(2023, 5, 1)
    first = make_evaluation(project=kenya, title="Spring evaluation in Kenya", planned_start=spring)
    second = make_evaluation(project=brazil, title="Spring evaluation in Brazil", planned_start=spring)
    undated = make_evaluation(project=brazil, title="Undated evaluation", planned_start=None)
    old = make_evaluation(project=kenya, title="Old evaluation", planned_start=datetime.date(2015, 1, 1))
    # Recorded first: the oldest match of "family", and the best (in its title).
    lesson_add(evaluation=old, title="Family tracing", description="Tracing the family of every child first.")
    for title in ("Alpha", "Alpha", "Zeta ~ the last letter~2023-05-01~lesson~1"):
        lesson_add(evaluation=first, title=title, description="Mothers and fathers on the committees.")
    good_practice_add(evaluation=first, title="Alpha", summary="Family conferences decide with the child.")
    lesson_add(evaluation=second, title="Beta", description="The family income decides school attendance.")
    good_practice_add(evaluation=second, title="Beta", summary="Cash transfers kept children in class.")
    lesson_add(evaluation=undated, title="Gamma", description="Family support groups met monthly.")
    good_practice_add(evaluation=undated, title="Delta", summary="Community watch groups.")
    for evaluation in (first, second, undated, old):
        advance_to(evaluation, EvaluationStatus.PUBLISHED, hq_user)


# Newest evaluation first, then the title from A to Z, then good practices before lessons, then the order
# they were recorded in; evaluations without a date last.
LIBRARY_ORDER = [
    ("good_practice", "Alpha"), ("lesson", "Alpha"), ("lesson", "Alpha"), ("good_practice", "Beta"),
    ("lesson", "Beta"), ("lesson", "Zeta ~ the last letter~2023-05-01~lesson~1"), ("lesson", "Family tracing"),
    ("good_practice", "Delta"), ("lesson", "Gamma"),
]  # fmt: skip


def shown(response) -> list[tuple[str, str, int]]:
    return [(item.kind, item.title, item.pk) for item, _ in response.context["items"]]


def walk(client, query: str) -> list[tuple[str, str, int]]:
    """Every page by its Next links, then back from the last by its Previous links; the rows in order."""
    pages = []
    response = client.get(f"{URL}?{query}")
    while True:
        assert response.status_code == 200 and not response.context["errors"], response.context["errors"]
        pages.append(shown(response))
        page = response.context["page"]
        if not page.next_cursor:
            break
        for name, value in QueryDict(query).items():  # the filters go with the links
            assert f"{name}={value}" in page.next_query
        response = client.get(f"{URL}?{page.next_query}")
    number = len(pages) - 1
    while response.context["page"].previous_cursor:
        response = client.get(f"{URL}?{response.context['page'].previous_query}")
        number -= 1
        assert shown(response) == pages[number]
    assert number == 0
    forwards = [row for rows in pages for row in rows]
    assert len(set(forwards)) == len(forwards), "a row was shown twice"
    return forwards


@pytest.mark.parametrize("query", ["", "kind=lesson", "kind=good_practice", "q=family", "region=africa", "q=alpha"])
def test_every_row_once_in_the_list_order_forwards_and_back(client, hq_user, crowded, monkeypatch, query):
    monkeypatch.setattr("evaluations.views.LESSONS_PER_PAGE", PER_PAGE)
    client.force_login(hq_user)
    rows = walk(client, query)
    kinds = {"Lesson learned": "lesson", "Good practice": "good_practice"}
    export = [(kinds[row["Kind"]], row["Title"]) for row in exported(client, hq_user, "?" + query if query else "")]
    assert [(kind, title) for kind, title, _ in rows] == export  # the export is the list, in the same order


def test_the_order_without_a_search(client, hq_user, crowded, monkeypatch):
    monkeypatch.setattr("evaluations.views.LESSONS_PER_PAGE", PER_PAGE)
    client.force_login(hq_user)
    rows = walk(client, "")
    assert [(kind, title) for kind, title, _ in rows] == LIBRARY_ORDER
    alphas = [pk for kind, title, pk in rows if (kind, title) == ("lesson", "Alpha")]
    assert alphas == sorted(alphas)


def test_the_cursor_is_readable_and_the_title_may_hold_its_separator(client, hq_user, crowded, monkeypatch):
    monkeypatch.setattr("evaluations.views.LESSONS_PER_PAGE", 6)
    client.force_login(hq_user)
    page = client.get(URL).context["page"]
    zeta = shown(client.get(URL))[-1]
    assert page.next_cursor == f"Zeta ~ the last letter~2023-05-01~lesson~1~2023-05-01~lesson~{zeta[2]}"
    assert shown(client.get(f"{URL}?{page.next_query}"))[0][1] == "Family tracing"


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_page_links_are_translated(client, hq_user, crowded, monkeypatch, language):
    monkeypatch.setattr("evaluations.views.LESSONS_PER_PAGE", PER_PAGE)
    client.force_login(hq_user)
    client.cookies["django_language"] = language
    content = client.get(URL).content.decode()
    assert {"fr": "Suivant", "es": "Siguiente"}[language] in content


# A search: the best matches first ----------------------------------------------------------------------------


def test_a_search_ranks_its_matches(client, hq_user, crowded, require_postgres):
    client.force_login(hq_user)
    response = client.get(URL + "?q=family")
    titles = [title for _, title, _ in shown(response)]
    assert titles[0] == "Family tracing"  # in the title (the oldest evaluation): the best match
    assert set(titles) == {"Family tracing", "Alpha", "Beta", "Gamma"}
    assert "The best matches come first, then the newest evaluations." in page_text(response)


def test_a_search_with_many_matches_ranks_the_most_recently_added(client, hq_user, crowded, monkeypatch):
    """Only the RANKED most recently added matches of each kind are ranked; the others follow, newest
    evaluation first, and the page says so."""
    monkeypatch.setattr(selectors, "RANKED", 2)
    client.force_login(hq_user)
    response = client.get(URL + "?q=family")
    rows = [(kind, title) for kind, title, _ in shown(response)]
    if connection.vendor != "postgresql":  # no ranking: the library's order
        assert rows == [row for row in LIBRARY_ORDER if row in rows]
        return
    # Lessons "Beta" and "Gamma", the last two recorded with the word, before the better but older "Family tracing".
    assert rows == [("good_practice", "Alpha"), ("lesson", "Beta"), ("lesson", "Gamma"), ("lesson", "Family tracing")]
    assert "Many matches: the best matches among the 2 most recently added lessons" in page_text(response)
    monkeypatch.setattr("evaluations.views.LESSONS_PER_PAGE", 1)
    assert [(kind, title) for kind, title, _ in walk(client, "q=family")] == rows


# Places that are not places ---------------------------------------------------------------------------------

BAD_CURSORS = [
    "after=abc",
    "after=Alpha~2023-13-01~lesson~1",
    "after=Alpha~2023-05-01~video~1",
    "after=Alpha~2023-05-01~lesson~0",
    "after=Alpha~2023-05-01~lesson~-4",
    "after=Alpha~2023-05-01~lesson~" + "9" * 30,
    "after=Alpha~2023-05-01~lesson~1.5",
    "after=Al%00pha~2023-05-01~lesson~1",
    "before=~~~",
    "after=Alpha~2023-05-01~lesson~1&before=Alpha~2023-05-01~lesson~1",
    "q=family&after=Alpha~2023-05-01~lesson~1",  # a place in the list unsearched, not in the search's
    "q=family&after=Alpha~nan~2023-05-01~lesson~1",
    "q=family&after=Alpha~inf~2023-05-01~lesson~1",
    "q=family&after=Alpha~1e999~2023-05-01~lesson~1",
    "after=" + "9" * 5000,
    "after=<script>~x",
]


@pytest.mark.parametrize("query", BAD_CURSORS, ids=[q[:40] for q in BAD_CURSORS])
def test_a_bad_cursor_is_explained_on_the_page(client, viewer, crowded, query):
    if query.startswith("q=") and connection.vendor != "postgresql":
        pytest.skip("a search is ranked on PostgreSQL only: elsewhere its places are the unsearched list's")
    client.force_login(viewer)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert response.context["items"] == []  # nothing listed, as for a bad filter
    text = page_text(response)
    assert "These filters could not be applied, so nothing is listed:" in text
    assert re.search(r"Place in the list \(\?(after|before)=\): “.*” is not a place in this list", text)
    assert "<script>" not in response.content.decode()
    assert client.get(f"{EXPORT}?{query}").status_code == 200  # the export has no pages: it lists everything


def test_an_old_page_number_shows_the_first_page_with_a_note(client, viewer, crowded):
    client.force_login(viewer)
    response = client.get(URL + "?page=7")
    assert response.status_code == 200 and len(response.context["items"]) == len(LIBRARY_ORDER)
    assert "Pages of this list have no numbers any more" in page_text(response)


def test_a_cursor_past_the_end_says_so(client, viewer, crowded):
    client.force_login(viewer)
    response = client.get(URL + "?after=Zzz~1900-01-01~lesson~999999")
    assert response.status_code == 200 and response.context["items"] == []
    assert "No more results here. Back to the first page." in page_text(response)


# Totals ----------------------------------------------------------------------------------------------------


def test_a_short_list_is_counted_exactly(client, viewer, crowded):
    client.force_login(viewer)
    assert page_text(client.get(URL)).count(f"{len(LIBRARY_ORDER)} results") == 1
    assert "1 result" in page_text(client.get(URL + "?q=gamma"))
    assert "0 results" in page_text(client.get(URL + "?q=nothing+like+this"))


def test_a_long_list_is_not_counted_beyond_the_cap(client, viewer, crowded, monkeypatch):
    monkeypatch.setattr(keyset, "COUNT_CAP", 3)
    client.force_login(viewer)
    response = client.get(URL)
    total = response.context["total"]
    assert not total.exact and total.cap == 3
    text = page_text(response)
    assert "More than 3 results" in text or re.search(r"About \d+ results", text), text
    assert "Lists longer than 3 are not counted exactly" in response.content.decode()
    assert "1 result" in page_text(client.get(URL + "?q=gamma"))


# Queries and indexes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 30])
def test_a_deep_page_costs_the_queries_of_the_first(client, viewer, hq_user, crowded, django_assert_num_queries, size):
    evaluation = make_evaluation(project=classified_project(iso3="IND"), planned_start=datetime.date(2010, 1, 1))
    good_practice_add(evaluation=evaluation, title="A practice", summary="…")  # both kinds on the page, always
    for index in range(size):
        lesson_add(evaluation=evaluation, title=f"Lesson {index:02d}", description="…")
    advance_to(evaluation, EvaluationStatus.PUBLISHED, hq_user)
    client.force_login(viewer)
    client.get(URL)  # reads the reference lists, kept in memory from then on (ipec.reference_lists)
    # session, user; the page, the count of each kind; the page's lessons, its practices, their evaluations'
    # projects, their countries
    with django_assert_num_queries(9):
        response = client.get(URL + "?after=Family+tracing~2015-01-01~lesson~999999")
    assert len(response.context["items"]) == min(size + 3, 20)  # then "Delta" and "Gamma", without a date
    searching = 1 if connection.vendor == "postgresql" else 0  # where the ranked matches end
    with django_assert_num_queries(9 + searching):
        response = client.get(URL + "?q=group")
    assert {title for _, title, _ in shown(response)} == {"Delta", "Gamma"}


def _plan(rows, **settings) -> str:
    with connection.cursor() as cursor:
        for name, value in settings.items():
            cursor.execute(f"SET LOCAL {name} = {value}")
        return rows.explain()


def test_the_unsearched_library_walks_the_evaluations_newest_first(hq_user, crowded, require_postgres):
    """The order's date expression and migration evaluations/0010's index agree: no sort of every row."""
    library = selectors.lessons_library(hq_user, QueryDict(""))
    plan = _plan(library.rows[:21], enable_seqscan="off", enable_bitmapscan="off", enable_hashjoin="off")
    assert "evaluation_library_day" in plan, plan


def test_a_search_ranks_only_the_recent_matches_down_the_primary_keys(hq_user, crowded, monkeypatch, require_postgres):
    monkeypatch.setattr(selectors, "RANKED", 2)
    library = selectors.lessons_library(hq_user, QueryDict("q=family"))
    assert library.ranked_recent == 2
    plan = _plan(library.rows[:21], enable_seqscan="off", enable_bitmapscan="off")
    assert "evaluations_lessonsearchdocument_pkey" in plan and "lesson_id >=" in plan, plan
