"""The project admin writes through projects.services: creation, edits, countries, inline rows, status moves."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts.models import Role, User
from countries.models import Country
from partners.models import PartnershipRole, ProjectPartnership
from projects.models import (
    ActionProgramme,
    Expenditure,
    IssuedCode,
    Project,
    ProjectCountry,
    ProjectKind,
    ProjectStatus,
    StatusChange,
)
from projects.services import project_change_status, project_update
from tests.admin.helpers import add_rows, form_data
from tests.factories import DonorFactory, PartnerFactory, UserFactory, make_project

ADD_URL = reverse("admin:projects_project_add")


@pytest.fixture
def hq_client(client, hq_user):
    client.force_login(hq_user)
    return client


def _country(iso3: str) -> Country:
    return Country.objects.get(iso3=iso3)


def _counts() -> dict[str, int]:
    models = (Project, IssuedCode, StatusChange, ProjectCountry, ProjectPartnership, Expenditure, ActionProgramme)
    return {model.__name__: model.objects.count() for model in models}


def _new_project(client, *, countries: list[str], **fields) -> dict:
    """Post data of the add form: a national project in India unless told otherwise."""
    data = form_data(client.get(ADD_URL))
    data.update({"code": "IND/14/01/USA", "title": "Child labour in India", "kind": ProjectKind.NATIONAL, **fields})
    return add_rows(data, "project_countries", [{"country": _country(iso3).pk} for iso3 in countries])


# --- Creating --------------------------------------------------------------------------------


def test_add_form_makes_project_issued_code_and_first_status_change(hq_client, hq_user):
    DonorFactory(code="USA")
    response = hq_client.post(ADD_URL, _new_project(hq_client, countries=["IND"], budget_usd="2000000"))

    assertRedirects(response, reverse("admin:projects_project_changelist"))
    project = Project.objects.get(code="IND/14/01/USA")
    assert project.status == ProjectStatus.PIPELINE
    assert project.budget_usd == Decimal("2000000")
    assert list(project.countries.values_list("iso3", flat=True)) == ["IND"]
    assert IssuedCode.objects.filter(code=project.code).exists()
    first = project.status_changes.get()
    assert (first.from_status, first.to_status, first.changed_by) == ("", ProjectStatus.PIPELINE, hq_user)


def test_add_form_stores_the_code_in_capitals(hq_client):
    DonorFactory(code="USA")
    hq_client.post(ADD_URL, _new_project(hq_client, countries=["IND"], code=" ind/14/01/usa "))
    assert Project.objects.filter(code="IND/14/01/USA").exists()


def test_add_form_saves_inline_rows_through_the_services(hq_client):
    donor = DonorFactory(code="USA")
    implementer = PartnerFactory(name="Bachpan Bachao Andolan")
    data = _new_project(hq_client, countries=["IND"])
    add_rows(data, "partnerships", [{"partner": donor.partner_id, "role": "funding", "amount_usd": "1500000"}])
    add_rows(data, "expenditures", [{"year": "2014", "amount_usd": "300000"}])
    programme = {"title": "Stone quarries", "partner": implementer.pk, "budget_usd": "50000"}
    add_rows(data, "action_programmes", [{**programme, "children_withdrawn_target": 0, "children_prevented_target": 0}])

    response = hq_client.post(ADD_URL, data)

    assert response.status_code == 302
    project = Project.objects.get(code="IND/14/01/USA")
    funding = project.partnerships.get(role=PartnershipRole.FUNDING)
    assert (funding.partner, funding.amount_usd) == (donor.partner, Decimal("1500000"))
    assert project.expenditures.get().amount_usd == Decimal("300000")
    assert project.action_programmes.get().partner == implementer
    # action_programme_create makes the programme's partner an implementing partner of the project
    assert project.partnerships.filter(partner=implementer, role=PartnershipRole.IMPLEMENTING).exists()


@pytest.mark.parametrize(
    ("fields", "countries", "message"),
    [
        ({"kind": ProjectKind.NATIONAL}, ["IND", "NPL"], "A national project works in exactly one country."),
        (
            {"kind": ProjectKind.GLOBAL, "code": "GLO/14/01/USA"},
            ["BRA"],
            "A global project spans at least two countries.",
        ),
        ({"code": "GLO-13-22-USA"}, ["IND"], "The TC symbol must look like GLO/13/22/USA (scope/year/serial/donor)."),
        ({"code": "IND/14/01/XYZ"}, ["IND"], "No donor has the code XYZ; record the donor first."),
    ],
    ids=["national-with-two-countries", "global-with-one-country", "bad-code-format", "unknown-donor"],
)
def test_bad_project_shows_the_error_and_saves_nothing(hq_client, fields, countries, message):
    DonorFactory(code="USA")
    before = _counts()

    response = hq_client.post(ADD_URL, _new_project(hq_client, countries=countries, **fields))

    assertContains(response, message)
    assert _counts() == before


def test_duplicate_code_is_refused(hq_client):
    existing = make_project(code="IND/14/01/USA")
    before = _counts()

    response = hq_client.post(ADD_URL, _new_project(hq_client, countries=["IND"], code=existing.code))

    assertContains(response, "The TC symbol IND/14/01/USA has already been issued; codes are never reused.")
    assert _counts() == before


def test_code_of_a_deleted_project_is_never_given_again(hq_client):
    DonorFactory(code="USA")
    IssuedCode.objects.create(code="IND/14/01/USA")  # its project is gone, its code stays issued

    response = hq_client.post(ADD_URL, _new_project(hq_client, countries=["IND"]))

    assertContains(response, "has already been issued; codes are never reused.")
    assert not Project.objects.exists()


def test_funding_row_needs_a_donor(hq_client):
    DonorFactory(code="USA")
    data = _new_project(hq_client, countries=["IND"])
    not_a_donor = PartnerFactory()
    add_rows(data, "partnerships", [{"partner": not_a_donor.pk, "role": "funding", "amount_usd": "1000"}])
    before = _counts()

    response = hq_client.post(ADD_URL, data)

    assertContains(response, "Only a donor funds a project: record this partner as a donor first.")
    assert _counts() == before


def test_person_fields_offer_and_accept_only_people_with_the_right_role(hq_client):
    DonorFactory(code="USA")
    cta = UserFactory(username="cta-kumar", last_name="Kumar", role=Role.CTA)
    UserFactory(username="viewer-kumar", last_name="Kumar", role=Role.VIEWER)
    autocomplete = hq_client.get(
        reverse("admin:autocomplete"),
        {"term": "Kumar", "app_label": "projects", "model_name": "project", "field_name": "cta"},
    )
    assert [r["id"] for r in autocomplete.json()["results"]] == [str(cta.pk)]

    viewer = User.objects.get(username="viewer-kumar")
    response = hq_client.post(ADD_URL, _new_project(hq_client, countries=["IND"], cta=viewer.pk))
    assertContains(response, "Select a valid choice.")
    assert not Project.objects.exists()


# --- Changing --------------------------------------------------------------------------------


def _change_url(project: Project) -> str:
    return reverse("admin:projects_project_change", args=[project.pk])


def test_change_form_updates_fields_but_never_code_kind_or_status(hq_client):
    project = make_project(code="IND/12/10/USA")
    data = form_data(hq_client.get(_change_url(project)))
    data.update(title="New title", code="IND/99/99/USA", kind=ProjectKind.GLOBAL, status=ProjectStatus.ACTIVE)

    response = hq_client.post(_change_url(project), data)

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "New title"
    assert (project.code, project.kind, project.status) == ("IND/12/10/USA", ProjectKind.NATIONAL, "pipeline")


def test_edit_over_someone_elses_newer_edit_is_refused(hq_client):
    project = make_project()
    data = form_data(hq_client.get(_change_url(project)))
    project_update(project=project, by=UserFactory(username="colleague"), title="Their title")
    data["title"] = "My title"

    response = hq_client.post(_change_url(project), data)

    assertContains(response, "Someone else saved this project while you were editing it: colleague changed title")
    project.refresh_from_db()
    assert project.title == "Their title"


def test_national_project_cannot_get_a_project_manager(hq_client):
    project = make_project()
    data = form_data(hq_client.get(_change_url(project)))
    data["project_manager"] = UserFactory().pk

    response = hq_client.post(_change_url(project), data)

    assertContains(response, "A national project has a chief technical adviser, not a project manager.")
    project.refresh_from_db()
    assert project.project_manager is None


def test_national_project_cannot_get_a_second_country(hq_client):
    project = make_project()
    data = add_rows(
        form_data(hq_client.get(_change_url(project))), "project_countries", [{"country": _country("NPL").pk}]
    )

    response = hq_client.post(_change_url(project), data)

    assertContains(response, "A national project works in exactly one country.")
    assert list(project.countries.values_list("iso3", flat=True)) == ["IND"]


def test_global_project_countries_are_replaced_through_the_service(hq_client):
    project = make_project(kind=ProjectKind.GLOBAL)  # Brazil and Kenya
    data = form_data(hq_client.get(_change_url(project)))
    data["project_countries-0-DELETE"] = "on"
    add_rows(data, "project_countries", [{"country": _country("PER").pk}])

    response = hq_client.post(_change_url(project), data)

    assert response.status_code == 302
    assert sorted(project.countries.values_list("iso3", flat=True)) == ["KEN", "PER"]


def test_change_page_shows_status_history_and_link_to_move(hq_client):
    project = make_project()
    response = hq_client.get(_change_url(project))
    assertContains(response, "Status history")
    assertContains(response, "Project created.")
    assertContains(response, reverse("admin:projects_project_status", args=[project.pk]))


def test_projects_cannot_be_deleted(hq_client):
    project = make_project()
    response = hq_client.get(reverse("admin:projects_project_delete", args=[project.pk]))
    assert response.status_code == 403
    assertNotContains(hq_client.get(reverse("admin:projects_project_changelist")), "delete_selected")
    assert Project.objects.filter(pk=project.pk).exists()


# --- Status moves ----------------------------------------------------------------------------


def _status_url(project: Project) -> str:
    return reverse("admin:projects_project_status", args=[project.pk])


def test_status_page_offers_only_legal_moves(hq_client):
    project = make_project()
    response = hq_client.get(_status_url(project))
    options = [value for value, _ in response.context["form"].fields["to_status"].widget.choices]
    assert options == [ProjectStatus.APPROVED, ProjectStatus.CANCELLED]


def test_legal_move_is_made_dated_and_attributed(hq_client, hq_user):
    project = make_project()
    today = timezone.localdate()

    response = hq_client.post(
        _status_url(project), {"to_status": "approved", "effective_on": today.isoformat(), "note": "PAC approved."}
    )

    assertRedirects(response, _change_url(project))
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPROVED
    move = project.status_changes.latest()
    assert (move.from_status, move.to_status, move.effective_on, move.changed_by, move.note) == (
        "pipeline",
        "approved",
        today,
        hq_user,
        "PAC approved.",
    )


def test_illegal_move_is_refused_with_the_services_message(hq_client):
    project = make_project()

    response = hq_client.post(
        _status_url(project), {"to_status": "active", "effective_on": timezone.localdate().isoformat()}
    )

    assertContains(response, "cannot become active. Allowed: Approved, Cancelled.")
    project.refresh_from_db()
    assert project.status == ProjectStatus.PIPELINE
    assert project.status_changes.count() == 1


def test_move_cannot_take_effect_in_the_future(hq_client):
    project = make_project()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = hq_client.post(_status_url(project), {"to_status": "approved", "effective_on": tomorrow.isoformat()})

    assertContains(response, "A status move cannot take effect in the future.")
    project.refresh_from_db()
    assert project.status == ProjectStatus.PIPELINE


def test_closed_project_has_no_moves(hq_client, hq_user):
    project = make_project()
    day = datetime.date(2015, 1, 1)
    for status in ("approved", "active", "completed", "closed"):
        project_change_status(project=project, to_status=status, effective_on=day, changed_by=hq_user)

    response = hq_client.get(_status_url(project))

    assertContains(response, "Current status: Closed. There are no further moves.")
    assert response.context["form"] is None


def test_admin_writes_satisfy_the_postgresql_trigger(hq_client, require_postgres):
    """The deferred trigger checks at commit, which tests never reach: run its pending checks now."""

    def check_now() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # raises if a pending check fails
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # back to the triggers' own mode

    DonorFactory(code="USA")
    assert hq_client.post(ADD_URL, _new_project(hq_client, countries=["IND"])).status_code == 302
    check_now()
    project = Project.objects.get(code="IND/14/01/USA")
    data = form_data(hq_client.get(_change_url(project)))
    data["project_countries-0-DELETE"] = "on"
    add_rows(data, "project_countries", [{"country": _country("NPL").pk}])  # moved to Nepal in one post

    assert hq_client.post(_change_url(project), data).status_code == 302
    check_now()
    assert list(project.countries.values_list("iso3", flat=True)) == ["NPL"]
