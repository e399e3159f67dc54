"""Evidence files of a progress report: upload checked by content, download only through the policy."""

from __future__ import annotations

import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, clear_url_caches, resolve, reverse

from projects.models import EvidenceFile
from projects.progress_reports import evidence_add, report_review
from tests.views.conftest import EXE, PDF, PNG, page_text, submitted

pytestmark = pytest.mark.django_db


def upload_url(report) -> str:
    return reverse("projects:evidence-upload", args=[report.project.slug, report.pk])


def download_url(evidence) -> str:
    return reverse("projects:evidence", args=[evidence.report.project.slug, evidence.report_id, evidence.pk])


def post(client, report, name: str, content: bytes, **extra):
    data = {"version": report.version, "file": SimpleUploadedFile(name, content), **extra}
    return client.post(upload_url(report), data)


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_author_attaches_a_pdf(client, cta, first_report, settings):
    client.force_login(cta)
    response = post(client, first_report, "minutes.pdf", PDF)
    assert response.status_code == 302 and response["Location"].endswith("#evidence")
    evidence = EvidenceFile.objects.get()
    assert (evidence.original_name, evidence.content_type, evidence.size_bytes) == (
        "minutes.pdf",
        "application/pdf",
        len(PDF),
    )
    assert evidence.uploaded_by == cta and stored_files(settings) == ["minutes.pdf"]
    assert "minutes.pdf" in page_text(
        client.get(reverse("projects:report", args=[first_report.project.slug, first_report.pk]))
    )


def test_a_png_named_pdf_is_stored_as_png(client, cta, first_report):
    client.force_login(cta)
    post(client, first_report, "photo.pdf", PNG)
    evidence = EvidenceFile.objects.get()
    assert evidence.content_type == "image/png" and evidence.file.name.endswith(".png")
    response = client.get(download_url(evidence))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="photo.png"'


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", EXE, "this file's content is not an allowed type"),
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n", "this file's content is not an allowed type"),
        ("empty.pdf", b"", "The submitted file is empty"),
        ("big.pdf", PDF + b"0" * 3000, "files may be at most"),
    ],
)
def test_refused_files_leave_nothing_behind(client, cta, first_report, settings, unchanged, name, content, message):
    settings.EVIDENCE_MAX_BYTES = 2048
    client.force_login(cta)
    with unchanged():
        response = post(client, first_report, name, content)
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode() and message in page_text(response)
    assert stored_files(settings) == []


def test_an_upload_without_a_file_is_refused(client, cta, first_report, unchanged):
    client.force_login(cta)
    with unchanged():
        response = client.post(upload_url(first_report), {"version": first_report.version})
    assert "This field is required" in page_text(response)


def test_an_upload_from_a_stale_page_is_refused(client, cta, first_report, unchanged, settings):
    client.force_login(cta)
    with unchanged():
        response = post(client, first_report, "minutes.pdf", PDF, version=first_report.version + 5)
    assert "Someone else saved this progress report while you were editing it" in page_text(response)
    assert stored_files(settings) == []


def test_no_evidence_once_submitted(client, cta, first_report, unchanged):
    report = submitted(first_report, cta)
    client.force_login(cta)
    with unchanged():
        response = post(client, report, "late.pdf", PDF)
    assert "it can no longer be changed by its author" in page_text(response)


@pytest.mark.parametrize(("who", "status"), [("other_cta", 404), ("viewer", 404), ("evaluator", 404)])
def test_others_cannot_attach_to_a_draft(client, request, first_report, unchanged, who, status):
    client.force_login(request.getfixturevalue(who))
    with unchanged():
        assert post(client, first_report, "x.pdf", PDF).status_code == status


def test_a_viewer_of_an_accepted_report_cannot_attach(client, viewer, cta, hq_user, first_report, unchanged):
    report = submitted(first_report, cta)
    report = report_review(report=report, by=hq_user, expected_version=report.version, accept=True)
    client.force_login(viewer)
    with unchanged():
        assert post(client, report, "x.pdf", PDF).status_code == 403


# Download ---------------------------------------------------------------------------------


@pytest.fixture
def evidence(first_report, cta):
    return evidence_add(report=first_report, by=cta, upload=SimpleUploadedFile("baseline survey.pdf", PDF))


def test_author_downloads_as_an_attachment_with_the_stored_type(client, cta, evidence):
    client.force_login(cta)
    response = client.get(download_url(evidence))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="baseline survey.pdf"'
    assert b"".join(response.streaming_content) == PDF


def test_anonymous_is_sent_to_login(client, evidence):
    assert client.get(download_url(evidence))["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["viewer", "other_cta", "evaluator"])
def test_download_of_a_draft_reports_evidence_is_refused(client, request, evidence, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(download_url(evidence)).status_code == 404


def test_a_viewer_downloads_once_the_report_is_accepted(client, viewer, cta, hq_user, evidence):
    report = submitted(evidence.report, cta)
    report_review(report=report, by=hq_user, expected_version=report.version, accept=True)
    client.force_login(viewer)
    assert client.get(download_url(evidence)).status_code == 200


def test_evidence_of_another_report_is_404(client, hq_user, evidence, active_project):
    other = active_project.progress_reports.exclude(pk=evidence.report_id).first()
    client.force_login(hq_user)
    url = reverse("projects:evidence", args=[active_project.slug, other.pk, evidence.pk])
    assert client.get(url).status_code == 404


def test_media_is_not_served_even_with_debug(settings, evidence):
    """The files are reachable only through the views above, which ask the policy first."""
    import ipec.urls

    settings.DEBUG = True
    try:
        importlib.reload(ipec.urls)
        clear_url_caches()
        with pytest.raises(Resolver404):
            resolve(settings.MEDIA_URL + evidence.file.name)
    finally:
        settings.DEBUG = False
        importlib.reload(ipec.urls)
        clear_url_caches()
