"""Whether a benchmark database is already seeded as wanted, so that a re-run reuses it."""

from __future__ import annotations

import json

from bench.databases import (
    MARKER_KIND,
    migration_fingerprint,
    parse_marker,
    reuse_decision,
    seed_fingerprint,
    wanted_marker,
)

WANTED = {"kind": MARKER_KIND, "projects": 1000, "seed": "s1", "migrations": "m1"}


def test_the_same_marker_is_reused():
    recorded = {**WANTED, "built_on": "2026-01-01", "seed_seconds": 6.0}
    assert reuse_decision(recorded, WANTED) == (True, "already seeded with the same size, seed code and migrations")


def test_no_marker_means_a_build_that_never_finished():
    reuse, reason = reuse_decision(None, WANTED)
    assert not reuse
    assert "no marker" in reason


def test_any_difference_rebuilds_and_says_which():
    for key, what in (("projects", "size"), ("seed", "seed code"), ("migrations", "migrations")):
        reuse, reason = reuse_decision({**WANTED, key: "other"}, WANTED)
        assert not reuse
        assert reason.startswith(what)
    assert not reuse_decision({**WANTED, "kind": "someone-else"}, WANTED)[0]


def test_markers_are_read_from_the_database_comment():
    assert parse_marker(json.dumps(WANTED)) == WANTED
    assert parse_marker(None) is None
    assert parse_marker("a comment someone wrote") is None
    assert parse_marker("[1, 2]") is None


def _project(tmp_path):
    for app in ("accounts", "projects"):
        (tmp_path / app / "migrations").mkdir(parents=True)
        (tmp_path / app / "migrations" / "0001_initial.py").write_text("operations = []\n")
    (tmp_path / "ipec" / "demo").mkdir(parents=True)
    (tmp_path / "ipec" / "demo" / "plan.py").write_text("N = 1\n")
    (tmp_path / "projects" / "management" / "commands").mkdir(parents=True)
    (tmp_path / "projects" / "management" / "commands" / "seed_demo.py").write_text("")
    (tmp_path / "projects" / "reference.py").write_text("")
    return tmp_path


def test_a_new_migration_changes_the_migration_fingerprint_only(tmp_path):
    root = _project(tmp_path)
    before = wanted_marker(1000, root)
    (root / "projects" / "migrations" / "0002_indexes.py").write_text("operations = ['index']\n")
    after = wanted_marker(1000, root)
    assert after["migrations"] != before["migrations"]
    assert after["seed"] == before["seed"]
    assert not reuse_decision(before, after)[0]


def test_a_change_to_the_demo_plan_changes_the_seed_fingerprint(tmp_path):
    root = _project(tmp_path)
    before = seed_fingerprint(root)
    (root / "ipec" / "demo" / "plan.py").write_text("N = 2\n")
    assert seed_fingerprint(root) != before
    assert migration_fingerprint(root) == migration_fingerprint(root)
