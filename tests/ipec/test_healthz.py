"""`/healthz`: 200 while the database (and Redis, when configured) answer, 503 otherwise; open to anyone, GET only."""

from __future__ import annotations

import json
import socket

import pytest
from django.db import OperationalError, connection
from django.db.utils import load_backend

import ipec.health
from tests.ipec.processes import production_env, run

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    """A loopback port nothing listens on: bound then released, so a connection is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_healthy_without_login(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_healthy_with_the_real_redis(client, settings, redis_url):
    settings.REDIS_URL = redis_url
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}


def test_unavailable_when_redis_is_configured_but_unreachable(client, settings):
    settings.REDIS_URL = f"redis://127.0.0.1:{closed_port()}/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "ok", "redis": "down"}}


@pytest.fixture
def unreachable_database(monkeypatch, tmp_path):
    """A real connection to a database that cannot be reached: a closed port, or a file in a missing folder."""
    settings_dict = {**connection.settings_dict}
    if connection.vendor == "postgresql":
        settings_dict.update(HOST="127.0.0.1", PORT=str(closed_port()))
    else:
        settings_dict.update(NAME=str(tmp_path / "missing" / "db.sqlite3"))
    broken = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias="unreachable")
    with pytest.raises(OperationalError):  # the driver's own failure, not a stand-in
        broken.ensure_connection()
    monkeypatch.setattr(ipec.health, "connection", broken)
    yield broken
    broken.close()


def test_unavailable_when_the_database_cannot_be_reached(client, settings, unreachable_database):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "down"}}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_get(client, method):
    response = getattr(client, method)("/healthz")
    assert response.status_code == 405
    assert response["Allow"] == "GET"


def test_other_pages_still_need_a_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_load_balancers_may_probe_over_plain_http_under_production(client, settings):
    """Production redirects HTTP to HTTPS, except /healthz, which a load balancer calls on plain HTTP."""
    code = "import json; from django.conf import settings as s; print(json.dumps(s.SECURE_REDIRECT_EXEMPT))"
    result = run("shell", "--no-imports", "-c", code, **production_env())
    assert result.returncode == 0, result.stderr
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = json.loads(result.stdout.strip().splitlines()[-1])
    settings.REDIS_URL = ""
    assert client.get("/healthz").status_code == 200
    redirected = client.get("/")
    assert redirected.status_code == 301
    assert redirected["Location"] == "https://testserver/"
