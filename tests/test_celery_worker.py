"""A real Celery worker, started as its own process on the real Redis, runs a task."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def worker_queue(redis_url):
    """Start `celery worker` on a private queue; stop it afterwards."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "REDIS_URL": redis_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "ipec", "worker", "--pool=solo", "-Q", queue, "--loglevel=warning"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        yield queue
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.worker
def test_real_worker_runs_a_task(worker_queue):
    from ipec.celery import app, ping

    assert not app.conf.task_always_eager, "with REDIS_URL set, tasks must go to the broker"
    result = ping.apply_async(queue=worker_queue)
    assert result.get(timeout=60) == "pong"
