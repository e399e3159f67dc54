"""Report jobs: asked for once, rendered once, retried, swept, and never lost when the broker is down.

The render itself is a stand-in here (fake_render); test_pdf.py and test_worker.py render for real.
"""

from __future__ import annotations

import datetime

import kombu.pools
import pytest
from celery.exceptions import Retry
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from evaluations import report_jobs, reports
from evaluations.models import EvaluationReport, EvaluationStatus, ReportState, report_upload_to
from evaluations.report_jobs import on_step_reached, request_report, sweep
from evaluations.services import evaluation_advance
from evaluations.tasks import MAX_RETRIES, render_report, retry_delay, sweep_reports
from tests.evaluations_reports.conftest import FAKE_PDF, advance_to
from tests.factories import make_evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(hq_user):
    return make_evaluation(language="fr", evaluation_manager=hq_user)


def stored_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def broker(settings):
    """Point the Celery app at another broker for the test (not in-process), then back."""
    from ipec.celery import app

    saved = (app.conf.broker_url, app.conf.task_always_eager)

    def use(url: str) -> None:
        app.conf.broker_url = url
        app.conf.task_always_eager = False
        # The app and kombu keep their broker connections; drop them so the next message uses `url`.
        kombu.pools.reset()
        app._pool = None
        app.amqp._producer_pool = None
        if url == "memory://":  # its queues live as long as the process: start empty
            with app.connection_for_write() as connection:
                connection.SimpleQueue("celery").clear()

    yield use
    use(saved[0])
    app.conf.task_always_eager = saved[1]


def sent_messages() -> list[dict]:
    """The headers of the messages waiting in the in-memory broker's queue (taken off it)."""
    from ipec.celery import app

    headers = []
    with app.connection_for_write() as connection:
        queue = connection.SimpleQueue("celery")
        while queue.qsize():
            message = queue.get(timeout=1)
            message.ack()
            headers.append(message.headers)
    return headers


# Asking -------------------------------------------------------------------------------------


def test_asking_makes_a_waiting_job_that_is_sent_after_commit(
    evaluation, hq_user, fake_render, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        report = request_report(evaluation=evaluation, by=hq_user)
        assert (report.version, report.state, report.language, report.requested_by) == (1, "waiting", "fr", hq_user)
    assert len(callbacks) == 1 and fake_render == []  # nothing is sent before the commit


def test_asking_twice_while_a_job_is_waiting_or_queued_reuses_it(evaluation, hq_user, evaluator):
    first = request_report(evaluation=evaluation, by=hq_user)
    assert request_report(evaluation=evaluation, by=evaluator) == first
    EvaluationReport.objects.filter(pk=first.pk).update(state=ReportState.QUEUED)
    assert request_report(evaluation=evaluation, by=evaluator) == first
    assert EvaluationReport.objects.count() == 1
    assert EvaluationReport.objects.get().requested_by == hq_user


@pytest.mark.parametrize("state", [ReportState.RENDERING, ReportState.READY, ReportState.FAILED])
def test_asking_once_the_job_has_started_makes_the_next_version(evaluation, hq_user, state):
    first = request_report(evaluation=evaluation, by=hq_user)
    EvaluationReport.objects.filter(pk=first.pk).update(state=state, file="x.pdf", sha256="0" * 64)
    second = request_report(evaluation=evaluation, by=hq_user)
    assert (second.version, second.state) == (2, ReportState.WAITING)


def test_a_job_is_rendered_in_process_without_a_broker(
    evaluation, hq_user, fake_render, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = request_report(evaluation=evaluation, by=hq_user)
    report.refresh_from_db()
    assert report.state == ReportState.READY and fake_render == [1]
    assert report.file.read() == FAKE_PDF + b"1"
    assert report.size_bytes == len(FAKE_PDF) + 1 and report.page_count == 7 and len(report.sha256) == 64
    assert report.rendered_at is not None and report.error == "" and report.task_id
    code = evaluation.projects.get().code.replace("/", "-").lower()
    assert stored_files(settings) == [f"evaluation-reports/{evaluation.pk}/v1-{code}-evaluation-report-fr.pdf"]


def test_a_cluster_evaluations_file_name_fits_the_file_field(hq_user, fake_render, django_capture_on_commit_callbacks):
    from evaluations.models import EvaluationScope
    from tests.factories import make_project

    cluster = make_evaluation(
        project=make_project(code="GLO/13/222/USA", kind="global"),
        scope=EvaluationScope.PROJECT,
    )
    cluster.projects.add(make_project(code="INT/10/707/NET", donor_code="NET"), make_project())
    with django_capture_on_commit_callbacks(execute=True):
        report = request_report(evaluation=cluster, by=hq_user)
    report.refresh_from_db()
    assert report.state == ReportState.READY
    assert report.file.name.endswith("/v1-glo-13-222-usa-etc-evaluation-report-en.pdf")
    assert len(report.file.name) <= EvaluationReport._meta.get_field("file").max_length


def test_reaching_the_draft_and_final_report_makes_a_report(evaluation, hq_user, django_capture_on_commit_callbacks):
    # evaluation_advance calls on_step_reached: only the draft and the final report make a report.
    advance_to(evaluation, EvaluationStatus.FIELDWORK, hq_user, make_report=True)
    assert not EvaluationReport.objects.exists()
    with django_capture_on_commit_callbacks() as callbacks:
        advance_to(evaluation, EvaluationStatus.DRAFT_REPORT, hq_user, make_report=True)
    draft = EvaluationReport.objects.get()
    assert (draft.version, draft.requested_by, len(callbacks)) == (1, hq_user, 1)
    EvaluationReport.objects.filter(pk=draft.pk).update(state=ReportState.READY, file="x.pdf", sha256="0" * 64)
    advance_to(evaluation, EvaluationStatus.FINAL_REPORT, hq_user, make_report=True)
    final = EvaluationReport.objects.latest("version")
    assert (final.version, final.requested_by) == (2, hq_user)
    advance_to(evaluation, EvaluationStatus.PUBLISHED, hq_user, make_report=True)
    assert EvaluationReport.objects.count() == 2
    assert on_step_reached(evaluation) is None


def test_a_loader_can_advance_without_making_a_report(evaluation, hq_user):
    today = datetime.date.today()
    while evaluation.status != EvaluationStatus.FINAL_REPORT:
        evaluation_advance(evaluation=evaluation, reached_on=today, changed_by=hq_user, make_report=False)
        evaluation.refresh_from_db()
    assert not EvaluationReport.objects.exists()


# Rendering exactly once ---------------------------------------------------------------------


def test_running_the_task_twice_makes_one_file_and_one_version(evaluation, hq_user, fake_render, settings):
    report = request_report(evaluation=evaluation, by=hq_user)
    assert render_report.apply(args=[report.pk]).get() == "rendered"
    assert render_report.apply(args=[report.pk]).get() == "skipped"
    assert fake_render == [1]
    assert EvaluationReport.objects.count() == 1 and len(stored_files(settings)) == 1
    assert EvaluationReport.objects.get().state == ReportState.READY


def test_of_two_messages_for_one_job_only_one_claims_it(evaluation, hq_user):
    report = request_report(evaluation=evaluation, by=hq_user)
    assert report_jobs.claim(report.pk, task_id="first") is not None
    assert report_jobs.claim(report.pk, task_id="second") is None
    report.refresh_from_db()
    assert (report.state, report.task_id) == (ReportState.RENDERING, "first")


def test_a_message_redelivered_after_its_worker_died_takes_the_job_over(evaluation, hq_user, fake_render, settings):
    """acks_late + reject_on_worker_lost give the message back; it finds its job rendering under its own id."""
    report = request_report(evaluation=evaluation, by=hq_user)
    report_jobs.claim(report.pk, task_id="task-1")
    # The dead worker had written the file but not marked the job ready.
    storage = report.file.storage
    storage.save(report_upload_to(report, reports.report_filename(evaluation, "fr")), ContentFile(b"half"))
    before = stored_files(settings)

    assert render_report.apply(args=[report.pk], task_id="task-1").get() == "rendered"
    report.refresh_from_db()
    assert report.state == ReportState.READY and report.error == ""
    assert len(stored_files(settings)) == 1 and report.file.read() == FAKE_PDF + b"1"
    assert len(before) == 1


def test_a_job_rendering_elsewhere_is_left_alone_until_it_is_stale(evaluation, hq_user, fake_render):
    report = request_report(evaluation=evaluation, by=hq_user)
    report_jobs.claim(report.pk, task_id="busy-worker")
    assert render_report.apply(args=[report.pk]).get() == "skipped"
    stale = timezone.now() - report_jobs.RENDERING_STALE_AFTER - datetime.timedelta(seconds=1)
    EvaluationReport.objects.filter(pk=report.pk).update(updated_at=stale)
    assert render_report.apply(args=[report.pk]).get() == "rendered"
    report.refresh_from_db()
    assert report.state == ReportState.READY


def test_a_job_that_keeps_killing_its_worker_is_given_up(evaluation, hq_user, fake_render, caplog):
    report = request_report(evaluation=evaluation, by=hq_user)
    report_jobs.claim(report.pk, task_id="t")
    for _ in range(report_jobs.MAX_INTERRUPTIONS - 1):
        assert report_jobs.claim(report.pk, task_id="t") is not None  # redelivered: taken over
    assert report_jobs.claim(report.pk, task_id="t") is None
    report.refresh_from_db()
    assert report.state == ReportState.FAILED and "Given up" in report.error
    assert report.error.count("Interrupted: ") == report_jobs.MAX_INTERRUPTIONS
    assert fake_render == []


# Failures and retries -----------------------------------------------------------------------


@pytest.fixture
def delivered(broker):
    """Run the task body as a worker runs a delivered message (retries go back to a broker in memory)."""
    broker("memory://")

    def deliver(report_id: int, *, retries: int = 0, task_id: str = "task-1"):
        render_report.push_request(
            id=task_id, args=[report_id], kwargs={}, retries=retries, is_eager=False, called_directly=False
        )
        try:
            return render_report.run(report_id)
        finally:
            render_report.pop_request()

    return deliver


def test_a_failing_render_is_retried_with_back_off_then_marked_failed_with_its_error(
    evaluation, hq_user, monkeypatch, delivered, caplog
):
    from evaluations import reports

    calls = []

    def broken(evaluation, *, version=None):
        calls.append(version)
        raise OSError("cairo ran out of memory")

    monkeypatch.setattr(reports, "render_evaluation", broken)
    report = request_report(evaluation=evaluation, by=hq_user)
    for attempt in range(MAX_RETRIES):
        with pytest.raises(Retry):
            delivered(report.pk, retries=attempt)
        report.refresh_from_db()
        # Back in the queue, with the error so far; the retry is sent with its countdown.
        assert (report.state, report.error) == (ReportState.QUEUED, "OSError: cairo ran out of memory")
        [headers] = sent_messages()
        assert headers["id"] == "task-1" and headers["retries"] == attempt + 1 and headers["eta"]

    assert delivered(report.pk, retries=MAX_RETRIES) == "failed"
    assert len(calls) == MAX_RETRIES + 1
    report.refresh_from_db()
    assert report.state == ReportState.FAILED and report.error == "OSError: cairo ran out of memory"
    assert not report.file and report.sha256 == ""
    assert "failed after 4 tries" in caplog.text


def test_a_render_that_fails_once_succeeds_on_its_retry(evaluation, hq_user, monkeypatch, settings, delivered):
    from evaluations import reports

    attempts = []

    def flaky(evaluation, *, version=None):
        attempts.append(version)
        if len(attempts) == 1:
            raise TimeoutError("slow disk")
        return reports.RenderedPdf(html="", pdf=FAKE_PDF, page_count=2)

    monkeypatch.setattr(reports, "render_evaluation", flaky)
    report = request_report(evaluation=evaluation, by=hq_user)
    with pytest.raises(Retry):
        delivered(report.pk)
    assert delivered(report.pk, retries=1) == "rendered"
    report.refresh_from_db()
    assert (report.state, report.error, report.page_count) == (ReportState.READY, "", 2)
    assert len(attempts) == 2 and len(stored_files(settings)) == 1


def test_in_process_a_failed_render_is_final_and_can_be_asked_again(evaluation, hq_user, monkeypatch):
    from evaluations import reports

    monkeypatch.setattr(reports, "render_evaluation", lambda evaluation, version=None: 1 / 0)
    report = request_report(evaluation=evaluation, by=hq_user)
    assert render_report.apply(args=[report.pk]).get() == "failed"
    report.refresh_from_db()
    assert report.state == ReportState.FAILED and report.error == "ZeroDivisionError: division by zero"
    assert request_report(evaluation=evaluation, by=hq_user).version == 2


def test_retries_back_off():
    assert [retry_delay(n) // 10 * 10 for n in range(3)] in ([30, 60, 120], [40, 60, 120], [30, 70, 120], [40, 70, 130], [30, 60, 130], [40, 60, 130], [30, 70, 130], [40, 70, 120])  # fmt: skip
    assert 30 <= retry_delay(0) <= 40 and 120 <= retry_delay(2) <= 130


def test_the_task_is_acknowledged_late_and_bounded_in_time():
    assert render_report.acks_late and render_report.reject_on_worker_lost
    assert render_report.soft_time_limit < render_report.time_limit
    assert render_report.max_retries == MAX_RETRIES


# The broker down, and the sweep -------------------------------------------------------------


def test_with_the_broker_down_the_request_succeeds_and_the_sweep_sends_the_job_later(
    evaluation, hq_user, broker, django_capture_on_commit_callbacks
):
    broker("redis://127.0.0.1:1/0")  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        report = request_report(evaluation=evaluation, by=hq_user)
    report.refresh_from_db()
    assert report.state == ReportState.WAITING
    assert sweep() == {"waiting": 0, "queued": 0, "rendering": 0}  # still down: still waiting
    report.refresh_from_db()
    assert report.state == ReportState.WAITING

    broker("memory://")  # the broker is back
    assert sweep_reports() == {"waiting": 1, "queued": 0, "rendering": 0}
    report.refresh_from_db()
    assert report.state == ReportState.QUEUED
    [message] = sent_messages()
    assert (message["task"], message["argsrepr"]) == ("evaluations.tasks.render_report", f"({report.pk},)")


def test_the_sweep_sends_again_jobs_whose_message_or_worker_was_lost(evaluation, hq_user, broker):
    broker("memory://")
    lost = request_report(evaluation=evaluation, by=hq_user)
    EvaluationReport.objects.filter(pk=lost.pk).update(state=ReportState.QUEUED)
    dead = request_report(evaluation=make_evaluation(), by=hq_user)
    report_jobs.claim(dead.pk, task_id="gone")
    assert sweep() == {"waiting": 0, "queued": 0, "rendering": 0}  # fresh: left alone

    long_ago = timezone.now() - report_jobs.QUEUED_STALE_AFTER - datetime.timedelta(seconds=1)
    EvaluationReport.objects.update(updated_at=long_ago)
    assert sweep() == {"waiting": 0, "queued": 1, "rendering": 1}
    lost.refresh_from_db(), dead.refresh_from_db()
    assert lost.state == dead.state == ReportState.QUEUED
    assert "Interrupted: no word from its worker" in dead.error
    assert sorted(m["argsrepr"] for m in sent_messages()) == sorted([f"({lost.pk},)", f"({dead.pk},)"])
    assert sweep() == {"waiting": 0, "queued": 0, "rendering": 0}  # stamped when sent: not sent again at once


def test_the_sweep_runs_from_celery_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["evaluation-report-sweep"]
    assert entry["task"] == sweep_reports.name == "evaluations.tasks.sweep_reports"
    assert entry["schedule"] <= 300


def test_a_request_inside_a_failing_transaction_sends_nothing(evaluation, hq_user, fake_render):
    with pytest.raises(RuntimeError), transaction.atomic():
        request_report(evaluation=evaluation, by=hq_user)
        raise RuntimeError("the evaluation service failed")
    assert EvaluationReport.objects.count() == 0 and fake_render == []
