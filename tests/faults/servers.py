"""Private Redis and PostgreSQL servers that fault tests start, stop and start again.

Each listens on a spare loopback port (found by binding port 0), never the machine's shared
6379/5432, and keeps its files in a temporary folder. Every wait is bounded, and `close()`
(called by the fixtures in a `finally`) kills whatever is still running.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")
# initdb and the server refuse to run as root; the cluster belongs to this user.
PG_USER = "postgres"


def free_port() -> int:
    """A TCP port nobody listens on now (the kernel's pick for port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(
    condition: Callable[[], bool], *, timeout: float, interval: float = 0.1, what: str | Callable[[], str]
) -> None:
    """Poll `condition` until it holds; fail with `what` (or what it returns, e.g. a log read then) after `timeout` s."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what() if callable(what) else what}: not after {timeout:.0f} s")
        time.sleep(interval)


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def stop_process(process: subprocess.Popen, *, timeout: float = 10) -> None:
    """Terminate, then kill if it does not go; never waits without a bound."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


class RedisServer:
    """`redis-server` on a spare port, without persistence: a restart starts empty, as a crashed cache would."""

    def __init__(self) -> None:
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="ipec-faults-redis-"))
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.dir), "--logfile", str(self.dir / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(self.ping, timeout=15, what=f"redis on port {self.port} answering")

    def ping(self) -> bool:
        import redis

        client = redis.Redis(port=self.port, socket_connect_timeout=0.5, socket_timeout=0.5)
        try:
            return bool(client.ping())
        except redis.RedisError:
            return False
        finally:
            client.close()

    def stop(self) -> None:
        """Stop it for real (SIGTERM, then SIGKILL); the port refuses connections afterwards."""
        if self.process is not None:
            stop_process(self.process)
            self.process = None
        wait_until(lambda: not port_open(self.port), timeout=10, what=f"redis on port {self.port} gone")

    def close(self) -> None:
        if self.process is not None:
            stop_process(self.process)
            self.process = None
        shutil.rmtree(self.dir, ignore_errors=True)


def _run_as_postgres(args: list[str], *, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["runuser", "-u", PG_USER, "--", *args], capture_output=True, text=True, timeout=timeout, check=True
    )


class PostgresServer:
    """A private PostgreSQL 15 cluster (initdb into a temporary folder), on a spare port and its own socket folder."""

    def __init__(self) -> None:
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="ipec-faults-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        user = pwd.getpwnam(PG_USER)
        os.chown(self.root, user.pw_uid, user.pw_gid)
        _run_as_postgres(
            [str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
             "--locale=C.UTF-8", "--no-sync"],
            timeout=120,
        )  # fmt: skip
        self.running = False

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _pg_ctl(self, *args: str, timeout: float = 60) -> None:
        _run_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), *args], timeout=timeout)

    def start(self) -> None:
        # fsync off: the tests stop the server cleanly or not at all; speed matters more than durability here.
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40"
        self._pg_ctl("start", "-w", "-t", "30", "-o", options)
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        """Stop the server; `fast` ends open sessions at once, as a restart by an operator does."""
        self._pg_ctl("stop", "-w", "-t", "30", "-m", mode)
        self.running = False
        wait_until(lambda: not port_open(self.port), timeout=10, what=f"postgres on port {self.port} gone")

    def execute(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True, connect_timeout=5) as connection:
            connection.execute(sql)

    def close(self) -> None:
        if self.running:
            # The postmaster may already be gone; whatever is left is killed below.
            with contextlib.suppress(Exception):
                self.stop(mode="immediate")
        pid_file = self.data / "postmaster.pid"
        if pid_file.exists():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pid_file.read_text().split()[0]), signal.SIGKILL)
        shutil.rmtree(self.root, ignore_errors=True)
