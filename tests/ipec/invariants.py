"""Assertions shared by the invariant tests: a bad value is refused, and nothing is written.

`refused()` expects the write service's ValidationError with a given message; `db_refuses()`
expects the database itself to reject a write (IntegrityError) that bypasses the services.
Both compare a snapshot of every row of the project's own apps before and after, so a
half-saved write (a row added, changed or deleted anywhere) fails the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction

PROJECT_APPS = ("accounts", "countries", "partners", "projects", "evaluations")


def project_models() -> list[type[models.Model]]:
    """Every concrete model of our apps, with the automatic many-to-many tables."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in PROJECT_APPS and not model._meta.proxy
    ]


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table of our apps, as sorted tuples: equal snapshots mean nothing was written.

    Plain SQL, because it runs twice around every refused write and the ORM's overhead would dominate.
    """
    tables = sorted({model._meta.db_table for model in project_models()})
    rows = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


def messages(error: ValidationError) -> list[str]:
    return list(error.messages)


@contextmanager
def refused(message: str) -> Iterator[pytest.ExceptionInfo[ValidationError]]:
    """The block raises a ValidationError carrying `message`, and no row anywhere is written or changed."""
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        yield excinfo
    assert message in messages(excinfo.value), f"{message!r} not in {messages(excinfo.value)!r}"
    assert snapshot() == before, "a refused write left rows behind"


def find_constraint(name: str) -> models.BaseConstraint:
    for model in project_models():
        for constraint in model._meta.constraints:
            if constraint.name == name:
                return constraint
    raise LookupError(f"No constraint named {name!r}")


@contextmanager
def db_refuses(constraint: str) -> Iterator[pytest.ExceptionInfo[IntegrityError]]:
    """The database itself rejects the block's write, and nothing is written.

    `constraint` is a model constraint's name, or `table.column` for a field declared unique.
    The savepoint keeps the test's own transaction usable after the error on PostgreSQL.
    """
    before = snapshot()
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        yield excinfo
    error = str(excinfo.value)
    if "." in constraint:  # a unique field: SQLite names the column, PostgreSQL the key
        column = constraint.split(".")[1]
        expected = f"UNIQUE constraint failed: {constraint}" if connection.vendor == "sqlite" else f"Key ({column})="
    elif connection.vendor == "sqlite" and isinstance(find_constraint(constraint), models.UniqueConstraint):
        expected = "UNIQUE constraint failed"  # SQLite names the columns of a unique index, not the constraint
    else:
        expected = find_constraint(constraint).name
    assert expected in error, error
    assert snapshot() == before, "a refused write left rows behind"


def country(iso3: str):
    from countries.models import Country

    return Country.objects.get(iso3=iso3)
