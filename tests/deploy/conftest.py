"""A container's environment, pointed at this machine's PostgreSQL and Redis instead of the compose services."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.deploy import deployment_files as files


def database_url(name: str) -> str:
    """A postgres:// URL to database `name` on the server the tests use."""
    from django.db import connection

    settings = connection.settings_dict
    user = quote(settings["USER"] or "", safe="")
    password = f":{quote(settings['PASSWORD'], safe='')}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    return f"postgres://{user}{password}@{host}:{settings['PORT'] or 5432}/{name}"


def path_with_venv() -> str:
    """PATH with this interpreter's folder first, so `celery` and `gunicorn` are the project's."""
    return f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"


@pytest.fixture
def production_environment(require_postgres, redis_url, tmp_path) -> dict[str, str]:
    """The web container's environment from the filled-in .env.example, on the test database and Redis."""
    from django.db import connection

    environment = files.service_environment("web", files.example_dotenv_filled_in())
    environment.update(
        DATABASE_URL=database_url(connection.settings_dict["NAME"]),
        REDIS_URL=redis_url,
        MEDIA_ROOT=str(tmp_path / "media"),
        PATH=path_with_venv(),
        HOME=os.environ.get("HOME", "/tmp"),
    )
    return environment
