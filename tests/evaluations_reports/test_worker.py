"""A real Celery worker, started as its own process on the real Redis and PostgreSQL, renders a report end to end."""

from __future__ import annotations

import hashlib
import io
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import transaction

from evaluations.models import ReportState
from evaluations.report_jobs import FINAL_STATES, request_report
from evaluations.reports import LABELS
from tests.evaluations_reports.conftest import make_rich_evaluation, pdf_text

ROOT = Path(__file__).resolve().parents[2]
TASK = "evaluations.tasks.render_report"


def _test_database_url() -> str:
    """DATABASE_URL, pointing at the test database pytest-django made (test_<name>), for the worker."""
    from django.db import connection

    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.fixture
def report_worker(redis_url, transactional_db, settings, tmp_path):
    """`celery worker` on a private queue, with the test's database and media folder; the render task routed to it."""
    from django.db import connection

    from ipec.celery import app

    if connection.vendor != "postgresql":
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI must run on PostgreSQL")
        pytest.skip("the worker process needs a database it can share: set DATABASE_URL to PostgreSQL")
    queue = f"test-reports-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DATABASE_URL": _test_database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    log_path = tmp_path / "worker.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "ipec", "worker", "--pool=solo", "-Q", queue, "--loglevel=info",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    previous_routes = app.conf.task_routes
    app.conf.update(task_routes={TASK: {"queue": queue}})
    try:
        assert app.amqp.router.route({}, TASK)["queue"].name == queue
        yield process, log_path
    finally:
        app.conf.update(task_routes=previous_routes)
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.mark.worker
# serialized_rollback: a transactional test before this one may have flushed the reference data.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_worker_renders_the_report_end_to_end(report_worker, hq_user, evaluator, tmp_path):
    from ipec.celery import app

    process, log_path = report_worker
    assert not app.conf.task_always_eager, "with REDIS_URL set, tasks must go to the broker"
    evaluation = make_rich_evaluation(language="fr", hq=hq_user, evaluators=[evaluator])

    with transaction.atomic():
        report = request_report(evaluation=evaluation, by=hq_user)
        assert report.state == ReportState.WAITING
    # Sent when the transaction committed; the worker claims, renders, stores.
    deadline = time.monotonic() + 120
    while report.state not in FINAL_STATES:
        assert process.poll() is None, "the worker died:\n" + log_path.read_text(errors="replace")
        assert time.monotonic() < deadline, "no report after 2 minutes:\n" + log_path.read_text(errors="replace")
        time.sleep(0.25)
        report.refresh_from_db()
    worker_log = log_path.read_text(errors="replace")
    assert report.state == ReportState.READY, report.error + "\n" + worker_log

    pdf = report.file.read()
    assert hashlib.sha256(pdf).hexdigest() == report.sha256 and len(pdf) == report.size_bytes
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(pdf)).pages) == report.page_count >= 6
    assert report.task_id and report.rendered_at and report.requested_by == hq_user and report.language == "fr"

    text = pdf_text(pdf, tmp_path)
    assert "IND/14/05/USA" in text
    for key in ("executive_summary", "purpose_scope_methodology", "findings", "conclusions", "recommendations",
                "lessons", "good_practices", "progress", "annexes"):  # fmt: skip
        assert LABELS["fr"][key] in text, key
    assert "Enfants retirés du travail Filles 12–14 1 200 1 137 95 %" in text
    assert "Évaluation finale indépendante du projet cacao – Côte d’Ivoire" in text
    assert "señora Muñoz, M. Lefèvre" in text and "Cañete" in text
    assert f"Page 2 sur {report.page_count}" in text

    # The worker's own account of the render: pages, seconds and its peak memory.
    measured = re.search(r"v1: (\d+) pages, (\d+) bytes in ([\d.]+) s; worker peak RSS (\d+) MB", worker_log)
    assert measured, worker_log
    print(f"\nreal worker: {measured[1]} pages, {measured[2]} bytes in {measured[3]} s, peak RSS {measured[4]} MB")
    assert " ERROR" not in worker_log, worker_log
