"""Fixtures of the fault tests: a private Redis the app and its workers use, and real workers on it.

The app under test (Django's test client, in this process) and every worker share the test
database on the real PostgreSQL, so these tests are transactional; only Redis is private, so
that stopping it touches nobody else.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import kombu.pools
import pytest

from tests.faults.servers import RedisServer, stop_process

ROOT = Path(__file__).resolve().parents[2]
SETPRIV = "/usr/bin/setpriv"  # util-linux
CACHE_BACKEND = "ipec.cache.DegradingRedisCache"


def need(*programs: str) -> None:
    """The programs a fault test runs: a failure in CI when one is missing, a skip elsewhere."""
    missing = [p for p in programs if not shutil.which(p)]
    if missing:
        message = f"fault tests need {', '.join(missing)} (apt-get install redis-server postgresql util-linux)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def private_redis():
    need("redis-server")
    server = RedisServer()
    try:
        server.start()
        yield server
    finally:
        server.close()


def _point_celery_at(url: str, *, eager: bool) -> None:
    from ipec.celery import app

    app.conf.broker_url = url
    app.conf.task_always_eager = eager
    # The app and kombu keep their broker connections; drop them so the next message goes to `url`.
    kombu.pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def app_on_private_redis(private_redis, settings):
    """This process's cache, health check and Celery producer all use the private Redis."""
    from ipec.celery import app

    settings.REDIS_URL = private_redis.url
    # As ipec/settings/base.py sets it up when REDIS_URL is set (test_redis_down checks that it does).
    settings.CACHES = {"default": {"BACKEND": CACHE_BACKEND, "LOCATION": private_redis.url}}
    saved = (app.conf.broker_url, app.conf.task_always_eager)
    _point_celery_at(private_redis.url, eager=False)
    try:
        yield private_redis
    finally:
        _point_celery_at(*saved[:1], eager=saved[1])


def shared_database_url() -> str:
    """DATABASE_URL naming the test database pytest-django made, for processes the test starts."""
    from django.db import connection

    if connection.vendor != "postgresql":
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI must run on PostgreSQL")
        pytest.skip("the worker process needs a database it can share: set DATABASE_URL to PostgreSQL")
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


class Worker:
    """A `celery worker` process with the test's database, media folder and Redis; its log kept for messages."""

    def __init__(self, *, redis_url: str, media_root: Path, log_path: Path, pool: str = "solo",
                 obey_file_modes: bool = False, **env: str) -> None:  # fmt: skip
        self.log_path = log_path
        self._log = log_path.open("ab")
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.faults.worker_settings",
            "REDIS_URL": redis_url,
            "DATABASE_URL": shared_database_url(),
            "MEDIA_ROOT": str(media_root),
            **env,
        }
        command = [sys.executable, "-m", "celery", "-A", "ipec", "worker", f"--pool={pool}", "--concurrency=1",
                   "--loglevel=info", "--without-gossip", "--without-mingle", "--without-heartbeat"]  # fmt: skip
        if obey_file_modes:
            need(SETPRIV)
            # Root ignores file modes only by its capabilities (CAP_DAC_OVERRIDE and kin): without them
            # the kernel checks modes for it as for any user. (A plain user cannot run this Python: it
            # lives under /root.)
            command = [SETPRIV, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--", *command]
        self.process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=self._log, stderr=subprocess.STDOUT)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL, as the out-of-memory killer or a lost machine does: no goodbye to the broker."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        stop_process(self.process, timeout=20)
        self._log.close()


@pytest.fixture
def workers(tmp_path):
    """Start workers with `workers(redis_url=…, …)`; every one is stopped at the end, whatever happened."""
    started: list[Worker] = []

    def start(**kwargs) -> Worker:
        kwargs.setdefault("log_path", tmp_path / f"worker-{len(started) + 1}.log")
        worker = Worker(**kwargs)
        started.append(worker)
        return worker

    try:
        yield start
    finally:
        for worker in started:
            worker.stop()


@pytest.fixture
def media_root(settings):
    """A media folder any user can reach (pytest's tmp_path is root's alone), as the app's MEDIA_ROOT."""
    folder = Path(tempfile.mkdtemp(prefix="ipec-faults-media-"))
    folder.chmod(0o755)
    settings.MEDIA_ROOT = folder / "media"
    settings.MEDIA_ROOT.mkdir()
    try:
        yield settings.MEDIA_ROOT
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def stored_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
