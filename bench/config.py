"""What a benchmark run is told by the environment, and the environment it gives the processes it starts.

BENCH_SIZES=1000,10000,100000   portfolio sizes (projects) to build and measure
BENCH_QUICK=1                   smoke mode: 1,000 projects unless BENCH_SIZES says otherwise, few repetitions,
                                short load-test runs
BENCH_DATABASE_URL              PostgreSQL server to use (its database name is replaced by ipec_bench_<N>);
                                else DATABASE_URL when it is PostgreSQL; else postgres://postgres@127.0.0.1:5432
BENCH_REDIS_URL                 Redis database for the cache and the Celery broker (default redis://127.0.0.1:6379/3).
                                The benchmark empties it between phases, so it is never taken from REDIS_URL.
BENCH_REBUILD=1                 drop and rebuild the databases even when they are already seeded
BENCH_OUTPUT                    folder for performance.md and performance.json (default docs/)
BENCH_LOAD_SECONDS              seconds per load-test scenario (default 20; the mixed one runs twice as long)
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (1000, 10_000, 100_000)
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"
DEFAULT_REDIS = "redis://127.0.0.1:6379/3"
DATABASE_PREFIX = "ipec_bench_"


@dataclass(frozen=True)
class Repetitions:
    """How often each page is requested: warm-ups (not timed), then timed requests until `runs` or the budget."""

    warmups: int = 3
    runs: int = 20
    min_runs: int = 10
    seconds_per_page: float = 5.0  # a slow page stops after this, with at least min_runs timed requests


@dataclass(frozen=True)
class BenchConfig:
    sizes: tuple[int, ...]
    quick: bool
    server_url: str  # scheme://user@host:port, no database
    redis_url: str
    rebuild: bool
    output: Path
    load_seconds: int
    repetitions: Repetitions
    report_jobs: int  # reports the Celery worker renders for its peak memory
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(60), repr=False)

    def database_url(self, size: int) -> str:
        return f"{self.server_url}/{database_name(size)}"

    def maintenance_url(self) -> str:
        return f"{self.server_url}/postgres"

    @property
    def deep_page_fraction(self) -> float:
        # How far down the unfiltered list the "deep page" is: 3/4 of the way, so page 1,500 of
        # 2,000 at 100,000 projects (the page the baseline measured) and page 15 at 1,000.
        return 0.75

    @property
    def max_deep_page(self) -> int | None:
        return 4 if self.quick else None


def database_name(size: int) -> str:
    return f"{DATABASE_PREFIX}{size}"


def parse_sizes(text: str) -> tuple[int, ...]:
    """ "1000, 10000" -> (1000, 10000): sorted, without repeats; a bad value is an error that names it."""
    sizes = set()
    for part in text.split(","):
        part = part.strip().replace("_", "")
        if not part:
            continue
        if not part.isdigit() or int(part) < 1:
            raise ValueError(f"BENCH_SIZES: {part!r} is not a number of projects (e.g. BENCH_SIZES=1000,10000).")
        sizes.add(int(part))
    if not sizes:
        raise ValueError("BENCH_SIZES names no size (e.g. BENCH_SIZES=1000,10000).")
    return tuple(sorted(sizes))


def server_url(environ: dict[str, str]) -> str:
    """The PostgreSQL server, without a database name: BENCH_DATABASE_URL, else a PostgreSQL DATABASE_URL."""
    for name in ("BENCH_DATABASE_URL", "DATABASE_URL"):
        url = environ.get(name, "")
        if url.startswith(("postgres://", "postgresql://")):
            parts = urlsplit(url)
            return urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    return DEFAULT_SERVER


def _flag(environ: dict[str, str], name: str) -> bool:
    return environ.get(name, "").strip().lower() in {"1", "true", "yes"}


def from_environment(environ: dict[str, str] | None = None) -> BenchConfig:
    environ = dict(os.environ if environ is None else environ)
    quick = _flag(environ, "BENCH_QUICK")
    default_sizes = ",".join(str(n) for n in ((1000,) if quick else DEFAULT_SIZES))
    sizes = parse_sizes(environ.get("BENCH_SIZES") or default_sizes)
    repetitions = Repetitions(warmups=1, runs=5, min_runs=3, seconds_per_page=2.0) if quick else Repetitions()
    load_seconds = int(environ.get("BENCH_LOAD_SECONDS") or (5 if quick else 20))
    return BenchConfig(
        sizes=sizes,
        quick=quick,
        server_url=server_url(environ),
        redis_url=environ.get("BENCH_REDIS_URL") or DEFAULT_REDIS,
        rebuild=_flag(environ, "BENCH_REBUILD"),
        output=Path(environ.get("BENCH_OUTPUT") or ROOT / "docs"),
        load_seconds=load_seconds,
        repetitions=repetitions,
        report_jobs=1 if quick else 3,
    )


def django_env(config: BenchConfig, size: int, *, work_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a Django process working on the database of `size` (base settings, DEBUG off)."""
    env = {
        key: value
        for key, value in os.environ.items()
        # The parent's Django and service settings must not leak into the child.
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CELERY_", "GUNICORN_"))
        and key not in {"DEBUG", "MEDIA_ROOT", "STATIC_ROOT", "SECRET_KEY", "CI"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="ipec.settings.base",
        DATABASE_URL=config.database_url(size),
        REDIS_URL=config.redis_url,
        DEBUG="false",
        SECRET_KEY=config.secret_key,
        MEDIA_ROOT=str(work_dir / "media"),
        STATIC_ROOT=str(work_dir / "static"),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env
