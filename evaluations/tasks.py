"""Background work for evaluations: rendering the report PDF, and the sweep that keeps no job lost.

The task takes the job's id and calls the service (evaluations.report_jobs), which makes it
idempotent; retries and failure handling live here.
"""

from __future__ import annotations

import logging
import random
import uuid

from evaluations import report_jobs
from ipec.celery import SafeTask, app

logger = logging.getLogger(__name__)

MAX_RETRIES = 3


def retry_delay(retries: int) -> int:
    """Seconds before retry number `retries + 1`: 30, 60, 120… with a little jitter."""
    return 30 * 2**retries + random.randint(0, 10)


@app.task(
    base=SafeTask,
    bind=True,
    # Acknowledged only once done: a worker that dies mid-render gives the message back to the queue.
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=report_jobs.RENDER_SOFT_TIME_LIMIT,
    time_limit=report_jobs.RENDER_TIME_LIMIT,
    max_retries=MAX_RETRIES,
)
def render_report(self, report_id: int) -> str:
    """Render one report job; a failed render is retried with back-off, then the job is marked failed."""
    # Called directly (tests, the shell), the task has no id of its own.
    task_id = self.request.id or f"direct-{uuid.uuid4()}"
    try:
        return report_jobs.render_job(report_id, task_id=task_id)
    except Exception as error:
        # In-process (no broker, or called directly) there is no queue to wait in: the first
        # failure is final, and the person may ask again.
        final = self.request.called_directly or self.request.is_eager or self.request.retries >= self.max_retries
        report_jobs.record_failure(report_id, task_id=task_id, error=f"{type(error).__name__}: {error}", final=final)
        if final:
            logger.exception("Evaluation report job %s failed after %d tries.", report_id, self.request.retries + 1)
            return "failed"
        logger.warning("Evaluation report job %s failed (%s); retrying.", report_id, error)
        raise self.retry(exc=error, countdown=retry_delay(self.request.retries)) from error


@app.task(base=SafeTask)
def sweep_reports() -> dict[str, int]:
    """Run by Celery beat: send waiting report jobs, and jobs whose message or worker was lost."""
    return report_jobs.sweep()
