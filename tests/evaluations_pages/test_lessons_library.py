"""/lessons/ and /lessons/export.csv: what each role sees, search, filters, pages, and the CSV of the same list."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.urls import reverse

from evaluations.filters import SEARCH_FIELDS, search_vector
from evaluations.models import (
    EvaluationStatus,
    GoodPractice,
    GoodPracticeSearchDocument,
    LessonLearned,
    LessonSearchDocument,
)
from evaluations.services import good_practice_add, lesson_add
from tests.evaluations_pages.conftest import advance_to, classified_project, with_content
from tests.factories import make_evaluation
from tests.views.conftest import page_text

pytestmark = pytest.mark.django_db

URL = "/lessons/"
EXPORT = "/lessons/export.csv"


@pytest.fixture
def library(hq_user, evaluator):
    """Two published evaluations (Kenya, Brazil) and an open one of `evaluator` (India), each with content."""
    kenya = classified_project(
        iso3="KEN", interventions=("direct-action",), worst_forms=("trafficking",), sectors=("agriculture",)
    )
    brazil = classified_project(
        iso3="BRA", interventions=("advocacy-awareness",), worst_forms=("hazardous-work",), sectors=("domestic-work",)
    )
    india = classified_project(iso3="IND", interventions=("direct-action",), sectors=("mining-quarrying",))
    first = make_evaluation(project=kenya, title="Final evaluation in Kenya", planned_start=datetime.date(2022, 3, 1))
    lesson_add(
        evaluation=first, title="Border monitoring", description="Joint patrols cut the trafficking of children.",
        context="Busia and Malaba crossings.",
    )  # fmt: skip
    good_practice_add(evaluation=first, title="Transit centres", summary="Children who were trafficked find shelter.")
    second = make_evaluation(
        project=brazil, title="Mid-term evaluation in Brazil", timing="midterm", planned_start=datetime.date(2023, 5, 1)
    )
    with_content(second, lesson="Radio campaigns", practice="Employer codes of conduct")
    for evaluation in (first, second):
        advance_to(evaluation, EvaluationStatus.PUBLISHED, hq_user)
    draft = make_evaluation(project=india, title="Evaluation in India, in fieldwork", evaluators=[evaluator])
    with_content(draft, lesson="Quarry schools", practice="Mobile creches")
    return first, second, draft


def listed(client, user, query: str = "") -> list[tuple[str, str]]:
    client.force_login(user)
    response = client.get(URL + query)
    assert response.status_code == 200
    return [(item.kind, item.title) for item, _ in response.context["items"]]


def titles(client, user, query: str = "") -> set[str]:
    return {title for _, title in listed(client, user, query)}


ALL = {
    "Border monitoring", "Transit centres", "Radio campaigns", "Employer codes of conduct", "Quarry schools",
    "Mobile creches",
}  # fmt: skip
PUBLISHED = ALL - {"Quarry schools", "Mobile creches"}


def test_the_url_is_stable():
    assert reverse("evaluations:lessons") == URL and reverse("evaluations:lessons-export") == EXPORT


def test_each_role_sees_the_content_of_the_evaluations_it_may_see(client, library, hq_user, cta, viewer, evaluator):
    assert titles(client, hq_user) == ALL
    assert titles(client, cta) == titles(client, viewer) == PUBLISHED
    assert titles(client, evaluator) == {"Quarry schools", "Mobile creches"}


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL)["Location"].startswith("/accounts/login/?next=/lessons/")
    assert client.get(EXPORT)["Location"].startswith("/accounts/login/?next=/lessons/export.csv")


def test_items_show_their_evaluation_projects_and_template_fields(client, viewer, library):
    client.force_login(viewer)
    response = client.get(URL + "?q=border")
    text = page_text(response)
    assert "Lesson learned from Final evaluation in Kenya" in text and "(Kenya)" in text
    assert "Joint patrols cut the trafficking of children." in text
    assert "Context and related preconditions Busia and Malaba crossings." in text
    assert reverse("evaluations:detail", args=[library[0].pk]) + "#lessons" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?q=border", {"Border monitoring"}),
        ("?q=BORDER+Monitoring", {"Border monitoring"}),
        ("?q=children", {"Border monitoring", "Transit centres"}),
        ("?q=Busia", {"Border monitoring"}),  # the template's other fields are searched too
        ("?q=radio", {"Radio campaigns"}),
        ("?q=quarry", set()),  # not published: not there for a viewer
        ("?q=nothing+like+this", set()),
        ("?q=", PUBLISHED),
    ],
)
def test_search(client, viewer, library, query, expected):
    assert titles(client, viewer, query) == expected


def test_full_text_search_finds_stemmed_words(client, viewer, library, require_postgres):
    # "trafficked" and "trafficking" share the English stem "traffick"; "shelters" finds "shelter".
    assert titles(client, viewer, "?q=trafficked") == {"Border monitoring", "Transit centres"}
    assert titles(client, viewer, "?q=shelters") == {"Transit centres"}
    assert titles(client, viewer, '?q="patrols cut"') == {"Border monitoring"}
    # The best match first: "monitoring" is in one title, "Border" in none other.
    assert listed(client, viewer, "?q=border+monitoring")[0] == ("lesson", "Border monitoring")


@pytest.mark.parametrize(
    ("model", "document_model"), [(LessonLearned, LessonSearchDocument), (GoodPractice, GoodPracticeSearchDocument)]
)
def test_the_stored_documents_follow_every_write(client, viewer, library, require_postgres, model, document_model):
    """The triggers of migration evaluations/0009 write search_vector(model) on insert and update; a delete takes it."""
    key = document_model._meta.pk.name  # lesson / good_practice

    def pairs() -> list[tuple[str, str]]:
        stored = document_model.objects.filter(**{key: OuterRef("pk")}).values("document")
        return list(
            model.objects.annotate(expected=search_vector(model), stored=Subquery(stored)).values_list(
                "stored", "expected"
            )
        )

    assert pairs() and all(stored == expected for stored, expected in pairs())
    item = model.objects.get(title__in=["Radio campaigns", "Employer codes of conduct"])
    model.objects.filter(pk=item.pk).update(title="Obsidian pits", **{SEARCH_FIELDS[model][-1]: "Bonded quarries"})
    assert all(stored == expected for stored, expected in pairs())
    assert titles(client, viewer, "?q=obsidian") == {"Obsidian pits"}  # at once, in the title
    assert titles(client, viewer, "?q=bonded") == {"Obsidian pits"}  # and in the template's last field
    assert item.title not in titles(client, viewer, "?q=" + item.title.replace(" ", "+"))  # the old title is gone
    item.delete()
    assert not document_model.objects.filter(**{key: item.pk}).exists()
    assert titles(client, viewer, "?q=obsidian") == set()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?region=africa", {"Border monitoring", "Transit centres"}),
        ("?region=americas", {"Radio campaigns", "Employer codes of conduct"}),
        ("?region=arab-states", set()),
        ("?country=BRA", {"Radio campaigns", "Employer codes of conduct"}),
        ("?intervention=direct-action", {"Border monitoring", "Transit centres"}),
        ("?worst_form=hazardous-work", {"Radio campaigns", "Employer codes of conduct"}),
        ("?theme=agriculture", {"Border monitoring", "Transit centres"}),
        ("?kind=lesson", {"Border monitoring", "Radio campaigns"}),
        ("?kind=good_practice", {"Transit centres", "Employer codes of conduct"}),
        ("?region=africa&kind=good_practice", {"Transit centres"}),
        ("?theme=domestic-work&q=radio", {"Radio campaigns"}),
        ("?region=africa&country=BRA", set()),
    ],
)
def test_filters_are_query_parameters(client, viewer, library, query, expected):
    assert titles(client, viewer, query) == expected


def test_hq_filters_every_evaluation(client, hq_user, library):
    assert titles(client, hq_user, "?theme=mining-quarrying") == {"Quarry schools", "Mobile creches"}
    assert titles(client, hq_user, "?country=IND&kind=lesson") == {"Quarry schools"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?region=atlantis", "Region (?region=): Select a valid choice."),
        ("?country=XXX", "Country (?country=): Select a valid choice."),
        ("?country=ZWE", "Country (?country=): Select a valid choice."),  # no project there
        ("?intervention=1", "Intervention type (?intervention=): Select a valid choice."),
        ("?worst_form=%00", "Worst form (?worst_form=): Null characters are not allowed."),
        ("?theme=space", "Theme (sector) (?theme=): Select a valid choice."),
        ("?kind=video", "Kind (?kind=): Select a valid choice. video is not one of the available choices."),
        ("?q=" + "x" * 201, "Search (?q=): Ensure this value has at most 200 characters (it has 201)."),
    ],
)
def test_an_invalid_parameter_is_a_clear_message_not_a_500(client, viewer, library, query, message):
    client.force_login(viewer)
    response = client.get(URL + query)
    assert response.status_code == 200
    assert response.context["items"] == []
    assert message in page_text(response)
    export = client.get(EXPORT + query)
    assert export.status_code == 400 and message in export.content.decode()


def test_the_newest_evaluations_come_first_without_a_search(client, viewer, library):
    # Brazil's evaluation (2023) before Kenya's (2022); within one, by title, lessons and practices mixed.
    assert listed(client, viewer) == [
        ("good_practice", "Employer codes of conduct"),
        ("lesson", "Radio campaigns"),
        ("lesson", "Border monitoring"),
        ("good_practice", "Transit centres"),
    ]


# The CSV export --------------------------------------------------------------------------------------------


def exported(client, user, query: str = "") -> list[dict[str, str]]:
    client.force_login(user)
    response = client.get(EXPORT + query)
    assert response.status_code == 200
    assert response.streaming  # row by row, not built in memory
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ipec-lessons.csv"'
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:])))


@pytest.mark.parametrize(
    "query", ["", "?region=africa", "?kind=lesson&q=radio", "?theme=agriculture&kind=good_practice"]
)
def test_the_export_is_the_filtered_list(client, viewer, library, query):
    rows = exported(client, viewer, query)
    kinds = {"Lesson learned": "lesson", "Good practice": "good_practice"}
    assert [(kinds[row["Kind"]], row["Title"]) for row in rows] == listed(client, viewer, query)


def test_the_export_holds_every_field_of_the_templates(client, hq_user, library):
    [lesson] = exported(client, hq_user, "?q=border")
    assert lesson["Brief description or summary"] == "Joint patrols cut the trafficking of children."
    assert lesson["Lesson: Context and related preconditions"] == "Busia and Malaba crossings."
    assert lesson["Good practice: Potential for replication"] == ""
    assert (lesson["Evaluation"], lesson["Evaluation status"], lesson["Timing"]) == (
        "Final evaluation in Kenya", "Published", "Final",
    )  # fmt: skip
    assert lesson["Projects"] == library[0].projects.get().code and lesson["Countries"] == "Kenya"
    [practice] = exported(client, hq_user, "?q=creches")
    assert (practice["Kind"], practice["Evaluation status"]) == ("Good practice", "Planned")


def test_the_export_is_limited_like_the_page(client, viewer, cta, library):
    assert {row["Title"] for row in exported(client, viewer)} == PUBLISHED
    assert {row["Title"] for row in exported(client, cta)} == PUBLISHED


def test_an_evaluator_may_not_export(client, evaluator, library):
    client.force_login(evaluator)
    assert client.get(EXPORT).status_code == 403
    assert "Download this list as CSV" not in page_text(client.get(URL))


def test_the_page_links_to_the_export_of_the_same_list(client, viewer, library):
    client.force_login(viewer)
    content = client.get(URL + "?region=africa&kind=lesson").content.decode()
    assert 'href="/lessons/export.csv?region=africa&amp;kind=lesson"' in content


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_defused(client, hq_user, open_evaluation):
    lesson_add(evaluation=open_evaluation, title='=HYPERLINK("http://evil.example")', description="-2+3")
    [row] = exported(client, hq_user)
    assert row["Title"] == '\'=HYPERLINK("http://evil.example")'
    assert row["Brief description or summary"] == "'-2+3"


def test_a_long_export_is_read_in_batches(client, viewer, hq_user, monkeypatch):
    project = classified_project()
    evaluation = make_evaluation(project=project)
    for index in range(7):
        lesson_add(evaluation=evaluation, title=f"Lesson {index:02d}", description="…")
    advance_to(evaluation, EvaluationStatus.PUBLISHED, hq_user)
    monkeypatch.setattr("evaluations.selectors.EXPORT_BATCH", 3)
    assert [row["Title"] for row in exported(client, viewer)] == [f"Lesson {index:02d}" for index in range(7)]


# Query counts ------------------------------------------------------------------------------------------------


def grow(size: int, hq_user) -> None:
    for index in range(size):
        project = classified_project(
            iso3=["KEN", "BRA", "IND"][index % 3], interventions=("direct-action",), sectors=("agriculture",)
        )
        evaluation = make_evaluation(project=project, title=f"Evaluation {index}")
        with_content(evaluation, lesson=f"Lesson {index}", practice=f"Practice {index}")
        advance_to(evaluation, EvaluationStatus.PUBLISHED, hq_user)


@pytest.mark.parametrize("size", [1, 7])
def test_query_count_does_not_grow_with_the_library(
    client, viewer, hq_user, django_assert_num_queries, monkeypatch, size
):
    monkeypatch.setattr("evaluations.selectors.RANKED", 2)  # 7: more matches than a search ranks; 1: fewer
    grow(size, hq_user)
    client.force_login(viewer)
    # session, user; where the ranked matches end (PostgreSQL's search only), the page, the count of each kind;
    # lessons (the search matches no practice), their evaluations' projects, their countries; the form's lists,
    # read once and then kept in memory (ipec.reference_lists): regions, countries, intervention types, worst
    # forms, themes
    searching = 1 if connection.vendor == "postgresql" else 0
    with django_assert_num_queries(13 + searching):
        response = client.get(URL + "?region=africa&theme=agriculture&q=lesson")
    assert len(response.context["items"]) == len([i for i in range(size) if i % 3 == 0])  # Kenya's lessons
    with django_assert_num_queries(9):  # the lists from memory; lessons and practices
        response = client.get(URL)
    assert len(response.context["items"]) == 2 * size
