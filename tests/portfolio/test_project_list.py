"""/projects/: who sees it, every filter and their combinations, sorting, paging, refused parameters,
full-text search on PostgreSQL, and a query count that does not grow with the portfolio."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.urls import reverse

from evaluations.models import Modality, Timing
from partners.models import Donor
from projects.filters import search_projects, search_vector
from projects.list_views import PROJECTS_PER_PAGE
from projects.models import Project, ProjectSearchDocument
from projects.services import funding_record
from tests.factories import make_evaluation, make_project
from tests.ipec.invariants import country
from tests.portfolio.conftest import page_text

pytestmark = pytest.mark.django_db

URL = "/projects/"


def test_the_address_is_the_stable_one():
    assert reverse("projects:list") == URL


def codes(client, query: str = "", user=None) -> list[str]:
    if user is not None:
        client.force_login(user)
    response = client.get(f"{URL}?{query}" if query else URL)
    assert response.status_code == 200, response.content[:500]
    return [project.code for project in response.context["projects"]]


# Who sees it -------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["hq_user", "cta", "viewer"])
def test_the_portfolio_sees_every_project(client, request, portfolio, who):
    assert sorted(codes(client, user=request.getfixturevalue(who))) == sorted(p.code for p in portfolio.projects)


def test_an_evaluator_is_refused(client, evaluator, portfolio):
    client.force_login(evaluator)
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client, portfolio):
    response = client.get(f"{URL}?status=active")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/projects/")


def test_the_navigation_links_the_portfolio_pages_for_those_who_may_see_them(client, viewer, evaluator):
    client.force_login(viewer)
    page = client.get(URL).content.decode()
    assert 'href="/projects/" aria-current="page">Projects' in page
    assert 'href="/countries/"' in page and 'href="/partners/"' in page
    client.force_login(evaluator)
    page = client.get(reverse("evaluations:list")).content.decode()
    assert 'href="/projects/"' not in page and 'href="/countries/"' not in page


def test_the_page_shows_what_a_row_says(client, viewer, portfolio):
    client.force_login(viewer)
    text = page_text(client.get(f"{URL}?q=GLO/12/03/USA"))
    assert "GLO/12/03/USA Global action against forced labour of children" in text
    assert "Global" in text and "Completed" in text and "At risk" in text
    assert "BRA, KEN" in text and "USA, GER" in text and "6,000,000" in text and "Jan 2012" in text
    assert "1 project matches the filters" in text


# Each filter narrows the list --------------------------------------------------------------------------

FILTERS = [
    ("region=africa", {"KEN/15/02/NET", "GLO/12/03/USA"}),
    ("region=asia-pacific", {"IND/10/01/USA"}),
    ("region=arab-states", set()),
    ("country=KEN", {"KEN/15/02/NET", "GLO/12/03/USA"}),
    ("country=bra", {"GLO/12/03/USA", "BRA/20/04/GER"}),  # any case
    ("kind=global", {"GLO/12/03/USA"}),
    ("kind=national", {"IND/10/01/USA", "KEN/15/02/NET", "BRA/20/04/GER"}),
    ("status=active", {"IND/10/01/USA"}),
    ("status=pipeline", {"KEN/15/02/NET"}),
    ("intervention=direct-action", {"IND/10/01/USA", "KEN/15/02/NET"}),
    ("intervention=advocacy-awareness", {"GLO/12/03/USA", "BRA/20/04/GER"}),
    ("worst_form=trafficking", {"IND/10/01/USA"}),
    ("worst_form=debt-bondage", {"GLO/12/03/USA"}),
    ("sector=mining-quarrying", {"KEN/15/02/NET", "GLO/12/03/USA"}),
    ("target_group=girls", {"IND/10/01/USA", "GLO/12/03/USA", "BRA/20/04/GER"}),
    ("target_group=families", {"KEN/15/02/NET"}),
    ("donor=USA", {"IND/10/01/USA", "GLO/12/03/USA"}),
    ("donor=GER", {"GLO/12/03/USA", "BRA/20/04/GER"}),  # funds GLO; gives BRA its TC symbol
    ("donor=NET", {"KEN/15/02/NET"}),
    ("start_from=2012", {"KEN/15/02/NET", "GLO/12/03/USA", "BRA/20/04/GER"}),
    ("start_to=2012", {"IND/10/01/USA", "GLO/12/03/USA"}),
    ("start_from=2012&start_to=2012", {"GLO/12/03/USA"}),
    ("end_from=2018", {"KEN/15/02/NET", "BRA/20/04/GER"}),
    ("end_to=2016", {"IND/10/01/USA", "GLO/12/03/USA"}),
    ("budget_min=800000", {"IND/10/01/USA", "GLO/12/03/USA", "BRA/20/04/GER"}),
    ("budget_max=800000", {"KEN/15/02/NET", "BRA/20/04/GER"}),
    ("budget_min=600000&budget_max=2000000.00", {"IND/10/01/USA", "BRA/20/04/GER"}),
    ("rating=on_track", {"IND/10/01/USA"}),
    ("rating=at_risk", {"GLO/12/03/USA"}),
    ("rating=off_track", set()),
    ("rating=unrated", {"KEN/15/02/NET", "BRA/20/04/GER"}),
    ("q=mines", {"KEN/15/02/NET"}),
    ("q=domestic girls", {"BRA/20/04/GER"}),  # every word, in the title or the summary
    ("q=gold", {"KEN/15/02/NET"}),  # in the summary only
    ("q=GLO/12", {"GLO/12/03/USA"}),  # part of a TC symbol
    ("q=IND-10-01-USA", {"IND/10/01/USA"}),  # the code as it is in addresses
    ("q=nothing-like-this", set()),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS, ids=[query for query, _ in FILTERS])
def test_each_filter_narrows_the_list(client, viewer, portfolio, query, expected):
    assert set(codes(client, query, viewer)) == expected


COMBINATIONS = [
    ("region=africa&status=pipeline", {"KEN/15/02/NET"}),
    ("region=africa&kind=global&donor=GER", {"GLO/12/03/USA"}),
    ("country=BRA&target_group=girls&start_from=2015", {"BRA/20/04/GER"}),
    ("sector=agriculture&worst_form=trafficking&rating=on_track&budget_min=1000000", {"IND/10/01/USA"}),
    ("region=asia-pacific&status=completed", set()),
    ("intervention=direct-action&donor=USA&end_to=2014", {"IND/10/01/USA"}),
]


@pytest.mark.parametrize(("query", "expected"), COMBINATIONS, ids=[query for query, _ in COMBINATIONS])
def test_filters_combine(client, viewer, portfolio, query, expected):
    assert set(codes(client, query, viewer)) == expected


def test_a_partner_in_any_role_filters_its_projects(client, viewer, portfolio):
    assert codes(client, f"partner={portfolio.ministry.pk}", viewer) == ["IND/10/01/USA"]
    assert codes(client, f"partner={portfolio.ngo.pk}") == ["GLO/12/03/USA"]
    assert set(codes(client, f"partner={portfolio.usa.partner_id}")) == {"IND/10/01/USA", "GLO/12/03/USA"}
    text = page_text(client.get(f"{URL}?partner={portfolio.ministry.pk}"))
    assert f"Partner {portfolio.ministry.pk}: Ministry of Labour and Employment (MOLE)" in text


def test_a_project_with_two_matching_countries_is_listed_once(client, viewer, portfolio):
    make_project(code="GLO/14/09/USA", kind="global", countries=[country("KEN"), country("GHA")])
    # Both start in January 2012: the latest-first default breaks the tie by the TC symbol, also descending.
    assert codes(client, "region=africa&kind=global", viewer) == ["GLO/14/09/USA", "GLO/12/03/USA"]


def test_the_evaluation_rule_filter_is_hqs(client, hq_user, viewer, portfolio):
    # India (US$ 2 million, active) needs an independent evaluation; the global project (US$ 6 million,
    # completed) an independent mid-term and final; Kenya is in the pipeline, Brazil under US$ 1 million.
    make_evaluation(project=portfolio.global_project, timing=Timing.MIDTERM, modality=Modality.INDEPENDENT)
    assert set(codes(client, "missing_evaluation=yes", hq_user)) == {"IND/10/01/USA", "GLO/12/03/USA"}
    make_evaluation(project=portfolio.india, timing=Timing.FINAL, modality=Modality.INDEPENDENT)
    assert codes(client, "missing_evaluation=yes") == ["GLO/12/03/USA"]
    assert "Evaluation rule" in page_text(client.get(URL))

    client.force_login(viewer)
    assert "Evaluation rule" not in page_text(client.get(URL))
    response = client.get(f"{URL}?missing_evaluation=yes")
    assert response.status_code == 200 and response.context["projects"] == []
    assert "Evaluation rule (?missing_evaluation=): this filter is open to HQ only." in page_text(response)


# Sorting and paging -------------------------------------------------------------------------------------

SORTS = [
    ("", ["BRA/20/04/GER", "KEN/15/02/NET", "GLO/12/03/USA", "IND/10/01/USA"]),  # latest planned start first
    ("sort=code", ["BRA/20/04/GER", "GLO/12/03/USA", "IND/10/01/USA", "KEN/15/02/NET"]),
    ("sort=-code", ["KEN/15/02/NET", "IND/10/01/USA", "GLO/12/03/USA", "BRA/20/04/GER"]),
    ("sort=title", ["IND/10/01/USA", "BRA/20/04/GER", "GLO/12/03/USA", "KEN/15/02/NET"]),
    ("sort=budget", ["KEN/15/02/NET", "BRA/20/04/GER", "IND/10/01/USA", "GLO/12/03/USA"]),
    ("sort=-budget", ["GLO/12/03/USA", "IND/10/01/USA", "BRA/20/04/GER", "KEN/15/02/NET"]),
    ("sort=start", ["IND/10/01/USA", "GLO/12/03/USA", "KEN/15/02/NET", "BRA/20/04/GER"]),
    ("sort=-end", ["BRA/20/04/GER", "KEN/15/02/NET", "GLO/12/03/USA", "IND/10/01/USA"]),
    # The lifecycle's order, not the alphabet's; then the code.
    ("sort=status", ["KEN/15/02/NET", "BRA/20/04/GER", "IND/10/01/USA", "GLO/12/03/USA"]),
    ("sort=-status", ["GLO/12/03/USA", "IND/10/01/USA", "BRA/20/04/GER", "KEN/15/02/NET"]),
    # On track, at risk, off track; the unrated last in both directions.
    ("sort=rating", ["IND/10/01/USA", "GLO/12/03/USA", "BRA/20/04/GER", "KEN/15/02/NET"]),
    # "-" reverses the TC symbols of ties too (each order is one index scan, ipec.keyset); the unrated stay last.
    ("sort=-rating", ["GLO/12/03/USA", "IND/10/01/USA", "KEN/15/02/NET", "BRA/20/04/GER"]),
    ("sort=kind", ["GLO/12/03/USA", "BRA/20/04/GER", "IND/10/01/USA", "KEN/15/02/NET"]),
]


@pytest.mark.parametrize(("query", "expected"), SORTS, ids=[query or "default" for query, _ in SORTS])
def test_sorting(client, viewer, portfolio, query, expected):
    assert codes(client, query, viewer) == expected


def test_column_headers_sort_and_keep_the_filters(client, viewer, portfolio):
    client.force_login(viewer)
    page = client.get(f"{URL}?region=africa&sort=-budget&after=9000000.00%7EZZZ-99-99-ZZZ").content.decode()
    headers = dict(re.findall(r'<th scope="col"[^>]*><a href="\?([^"]*)" class="sort">([^<]+)', page))
    by_label = {label: query.replace("&amp;", "&") for query, label in headers.items()}
    assert by_label["Budget (US$)"] == "region=africa&sort=budget"  # sorted on it: the link reverses it
    assert by_label["Project"] == "region=africa&sort=code"
    assert by_label["Planned start"] == "region=africa&sort=-start"  # dates: latest first
    assert 'aria-sort="descending"' in page


def test_pages_keep_the_query_string(client, viewer, portfolio):
    for n in range(PROJECTS_PER_PAGE + 5):
        make_project(code=f"GHA/21/{n:03d}/USA", countries=[country("GHA")], title=f"Cocoa farms {n:03d}")
    client.force_login(viewer)
    query = "region=africa&sort=title&q=cocoa"
    first = client.get(f"{URL}?{query}")
    assert [p.code for p in first.context["projects"]][:2] == ["GHA/21/000/USA", "GHA/21/001/USA"]
    assert len(first.context["projects"]) == PROJECTS_PER_PAGE
    # The next page starts after the last row shown: its title and TC symbol, as in addresses.
    after = "after=Cocoa+farms+049~GHA-21-049-USA"
    assert f'href="?region=africa&amp;sort=title&amp;q=cocoa&amp;{after}" rel="next">Next' in first.content.decode()
    assert 'rel="prev"' not in first.content.decode()
    second = client.get(f"{URL}?{query}&{after}")
    assert [p.code for p in second.context["projects"]] == [f"GHA/21/{n:03d}/USA" for n in range(50, 55)]
    before = "before=Cocoa+farms+050~GHA-21-050-USA"
    assert (
        f'href="?region=africa&amp;sort=title&amp;q=cocoa&amp;{before}" rel="prev">Previous' in second.content.decode()
    )
    assert 'href="?region=africa&amp;sort=title&amp;q=cocoa" rel="first"' in second.content.decode()
    assert 'rel="next"' not in second.content.decode()
    assert "55 projects match the filters." in page_text(second)
    back = client.get(f"{URL}?{query}&{before}")
    assert [p.code for p in back.context["projects"]] == [p.code for p in first.context["projects"]]


def test_an_old_numbered_page_link_shows_the_first_page_with_a_note(client, viewer, portfolio):
    client.force_login(viewer)
    response = client.get(f"{URL}?sort=code&page=7")
    assert response.status_code == 200
    assert response.context["projects"][0].code == "BRA/20/04/GER"
    assert "Pages of this list have no numbers any more" in page_text(response)
    assert "no numbers" not in page_text(client.get(f"{URL}?sort=code&page=1"))


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999999999999999", "2.5"])
def test_a_page_out_of_range_shows_a_page(client, viewer, portfolio, page):
    client.force_login(viewer)
    assert client.get(f"{URL}?page={page}").status_code == 200


def test_export_links_carry_the_filters_not_the_page(client, viewer, portfolio):
    client.force_login(viewer)
    page = client.get(f"{URL}?status=active&sort=-budget&after=3000000.00%7EXYZ-99-99-USA").content.decode()
    assert 'href="/projects/export.csv?status=active&amp;sort=-budget"' in page
    assert 'href="/projects/export.xlsx?status=active&amp;sort=-budget"' in page


# Refused parameters ------------------------------------------------------------------------------------------

BAD = [
    ("status=finished", "Status (?status=): Select a valid choice. finished is not one of the available choices."),
    ("region=antarctica", "Region (?region=): Select a valid choice."),
    ("kind=regional", "Kind (?kind=): Select a valid choice."),
    ("intervention=magic", "Intervention type (?intervention=): Select a valid choice."),
    ("worst_form=x", "Worst form (?worst_form=): Select a valid choice."),
    ("sector=space", "Sector (?sector=): Select a valid choice."),
    ("target_group=adults", "Target group (?target_group=): Select a valid choice."),
    ("donor=XXX", "Donor (?donor=): Select a valid choice."),
    ("rating=great", "Progress rating (?rating=): Select a valid choice."),
    ("country=XYZ", "Country (ISO code) (?country=): No country has the ISO alpha-3 code “XYZ”."),
    ("country=India", "No country has the ISO alpha-3 code “INDIA”."),
    ("partner=abc", "Partner (number) (?partner=): No partner has the number “abc”."),
    ("partner=99999999999999999999999", "No partner has the number “99999999999999999999999”."),
    ("partner=999999", "No partner has the number “999999”."),
    ("start_from=twenty", "Starts from (year) (?start_from=): Enter a whole number."),
    ("start_from=2015&start_to=2010", "The start year range is reversed: 2015 is more than 2010."),
    ("end_from=2020&end_to=2019", "The end year range is reversed: 2020 is more than 2019."),
    ("budget_min=5000000&budget_max=1000", "The budget range is reversed: 5000000 is more than 1000."),
    ("end_to=99999999999999999999", "Ends until (year) (?end_to=): Ensure this value is less than or equal to 2100."),
    ("start_from=1200", "Ensure this value is greater than or equal to 1950."),
    ("budget_min=1e400", "Budget from (US$) (?budget_min=): Ensure that there are no more than 14 digits in total."),
    ("budget_max=99999999999999999", "Ensure that there are no more than 14 digits in total."),
    ("budget_min=-5", "Ensure this value is greater than or equal to 0."),
    ("budget_min=NaN", "Budget from (US$) (?budget_min=): Enter a number."),
    ("budget_max=abc", "Enter a number."),
    ("sort=secret", "Sort (?sort=): Select a valid choice. secret is not one of the available choices."),
    ("q=" + "x" * 201, "Search (?q=): Ensure this value has at most 200 characters (it has 201)."),
    ("status=<script>alert(1)</script>", "Select a valid choice. <script>alert(1)</script> is not one of"),
    ("country=<script>", "No country has the ISO alpha-3 code “<SCRIPT>”."),
]


@pytest.mark.parametrize(("query", "message"), BAD, ids=[query[:40] for query, _ in BAD])
def test_a_bad_parameter_is_explained_on_the_page(client, viewer, portfolio, query, message):
    client.force_login(viewer)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert response.context["projects"] == []  # never a silently wider list
    text = page_text(response)
    assert "These filters could not be applied, so nothing is listed:" in text
    assert message in text
    assert "<script>" not in response.content.decode()


def test_every_refusal_is_listed_at_once(client, viewer, portfolio):
    client.force_login(viewer)
    errors = client.get(f"{URL}?status=x&region=y&start_from=2020&start_to=2010").context["errors"]
    assert len(errors) == 3


def test_unknown_parameters_are_ignored(client, viewer, portfolio):
    assert len(codes(client, "utm_source=mail&colour=blue", viewer)) == 4


def test_a_repeated_parameter_takes_its_last_value(client, viewer, portfolio):
    assert codes(client, "status=pipeline&status=active", viewer) == ["IND/10/01/USA"]


def test_the_form_shows_the_filters_as_given(client, viewer, portfolio):
    client.force_login(viewer)
    page = client.get(f"{URL}?country=ken&donor=NET&start_from=2014").content.decode()
    assert 'name="country" value="KEN"' in page or 'value="ken"' in page
    assert '<option value="NET" selected>' in page
    assert 'name="start_from" value="2014"' in page
    assert '<details class="more-filters" open>' in page  # a filter under "More filters" is in use
    assert 'name="sort"' in page and 'type="hidden"' in page


def test_the_country_and_partner_boxes_suggest_without_listing_every_row(client, viewer, portfolio):
    client.force_login(viewer)
    page = client.get(URL).content.decode()
    assert 'data-lookup="/countries/lookup.json"' in page and 'list="country-suggestions"' in page
    assert 'data-lookup="/partners/lookup.json"' in page and 'list="partner-suggestions"' in page
    assert "Kenya Alliance for Children" not in page and ">Ghana<" not in page


# Full-text search on PostgreSQL ------------------------------------------------------------------------


def test_full_text_search_finds_stemmed_words(client, viewer, portfolio, require_postgres):
    assert codes(client, "q=trafficked", viewer) == ["IND/10/01/USA"]  # "trafficking" in the title
    assert codes(client, "q=rehabilitating") == ["IND/10/01/USA"]  # "rehabilitation" in the summary
    assert codes(client, "q=mine") == ["KEN/15/02/NET"]  # "mines"
    assert codes(client, 'q="keeping girls"') == ["BRA/20/04/GER"]  # a phrase
    assert codes(client, "q=work -mines") == ["BRA/20/04/GER"]  # an exclusion
    assert codes(client, "q=GLO/12/03/USA") == ["GLO/12/03/USA"]


def test_full_text_search_uses_its_index(portfolio, require_postgres):
    """The search reads the stored documents (migration projects/0009) through their GIN index."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")  # as with many rows: a bitmap of the matches
        plan = search_projects(Project.objects.order_by(), "trafficked children").explain()
    assert "project_search_document_idx" in plan and "to_tsvector" not in plan


def test_the_stored_documents_are_those_of_search_vector(portfolio, require_postgres):
    """The trigger of migration projects/0009 writes projects.filters.search_vector() on every insert and update."""
    project = make_project(code="IND/24/001/USA", countries=[country("IND")], title="Girls in brick kilns")

    def pairs() -> list[tuple[str, str]]:
        stored = ProjectSearchDocument.objects.filter(project=OuterRef("pk")).values("document")
        rows = Project.objects.annotate(expected=search_vector(), stored=Subquery(stored))
        return list(rows.values_list("stored", "expected"))

    def found(text: str) -> list[str]:
        return list(search_projects(Project.objects.all(), text).values_list("code", flat=True))

    assert len(pairs()) == Project.objects.count() and all(stored == expected for stored, expected in pairs())
    assert found("kiln") == [project.code]
    Project.objects.filter(pk=project.pk).update(title="Cocoa farms", summary="Bonded labour in obsidian pits")
    assert all(stored == expected for stored, expected in pairs())
    assert found("kiln") == [] and found("obsidian") == [project.code]
    Project.objects.filter(pk=project.pk).delete()
    assert not ProjectSearchDocument.objects.filter(project_id=project.pk).exists()


def test_search_falls_back_to_every_word_on_sqlite(client, viewer, portfolio):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite fallback")
    assert codes(client, "q=TRAFFICKING india", viewer) == ["IND/10/01/USA"]
    assert codes(client, "q=trafficked") == ["IND/10/01/USA"]  # in the summary, as written


# Queries -----------------------------------------------------------------------------------------------


def _grow(n: int) -> None:
    for i in range(n):
        project = make_project(
            code=f"GLO/19/{i:03d}/USA",
            kind="global",
            countries=[country("KEN"), country("GHA"), country("BRA")],
            budget_usd=Decimal(1000 * (i + 1)),
            planned_start=datetime.date(2019, 1, 1),
            planned_end=datetime.date(2022, 12, 31),
        )
        funding_record(project=project, donor=Donor.objects.get(code="USA"), amount_usd=Decimal(10))


# session, user; the count (capped: ipec.keyset.count), the page; the page's countries and funding
# (projects/list_rows.py). The filter form's reference lists (regions, intervention types, worst forms, sectors,
# target groups, donors) and the countries are kept in memory after the first request (ipec.reference_lists).
LIST_QUERIES = 6


@pytest.mark.parametrize("size", [0, 30])
def test_query_count_does_not_grow(client, viewer, portfolio, django_assert_num_queries, size):
    _grow(size)
    client.force_login(viewer)
    client.get(URL)  # reads the reference lists
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(f"{URL}?region=africa&sort=-budget")
    assert len(response.context["projects"]) == min(2 + size, PROJECTS_PER_PAGE)


# session, user; the country and the partner checked; the count, the page; countries, funding. The reference
# lists are checked and rendered from memory (ipec.reference_lists); every other filter is a condition of the
# count's and the page's query.
EVERY_FILTER_QUERIES = 8


@pytest.mark.parametrize("size", [0, 30])
def test_query_count_with_every_filter_does_not_grow(client, hq_user, portfolio, django_assert_num_queries, size):
    _grow(size)
    client.force_login(hq_user)
    client.get(URL)  # reads the reference lists
    query = (
        f"q=action&region=africa&country=KEN&kind=global&status=completed&intervention=advocacy-awareness"
        f"&worst_form=debt-bondage&sector=agriculture&target_group=girls&donor=USA&partner={portfolio.ngo.pk}"
        "&start_from=2010&start_to=2015&end_from=2015&end_to=2020&budget_min=1&budget_max=9000000"
        "&rating=at_risk&missing_evaluation=yes&sort=title"
    )
    with django_assert_num_queries(EVERY_FILTER_QUERIES):
        response = client.get(f"{URL}?{query}")
    assert [p.code for p in response.context["projects"]] == ["GLO/12/03/USA"], response.context["errors"]
