"""Evidence files: the type is read from the content, the size is limited, nothing half-saved."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from projects.models import EvidenceFile
from projects.progress_reports import evidence_add, report_save, report_submit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def office(folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<x/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    ("name", "content", "content_type", "stored_extension"),
    [
        ("report.pdf", PDF, "application/pdf", "pdf"),
        ("photo.pdf", PNG, "image/png", "png"),  # named PDF, really a PNG: stored as what it is
        (
            "minutes.docx",
            office("word/"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        ("figures.xlsx", office("xl/"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "application/vnd.ms-office", "doc"),
        ("scan.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, "image/jpeg", "jpg"),
    ],
)
def test_allowed_types_by_content(first_report, cta, name, content, content_type, stored_extension):
    evidence = evidence_add(report=first_report, by=cta, upload=SimpleUploadedFile(name, content))
    assert evidence.content_type == content_type
    assert evidence.file.name.endswith("." + stored_extension)
    assert evidence.original_name == name
    with evidence.file.open("rb") as stored:
        assert stored.read() == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.pdf", b"MZ\x90\x00\x03" + b"\x00" * 64),  # a Windows program named .pdf
        ("page.pdf", b"<html><script>alert(1)</script></html>"),
        ("archive.docx", office("other/")),  # a zip that is no Office document
        ("broken.docx", b"PK\x03\x04 not really a zip"),
        ("note.txt", b"plain text"),
    ],
)
def test_other_content_refused_and_nothing_stored(first_report, cta, tmp_path, name, content):
    with pytest.raises(ValidationError, match="not an allowed type"):
        evidence_add(report=first_report, by=cta, upload=SimpleUploadedFile(name, content))
    assert not EvidenceFile.objects.exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_size_limit_and_empty_file(first_report, cta, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="at most"):
        evidence_add(report=first_report, by=cta, upload=SimpleUploadedFile("big.pdf", PDF + b"0" * 2048))
    with pytest.raises(ValidationError, match="empty"):
        evidence_add(report=first_report, by=cta, upload=SimpleUploadedFile("empty.pdf", b""))
    assert not EvidenceFile.objects.exists()


def test_no_evidence_on_a_submitted_report_or_by_someone_else(first_report, cta):
    with pytest.raises(PermissionDenied):
        evidence_add(report=first_report, by=UserFactory(role="viewer"), upload=SimpleUploadedFile("a.pdf", PDF))
    report = report_save(report=first_report, by=cta, expected_version=1, rating="on_track", narrative="n")
    report_submit(report=report, by=cta, expected_version=report.version)
    with pytest.raises(ValidationError, match="can no longer be changed"):
        evidence_add(report=first_report, by=cta, upload=SimpleUploadedFile("a.pdf", PDF))
    assert not EvidenceFile.objects.exists()
