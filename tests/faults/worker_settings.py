"""Settings of the Celery workers the fault tests start: the real settings, with time compressed.

A fault test cannot wait an hour for Redis to give back a message whose worker vanished, nor
half a minute between retries, nor hope to kill a worker in the second a render takes. Set by
the test in the worker's environment:

- FAULTS_VISIBILITY_TIMEOUT: seconds before Redis hands an unacknowledged message to another
  worker (production: kombu's default, one hour), checked every second.
- FAULTS_RETRY_SECONDS: the back-off between retries of a failed render (production: 30 s, 60 s…).
- FAULTS_HOLD_FILE: while this file exists, a render that has begun (its job claimed and marked
  `rendering`) waits before drawing the PDF; it first adds its process id to `<file>.started`.

Everything else (acks_late, reject_on_worker_lost, the task's retries, the job service) is the
production code, unchanged.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from celery.signals import task_prerun

from ipec.settings.base import *  # noqa: F403

if os.environ.get("FAULTS_VISIBILITY_TIMEOUT"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": int(os.environ["FAULTS_VISIBILITY_TIMEOUT"]),
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }

# The longest a held render waits: a test that forgot its hold file still ends.
HOLD_AT_MOST = 90.0
_patched = False


def _hold_render(render):
    hold = Path(os.environ["FAULTS_HOLD_FILE"])

    def held(evaluation, *, version=None):
        with hold.with_name(hold.name + ".started").open("a") as started:
            started.write(f"{os.getpid()}\n")
        deadline = time.monotonic() + HOLD_AT_MOST
        while hold.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        return render(evaluation, version=version)

    return held


@task_prerun.connect(weak=False)
def _compress_time(**kwargs) -> None:
    """Patched once per process, in the process that runs the task, when Django is ready."""
    global _patched
    if _patched:
        return
    _patched = True
    from evaluations import reports, tasks

    if os.environ.get("FAULTS_HOLD_FILE"):
        reports.render_evaluation = _hold_render(reports.render_evaluation)
    if os.environ.get("FAULTS_RETRY_SECONDS"):
        seconds = int(os.environ["FAULTS_RETRY_SECONDS"])
        tasks.retry_delay = lambda retries: seconds
