"""PostgreSQL holds "a national project has exactly one country" with a deferred constraint trigger.

pytest-django runs each test in a transaction that is rolled back, never committed, so a
deferred trigger would never fire: each test turns the deferred checks on with
`SET CONSTRAINTS ALL IMMEDIATE`, which also runs every check still pending at that point.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import IntegrityError, connection, transaction

from projects.models import Project, ProjectCountry, ProjectKind
from projects.services import project_set_countries
from tests.factories import make_project
from tests.ipec.invariants import country, snapshot

MESSAGE = "A national project has exactly one country"


def check_now() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def check_at_commit() -> None:
    """Back to the triggers' own mode, as in every real transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@contextmanager
def trigger_refuses(project: Project) -> Iterator[None]:
    before = snapshot()
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        yield
        check_now()
    assert f"{MESSAGE} (project {project.pk} has" in str(excinfo.value)
    assert snapshot() == before


@pytest.fixture
def national(require_postgres) -> Project:
    project = make_project(kind=ProjectKind.NATIONAL)
    check_now()  # the project and its one country were written in order: nothing pending may fail
    return project


def test_a_valid_national_project_passes(national):
    assert list(national.project_countries.values_list("country__iso3", flat=True)) == ["IND"]


def test_adding_a_second_country_to_a_national_project_is_refused(national):
    with trigger_refuses(national):
        ProjectCountry.objects.create(project=national, country=country("NPL"))
    assert national.project_countries.count() == 1


def test_deleting_the_only_country_of_a_national_project_is_refused(national):
    with trigger_refuses(national):
        ProjectCountry.objects.filter(project=national).delete()
    assert national.project_countries.count() == 1


def test_a_global_project_with_two_countries_cannot_become_national_by_a_raw_update(require_postgres):
    project = make_project(kind=ProjectKind.GLOBAL)
    check_now()
    with trigger_refuses(project):
        Project.objects.filter(pk=project.pk).update(kind=ProjectKind.NATIONAL)
    project.refresh_from_db()
    assert project.kind == ProjectKind.GLOBAL


def test_a_national_project_inserted_without_its_country_is_refused(require_postgres):
    make_project(donor_code="USA", code="IND/12/99/USA").delete()  # the donor exists; the code is free
    before = snapshot()
    with pytest.raises(IntegrityError, match=MESSAGE), transaction.atomic():
        Project.objects.bulk_create([Project(code="IND/12/98/USA", title="No country", kind=ProjectKind.NATIONAL)])
        check_now()
    assert snapshot() == before


def test_the_check_waits_for_the_end_of_the_transaction(national):
    """Replacing a national project's country deletes then inserts: deferred, that is fine."""
    check_at_commit()
    project_set_countries(project=national, countries=[country("NPL")])
    check_now()
    assert list(national.project_countries.values_list("country__iso3", flat=True)) == ["NPL"]


def test_a_national_project_may_become_global_through_the_service(national):
    check_at_commit()
    project_set_countries(project=national, countries=[country("IND"), country("NPL")], kind=ProjectKind.GLOBAL)
    check_now()
    national.refresh_from_db()
    assert national.kind == ProjectKind.GLOBAL
    assert national.project_countries.count() == 2


def test_the_trigger_exists_only_on_postgresql(db):
    """On SQLite the service is the only guard, so the migration must not have failed there either."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgname IN "
                "('project_national_one_country', 'project_country_national_one_country') ORDER BY tgname"
            )
            assert [row[0] for row in cursor.fetchall()] == [
                "project_country_national_one_country",
                "project_national_one_country",
            ]
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%one_country'")
            assert cursor.fetchall() == []


def test_without_deferral_the_service_swap_would_fail(national):
    """Why the trigger is deferred: checked per statement, the swap's moment with no country is refused."""
    with trigger_refuses(national):
        project_set_countries(project=national, countries=[country("NPL")])
