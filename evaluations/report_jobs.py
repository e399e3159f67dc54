"""Evaluation report jobs: ask for a report, render it exactly once, and never lose a job.

A job is an EvaluationReport row, numbered per evaluation (version 1, 2, …). Its state:

    waiting ──(message sent)──> queued ──(a worker claims it)──> rendering ──> ready
       ^                          ^                                  │
       └── broker down:           └── render failed, retried ────────┤
           the sweep sends it         (back-off); after the last ────┴──> failed
           when the broker is back    try: failed, with the error

- `request_report` makes the row `waiting` and sends the message only after the transaction
  commits; when the broker is down the request still succeeds and the row stays `waiting`.
  While a job of the evaluation is waiting or queued (not yet started, so it will read the
  latest content), asking again returns that job instead of making another.
- A worker renders a job only after claiming it with one conditional UPDATE (waiting/queued →
  rendering, stamped with its task id): two messages for the same job never render it at
  once, and a message for a job already ready or failed does nothing, so a re-run makes no
  second file and no second version.
- A worker that dies mid-render (acks_late + reject_on_worker_lost requeue its message) finds
  the job `rendering` under its own task id and takes it over. A job left `rendering` past
  the hard time limit, or `queued` whose message was lost, is sent again by `sweep`, which
  Celery beat runs every few minutes. A job whose renders keep killing their worker is given
  up after MAX_INTERRUPTIONS.
- `on_step_reached(evaluation)`: the evaluation service calls it when an evaluation moves to
  a step; reaching the draft or final report makes a report.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import resource
import time
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from evaluations import reports
from evaluations.models import Evaluation, EvaluationReport, EvaluationStatus, ReportState, report_upload_to

logger = logging.getLogger(__name__)

# Bounds of one render (the task's soft and hard time limits, in seconds).
RENDER_SOFT_TIME_LIMIT = 120
RENDER_TIME_LIMIT = 150
# A job still `rendering` this long after its worker claimed it has lost its worker.
RENDERING_STALE_AFTER = datetime.timedelta(seconds=RENDER_TIME_LIMIT + 90)
# A job still `queued` this long after its message was sent has lost its message.
QUEUED_STALE_AFTER = datetime.timedelta(minutes=15)
# Renders that end with their worker gone (killed, out of memory) before the job is failed.
MAX_INTERRUPTIONS = 3
INTERRUPTED = "Interrupted: "
# How many jobs one sweep sends at most; the next sweep sends the rest.
SWEEP_BATCH = 200

# The steps at which a report is made without anyone asking.
REPORT_STEPS = frozenset({EvaluationStatus.DRAFT_REPORT, EvaluationStatus.FINAL_REPORT})
FINAL_STATES = frozenset({ReportState.READY, ReportState.FAILED})
NOT_STARTED = (ReportState.WAITING, ReportState.QUEUED)


# Asking -------------------------------------------------------------------------------------


@transaction.atomic
def request_report(*, evaluation: Evaluation, by: User | None) -> EvaluationReport:
    """A report of the evaluation as it stands: a new waiting job, or the one not yet started.

    The message to the workers leaves after the transaction commits; if the broker is down
    the job stays `waiting` and the sweep sends it later. Permission is the caller's to check
    (accounts.policy.may_request_report).
    """
    # Serialises requests for one evaluation, so two clicks cannot make two versions.
    locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    pending = locked.reports.filter(state__in=NOT_STARTED).order_by("-version").first()
    if pending is not None:
        if pending.state == ReportState.WAITING:
            transaction.on_commit(partial(enqueue, pending.pk))  # perhaps the broker is back
        return pending
    last = locked.reports.order_by("-version").values_list("version", flat=True).first() or 0
    report = EvaluationReport.objects.create(
        evaluation=locked, version=last + 1, language=locked.language, requested_by=by, state=ReportState.WAITING
    )
    transaction.on_commit(partial(enqueue, report.pk))
    return report


def on_step_reached(evaluation: Evaluation, *, by: User | None = None) -> EvaluationReport | None:
    """Called by the evaluation service after an evaluation reaches a step (inside its transaction).

    Reaching the draft report or the final report makes a report, attributed to `by` if given.
    """
    if evaluation.status in REPORT_STEPS:
        return request_report(evaluation=evaluation, by=by)
    return None


def enqueue(report_id: int) -> bool:
    """Send the job's message; mark it queued if it was waiting. False (and still waiting) if the broker is down."""
    from evaluations.tasks import render_report

    if not render_report.delay_safely(report_id):
        return False
    # Conditional: the worker (or an in-process render) may already have taken it further.
    EvaluationReport.objects.filter(pk=report_id, state=ReportState.WAITING).update(
        state=ReportState.QUEUED, updated_at=timezone.now()
    )
    return True


# Rendering ----------------------------------------------------------------------------------


def _interrupted(report: EvaluationReport, note: str) -> bool:
    """Note on the locked job that a render ended with its worker gone; fail it (True) after too many."""
    report.error = f"{report.error}\n{INTERRUPTED}{note}".strip()
    if sum(line.startswith(INTERRUPTED) for line in report.error.splitlines()) < MAX_INTERRUPTIONS:
        return False
    report.state = ReportState.FAILED
    report.error += "\nGiven up: rendering this report stopped its worker every time."
    report.save(update_fields=["state", "error", "updated_at"])
    logger.error("Evaluation report %s failed: its renders keep stopping their worker.", report.pk)
    return True


def claim(report_id: int, *, task_id: str) -> EvaluationReport | None:
    """Take the job for this task, or None if it is not this task's to render.

    A job not yet started is claimed by one conditional UPDATE, so of two messages for it
    exactly one wins. A job `rendering` is taken over only by the same task redelivered after
    its worker died, or by anyone once it is stale; each takeover is noted in its error.
    """
    now = timezone.now()
    claimed = EvaluationReport.objects.filter(pk=report_id, state__in=NOT_STARTED).update(
        state=ReportState.RENDERING, task_id=task_id, updated_at=now
    )
    if not claimed:
        with transaction.atomic():
            report = (
                EvaluationReport.objects.select_for_update()
                .filter(Q(task_id=task_id) | Q(updated_at__lt=now - RENDERING_STALE_AFTER))
                .filter(pk=report_id, state=ReportState.RENDERING)
                .first()
            )
            if report is None:
                return None
            if _interrupted(report, f"the worker rendering this report stopped ({now:%Y-%m-%d %H:%M:%S} UTC)."):
                return None
            report.task_id = task_id
            report.save(update_fields=["task_id", "error", "updated_at"])
    return EvaluationReport.objects.select_related("evaluation").get(pk=report_id)


def render_job(report_id: int, *, task_id: str) -> str:
    """Render and store the job if this task may; returns what happened (rendered, skipped, superseded).

    Raises whatever the rendering raised: the task records it and retries.
    """
    report = claim(report_id, task_id=task_id)
    if report is None:
        logger.info("Evaluation report %s: nothing to do for task %s.", report_id, task_id)
        return "skipped"
    evaluation = report.evaluation
    started = time.monotonic()
    rendered = reports.render_evaluation(evaluation, version=report.version)
    seconds = time.monotonic() - started
    stored = _store(report, rendered, task_id=task_id, language=reports.report_language(evaluation.language))
    logger.info(
        "Evaluation report %s v%s: %d pages, %d bytes in %.2f s; worker peak RSS %d MB.",
        evaluation.pk,
        report.version,
        rendered.page_count,
        len(rendered.pdf),
        seconds,
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    )
    return "rendered" if stored else "superseded"


def _store(report: EvaluationReport, rendered: reports.RenderedPdf, *, task_id: str, language: str) -> bool:
    """Write the PDF under the version's own name and mark the job ready, if it is still this task's."""
    filename = reports.report_filename(report.evaluation, language)
    storage = report.file.storage
    name = report_upload_to(report, filename)
    # An earlier attempt may have written the file and died before marking the job ready.
    if storage.exists(name):
        storage.delete(name)
    name = storage.save(name, ContentFile(rendered.pdf))
    now = timezone.now()
    updated = EvaluationReport.objects.filter(pk=report.pk, state=ReportState.RENDERING, task_id=task_id).update(
        state=ReportState.READY,
        file=name,
        sha256=hashlib.sha256(rendered.pdf).hexdigest(),
        size_bytes=len(rendered.pdf),
        page_count=rendered.page_count,
        rendered_at=now,
        language=language,
        error="",
        updated_at=now,
    )
    if not updated:  # another worker took the job over meanwhile; its file is the one kept
        storage.delete(name)
    return bool(updated)


def record_failure(report_id: int, *, task_id: str, error: str, final: bool) -> None:
    """A render of this task failed: back to queued for the retry, or failed with the error after the last try."""
    state = ReportState.FAILED if final else ReportState.QUEUED
    EvaluationReport.objects.filter(pk=report_id, state=ReportState.RENDERING, task_id=task_id).update(
        state=state, error=error[:4000], updated_at=timezone.now()
    )


# The sweep ----------------------------------------------------------------------------------


def sweep(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Send the jobs whose message never left or was lost: waiting ones, and queued or rendering ones gone stale."""
    now = now or timezone.now()
    counts = {"waiting": 0, "queued": 0, "rendering": 0}
    waiting = EvaluationReport.objects.filter(state=ReportState.WAITING).order_by("created_at")
    for report_id in waiting.values_list("pk", flat=True)[:SWEEP_BATCH]:
        counts["waiting"] += enqueue(report_id)
    # Both lists first: a job this sweep moves from rendering to queued is not sent twice.
    lost = list(
        EvaluationReport.objects.filter(state=ReportState.QUEUED, updated_at__lt=now - QUEUED_STALE_AFTER)
        .order_by("updated_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    # A rendering job gone stale lost its worker and its message: back to queued, and sent again.
    stale = list(
        EvaluationReport.objects.filter(state=ReportState.RENDERING, updated_at__lt=now - RENDERING_STALE_AFTER)
        .order_by("updated_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    for report_id in lost:
        counts["queued"] += _resend(report_id, ReportState.QUEUED, now - QUEUED_STALE_AFTER)
    for report_id in stale:
        counts["rendering"] += _resend(report_id, ReportState.RENDERING, now - RENDERING_STALE_AFTER)
    if any(counts.values()):
        logger.info("Evaluation report sweep sent %s.", counts)
    return counts


def _resend(report_id: int, state: str, older_than: datetime.datetime) -> bool:
    from evaluations.tasks import render_report

    with transaction.atomic():
        report = (
            EvaluationReport.objects.select_for_update()
            .filter(pk=report_id, state=state, updated_at__lt=older_than)
            .first()
        )
        if report is None:
            return False
        if state == ReportState.RENDERING and _interrupted(
            report, f"no word from its worker since {report.updated_at:%Y-%m-%d %H:%M:%S} UTC."
        ):
            return False
        # Stamped now, so the next sweep waits its turn before sending it again.
        report.state = ReportState.QUEUED
        report.save(update_fields=["state", "error", "updated_at"])
    if render_report.delay_safely(report_id):
        return True
    # The broker is down again: waiting, so the next sweep tries at once.
    EvaluationReport.objects.filter(pk=report_id, state=ReportState.QUEUED).update(
        state=ReportState.WAITING, updated_at=timezone.now()
    )
    return False
