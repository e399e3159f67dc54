"""Fail when a pinned dependency has a known vulnerability.

    python ops/audit_dependencies.py [--offline] [REQUIREMENTS ...]   (default: requirements.txt requirements-dev.txt)

Every requirement must be pinned with `==` (files named with `-r` are read too). The pins are
checked against one advisory database, and the output says which one and how recent it is:

1. PyPI's advisory service, through pip-audit, when it answers. It is probed first with one
   pin whose advisories are known (Django 2.2.0): a service that cannot be reached, or that
   answers "not found" for every release (pip-audit then skips the package and reports "no
   known vulnerabilities"), does not count as having answered.
2. Otherwise the offline database of the `safety-db` package (PyUp's free insecure_full.json),
   installed from requirements-dev.txt, so the audit needs no network. It is frozen at its
   release: it knows advisories published up to its date, printed with every run.

Exit status: 0 when no pin is known to be vulnerable, 1 when one is (each is named with its
advisories), 2 when the files cannot be audited (an unpinned requirement, a missing database).
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILES = [ROOT / "requirements.txt", ROOT / "requirements-dev.txt"]
# A release with published advisories: an online service that finds none for it is not working.
PROBE = "django==2.2.0"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==\s*(?P<version>[^\s;#]+)")


class AuditError(Exception):
    """The files could not be audited (exit 2)."""


@dataclass(frozen=True)
class Finding:
    package: str
    version: str
    advisory: str  # its id, and CVE when there is one
    summary: str

    def __str__(self) -> str:
        summary = self.summary if len(self.summary) <= 160 else self.summary[:157] + "..."
        return f"{self.package}=={self.version}: {self.advisory}: {summary}"


# Reading the pins -----------------------------------------------------------------------------------


def read_pins(paths: list[Path], seen: set[Path] | None = None) -> dict[str, str]:
    """{canonical name: version} of every requirement in `paths` and the files they include with -r."""
    seen = set() if seen is None else seen
    pins: dict[str, str] = {}
    for path in paths:
        path = path.resolve()
        if path in seen:
            continue
        seen.add(path)
        for number, raw in enumerate(path.read_text().splitlines(), start=1):
            line = raw.split(" #", 1)[0].strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith(("-r ", "--requirement ")):
                pins.update(read_pins([path.parent / line.split(maxsplit=1)[1]], seen))
                continue
            match = PIN.match(line)
            if not match:
                raise AuditError(
                    f"{path.name}:{number}: {line!r} is not pinned with ==; only exact pins can be audited."
                )
            pins[canonicalize_name(match["name"])] = match["version"]
    return pins


# The online service: pip-audit against PyPI ------------------------------------------------------------


def _pip_audit(pins: dict[str, str], timeout: int) -> dict | None:
    """pip-audit's JSON report for `pins`, or None when it could not produce one."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("".join(f"{name}=={version}\n" for name, version in pins.items()))
    command = [sys.executable, "-m", "pip_audit", "--requirement", handle.name, "--no-deps", "--disable-pip"]
    command += ["--format", "json", "--progress-spinner", "off", "--timeout", str(timeout)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout * 6)
        return json.loads(result.stdout) if result.stdout.strip() else None
    except (subprocess.TimeoutExpired, json.JSONDecodeError):
        return None
    finally:
        Path(handle.name).unlink(missing_ok=True)


def _answered(report: dict | None) -> bool:
    return bool(report) and not any("skip_reason" in dep for dep in report.get("dependencies", []))


def audit_online(pins: dict[str, str], timeout: int = 10) -> list[Finding] | None:
    """The findings of PyPI's advisory service, or None when it does not really answer."""
    name, version = PROBE.split("==")
    probe = _pip_audit({name: version}, timeout=5)
    if not _answered(probe) or not any(dep.get("vulns") for dep in probe["dependencies"]):
        return None
    report = _pip_audit(pins, timeout)
    if not _answered(report):
        return None
    return [
        Finding(dep["name"], dep["version"], ", ".join([vuln["id"], *vuln.get("aliases", [])]), vuln["description"])
        for dep in report["dependencies"]
        for vuln in dep.get("vulns", [])
    ]


# The offline database: safety-db -------------------------------------------------------------------


def offline_database() -> tuple[dict, str]:
    """safety-db's advisories by package, and a description of the database with its date."""
    try:
        distribution = importlib.metadata.distribution("safety-db")
    except importlib.metadata.PackageNotFoundError as error:
        raise AuditError("The offline database is missing: pip install -r requirements-dev.txt (safety-db).") from error
    # Read as a file: the package's own module opens its data by a path relative to the working directory.
    data = json.loads(Path(distribution.locate_file("safety_db/insecure_full.json")).read_text())
    meta = data.pop("$meta", {})
    dated = datetime.datetime.fromtimestamp(meta.get("timestamp", 0), tz=datetime.UTC).date()
    advisories = {canonicalize_name(name): entries for name, entries in data.items()}
    description = (
        f"offline: safety-db {distribution.version} (PyUp's insecure_full.json, advisories up to {dated.isoformat()}, "
        f"{len(advisories)} packages)"
    )
    return advisories, description


def audit_offline(pins: dict[str, str], advisories: dict) -> list[Finding]:
    findings = []
    for name, version in sorted(pins.items()):
        for entry in advisories.get(name, []):
            try:
                vulnerable = any(Version(version) in SpecifierSet(spec) for spec in entry["specs"])
            except InvalidSpecifier as error:
                raise AuditError(f"{name}: advisory {entry['id']} has a range that cannot be read: {error}") from error
            if vulnerable:
                label = entry["id"] + (f", {entry['cve']}" if entry.get("cve") else "")
                findings.append(Finding(name, version, label, entry["advisory"]))
    return findings


# The command --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="requirement files (default: both of the project's)")
    parser.add_argument("--offline", action="store_true", help="skip PyPI's service; use the offline database")
    args = parser.parse_args(argv)
    files = args.files or DEFAULT_FILES
    try:
        pins = read_pins(files)
        findings = None if args.offline else audit_online(pins)
        if findings is not None:
            source = f"online: PyPI's advisory service via pip-audit {importlib.metadata.version('pip-audit')}"
        else:
            if not args.offline:
                print("PyPI's advisory service cannot be reached (or answers nothing): using the offline database.")
            advisories, source = offline_database()
            findings = audit_offline(pins, advisories)
    except AuditError as error:
        print(f"Dependency audit: cannot audit: {error}", file=sys.stderr)
        return 2
    names = ", ".join(path.name for path in files)
    print(f"Dependency audit of {len(pins)} pinned packages ({names}) against {source}.")
    if not findings:
        print("No pinned package has a known vulnerability.")
        return 0
    print(f"{len(findings)} known vulnerabilities in {len({f.package for f in findings})} pinned packages:")
    for finding in findings:
        print(f"  {finding}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
