"""The example environment: every variable in it is read by something, every one the code reads is
documented, and with it the production settings start and pass `check --deploy`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.deploy import deployment_files as files

EXAMPLE_TEXT = files.ENV_EXAMPLE.read_text()
EXAMPLE = files.read_env_file(EXAMPLE_TEXT)
COMPOSE_TEXT = files.COMPOSE_FILE.read_text()
READ_BY_CODE = files.variables_read_by_code()

# Read by the code but deliberately not in .env.example, with the reason.
NOT_FOR_PRODUCTION = {
    "DEBUG": "ipec.settings.production sets DEBUG = False whatever the environment says",
    "DEMO_PASSWORD": "seed_demo refuses to run under production settings",
    "CI": "the test suite's switch",
    "STATIC_ROOT": "static files are collected into the image at build time",
}


def run_in(environment: dict[str, str], *argv: str) -> subprocess.CompletedProcess:
    """Run a command with only this environment (and a PATH), as a container would."""
    env = {**environment, "PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run(argv, cwd=files.ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_every_variable_in_the_example_is_read_by_the_code_or_by_compose():
    documented = set(EXAMPLE) | set(files.documented_optional(EXAMPLE_TEXT))
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "POSTGRES_PASSWORD"} <= documented
    read = set(READ_BY_CODE) | files.interpolated_names(COMPOSE_TEXT)
    assert not documented - read, f"in .env.example but read by nothing: {sorted(documented - read)}"


def test_every_variable_the_code_reads_is_documented_in_the_example_or_set_by_the_deployment():
    documented = set(EXAMPLE) | set(files.documented_optional(EXAMPLE_TEXT))
    set_by_deployment = set(files.dockerfile_env())
    for name in files.APP_SERVICES:
        set_by_deployment |= set(files.compose()["services"][name].get("environment") or {})
    missing = set(READ_BY_CODE) - documented - set_by_deployment - set(NOT_FOR_PRODUCTION)
    assert not missing, {name: sorted(READ_BY_CODE[name]) for name in missing}


def test_every_variable_compose_sets_in_the_app_containers_is_read_by_the_code():
    for name in files.APP_SERVICES:
        environment = files.compose()["services"][name].get("environment") or {}
        assert set(environment) <= set(READ_BY_CODE), name


def test_the_variables_compose_requires_are_set_in_the_example():
    required = files.required_by_compose(COMPOSE_TEXT)
    assert "POSTGRES_PASSWORD" in required
    for name in required:
        assert EXAMPLE.get(name), f"{name} is required by docker-compose.yml but empty in .env.example"
    with pytest.raises(files.MissingVariable, match="POSTGRES_PASSWORD"):
        files.interpolate(COMPOSE_TEXT, {})


def test_optional_defaults_shown_in_the_example_are_valid_values():
    """A `# NAME=value` line, uncommented as it is, must not stop the site."""
    environment = files.service_environment("web", files.example_dotenv_filled_in())
    optional = files.documented_optional(EXAMPLE_TEXT)
    assert len(optional) >= 10
    for name, value in optional.items():
        if name not in {"DATABASE_URL", "REDIS_URL"}:  # the scale-out examples point at another machine
            environment[name] = value
    result = run_in(environment, sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr


def test_the_placeholder_secret_key_of_the_example_is_refused():
    environment = files.service_environment("web", {**EXAMPLE, "POSTGRES_PASSWORD": "x"})
    result = run_in(environment, sys.executable, "manage.py", "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be a random string" in result.stderr


@pytest.mark.parametrize("service", files.APP_SERVICES)
def test_production_settings_start_with_the_example_and_pass_check_deploy(service):
    environment = files.service_environment(service, files.example_dotenv_filled_in())
    assert environment["DJANGO_SETTINGS_MODULE"] == "ipec.settings.production"
    result = run_in(environment, sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


# For each variable of the web container: do the production settings start without it?
_WITHOUT_EACH = """
import importlib, json, os, sys
from django.core.exceptions import ImproperlyConfigured
needed = []
for name in sorted(os.environ):
    if name in ("PATH", "HOME", "DJANGO_SETTINGS_MODULE"):
        continue
    value = os.environ.pop(name)
    for module in [m for m in sys.modules if m.startswith("ipec.settings")]:
        del sys.modules[module]
    try:
        importlib.import_module("ipec.settings.production")
    except ImproperlyConfigured:
        needed.append(name)
    os.environ[name] = value
print(json.dumps(needed))
"""


def test_every_variable_the_production_settings_need_comes_from_the_example_or_compose():
    environment = files.service_environment("web", files.example_dotenv_filled_in())
    result = run_in(environment, sys.executable, "-c", _WITHOUT_EACH)
    assert result.returncode == 0, result.stderr
    needed = set(json.loads(result.stdout))
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"} <= needed
    compose_sets = set(files.compose()["services"]["web"]["environment"])
    for name in needed:
        assert name in compose_sets or EXAMPLE.get(name), (
            f"{name} is needed but neither compose nor .env.example sets it"
        )
