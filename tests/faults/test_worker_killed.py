"""A worker killed mid-render: its job is delivered again and exactly one report version and file result.

The render is held (tests/faults/worker_settings.py) once its job is claimed and marked
`rendering`, so the kill always lands mid-render. Two ways a worker dies:

- the pool process running the task is killed (out of memory, say): the worker's main process
  sees it go and, as the task has acks_late and reject_on_worker_lost, gives the message back
  to the queue at once;
- the whole worker is killed (the machine is lost): nobody gives the message back; Redis hands
  it to another worker once its visibility timeout has passed (an hour in production; two
  seconds here).

Either way the message comes back with the same task id, finds its job `rendering` under that
id and takes it over (evaluations.report_jobs.claim).
"""

from __future__ import annotations

import hashlib
import os
import signal

import pytest
from django.db import transaction

from evaluations.models import EvaluationReport, ReportState
from evaluations.report_jobs import FINAL_STATES, request_report
from tests.factories import make_evaluation
from tests.faults.conftest import stored_files
from tests.faults.servers import wait_until

pytestmark = [
    pytest.mark.faults,
    # serialized_rollback: a transactional test before this one may have flushed the reference data.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _ask_and_wait_until_rendering(hq_user, started, worker):
    evaluation = make_evaluation()
    with transaction.atomic():  # the message leaves when this commits
        report = request_report(evaluation=evaluation, by=hq_user)

    def rendering() -> bool:
        assert worker.alive(), worker.log()
        report.refresh_from_db()
        return report.state == ReportState.RENDERING and started.exists()

    wait_until(rendering, timeout=60, what=lambda: "the render begun\n" + worker.log())
    return report


def _assert_made_once(report, task_id, media_root):
    report.refresh_from_db()
    assert (report.state, report.version, report.task_id) == (ReportState.READY, 1, task_id), report.error
    assert EvaluationReport.objects.count() == 1
    files = stored_files(media_root)
    assert files == [report.file.name], files
    pdf = report.file.read()
    assert pdf.startswith(b"%PDF") and hashlib.sha256(pdf).hexdigest() == report.sha256


def test_a_render_whose_pool_process_is_killed_is_delivered_again_and_made_once(
    app_on_private_redis, workers, media_root, hq_user
):
    hold = media_root.parent / "hold"
    started = media_root.parent / "hold.started"
    hold.touch()
    worker = workers(redis_url=app_on_private_redis.url, media_root=media_root, pool="prefork",
                     FAULTS_HOLD_FILE=str(hold))  # fmt: skip
    report = _ask_and_wait_until_rendering(hq_user, started, worker)
    task_id = report.task_id
    child = int(started.read_text().split()[0])
    assert child != worker.process.pid

    os.kill(child, signal.SIGKILL)
    hold.unlink()  # the next attempt renders at once
    wait_until(
        lambda: EvaluationReport.objects.get(pk=report.pk).state in FINAL_STATES,
        timeout=60,
        interval=0.25,
        what=lambda: "the report made after the kill\n" + worker.log(),
    )

    _assert_made_once(report, task_id, media_root)
    pids = started.read_text().split()
    assert len(pids) == 2 and pids[0] != pids[1], pids  # begun twice, in two processes; stored once
    log = worker.log()
    assert "WorkerLostError" in log and "signal 9" in log, log
    assert worker.alive()


def test_a_job_whose_whole_worker_is_killed_is_made_once_by_another_worker(
    app_on_private_redis, workers, media_root, hq_user
):
    hold = media_root.parent / "hold"
    started = media_root.parent / "hold.started"
    hold.touch()
    first = workers(redis_url=app_on_private_redis.url, media_root=media_root, FAULTS_HOLD_FILE=str(hold))
    report = _ask_and_wait_until_rendering(hq_user, started, first)
    task_id = report.task_id

    first.kill()
    hold.unlink()
    second = workers(redis_url=app_on_private_redis.url, media_root=media_root, FAULTS_HOLD_FILE=str(hold),
                     FAULTS_VISIBILITY_TIMEOUT="2")  # fmt: skip
    wait_until(
        lambda: EvaluationReport.objects.get(pk=report.pk).state in FINAL_STATES,
        timeout=60,
        interval=0.25,
        what=lambda: "the report made by the second worker\n" + second.log(),
    )

    _assert_made_once(report, task_id, media_root)
    assert len(started.read_text().split()) == 2
    assert f"Task evaluations.tasks.render_report[{task_id}] succeeded" in second.log(), second.log()
