"""A real Celery worker renders evaluation reports; its peak memory is read from the kernel.

`measure_worker(...)` (in the benchmark's process) starts `celery -A ipec worker --pool=solo` on
the benchmark's database and Redis, then runs `python -m bench.worker_memory OUT.json K` (a Django
process) which asks for K reports through the project's job API (evaluations.report_jobs
.request_report, the call the evaluation pages and services make), waits until every job is
ready or failed, and removes the jobs and their files again so the database stays as seeded.
The worker is then stopped (SIGTERM, Celery's warm shutdown) and reaped with os.wait4, whose
resource usage carries the worker's peak resident set size (ru_maxrss): with the solo pool the
rendering happens in that one process. Everything is bounded: JOBS_TIMEOUT for the jobs, then
SIGKILL if the worker does not stop.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.config import ROOT

JOBS_TIMEOUT = 240
STOP_TIMEOUT = 30


# In the Django process ----------------------------------------------------------------------


def richest_evaluations(count: int) -> list:
    from django.db.models import Count

    from bench.pages import stable_project_ids
    from evaluations.models import Evaluation

    return list(
        Evaluation.objects.filter(projects__in=stable_project_ids())
        .distinct()
        .annotate(
            content=Count("findings", distinct=True)
            + Count("recommendations", distinct=True)
            + Count("lessons", distinct=True)
        )
        .order_by("-content", "pk")[:count]
    )


def run_jobs(count: int, timeout: float = JOBS_TIMEOUT) -> dict:
    from accounts.models import User
    from evaluations import report_jobs
    from evaluations.models import EvaluationReport, ReportState

    hq = User.objects.get(username="hq")
    started = time.monotonic()
    jobs = [report_jobs.request_report(evaluation=e, by=hq).pk for e in richest_evaluations(count)]
    final = {ReportState.READY, ReportState.FAILED}
    while time.monotonic() - started < timeout:
        states = dict(EvaluationReport.objects.filter(pk__in=jobs).values_list("pk", "state"))
        if all(state in final for state in states.values()):
            break
        time.sleep(0.5)
    seconds = time.monotonic() - started
    reports = list(EvaluationReport.objects.filter(pk__in=jobs).order_by("pk"))
    result = {
        "jobs": len(jobs),
        "seconds": round(seconds, 1),
        "states": [r.state for r in reports],
        "pages": [r.page_count for r in reports],
        "errors": [r.error for r in reports if r.error],
    }
    for report in reports:  # leave the database as seeded
        if report.file:
            report.file.delete(save=False)
        report.delete()
    return result


def main(argv: list[str]) -> int:
    import django

    django.setup()
    with open(argv[1], "w") as out:
        json.dump(run_jobs(int(argv[2])), out, indent=1)
    return 0


# In the benchmark's process -----------------------------------------------------------------


def _reap(pid: int, timeout: float) -> tuple[int, object] | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        reaped, status, usage = os.wait4(pid, os.WNOHANG)
        if reaped:
            return status, usage
        time.sleep(0.2)
    return None


def measure_worker(env: dict[str, str], jobs: int, work_dir: Path) -> dict:
    celery = str(Path(sys.executable).with_name("celery"))
    log_path = work_dir / "celery-worker.log"
    with open(log_path, "w") as log:
        worker = subprocess.Popen(
            [
                celery,
                "-A",
                "ipec",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--hostname",
                f"bench-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    out = work_dir / "worker-jobs.json"
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "bench.worker_memory", str(out), str(jobs)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=JOBS_TIMEOUT + 60,
        )
        if completed.returncode != 0:
            raise RuntimeError(f"report jobs failed:\n{completed.stderr[-3000:]}")
        result = json.loads(out.read_text())
    finally:
        worker.send_signal(signal.SIGTERM)
        reaped = _reap(worker.pid, STOP_TIMEOUT)
        if reaped is None:
            worker.kill()
            reaped = _reap(worker.pid, 10)
        worker.returncode = -1  # reaped here, not by Popen
    _status, usage = reaped
    result["worker_peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)
    result["worker_log"] = str(log_path)
    return result


if __name__ == "__main__":
    sys.exit(main(sys.argv))
