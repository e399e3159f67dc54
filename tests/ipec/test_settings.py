"""Start-up with the settings read from the environment, run as the real process would: `manage.py check`.

Each refusal is its own `manage.py check` process; they are started together once per module,
since each spends most of its short life importing Django.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.ipec.processes import ROOT, production_env, random_key, run


def without(name: str) -> dict[str, str]:
    env = production_env()
    del env[name]
    return env


# (case, environment, what stderr must say): each must stop start-up with a non-zero exit.
REFUSALS = [
    # A bad value under the base settings names the variable.
    ("debug", {"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean: use true or false."),
    ("database-scheme", {"DATABASE_URL": "mysql://x"}, "DATABASE_URL must start with one of sqlite://, postgres://"),
    ("redis-scheme", {"REDIS_URL": "http://x"}, "REDIS_URL must start with one of redis://, rediss:// (got 'http')."),
    ("redis-host", {"REDIS_URL": "redis://"}, "REDIS_URL has no host name."),
    ("email-port", {"EMAIL_PORT": "abc"}, "EMAIL_PORT='abc' is not a whole number."),
    ("email-port-range", {"EMAIL_PORT": "70000"}, "EMAIL_PORT=70000 is above the maximum of 65535."),
    ("email-tls", {"EMAIL_USE_TLS": "sometimes"}, "EMAIL_USE_TLS='sometimes' is not a boolean"),
    ("conn-max-age", {"DATABASE_CONN_MAX_AGE": "-5"}, "DATABASE_CONN_MAX_AGE=-5 is below the minimum of 0."),
    ("log-level", {"LOG_LEVEL": "LOUD"}, "LOG_LEVEL='LOUD' is not one of: DEBUG, INFO, WARNING, ERROR."),
    (
        "threshold",
        {"EVALUATION_INDEPENDENT_THRESHOLD_USD": "1e6"},
        "EVALUATION_INDEPENDENT_THRESHOLD_USD='1e6' is not a whole number.",
    ),
    # Production refuses to start half-configured.
    *[
        (f"production-no-{name.lower()}", without(name), f"{name} must be set under production settings.")
        for name in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS")
    ],
    ("production-hosts-empty", production_env(ALLOWED_HOSTS=" , ,"), "ALLOWED_HOSTS must be set under production"),
    *[
        (f"production-key-{kind}", production_env(SECRET_KEY=key), "SECRET_KEY must be a random string of at least 50")
        for kind, key in [
            ("insecure-prefix", "django-insecure-" + random_key(50)),  # Django's own development prefix
            ("placeholder", "change-me" + random_key(50)),  # the example file's value, left in
            ("short", random_key(49)),
            ("repetitive", "ab" * 30),  # too little variety
        ]
    ],
    (
        "production-sqlite",
        production_env(DATABASE_URL="sqlite:////tmp/ipec.sqlite3"),
        "DATABASE_URL must point to PostgreSQL under production settings.",
    ),
]


@pytest.fixture(scope="module")
def refusal_runs():
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {case: pool.submit(run, "check", **env) for case, env, _ in REFUSALS}
    return {case: future.result() for case, future in futures.items()}


@pytest.mark.parametrize(("case", "message"), [(case, message) for case, _, message in REFUSALS])
def test_a_bad_or_missing_value_stops_start_up_naming_the_variable(refusal_runs, case, message):
    result = refusal_runs[case]
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr, result.stderr[-2000:]
    assert "System check identified" not in result.stdout


def test_with_nothing_set_the_site_runs_on_sqlite_in_process():
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']),"
        "'eager': s.CELERY_TASK_ALWAYS_EAGER, 'broker': s.CELERY_BROKER_URL, 'debug': s.DEBUG,"
        "'redis': s.REDIS_URL, 'cache': s.CACHES['default']['BACKEND'], 'hosts': s.ALLOWED_HOSTS,"
        "'module': s.SETTINGS_MODULE}))"
    )
    result = run("shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "engine": "django.db.backends.sqlite3",
        "name": str(ROOT / "db.sqlite3"),
        "eager": True,
        "broker": "memory://",
        "debug": False,
        "redis": "",
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "hosts": ["127.0.0.1", "localhost", "[::1]"],
        "module": "ipec.settings.base",
    }


def test_with_nothing_set_the_checks_pass():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("extra", [{}, {"DEBUG": "true"}], ids=["plain", "debug-asked-for"])
def test_production_passes_the_deployment_checks(extra):
    result = run("check", "--deploy", **production_env(**extra))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stderr + result.stdout
