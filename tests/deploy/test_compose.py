"""No Docker engine runs here, so check what docker-compose.yml sets up and refers to."""

from __future__ import annotations

import re

import pytest

from evaluations.report_jobs import RENDER_TIME_LIMIT
from tests.deploy import deployment_files as files

COMPOSE = files.compose()
SERVICES = COMPOSE["services"]
EXAMPLE = {**files.read_env_file(files.ENV_EXAMPLE.read_text()), "POSTGRES_PASSWORD": "pw"}
ONE_SHOT = ("migrate", "backup")


def seconds(duration: str) -> int:
    units = {"s": 1, "m": 60, "h": 3600}
    return sum(int(number) * units[unit] for number, unit in re.findall(r"(\d+)([smh])", duration))


def test_compose_has_the_whole_stack():
    assert {"db", "redis", "migrate", "web", "worker", "beat", "backup"} == set(SERVICES)
    assert SERVICES["db"]["image"] == "postgres:15"
    assert SERVICES["redis"]["image"].startswith("redis:")
    for name in files.APP_SERVICES:
        assert SERVICES[name]["image"] == "ipec-portfolio:latest", name
        assert SERVICES[name]["build"] == ".", name


def test_every_long_running_service_has_a_health_check_and_restarts():
    for name in ("db", "redis", *files.RUNNING_APP_SERVICES):
        healthcheck = SERVICES[name]["healthcheck"]
        assert healthcheck["test"][0] in {"CMD", "CMD-SHELL"}, name
        assert seconds(healthcheck["timeout"]) < seconds(healthcheck["interval"]), name
        assert SERVICES[name]["restart"] == "unless-stopped", name


def test_one_shot_services_neither_restart_nor_inherit_the_web_health_check():
    for name in ONE_SHOT:
        assert SERVICES[name]["restart"] == "no", name
        # The image's HEALTHCHECK calls /healthz, which only the web container serves.
        assert SERVICES[name]["healthcheck"] == {"disable": True}, name
    assert SERVICES["backup"]["profiles"] == ["ops"], "`docker compose up` must not run a backup"


def test_services_wait_for_what_they_need():
    for name in files.RUNNING_APP_SERVICES:
        depends_on = SERVICES[name]["depends_on"]
        assert depends_on["db"]["condition"] == "service_healthy", name
        assert depends_on["redis"]["condition"] == "service_healthy", name
        assert depends_on["migrate"]["condition"] == "service_completed_successfully", name
    assert SERVICES["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    for name, service in SERVICES.items():
        for dependency, rule in (service.get("depends_on") or {}).items():
            if rule["condition"] == "service_healthy":
                assert "test" in SERVICES[dependency]["healthcheck"], f"{name} waits for {dependency}'s health"


def test_migrations_run_once_in_their_own_service_not_in_each_web_replica():
    migrating = [name for name in SERVICES if "migrate" in " ".join(map(str, SERVICES[name].get("command", [])))]
    assert migrating == ["migrate"]
    assert files.service_command("migrate") == ["python", "manage.py", "migrate", "--no-input"]
    for name in files.RUNNING_APP_SERVICES:
        assert "entrypoint" not in SERVICES[name], name


def test_exactly_one_beat_and_no_beat_inside_the_worker():
    assert "replicas" not in SERVICES["beat"].get("deploy", {})
    worker = files.service_command("worker")
    assert "beat" in files.service_command("beat")
    assert not {"-B", "--beat"} & set(worker)


def test_the_worker_may_finish_a_render_before_it_is_stopped():
    assert seconds(SERVICES["worker"]["stop_grace_period"]) > RENDER_TIME_LIMIT


def test_data_lives_in_named_volumes():
    declared = set(COMPOSE["volumes"])
    assert {"pgdata", "redisdata", "media"} <= declared
    assert "pgdata:/var/lib/postgresql/data" in SERVICES["db"]["volumes"]
    assert "redisdata:/data" in SERVICES["redis"]["volumes"]
    assert "--appendonly" in SERVICES["redis"]["command"]
    used = {mount.split(":")[0] for service in SERVICES.values() for mount in service.get("volumes", [])}
    assert {name for name in used if not name.startswith(("$", ".", "/"))} == declared


@pytest.mark.parametrize("name", files.APP_SERVICES)
def test_app_services_store_files_on_the_media_volume_and_use_the_stack(name):
    environment = files.service_environment(name, EXAMPLE)
    assert environment["DJANGO_SETTINGS_MODULE"] == "ipec.settings.production"
    assert f"media:{environment['MEDIA_ROOT']}" in SERVICES[name]["volumes"]
    assert re.fullmatch(r"postgres://ipec:pw@db:5432/ipec", environment["DATABASE_URL"])
    assert environment["REDIS_URL"] == "redis://redis:6379/0"


def test_an_extra_node_points_at_the_shared_database_and_redis_from_its_env_file():
    shared = {**EXAMPLE, "DATABASE_URL": "postgres://ipec:pw@10.0.0.5:5432/ipec", "REDIS_URL": "redis://10.0.0.5/0"}
    environment = files.service_environment("worker", shared)
    assert environment["DATABASE_URL"] == shared["DATABASE_URL"]
    assert environment["REDIS_URL"] == shared["REDIS_URL"]


def test_the_web_port_is_published_on_loopback_unless_told_otherwise():
    (port,) = SERVICES["web"]["ports"]
    assert files.interpolate(port, EXAMPLE) == "127.0.0.1:8000:8000"
    assert files.interpolate(port, {}) == "127.0.0.1:8000:8000"
    assert files.interpolate(port, {"WEB_BIND": "10.0.0.7", "WEB_PORT": "80"}) == "10.0.0.7:80:8000"


def test_the_backup_service_writes_to_a_host_folder():
    assert files.service_command("backup") == ["ops/backup.sh", "/backups"]
    assert "${BACKUP_DIR:-./backups}:/backups" in SERVICES["backup"]["volumes"]
