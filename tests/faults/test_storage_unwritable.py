"""The report storage cannot be written: the job fails clearly, is retried, and succeeds once storage is back.

How the storage is made unwritable: its folder (MEDIA_ROOT/evaluation-reports) is given mode
0500, so the worker's mkdir in it is refused by the kernel with EACCES — what a wrong owner or
a read-only volume gives in production. Root would ignore the mode, and the tests run as root, so
the worker runs without the capabilities that let root ignore file modes (CAP_DAC_OVERRIDE,
CAP_DAC_READ_SEARCH, CAP_FOWNER; `setpriv`), as an ordinary worker user would. Nothing in the
storage or the task is replaced; only the back-off between retries is shortened (1 s, not 30 s:
tests/faults/worker_settings.py).
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from evaluations.models import EvaluationReport, ReportState
from evaluations.report_jobs import FINAL_STATES, request_report
from evaluations.tasks import MAX_RETRIES
from tests.factories import make_evaluation
from tests.faults.conftest import stored_files
from tests.faults.servers import wait_until

pytestmark = [
    pytest.mark.faults,
    # serialized_rollback: a transactional test before this one may have flushed the reference data.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RETRY_SECONDS = 1


@pytest.fixture
def unwritable_storage(media_root):
    """The reports folder, closed to writing (0500) even for its owner."""
    folder = media_root / "evaluation-reports"
    folder.mkdir()
    folder.chmod(0o500)
    return folder


@pytest.fixture
def storage_worker(app_on_private_redis, workers, media_root, unwritable_storage):
    return workers(
        redis_url=app_on_private_redis.url, media_root=media_root, obey_file_modes=True,
        FAULTS_RETRY_SECONDS=str(RETRY_SECONDS),
    )  # fmt: skip


def _ask(hq_user) -> EvaluationReport:
    with transaction.atomic():  # the message leaves when this commits
        return request_report(evaluation=make_evaluation(), by=hq_user)


def _state(report: EvaluationReport) -> tuple[str, str]:
    report.refresh_from_db()
    return report.state, report.error


def test_a_render_that_cannot_be_stored_is_retried_and_succeeds_once_storage_is_writable(
    storage_worker, unwritable_storage, media_root, hq_user
):
    report = _ask(hq_user)
    wait_until(lambda: "Permission denied" in _state(report)[1], timeout=60,
               what=lambda: f"a failed try recorded: {_state(report)}\n{storage_worker.log()}")  # fmt: skip
    state, error = _state(report)
    # Not failed yet: waiting for its next try, with the reason in words.
    assert state in (ReportState.QUEUED, ReportState.RENDERING), (state, error)
    assert error.startswith("PermissionError: [Errno 13] Permission denied: ") and str(unwritable_storage) in error

    unwritable_storage.chmod(0o700)
    wait_until(lambda: _state(report)[0] in FINAL_STATES, timeout=60,
               what=lambda: f"the retry done: {_state(report)}\n{storage_worker.log()}")  # fmt: skip

    assert _state(report) == (ReportState.READY, "")
    assert stored_files(media_root) == [report.file.name] and report.file.size == report.size_bytes
    log = storage_worker.log()
    assert f"Retry in {RETRY_SECONDS}s" in log and "succeeded" in log, log


def test_a_render_that_can_never_be_stored_fails_clearly_after_its_retries(
    storage_worker, unwritable_storage, media_root, hq_user
):
    report = _ask(hq_user)
    wait_until(lambda: _state(report)[0] in FINAL_STATES, timeout=20 + MAX_RETRIES * (RETRY_SECONDS + 8),
               what=lambda: f"the job given up: {_state(report)}\n{storage_worker.log()}")  # fmt: skip

    state, error = _state(report)
    assert state == ReportState.FAILED
    assert error.startswith("PermissionError: [Errno 13] Permission denied: ") and str(unwritable_storage) in error
    log = storage_worker.log()
    assert log.count("Retry in") == MAX_RETRIES and f"failed after {MAX_RETRIES + 1} tries" in log, log
    assert stored_files(media_root) == []

    # HQ sees that it failed and why, and may ask again; with the storage writable, that one is made.
    hq = Client()
    hq.force_login(hq_user)
    page = f"/evaluations/{report.evaluation_id}/report/"
    status = hq.get(f"{page}status.json").json()
    assert (status["state"], status["final"]) == ("failed", True) and status["error"] == error
    assert "The report could not be made." in hq.get(page).content.decode()
    unwritable_storage.chmod(0o700)
    assert hq.post(page).status_code == 302
    again = EvaluationReport.objects.get(evaluation_id=report.evaluation_id, version=2)
    wait_until(lambda: _state(again)[0] in FINAL_STATES, timeout=60,
               what=lambda: f"the new report: {_state(again)}\n{storage_worker.log()}")  # fmt: skip
    assert _state(again) == (ReportState.READY, "")
    assert stored_files(media_root) == [again.file.name]
