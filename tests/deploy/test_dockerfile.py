"""The image: its base, the libraries WeasyPrint needs, a non-root user, and the build steps."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.deploy import deployment_files as files

INSTRUCTIONS = files.dockerfile_instructions()
DOCKERFILE_TEXT = files.DOCKERFILE.read_text()


def instructions(keyword: str) -> list[str]:
    return [i.arguments for i in INSTRUCTIONS if i.keyword == keyword]


def test_base_is_slim_python_311_on_debian_12_whose_pg_dump_matches_the_database():
    # Debian 12 (bookworm) ships the PostgreSQL 15 client: pg_dump refuses a newer server.
    assert instructions("FROM") == ["python:3.11-slim-bookworm"]
    assert files.compose()["services"]["db"]["image"] == "postgres:15"
    assert "postgresql-client" in DOCKERFILE_TEXT


def test_weasyprint_libraries_and_fonts_are_installed():
    (install,) = [step.argv for step in files.dockerfile_run_steps() if "apt-get" in step.argv]
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b", "fonts-dejavu-core", "curl"):
        assert package in install, package
    assert "--no-install-recommends" in install
    assert install[-3:] == ["rm", "-rf", "/var/lib/apt/lists/*"]


def test_the_container_runs_as_a_non_root_user_after_every_install_step():
    keywords = [i.keyword for i in INSTRUCTIONS]
    users = instructions("USER")
    assert users and users[-1] not in {"root", "0", "0:0"}
    last_user = len(keywords) - 1 - keywords[::-1].index("USER")
    assert "RUN" not in keywords[last_user:], "every RUN (installs, collectstatic) comes before USER"
    assert any(
        step.argv[:2] == ["useradd", "--create-home"] and users[-1] in step.argv
        for step in files.dockerfile_run_steps()
    )
    assert ["pip", "install", "-r", "requirements.txt"] in [step.argv for step in files.dockerfile_run_steps()]


def test_the_app_user_may_write_only_the_stored_files_and_backups():
    (chown,) = [step.argv for step in files.dockerfile_run_steps() if "chown" in step.argv]
    assert chown[chown.index("chown") + 1 :] == ["app:app", "/app/media", "/backups"]
    assert "COPY . ." in DOCKERFILE_TEXT and "--chown" not in DOCKERFILE_TEXT  # the code stays root's
    assert files.dockerfile_env()["MEDIA_ROOT"] == "/app/media"


def test_image_and_compose_run_the_same_web_command_and_health_check():
    web = files.compose()["services"]["web"]
    (command,) = instructions("CMD")
    assert files.exec_form(command) == web["command"]
    (healthcheck,) = instructions("HEALTHCHECK")
    assert ["CMD", *files.exec_form(healthcheck)] == web["healthcheck"]["test"]


def test_build_time_values_are_not_part_of_the_image():
    (collect,) = [step for step in files.dockerfile_run_steps() if "collectstatic" in step.argv]
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"} <= set(collect.env)
    assert not instructions("ARG")
    assert not set(collect.env) & set(files.dockerfile_env())


def test_the_build_context_leaves_out_secrets_and_local_state_but_not_what_runs():
    lines = files.ROOT.joinpath(".dockerignore").read_text().splitlines()
    ignored = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    # .env holds the real secrets; it must never be sent to the build.
    for pattern in (".env", ".git", ".venv", "media", "db.sqlite3", "staticfiles", "**/*.mo"):
        assert pattern in ignored, pattern
    for needed in ("ops", "ipec", "manage.py", "requirements.txt", "locale", "static", "templates", ".env.example"):
        assert (files.ROOT / needed).exists(), needed
        assert needed not in ignored, needed
    assert "!.env.example" in ignored


def test_the_collectstatic_build_step_works_with_the_production_storage(tmp_path):
    """Run the Dockerfile's collectstatic step as the build would (into a temporary STATIC_ROOT)."""
    (collect,) = [step for step in files.dockerfile_run_steps() if "collectstatic" in step.argv]
    assert collect.argv[:2] == ["python", "manage.py"]
    env = {**files.dockerfile_env(), **collect.env, "STATIC_ROOT": str(tmp_path), "PATH": os.environ["PATH"]}
    result = subprocess.run(
        [sys.executable, *collect.argv[1:]], cwd=files.ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in ("css/site.css", "admin/css/base.css"):
        assert (tmp_path / manifest[name]).is_file(), name
