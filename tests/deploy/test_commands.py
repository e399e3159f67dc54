"""Every command in docker-compose.yml, the Dockerfile and docs/operations.md refers to something
that exists, and each health check answers as Docker expects, against real processes."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from ipec.celery import app as ipec_celery_app
from tests.deploy import deployment_files as files
from tests.deploy.command_lines import (
    after,
    check_celery_command,
    check_management_command,
    shell_commands_in_markdown,
)
from tests.deploy.conftest import path_with_venv

SERVICES = files.compose()["services"]


def compose_command_lines() -> dict[str, list[str]]:
    """The commands and health checks of the services that run the application image."""
    lines = {}
    for name in files.APP_SERVICES:
        lines[f"{name} command"] = files.service_command(name)
        test = SERVICES[name]["healthcheck"].get("test")
        if test and test[0] == "CMD-SHELL":
            lines[f"{name} health check"] = shlex.split(files.interpolate(test[1], {}))
        elif test:
            lines[f"{name} health check"] = test[1:]
    return lines


def every_command_line() -> dict[str, list[str]]:
    lines = compose_command_lines()
    for number, step in enumerate(files.dockerfile_run_steps()):
        lines[f"Dockerfile RUN #{number + 1}"] = step.argv
    for number, argv in enumerate(shell_commands_in_markdown(files.OPERATIONS_DOC)):
        lines[f"docs/operations.md command #{number + 1}: {shlex.join(argv)}"] = argv
    return lines


def test_every_management_command_exists_and_takes_the_options_given():
    seen = set()
    for where, argv in every_command_line().items():
        arguments = after(argv, "manage.py")
        if arguments is not None:
            try:
                seen.add(check_management_command(arguments))
            except Exception as error:
                pytest.fail(f"{where}: {error}")
    assert {"migrate", "collectstatic", "createsuperuser", "check"} <= seen


def test_every_celery_command_loads_the_ipec_app_and_takes_the_options_given():
    seen = set()
    for where, argv in every_command_line().items():
        arguments = after(argv, "celery")
        if arguments is not None:
            app, name, _ = check_celery_command(arguments)
            assert app is ipec_celery_app, where
            seen.add(name)
    assert {"worker", "beat", "inspect"} <= seen


def test_every_ops_script_mentioned_exists_and_is_valid_shell():
    scripts = set()
    for argv in every_command_line().values():
        scripts |= {word for word in argv if word.startswith("ops/") and word.endswith(".sh")}
    assert {"ops/backup.sh", "ops/restore.sh", "ops/verify-backup.sh"} <= scripts
    for script in scripts:
        path = files.ROOT / script
        assert path.is_file() and os.access(path, os.X_OK), script
        assert path.read_text().startswith("#!/bin/sh\n"), f"{script}: the image's /bin/sh is dash, not bash"
        subprocess.run(["sh", "-n", str(path)], check=True)


def test_gunicorn_loads_the_wsgi_application_under_production_settings():
    web = files.service_command("web")
    assert web[0] == "gunicorn"
    environment = files.service_environment("web", files.example_dotenv_filled_in())
    environment["PATH"] = path_with_venv()
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", *web[1:]],
        cwd=files.ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


# The health checks, run for real ------------------------------------------------------------------

_GET_AS_DOCKER = """
import json, sys
from urllib.parse import urlsplit
import django
django.setup()
from django.test import Client
url = urlsplit(sys.argv[1])
health = Client().get(url.path, HTTP_HOST=url.netloc)
home = Client().get("/", HTTP_HOST=url.netloc)
print(json.dumps({"status": health.status_code, "body": json.loads(health.content),
                  "home": home.status_code, "home_location": home.get("Location")}))
"""


def test_the_web_health_check_gets_200_from_healthz_under_production_settings(production_environment):
    test = SERVICES["web"]["healthcheck"]["test"]
    url = test[-1]
    assert url == "http://localhost:8000/healthz" and test[:2] == ["CMD", "curl"]
    result = subprocess.run(
        [sys.executable, "-c", _GET_AS_DOCKER, url],
        cwd=files.ROOT,
        env=production_environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    # Plain HTTP from inside the container: /healthz answers, everything else goes to HTTPS.
    assert answer["status"] == 200, answer
    assert answer["body"] == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}
    assert answer["home"] == 301 and answer["home_location"] == "https://localhost:8000/"


def run_health_check(command: str, environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["sh", "-c", command], cwd=files.ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


def healthy_within(command: str, environment: dict[str, str], seconds: float) -> subprocess.CompletedProcess:
    deadline = time.monotonic() + seconds
    while True:
        result = run_health_check(command, environment)
        if result.returncode == 0 or time.monotonic() > deadline:
            return result
        time.sleep(1)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def celery_process(argv: list[str], environment: dict[str, str], log: Path) -> subprocess.Popen:
    assert argv[0] == "celery"
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", *argv[1:]],
            cwd=files.ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


@pytest.mark.worker
def test_the_worker_health_check_pings_that_worker_and_fails_without_it(production_environment, tmp_path):
    node = f"ipec-ops-{uuid.uuid4().hex[:8]}"
    # The compose command, named as Docker names it (celery@<container host name>), on a private queue.
    argv = [*files.service_command("worker"), "--pool=solo", "-n", f"celery@{node}", "-Q", node]
    worker = celery_process(argv, production_environment, tmp_path / "worker.log")
    check = files.interpolate(SERVICES["worker"]["healthcheck"]["test"][1], {})
    assert "$HOSTNAME" in check
    try:
        result = healthy_within(check, {**production_environment, "HOSTNAME": node}, seconds=90)
        assert result.returncode == 0, result.stdout + result.stderr + (tmp_path / "worker.log").read_text()
        assert f"celery@{node}: OK" in result.stdout
        other = run_health_check(
            check.replace("--timeout 10", "--timeout 2"), {**production_environment, "HOSTNAME": "gone"}
        )
        assert other.returncode != 0
    finally:
        stop(worker)


@pytest.mark.worker
def test_the_beat_health_check_passes_while_beat_runs_and_fails_when_its_schedule_goes_stale(
    production_environment, tmp_path
):
    argv = files.service_command("beat")
    (schedule_option,) = [word for word in argv if word.startswith("--schedule=")]
    schedule = Path(schedule_option.partition("=")[2])
    check = SERVICES["beat"]["healthcheck"]["test"][1]
    assert f"find {schedule.parent} " in check and f"-name '{schedule.name}*'" in check
    # The same command with the schedule in a private folder instead of the machine's shared /tmp.
    private = tmp_path / "beat"
    private.mkdir()
    argv[argv.index(schedule_option)] = f"--schedule={private / schedule.name}"
    check = check.replace(f"find {schedule.parent} ", f"find {private} ")
    beat = celery_process(argv, production_environment, tmp_path / "beat.log")
    try:
        result = healthy_within(check, production_environment, seconds=60)
        assert result.returncode == 0, (tmp_path / "beat.log").read_text()
    finally:
        stop(beat)
    eleven_minutes_ago = time.time() - 11 * 60
    for path in private.iterdir():
        os.utime(path, (eleven_minutes_ago, eleven_minutes_ago))
    assert run_health_check(check, production_environment).returncode != 0
