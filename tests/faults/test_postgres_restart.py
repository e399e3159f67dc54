"""PostgreSQL restarts under traffic: the app answers cleanly meanwhile and recovers by itself.

A private PostgreSQL cluster, a migrated database on it, and the app under gunicorn (two
workers, two threads each, persistent connections as in production) while a client loop keeps
asking for /healthz and a page. The server is stopped for real (`pg_ctl stop -m fast`, which
ends every open session) and started again; gunicorn is never restarted.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from tests.faults.browser import Answer, Client
from tests.faults.conftest import need
from tests.faults.servers import PG_BIN, PostgresServer, free_port, stop_process, wait_until
from tests.ipec.processes import ROOT, run, settings_variables

pytestmark = pytest.mark.faults

PASSWORD = "fault-test-password-9"
# No answer may take longer than this, outage or not: a hung request is the failure we look for.
SLOWEST_ANSWER = 10.0
# Once PostgreSQL is back, the app must be serving again within this.
RECOVERY = 30.0


@pytest.fixture
def app_on_private_postgres(tmp_path):
    """A private cluster with a migrated database and one HQ user, and gunicorn serving the app on it."""
    need(str(PG_BIN / "initdb"), "runuser")
    server = PostgresServer()
    gunicorn = None
    try:
        server.start()
        server.execute("CREATE DATABASE ipec_faults_app")
        database_url = server.url("ipec_faults_app")
        for command in (
            ("migrate", "--no-input"),
            ("shell", "-c", f"from accounts.models import User; User.objects.create_superuser('hq', 'hq@example.org', '{PASSWORD}')"),
        ):  # fmt: skip
            done = run(*command, DATABASE_URL=database_url)
            assert done.returncode == 0, done.stderr
        port = free_port()
        names = settings_variables()
        import os

        env = {k: v for k, v in os.environ.items() if k not in names}
        env.update(
            DJANGO_SETTINGS_MODULE="ipec.settings.base",
            DATABASE_URL=database_url,
            # Persistent connections, as in production: the ones gunicorn holds die with the server.
            DATABASE_CONN_MAX_AGE="60",
            GUNICORN_BIND=f"127.0.0.1:{port}",
            GUNICORN_WORKERS="2",
            GUNICORN_THREADS="2",
            GUNICORN_TIMEOUT="30",
            LOG_LEVEL="WARNING",
        )
        log = (tmp_path / "gunicorn.log").open("wb")
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "ipec.wsgi:application", "--config", "ipec/gunicorn.conf.py",
             "--access-logfile", "/dev/null"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        base_url = f"http://127.0.0.1:{port}"
        wait_until(lambda: Client(base_url, timeout=2).request("/healthz").status == 200, timeout=30, what="gunicorn")
        yield server, base_url, tmp_path / "gunicorn.log"
    finally:
        if gunicorn is not None:
            stop_process(gunicorn, timeout=15)
        server.close()


class Traffic(threading.Thread):
    """Users of the site: /healthz and a logged-in page, one after the other, until told to stop."""

    def __init__(self, base_url: str) -> None:
        super().__init__(daemon=True)
        self.client = Client(base_url, timeout=SLOWEST_ANSWER + 5)
        self.client.log_in("hq", PASSWORD)
        self.answers: list[Answer] = []
        self.halt = threading.Event()
        self.go = threading.Event()
        self.go.set()
        self.idle = threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            if not self.go.is_set():
                self.idle.set()
                self.go.wait(timeout=1)
                continue
            self.idle.clear()
            for path in ("/healthz", "/projects/"):
                self.answers.append(self.client.request(path))
            time.sleep(0.05)

    def pause(self) -> None:
        self.go.clear()
        wait_until(self.idle.is_set, timeout=SLOWEST_ANSWER + 5, what="traffic pausing")

    def since(self, moment: float) -> list[Answer]:
        return [a for a in list(self.answers) if a.at >= moment]


def test_the_app_recovers_by_itself_when_postgresql_restarts(app_on_private_postgres):
    server, base_url, log_path = app_on_private_postgres
    traffic = Traffic(base_url)
    traffic.start()
    try:
        wait_until(lambda: sum(a.status == 200 for a in traffic.answers) >= 6, timeout=20, what="traffic flowing")

        stopped_at = time.monotonic()
        server.stop()
        probe = Client(base_url, timeout=SLOWEST_ANSWER + 5)
        wait_until(lambda: probe.request("/healthz").status == 503, timeout=15, what="/healthz saying 503")
        health = probe.request("/healthz")
        assert health.status == 503 and '"database": "down"' in health.body, health.body
        # Pages fail, quickly and as a server error page, while the database is away.
        wait_until(lambda: len([a for a in traffic.since(stopped_at) if a.path == "/projects/"]) >= 4, timeout=20,
                   what="pages asked for during the outage")  # fmt: skip
        time.sleep(1)

        started_at = time.monotonic()
        server.start()
        wait_until(
            lambda: (
                any(a.path == "/healthz" and a.status == 200 for a in traffic.since(started_at))
                and any(a.path == "/projects/" and a.status == 200 for a in traffic.since(started_at))
            ),
            timeout=RECOVERY,
            what="healthz and pages answering 200 again",
        )
        recovered = time.monotonic() - started_at
        # A little more traffic after recovery: every answer must be 200 again (no lingering broken connection).
        settled = time.monotonic() + 1
        time.sleep(2)

        # A quick restart while nobody asks: every connection gunicorn holds is now dead. The next
        # requests must all succeed: Django checks a kept connection before using it (CONN_HEALTH_CHECKS).
        traffic.pause()
        server.stop()
        server.start()
        quick_restart = time.monotonic()
        traffic.go.set()
        wait_until(lambda: len(traffic.since(quick_restart)) >= 16, timeout=30, what="traffic after the quick restart")
    finally:
        traffic.halt.set()
        traffic.join(timeout=SLOWEST_ANSWER + 10)

    log = log_path.read_text(errors="replace")
    outage = [a for a in traffic.answers if stopped_at + 1 < a.at < started_at]
    assert outage, "no request was made during the outage"
    assert {a.status for a in outage if a.path == "/healthz"} == {503}, log
    assert {a.status for a in outage if a.path == "/projects/"} == {500}, log
    assert all('"database": "down"' in a.body for a in outage if a.path == "/healthz")
    # Never a hang, never a dropped connection: gunicorn's workers stayed up and answered every request.
    assert max(a.seconds for a in traffic.answers) < SLOWEST_ANSWER, max(traffic.answers, key=lambda a: a.seconds)
    assert all(a.status in (200, 500, 503) for a in traffic.answers), [a for a in traffic.answers if a.status == 0]
    after = [a for a in traffic.answers if a.at > settled]
    assert after and all(a.status == 200 for a in after), [(a.path, a.status) for a in after if a.status != 200]
    # The same two gunicorn workers throughout: none timed out or was replaced.
    assert "WORKER TIMEOUT" not in log and log.count("Booting worker") == 2, log
    print(f"\npostgres restart: {len(outage)} answers during the outage, recovered {recovered:.1f} s after start")


HEALTH_CHECK = (
    "import json, time; from django.test import RequestFactory; from ipec.health import healthz; "
    "started = time.monotonic(); answer = healthz(RequestFactory().get('/healthz')); "
    "print(json.dumps({'status': answer.status_code, 'body': answer.content.decode(), 'seconds': time.monotonic() - started}))"
)


def _health_of(database_url: str) -> dict:
    """/healthz of a fresh app process on `database_url` (a new connection, as after any restart)."""
    import json

    done = run("shell", "-c", HEALTH_CHECK, DATABASE_URL=database_url)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_frozen_postgresql_fails_the_request_within_seconds_not_a_hang():
    """The postmaster is stopped with SIGSTOP: the kernel still takes connections, nobody answers them.

    Without a connect timeout the request would wait for TCP to give up (minutes); gunicorn would
    kill the worker first and the client would get no answer at all.
    """
    import os
    import signal

    need(str(PG_BIN / "initdb"), "runuser")
    server = PostgresServer()
    postmaster = 0
    try:
        server.start()
        assert _health_of(server.url("postgres"))["status"] == 200
        postmaster = int((server.data / "postmaster.pid").read_text().split()[0])
        os.kill(postmaster, signal.SIGSTOP)

        frozen = _health_of(server.url("postgres"))

        assert frozen["status"] == 503 and '"database": "down"' in frozen["body"], frozen
        assert frozen["seconds"] < SLOWEST_ANSWER, frozen
        os.kill(postmaster, signal.SIGCONT)
        postmaster = 0
        assert _health_of(server.url("postgres"))["status"] == 200
    finally:
        if postmaster:
            os.kill(postmaster, signal.SIGCONT)
        server.close()
