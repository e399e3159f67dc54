"""The benchmark's databases, `ipec_bench_<N>`: built once, reused while nothing they depend on has changed.

A database is built by `manage.py migrate`, `manage.py seed_demo --projects N` and `VACUUM ANALYZE`
(a production database has statistics; a freshly COPYed one has none until autovacuum runs, and
the planner's choices, hence the timings, would depend on when it did). Only then is a marker
written, as the database's COMMENT: the size, the seed fingerprint (the demo plan's code) and the
migration fingerprint (every migration file of the project, Django's and django-simple-history's
versions). A database whose marker matches is reused as it is; any difference, or no marker (a
build that died half-way), drops it and builds it again. A migration added since the build
therefore means a rebuild: the data must be what seed_demo writes under the current schema.

The demo plan dates its open progress reports as at the day of the build, so databases built on
different days differ in those rows only; the marker keeps the build date for the report.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from bench.config import ROOT, BenchConfig, database_name

MARKER_KIND = "ipec-bench"
PROJECT_APPS = ("accounts", "countries", "partners", "projects", "evaluations", "ipec")
# The code whose output is the seeded data.
SEED_SOURCES = ("ipec/demo", "projects/management/commands/seed_demo.py", "projects/reference.py")
SEED_TIMEOUT = 15 * 60


def _digest(paths: list[Path], root: Path) -> str:
    hasher = hashlib.sha256()
    for path in sorted(paths):
        hasher.update(str(path.relative_to(root)).encode())
        hasher.update(b"\0")
        hasher.update(path.read_bytes())
        hasher.update(b"\0")
    return hasher.hexdigest()[:16]


def seed_fingerprint(root: Path = ROOT) -> str:
    paths: list[Path] = []
    for name in SEED_SOURCES:
        source = root / name
        paths += sorted(source.rglob("*.py")) if source.is_dir() else [source]
    return _digest(paths, root)


def migration_fingerprint(root: Path = ROOT) -> str:
    paths = [path for app in PROJECT_APPS for path in (root / app / "migrations").glob("*.py")]
    versions = ",".join(f"{dist}={metadata.version(dist)}" for dist in ("Django", "django-simple-history"))
    return f"{_digest(paths, root)}-{hashlib.sha256(versions.encode()).hexdigest()[:8]}"


def wanted_marker(size: int, root: Path = ROOT) -> dict:
    return {
        "kind": MARKER_KIND,
        "projects": size,
        "seed": seed_fingerprint(root),
        "migrations": migration_fingerprint(root),
    }


def reuse_decision(recorded: dict | None, wanted: dict) -> tuple[bool, str]:
    """Whether a database with marker `recorded` is the one `wanted` describes, and why (or why not)."""
    if not recorded:
        return False, "no marker: never built, or its build did not finish"
    if recorded.get("kind") != MARKER_KIND:
        return False, "not a benchmark database marker"
    for key, what in (("projects", "size"), ("seed", "seed code"), ("migrations", "migrations")):
        if recorded.get(key) != wanted[key]:
            return False, f"{what} changed ({recorded.get(key)!r} -> {wanted[key]!r})"
    return True, "already seeded with the same size, seed code and migrations"


def parse_marker(comment: str | None) -> dict | None:
    if not comment:
        return None
    try:
        marker = json.loads(comment)
    except ValueError:
        return None
    return marker if isinstance(marker, dict) else None


@dataclass
class DatabaseState:
    name: str
    size: int
    reused: bool
    reason: str
    built_on: str
    build_seconds: float | None  # seed_demo's time when built by this run or recorded by the run that built it
    marker: dict


def _connect(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def read_marker(config: BenchConfig, size: int) -> dict | None:
    from psycopg import sql

    with _connect(config.maintenance_url()) as conn:
        row = conn.execute(
            sql.SQL("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = {}").format(
                sql.Literal(database_name(size))
            )
        ).fetchone()
    return parse_marker(row[0]) if row else None


def _recreate(config: BenchConfig, size: int) -> None:
    from psycopg import sql

    name = sql.Identifier(database_name(size))
    with _connect(config.maintenance_url()) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def _write_marker(config: BenchConfig, size: int, marker: dict) -> None:
    from psycopg import sql

    with _connect(config.maintenance_url()) as conn:
        conn.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(database_name(size)), sql.Literal(json.dumps(marker, sort_keys=True))
            )
        )


def _manage(args: list[str], env: dict[str, str], timeout: float) -> None:
    completed = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if completed.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{completed.stdout}\n{completed.stderr}")


def ensure_database(
    config: BenchConfig, size: int, env: dict[str, str], log: Callable[[str], None] = print
) -> DatabaseState:
    """The database of `size`, seeded: reused when its marker matches, else built from nothing."""
    wanted = wanted_marker(size)
    recorded = None if config.rebuild else read_marker(config, size)
    reuse, reason = reuse_decision(recorded, wanted) if not config.rebuild else (False, "BENCH_REBUILD=1")
    if reuse:
        log(f"  {database_name(size)}: reused ({reason})")
        return DatabaseState(
            database_name(size),
            size,
            True,
            reason,
            recorded.get("built_on", ""),
            recorded.get("seed_seconds"),
            recorded,
        )
    log(f"  {database_name(size)}: building ({reason})")
    _recreate(config, size)
    _manage(["migrate", "--no-input"], env, timeout=600)
    started = time.monotonic()
    _manage(["seed_demo", "--projects", str(size)], env, timeout=SEED_TIMEOUT)
    seed_seconds = round(time.monotonic() - started, 1)
    with _connect(config.database_url(size)) as conn:
        conn.execute("VACUUM ANALYZE")
    marker = {**wanted, "built_on": datetime.date.today().isoformat(), "seed_seconds": seed_seconds}
    _write_marker(config, size, marker)
    log(f"  {database_name(size)}: built, seed_demo took {seed_seconds} s")
    return DatabaseState(database_name(size), size, False, reason, marker["built_on"], seed_seconds, marker)
