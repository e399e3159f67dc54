"""The load test: gunicorn on loopback under production settings, driven by locust, for bounded times.

The server is the production one: `gunicorn ipec.wsgi:application --config ipec/gunicorn.conf.py`
(2 workers of 2 threads), DJANGO_SETTINGS_MODULE=ipec.settings.production with DEBUG off, static
files collected for WhiteNoise's manifest, the benchmark's database and Redis, a free port on
127.0.0.1. The one change is SECURE_SSL_REDIRECT=false: there is no TLS proxy in front, so the
requests carry the X-Forwarded-Proto header such a proxy sets (bench/locustfile.py).

Scenarios, one locust run each (headless, `seconds` long, all users started at once):

1. the floor: a trivial logged-in page (`/accounts/password_change/done/`: the session, the
   user, the middleware and the base template, no query of its own), closed loop;
2. the project list alone in four variants (unfiltered, region+status, search, deep page), closed
   loop with the same number of users; each reads as a ratio of the floor's throughput;
3. the floor again, so that the ratio uses the mean of a floor measured before and after;
4. a mix of HQ, CTA and viewer sessions browsing with think times, twice as long.

The signed-in sessions are made beforehand (`python -m bench.loadtest sessions OUT.json`, a Django
process with the same SECRET_KEY and database), so the load is the pages, not the login.
"""

from __future__ import annotations

import csv
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.config import ROOT

CLOSED_LOOP_USERS = 8  # two workers of two threads each: enough to keep all four busy with a queue
MIX_USERS = 24
SESSIONS_PER_ROLE = 4
ROLES = ("hq", "cta", "viewer")
LIST_SCENARIOS = {
    "list: unfiltered": "ListUnfiltered",
    "list: region+status": "ListRegionStatus",
    "list: search": "ListSearch",
    "list: deep page": "ListDeep",
}
STARTUP_TIMEOUT = 60


# In a Django process: the signed-in sessions -------------------------------------------------


def make_sessions() -> dict[str, list[str]]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    sessions: dict[str, list[str]] = {}
    for role in ROLES:
        user = get_user_model().objects.get(username=role)
        keys = []
        for _ in range(SESSIONS_PER_ROLE):
            client = Client()
            client.force_login(user)
            keys.append(client.cookies["sessionid"].value)
        sessions[role] = keys
    return sessions


def main(argv: list[str]) -> int:
    import django

    django.setup()
    if argv[1] != "sessions":
        raise SystemExit(f"unknown command {argv[1]!r}")
    Path(argv[2]).write_text(json.dumps(make_sessions()))
    return 0


# In the benchmark's process ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(base_env: dict[str, str], port: int) -> dict[str, str]:
    return {
        **base_env,
        "DJANGO_SETTINGS_MODULE": "ipec.settings.production",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
    }


def _wait_healthy(url: str, server: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode} before answering")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer /healthz within {timeout} s")


def parse_locust_stats(path: Path) -> dict:
    """The figures of a locust `_stats.csv`: the aggregated row, and each named request's."""
    rows = list(csv.DictReader(path.open()))

    def figures(row: dict) -> dict:
        requests = int(row["Request Count"])
        return {
            "requests": requests,
            "failures": int(row["Failure Count"]),
            "rps": round(float(row["Requests/s"]), 1),
            "p50_ms": float(row["50%"]) if requests else None,
            "p95_ms": float(row["95%"]) if requests else None,
            "p99_ms": float(row["99%"]) if requests else None,
        }

    total = next(row for row in rows if row["Name"] == "Aggregated")
    return {
        **figures(total),
        "by_request": {row["Name"]: figures(row) for row in rows if row["Name"] != "Aggregated"},
    }


def parse_locust_failures(path: Path, keep: int = 5) -> list[dict]:
    """The most frequent errors of a locust `_failures.csv`: request name, error and how often."""
    rows = [
        {"name": row["Name"], "error": row["Error"][:300], "occurrences": int(row["Occurrences"])}
        for row in csv.DictReader(path.open())
    ]
    return sorted(rows, key=lambda row: -row["occurrences"])[:keep]


def run_locust(url: str, classes: list[str], users: int, seconds: int, work_dir: Path, label: str, env: dict) -> dict:
    prefix = work_dir / f"locust-{label.replace(' ', '-').replace(':', '').replace('+', '-')}"
    locust = str(Path(sys.executable).with_name("locust"))
    command = [
        locust,
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "-u",
        str(users),
        "-r",
        str(users),
        "-t",
        f"{seconds}s",
        "--stop-timeout",
        "5",
        "--host",
        url,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        *classes,
    ]
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=seconds + 90)
    stats = Path(f"{prefix}_stats.csv")
    if not stats.exists():
        raise RuntimeError(f"locust wrote no statistics ({completed.returncode}):\n{completed.stderr[-3000:]}")
    result = parse_locust_stats(stats)
    result.update(scenario=label, users=users, seconds=seconds, classes=classes)
    failures = Path(f"{prefix}_failures.csv")
    result["errors"] = parse_locust_failures(failures) if failures.exists() else []
    return result


def _warm_up(url: str, paths: list[str], session: str) -> None:
    headers = {"Cookie": f"sessionid={session}", "X-Forwarded-Proto": "https"}
    for path in paths:
        request = urllib.request.Request(url + path, headers=headers)
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()


def run_load_test(base_env: dict[str, str], urls: dict, seconds: int, work_dir: Path, log=print) -> dict:
    sessions_file = work_dir / "sessions.json"
    subprocess.run(
        [sys.executable, "-m", "bench.loadtest", "sessions", str(sessions_file)],
        cwd=ROOT,
        env=base_env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    port = free_port()
    env = server_env(base_env, port)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    config_file = work_dir / "locust-config.json"
    sessions = json.loads(sessions_file.read_text())
    config_file.write_text(json.dumps({"urls": urls, "sessions": sessions}))
    locust_env = {**base_env, "BENCH_LOCUST_CONFIG": str(config_file)}
    url = f"http://127.0.0.1:{port}"
    with open(work_dir / "gunicorn.log", "w") as server_log:
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "ipec.wsgi:application",
                "--config",
                "ipec/gunicorn.conf.py",
            ],
            cwd=ROOT,
            env=env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_healthy(url, server, STARTUP_TIMEOUT)
        _warm_up(url, [urls["floor"], urls["project_list"], urls["deep_page"], "/"], sessions["hq"][0])
        scenarios = []

        def run(classes: list[str], users: int, length: int, label: str) -> None:
            result = run_locust(url, classes, users, length, work_dir, label, locust_env)
            log(
                f"    {label:<24} {result['rps']:>7.1f} req/s  p50 {result['p50_ms']} ms  p95 {result['p95_ms']} ms  "
                f"p99 {result['p99_ms']} ms  {result['failures']} errors / {result['requests']}"
            )
            scenarios.append(result)

        run(["Floor"], CLOSED_LOOP_USERS, seconds, "floor (before)")
        for label, user_class in LIST_SCENARIOS.items():
            run([user_class], CLOSED_LOOP_USERS, seconds, label)
        run(["Floor"], CLOSED_LOOP_USERS, seconds, "floor (after)")
        run(["HQ", "CTA", "Viewer"], MIX_USERS, seconds * 2, "mix: HQ, CTA, viewers")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
    return {
        "server": "gunicorn, ipec/gunicorn.conf.py, 2 workers x 2 threads, ipec.settings.production",
        "closed_loop_users": CLOSED_LOOP_USERS,
        "mix_users": MIX_USERS,
        "floor_url": urls["floor"],
        "scenarios": scenarios,
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv))
