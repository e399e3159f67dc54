"""A real backup and restore with the scripts docs/operations.md gives (ops/backup.sh, ops/restore.sh).

A database seeded with the demo portfolio, and stored files written through the models, go
through a backup into a fresh database and an empty folder; every table's rows, the
migrations, the sequences and every file's bytes come back, and the restored site keeps
numbering new rows after the old ones. Then a restore over a database that has changed since
puts it back as it was, and a damaged backup is refused before anything is touched.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest

from tests.deploy import deployment_files as files
from tests.deploy.command_lines import shell_commands_in_markdown
from tests.deploy.conftest import database_url

pytestmark = pytest.mark.postgres

BACKUP = files.ROOT / "ops" / "backup.sh"
RESTORE = files.ROOT / "ops" / "restore.sh"
VERIFY = files.ROOT / "ops" / "verify-backup.sh"

# Stored through the models, as an upload and a rendered report would be.
_STORE_FILES = """
import hashlib, json, os
from django.core.files.base import ContentFile
from accounts.models import User
from evaluations.models import Evaluation, EvaluationReport, ReportState
from projects.models import EvidenceFile, ProgressReport

evidence_bytes = b"%PDF-1.7\\n" + os.urandom(300_000)
report_bytes = b"%PDF-1.7\\n" + os.urandom(120_000)
progress = ProgressReport.objects.order_by("pk").first()
evidence = EvidenceFile(report=progress, original_name="Rapport d'activité 2014.pdf", content_type="application/pdf",
                        size_bytes=len(evidence_bytes), uploaded_by=User.objects.get(username="cta"))
evidence.file.save("Rapport d'activité 2014.pdf", ContentFile(evidence_bytes))
evaluation = Evaluation.objects.order_by("pk").first()
version = (evaluation.reports.order_by("-version").values_list("version", flat=True).first() or 0) + 1
report = EvaluationReport(evaluation=evaluation, version=version, state=ReportState.READY, language=evaluation.language,
                          sha256=hashlib.sha256(report_bytes).hexdigest(), size_bytes=len(report_bytes), page_count=3)
report.file.save("evaluation-report.pdf", ContentFile(report_bytes))
print(json.dumps([evidence.file.name, report.file.name]))
"""

# A new project through the write services, on the restored database.
_NEW_PROJECT = """
from tests.factories import make_project
print(make_project(code="IND/99/R01/USA").pk)
"""


def run(argv: list[str], environment: dict[str, str], timeout: int = 120) -> str:
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **environment}
    result = subprocess.run(argv, cwd=files.ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{argv[:3]} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def manage(url: str, media: Path, *arguments: str) -> str:
    environment = {"DJANGO_SETTINGS_MODULE": "ipec.settings.base", "DATABASE_URL": url, "MEDIA_ROOT": str(media)}
    return run([sys.executable, "manage.py", *arguments], environment)


def snapshot(url: str) -> dict[str, object]:
    """Every table's row count and a checksum of its rows, and every sequence's position."""
    with psycopg.connect(url) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        content = {}
        for table in tables:
            # Rows as text, ordered by that text: the same rows give the same checksum, whatever their physical order.
            content[table] = connection.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM \"{table}\" t"
            ).fetchone()
        sequences = dict(
            connection.execute(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
            ).fetchall()
        )
    return {"tables": content, "sequences": sequences}


def tree(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def scratch_databases(require_postgres):
    """Two throw-away databases on the test server, dropped afterwards: one seeded, one to restore into."""
    from django.db import connection

    prefix = re.sub(r"^test_", "", connection.settings_dict["NAME"])
    suffix = uuid.uuid4().hex[:6]
    names = [f"{prefix}_backup_source_{suffix}", f"{prefix}_backup_restored_{suffix}"]
    maintenance = database_url("postgres")
    for name in names:
        run(["createdb", f"--maintenance-db={maintenance}", name], {})
    yield [database_url(name) for name in names]
    for name in names:
        run(["dropdb", "--if-exists", "--force", f"--maintenance-db={maintenance}", name], {})


def test_the_client_tools_are_the_servers_major_version(require_postgres):
    from django.db import connection

    server_major = connection.cursor().connection.info.server_version // 10000
    for tool in ("pg_dump", "pg_restore"):
        version = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout
        assert re.search(rf"\) {server_major}\.", version), f"{tool}: {version.strip()}, server {server_major}"


def test_a_backup_restores_every_row_sequence_and_file(scratch_databases, tmp_path):
    source, restored = scratch_databases
    media = tmp_path / "media"
    manage(source, media, "migrate", "--no-input", "-v", "0")
    manage(source, media, "seed_demo", "--projects", "200")
    stored = json.loads(manage(source, media, "shell", "-c", _STORE_FILES).splitlines()[-1])
    before = snapshot(source)
    for table, at_least in {
        "projects_project": 200,
        "projects_progressreport": 200,
        "evaluations_evaluation": 100,
        "accounts_user": 4,
        "projects_evidencefile": 1,
        "evaluations_evaluationreport": 1,
        "django_migrations": 30,
    }.items():
        assert before["tables"][table][0] >= at_least, table
    files_before = tree(media)
    assert set(stored) <= set(files_before)

    # The commands of docs/operations.md, "Backups" and "Restoring".
    folder = Path(
        run([str(BACKUP), str(tmp_path / "backups")], {"DATABASE_URL": source, "MEDIA_ROOT": str(media)}).strip()
    )
    assert sorted(path.name for path in folder.iterdir()) == ["SHA256SUMS", "database.dump", "media.tar.gz"]
    assert [path.name for path in folder.parent.iterdir()] == [folder.name], "no .partial folder left behind"
    assert "archive holds 2 files" in run([str(VERIFY), str(folder)], {})
    target = tmp_path / "restored-media"
    target.mkdir()
    restore = {"DATABASE_URL": restored, "MEDIA_ROOT": str(target)}
    run([str(RESTORE), "--yes", str(folder)], restore)

    assert snapshot(restored) == before
    assert tree(target) == files_before

    # The restored sequences go on after the old rows: a new project gets a new id, and saves.
    new_id = int(manage(restored, target, "shell", "-c", _NEW_PROJECT).splitlines()[-1])
    with psycopg.connect(source) as connection:
        (highest,) = connection.execute("SELECT max(id) FROM projects_project").fetchone()
    assert new_id > highest

    # Restoring over a database and a folder that changed since the backup puts them back as they were.
    (target / "progress-reports" / "stray.pdf").write_bytes(b"uploaded after the backup")
    run([str(RESTORE), "--yes", str(folder)], restore)
    assert snapshot(restored) == before
    assert tree(target) == files_before


def test_a_damaged_backup_is_refused_before_anything_is_replaced(scratch_databases, tmp_path):
    source, restored = scratch_databases
    media = tmp_path / "media"
    (media / "evaluation-reports").mkdir(parents=True)
    (media / "evaluation-reports" / "report.pdf").write_bytes(b"%PDF-1.7 report")
    with psycopg.connect(source) as connection:
        connection.execute("CREATE TABLE note (id serial PRIMARY KEY, body text)")
        connection.execute("INSERT INTO note (body) SELECT 'note ' || n FROM generate_series(1, 1000) n")
    folder = Path(
        run([str(BACKUP), str(tmp_path / "backups")], {"DATABASE_URL": source, "MEDIA_ROOT": str(media)}).strip()
    )
    damaged = tmp_path / "damaged"
    shutil.copytree(folder, damaged)
    dump = bytearray((damaged / "database.dump").read_bytes())
    dump[len(dump) // 2] ^= 0xFF
    (damaged / "database.dump").write_bytes(bytes(dump))

    target = tmp_path / "current-media"
    target.mkdir()
    (target / "current.pdf").write_bytes(b"the current file")
    environment = {"PATH": os.environ["PATH"], "DATABASE_URL": restored, "MEDIA_ROOT": str(target)}
    for script in ([str(VERIFY), str(damaged)], [str(RESTORE), "--yes", str(damaged)]):
        result = subprocess.run(script, env=environment, capture_output=True, text=True, timeout=60)
        assert result.returncode != 0, script
        assert "database.dump: FAILED" in result.stdout + result.stderr
    assert snapshot(restored)["tables"] == {}, "the restore stopped before touching the database"
    assert tree(target) == {"current.pdf": b"the current file"}
    # Without --yes, nothing happens either.
    result = subprocess.run([str(RESTORE), str(folder)], env=environment, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "usage" in result.stderr


def test_the_operations_guide_backs_up_and_restores_with_these_scripts():
    """The commands tested above are the ones the guide gives: no hand-written pg_dump or pg_restore beside them."""
    commands = [shlex.join(argv) for argv in shell_commands_in_markdown(files.OPERATIONS_DOC)]
    assert "docker compose run --rm backup" in commands
    assert files.service_command("backup")[0] == "ops/backup.sh"
    assert any(re.search(r"\bops/restore\.sh --yes /backups/\w+", command) for command in commands)
    assert any(re.search(r"\bops/verify-backup\.sh /backups/\w+", command) for command in commands)
    for command in commands:
        assert not re.search(r"\bpg_(dump|restore)\b", command), command
