"""Whether a request wrote anything: row counts of every table of our apps (history tables included) and a
fingerprint of their content, so a failure names the tables that changed instead of dumping every row."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import connection

from tests.ipec.invariants import project_models
from tests.ipec.invariants import snapshot as rows_of_every_table


@dataclass(frozen=True)
class State:
    counts: dict[str, int]
    fingerprints: dict[str, str]

    def changes_since(self, before: State) -> list[str]:
        """The tables whose row count or content differ from `before`, in words."""
        changed = []
        for table, fingerprint in self.fingerprints.items():
            if fingerprint != before.fingerprints.get(table):
                was, now = before.counts.get(table, 0), self.counts[table]
                changed.append(f"{table}: {was} -> {now} rows" if was != now else f"{table}: a row's content changed")
        return changed


def state() -> State:
    if connection.vendor == "postgresql":
        return _state_in_one_query()
    rows = rows_of_every_table()
    return State(
        counts={table: len(table_rows) for table, table_rows in rows.items()},
        fingerprints={
            table: hashlib.sha256(repr(table_rows).encode()).hexdigest() for table, table_rows in rows.items()
        },
    )


def assert_unchanged(before: State) -> None:
    changed = state().changes_since(before)
    assert not changed, "the refused request wrote to the database: " + "; ".join(changed)


def _state_in_one_query() -> State:
    """PostgreSQL counts and hashes every table itself, in one round trip: some 1,500 cases take two each."""
    tables = sorted({model._meta.db_table for model in project_models()})
    selects = [
        f"SELECT %s, count(*), md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) "
        f"FROM {connection.ops.quote_name(table)} r"
        for table in tables
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), tables)
        found = cursor.fetchall()
    return State(counts={t: n for t, n, _ in found}, fingerprints={t: digest for t, _, digest in found})
