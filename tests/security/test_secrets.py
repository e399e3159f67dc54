"""Secrets come only from the environment: no setting holds a literal secret, and nothing committed looks like one.

The one literal is the development SECRET_KEY, which says what it is ("django-insecure-…") and
which production refuses (started here as a real process, as tests/ipec/test_settings.py does).
"""

from __future__ import annotations

import ast
import re
import subprocess

import pytest

from tests.ipec.processes import ROOT, production_env, run

SETTINGS = sorted((ROOT / "ipec" / "settings").glob("*.py"))
SECRET_NAME = re.compile(r"(SECRET|SECRET_KEY|PASSWORD|TOKEN|API_KEY|CREDENTIALS?)$")
DEVELOPMENT_KEY = "django-insecure-local-development-only-never-use-in-production"


def _assignments(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    yield target.id, node.value


def _literal_strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


@pytest.mark.parametrize("path", SETTINGS, ids=lambda p: p.name)
def test_secret_settings_are_read_from_the_environment(path):
    secret = [(name, value) for name, value in _assignments(path) if SECRET_NAME.search(name)]
    for name, value in secret:
        # Each is env_str("NAME", default) or a name taken from another settings module, never a bare literal.
        if isinstance(value, ast.Call):
            assert getattr(value.func, "id", "").startswith("env_"), name
            assert _literal_strings(value.args[0]) == [name], f"{name} is read from another variable"
            defaults = [s for arg in value.args[1:] for s in _literal_strings(arg)]
            allowed = [DEVELOPMENT_KEY] if name == "SECRET_KEY" else []
            assert defaults == allowed, f"{name} has a literal default {defaults!r}"
        else:
            assert not _literal_strings(value), f"{name} is a literal in {path.name}"
    if path.name == "base.py":
        assert {name for name, _ in secret} >= {"SECRET_KEY", "EMAIL_HOST_PASSWORD"}


def test_production_refuses_the_development_key():
    result = run("check", **production_env(SECRET_KEY=DEVELOPMENT_KEY))
    assert result.returncode != 0
    assert "SECRET_KEY must be a random string of at least 50 characters." in result.stderr


# Patterns of real credentials: a private key, a cloud access key, a URL with a password that is
# not a ${VARIABLE}, a <placeholder>, a NAME in capitals or an obvious dummy, and a long key literal
# that does not say it is not a secret (the Dockerfile's build-only key for collectstatic does).
LEAKS = {
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "AWS key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "password in a URL": re.compile(r"://[\w.-]+:(?!\$\{|<|[A-Z_]+@|secret@|password@|change-me)[^@\s/'\"]{6,}@"),
    "key literal": re.compile(
        r"SECRET_KEY\s*[=:]\s*['\"]?(?!django-insecure|change-me|[\w-]*not-secret)[A-Za-z0-9!@#%^&*()_+=-]{40,}"
    ),
}


def test_no_committed_file_holds_a_credential():
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    found = []
    for name in files:
        path = ROOT / name
        if not path.is_file() or path.suffix in {".png", ".pdf", ".mo", ".xlsx", ".ico", ".woff2", ".gz"}:
            continue
        text = path.read_text(errors="ignore")
        found += [f"{name}: {kind}" for kind, pattern in LEAKS.items() if pattern.search(text)]
    assert len(files) > 100
    assert found == []


def test_the_leak_patterns_catch_what_they_are_for():
    # Built from parts, so that this file does not match its own patterns.
    assert LEAKS["password in a URL"].search("postgres://ipec:" + "Zq83kd02jsl@db:5432/ipec")
    assert not LEAKS["password in a URL"].search("postgres://ipec:${POSTGRES_PASSWORD}@db:5432/ipec")
    assert not LEAKS["password in a URL"].search("postgres://ipec:<POSTGRES_PASSWORD>@db:5432/ipec")
    assert LEAKS["key literal"].search("SECRET_KEY = " + '"k3j4h5g6f7d8s9a0p1o2i3u4y5t6r7e8w9q0z1x2c3v4"')
    assert not LEAKS["key literal"].search(f'SECRET_KEY = "{DEVELOPMENT_KEY}"')
