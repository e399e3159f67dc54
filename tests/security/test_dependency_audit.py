"""The dependency audit (ops/audit_dependencies.py, run by `make audit` and `make test`), run as CI runs it.

It passes on the project's pinned requirements and fails, naming package and advisory, on pins
of releases with published vulnerabilities. With no network at all (every connection refused
through a proxy on a closed loopback port) it still answers, from the offline database, and says so.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "ops" / "audit_dependencies.py"
OFFLINE = "offline: safety-db 2021.7.17 (PyUp's insecure_full.json, advisories up to 2021-07-01"
# Releases with well-known advisories, and one of each (a CVE both databases list).
VULNERABLE = {
    "django==2.2.0": "CVE-2019-19844",  # account takeover through password reset e-mails
    "requests==2.19.0": "CVE-2018-18074",  # Authorization header sent over an https→http redirect
}
NO_NETWORK = {"HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}


def audit(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def vulnerable_requirements(tmp_path) -> Path:
    path = tmp_path / "requirements-old.txt"
    path.write_text("# Old pins\n" + "\n".join([*VULNERABLE, "insecure-package==0.1.0"]) + "\n")
    return path


def test_the_project_requirements_pass(monkeypatch):
    result = audit()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(requirements.txt, requirements-dev.txt) against " in result.stdout
    assert "online: PyPI's advisory service" in result.stdout or OFFLINE in result.stdout
    assert "No pinned package has a known vulnerability." in result.stdout


def test_known_vulnerable_pins_fail_naming_package_and_advisory(vulnerable_requirements):
    result = audit(str(vulnerable_requirements))
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for pin, cve in VULNERABLE.items():
        assert any(line.strip().startswith(f"{pin}: ") and cve in line for line in lines), (pin, result.stdout)
    if OFFLINE in result.stdout:  # PyUp's own test package is in its database
        assert any(line.strip().startswith("insecure-package==0.1.0: pyup.io-25853") for line in lines)


def test_without_network_the_offline_database_answers(vulnerable_requirements):
    passed = audit(**NO_NETWORK)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "PyPI's advisory service cannot be reached" in passed.stdout
    assert OFFLINE in passed.stdout

    failed = audit(str(vulnerable_requirements), **NO_NETWORK)
    assert failed.returncode == 1
    assert OFFLINE in failed.stdout
    assert "known vulnerabilities in 3 pinned packages" in failed.stdout


def test_offline_flag_skips_the_service_and_follows_included_files(tmp_path, vulnerable_requirements):
    top = tmp_path / "requirements-top.txt"
    top.write_text(f"-r {vulnerable_requirements.name}\npytest==9.2.0  # fine\n")
    result = audit("--offline", str(top))
    assert result.returncode == 1
    assert "cannot be reached" not in result.stdout
    assert "Dependency audit of 4 pinned packages (requirements-top.txt) against " + OFFLINE in result.stdout


@pytest.mark.parametrize("line", ["django>=5.2", "django", "git+https://example.org/django.git"])
def test_an_unpinned_requirement_cannot_be_audited(tmp_path, line):
    path = tmp_path / "requirements-loose.txt"
    path.write_text(f"{line}\n")
    result = audit("--offline", str(path))
    assert result.returncode == 2
    assert "is not pinned with ==" in result.stderr
