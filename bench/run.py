"""`make bench` (`python -m bench`): build or reuse the databases, measure, and write docs/performance.{json,md}.

Phases, each in processes of its own so that one size's Django never sees another's database:

1. per size: the database (bench.databases), the pages (bench.measure_size), the CSV export's
   time and peak memory (bench.export_memory);
2. on the smallest size (a report's cost does not depend on the portfolio's): report rendering
   against plain WeasyPrint (bench.report_render), and a real Celery worker's peak memory
   (bench.worker_memory);
3. on the largest size: the load test under gunicorn (bench.loadtest).

A phase that fails is recorded with its error and the run goes on, so the documents are always
written; the exit status is then 1. The Redis database of the benchmark is emptied before each
phase: the dashboard's cache key does not name the database, and the sizes share one Redis.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from bench import config as bench_config
from bench import databases, loadtest, machine, markdown, targets, worker_memory
from bench.config import ROOT, BenchConfig, django_env

METHOD = [
    "Server time: each page is requested in-process with Django's test Client (the full handler and middleware "
    "stack, as under WSGI, without web server or network) against the real PostgreSQL database, signed in as the "
    "demo HQ user, DEBUG off, the cache in Redis; timed from the call until the body is read. {warmups} warm-up "
    "requests, then up to {runs} timed ones (at least {min_runs}; a page stops after {seconds:.0f} s of timed "
    "requests). Median and 95th percentile (linear interpolation).",
    "Query count: the last warm-up request, under CaptureQueriesContext (sessions and user included).",
    "Slow pages: after a warm-up slower than 2 s no more warm-ups are made, and a page stops after 3 timed requests "
    "once it has had 15 s; the Runs column says how many timed requests a page had.",
    "Dashboard: *cold* empties the figures' cache (a new portfolio version) before every request, so every request "
    "recomputes the figures; *warm* reads them from Redis.",
    "Objects: a flagship project of the demo (the same at every size) with the most progress reports and countries, "
    "its first country, its largest funder's partner page, and the flagships' evaluation with the most content.",
    "Deep page: 3/4 of the way down the unfiltered list, reached by following the list's own “next” links (page-number "
    "links are jumped to directly once recognised).",
    "CSV export: the whole portfolio in a fresh process, its body read chunk by chunk; peak memory is the process's "
    "peak resident set size (getrusage ru_maxrss), Django and the session included, the same on both sides.",
    "Databases: `manage.py migrate`, `seed_demo --projects N`, `VACUUM ANALYZE`; reused by later runs while the "
    "size, the seed code and the migrations are unchanged (a marker in the database's COMMENT).",
    "Load test: locust (headless, FastHttpUser) on loopback against gunicorn with the production settings "
    "(SECURE_SSL_REDIRECT off, X-Forwarded-Proto sent as the TLS proxy would); sessions signed in beforehand; "
    "{load_seconds} s per single-page scenario. Locust, gunicorn and PostgreSQL share the machine's cores.",
]


def _python(module: str, args: list[str], env: dict[str, str], timeout: float) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, env=env, timeout=timeout, stderr=subprocess.PIPE, text=True
    )
    if completed.returncode != 0:
        raise RuntimeError(f"python -m {module} failed ({completed.returncode}):\n{completed.stderr[-4000:]}")


def _empty_redis(config: BenchConfig) -> None:
    import redis

    redis.Redis.from_url(config.redis_url, socket_connect_timeout=5).flushdb()


def _phase(results: dict, key: str, errors: list[str], action, timings: dict) -> None:
    started = time.monotonic()
    try:
        results[key] = action()
    except Exception as error:  # recorded, and the run goes on to write what it has
        traceback.print_exc()
        results[key] = {"error": f"{type(error).__name__}: {str(error)[:2000]}"}
        errors.append(key)
    timings[key] = round(time.monotonic() - started)


def _measure_size(config: BenchConfig, size: int, work: Path) -> dict:
    env = django_env(config, size, work_dir=work)
    state = databases.ensure_database(config, size, env)
    result: dict = {"database": {k: v for k, v in vars(state).items() if k != "marker"}}
    _empty_redis(config)
    out = work / f"pages-{size}.json"
    _python("bench.measure_size", [str(out)], env, timeout=45 * 60)
    result.update(json.loads(out.read_text()))
    out = work / f"export-{size}.json"
    _python("bench.export_memory", [str(out)], env, timeout=20 * 60)
    result["export"] = json.loads(out.read_text())
    print(
        f"    CSV export: {result['export']['rows']:,} rows in {result['export']['seconds']} s, "
        f"peak RSS {result['export']['peak_rss_mb']} MB"
    )
    return result


def run(config: BenchConfig) -> int:
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="ipec-bench-"))
    (work / "media").mkdir()
    (work / "static").mkdir()
    errors: list[str] = []
    reps = config.repetitions
    data: dict = {
        "machine": machine.describe(config.maintenance_url(), config.redis_url),
        "config": {
            "sizes": list(config.sizes),
            "quick": config.quick,
            "warmups": reps.warmups,
            "runs": reps.runs,
            "min_runs": reps.min_runs,
            "seconds_per_page": reps.seconds_per_page,
            "load_seconds": config.load_seconds,
        },
        "method": [
            line.format(
                warmups=reps.warmups,
                runs=reps.runs,
                min_runs=reps.min_runs,
                seconds=reps.seconds_per_page,
                load_seconds=config.load_seconds,
            )
            for line in METHOD
        ],
        "sizes": {},
        "phase_seconds": {},
    }
    timings = data["phase_seconds"]
    print(f"Benchmark: sizes {config.sizes}{' (quick)' if config.quick else ''}; work files in {work}")
    for size in config.sizes:
        print(f"{size:,} projects")
        _phase(data["sizes"], str(size), errors, lambda size=size: _measure_size(config, size, work), timings)

    smallest, largest = min(config.sizes), max(config.sizes)
    small_env = django_env(config, smallest, work_dir=work)
    print(f"Report rendering and worker memory at {smallest:,} projects")

    def report_render() -> dict:
        out = work / "report-render.json"
        _python("bench.report_render", [str(out), "2" if config.quick else "5"], small_env, timeout=15 * 60)
        result = json.loads(out.read_text())
        print(
            f"    report {result['report_seconds_per_page']} s/page, plain {result['plain_seconds_per_page']} s/page,"
            f" ratio {result['ratio']}"
        )
        return result

    def worker() -> dict:
        _empty_redis(config)
        result = worker_memory.measure_worker(small_env, config.report_jobs, work)
        print(f"    worker: {result['states']} in {result['seconds']} s, peak RSS {result['worker_peak_rss_mb']} MB")
        return result

    _phase(data, "report_render", errors, report_render, timings)
    _phase(data, "worker", errors, worker, timings)

    print(f"Load test at {largest:,} projects")

    def load() -> dict:
        urls = data["sizes"][str(largest)].get("load_test_urls")
        if not urls:
            raise RuntimeError(f"the pages at {largest:,} projects were not measured")
        _empty_redis(config)
        result = loadtest.run_load_test(django_env(config, largest, work_dir=work), urls, config.load_seconds, work)
        return {"size": largest, **result}

    _phase(data, "load_test", errors, load, timings)
    _empty_redis(config)

    data["config"]["total_seconds"] = round(time.monotonic() - started)
    data["targets"] = targets.evaluate(data)
    config.output.mkdir(parents=True, exist_ok=True)
    (config.output / "performance.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    (config.output / "performance.md").write_text(markdown.render(data))
    print(f"\nWrote {config.output / 'performance.md'} and performance.json in {data['config']['total_seconds']} s.")
    for verdict in data["targets"]:
        print(f"  {verdict['status']:<13} {verdict['target']}: {verdict['measured']}")
    if errors:
        print(f"Phases that failed: {', '.join(errors)} (work files kept in {work})")
        return 1
    shutil.rmtree(work, ignore_errors=True)
    return 0


def main() -> int:
    try:
        config = bench_config.from_environment()
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    return run(config)
