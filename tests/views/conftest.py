"""Fixtures of the page tests: an active project of `cta` with its report rows, files kept out of media/."""

from __future__ import annotations

import datetime
import html
from html.parser import HTMLParser

import pytest
from django.utils.html import strip_tags

from accounts.models import Role
from projects.models import ProgressReport, Project, ProjectStatus
from projects.progress_reports import report_save, report_submit, schedule_ensure
from projects.services import project_change_status
from tests.factories import UserFactory, make_project
from tests.ipec.invariants import country, snapshot

# Smallest files of each kind the evidence check knows by their first bytes.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", role=Role.HQ, email="officer@example.org")


@pytest.fixture
def other_cta(db):
    return UserFactory(username="other-cta", role=Role.CTA)


def activate(project: Project, by) -> Project:
    project_change_status(
        project=project, to_status=ProjectStatus.APPROVED, effective_on=datetime.date(2024, 12, 1), changed_by=by
    )
    project_change_status(
        project=project, to_status=ProjectStatus.ACTIVE, effective_on=datetime.date(2025, 1, 1), changed_by=by
    )
    project.refresh_from_db()
    schedule_ensure(project=project)
    return project


@pytest.fixture
def active_project(db, cta, officer, hq_user):
    """A national project of `cta` in India, active since 2025-01-01, with its report rows opened."""
    project = make_project(
        cta=cta,
        hq_backstopping_officer=officer,
        planned_start=datetime.date(2025, 1, 1),
        planned_end=datetime.date(2027, 12, 31),
    )
    return activate(project, hq_user)


@pytest.fixture
def first_report(active_project) -> ProgressReport:
    return active_project.progress_reports.order_by("period_start").first()


def page_text(response) -> str:
    """The page as a person reads it: no tags, whitespace collapsed."""
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


class _Labels(HTMLParser):
    """Collects the form controls a person fills in, and the ids their labels point at."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[str] = []
        self.labelled: set[str] = set()
        self.in_label = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "label":
            self.in_label += 1
            if attributes.get("for"):
                self.labelled.add(attributes["for"])
        elif tag in {"input", "select", "textarea"} and attributes.get("type") not in {"hidden", "submit"}:
            if self.in_label or attributes.get("aria-label"):
                self.labelled.add(attributes.get("id") or "(inside a label)")
            self.controls.append(attributes.get("id") or "(no id)")

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.in_label -= 1


def unlabelled_controls(response) -> list[str]:
    """The ids of the page's inputs, selects and text areas that no label names."""
    parser = _Labels()
    parser.feed(response.content.decode())
    return [control for control in parser.controls if control not in parser.labelled]


def submitted(report: ProgressReport, by) -> ProgressReport:
    """The report written and sent to HQ by `by`."""
    report = report_save(
        report=report,
        by=by,
        expected_version=report.version,
        rating="on_track",
        narrative="Schools opened in two districts.",
        figures={(country("IND").pk, "withdrawn", "girls", "12-14"): 10},
    )
    return report_submit(report=report, by=by, expected_version=report.version)


@pytest.fixture
def submitted_report(first_report, cta) -> ProgressReport:
    return submitted(first_report, cta)


@pytest.fixture
def unchanged():
    """`with unchanged(): ...` fails if the block wrote or changed any row of the project's apps."""
    from contextlib import contextmanager

    @contextmanager
    def check():
        before = snapshot()
        yield
        assert snapshot() == before, "a refused request changed the database"

    return check
