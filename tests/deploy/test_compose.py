"""No Docker engine runs here, so check what docker-compose.yml and the Dockerfile refer to."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def test_compose_has_the_whole_stack():
    assert {"db", "redis", "migrate", "web", "worker", "beat"} <= set(SERVICES)
    for name in ("db", "redis", "web", "worker"):
        assert "healthcheck" in SERVICES[name], name
    for name in ("db", "redis", "web", "worker", "beat"):
        assert SERVICES[name]["restart"] == "unless-stopped", name
    assert {"pgdata", "media"} <= set(COMPOSE["volumes"])


def test_app_services_use_modules_that_exist():
    web = SERVICES["web"]["command"]
    module, _, attribute = web[1].partition(":")
    assert hasattr(importlib.import_module(module), attribute)
    assert (ROOT / web[web.index("--config") + 1]).is_file()
    for name in ("worker", "beat"):
        command = SERVICES[name]["command"]
        assert command[:3] == ["celery", "-A", "ipec"]
        assert importlib.import_module("ipec").celery_app.main == "ipec"
    assert SERVICES["migrate"]["command"][:2] == ["python", "manage.py"]


@pytest.mark.parametrize("name", ["migrate", "web", "worker", "beat"])
def test_app_services_run_production_settings_after_migrations(name):
    service = SERVICES[name]
    assert service["environment"]["DJANGO_SETTINGS_MODULE"] == "ipec.settings.production"
    importlib.import_module("ipec.settings.base")  # production imports it; it must load
    assert service["environment"]["DATABASE_URL"].startswith("postgres://")
    assert service["environment"]["REDIS_URL"].startswith("redis://redis:")
    if name != "migrate":
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_web_health_check_calls_healthz():
    assert "http://localhost:8000/healthz" in SERVICES["web"]["healthcheck"]["test"]


def test_example_environment_names_only_settings_that_exist():
    settings_source = "".join(p.read_text() for p in (ROOT / "ipec" / "settings").glob("*.py"))
    read_by_settings = set(re.findall(r'env_\w+\(\s*"([A-Z_]+)"', settings_source))
    compose_only = {"POSTGRES_PASSWORD", "WEB_PORT"}
    example = [line.split("=", 1)[0] for line in (ROOT / ".env.example").read_text().splitlines() if "=" in line]
    assert example
    for name in example:
        assert name in read_by_settings | compose_only, f"{name} in .env.example is read by nothing"


def test_dockerfile_installs_weasyprint_libraries_and_runs_as_non_root():
    dockerfile = (ROOT / "Dockerfile").read_text()
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b"):
        assert package in dockerfile
    assert re.search(r"^USER app$", dockerfile, re.MULTILINE)
    assert "collectstatic" in dockerfile
