"""The CTA keeps a project current and reports on it; HQ follows and reviews — in a real browser.

The issue's "done when", end to end: the CTA logs in, suspends their project with a note; HQ
sees the move on the project page and in its history; the CTA writes a report with figures,
a rating, a narrative and an evidence file, and submits it; HQ returns it with a comment; the
CTA sees the comment, corrects a figure and resubmits; HQ accepts; the project page shows the
accepted figures against the targets. Every element is found as a person finds it: by its
label, its role and its name.
"""

from __future__ import annotations

import datetime
import re
import struct
import zlib
from pathlib import Path

import pytest

from accounts.models import Role
from projects.models import ProgressReport, Project, ProjectStatus, ReportStatus, TargetMeasure
from projects.services import project_change_status, target_set
from tests.browser.conftest import STEP_TIMEOUT_MS
from tests.factories import PASSWORD, UserFactory, make_project
from tests.ipec.invariants import country

# The live server answers from another thread, so the data must be committed: the test is
# transactional. Each such test ends by emptying every table; serialized_rollback puts the
# reference data of the migrations (countries, partner types…) back before this one starts.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CODE = "IND/25/201/USA"
NOTE = "Suspended while the district schools are closed by the floods."
COMMENT = "The girls withdrawn in Sivakasi are missing from the figures."
START = datetime.date(2025, 1, 1)  # the first reporting period runs to 30 June 2025
FIGURE = "India: children withdrawn, girls aged 12–14"


def png(width: int = 4, height: int = 3) -> bytes:
    """A real (tiny, red) PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture
def project(db) -> Project:
    """An active national project of the CTA `amina`, backstopped by `hq-officer`, with targets."""
    hq = UserFactory(username="hq-officer", role=Role.HQ, first_name="Hugo", last_name="Quint")
    cta = UserFactory(username="amina", role=Role.CTA, first_name="Amina", last_name="Rao")
    project = make_project(
        code=CODE,
        title="Child-labour-free zones in Sivakasi",
        cta=cta,
        hq_backstopping_officer=hq,
        countries=[country("IND")],
        planned_start=START,
        planned_end=datetime.date(2027, 12, 31),
    )
    for to_status, day in ((ProjectStatus.APPROVED, datetime.date(2024, 12, 1)), (ProjectStatus.ACTIVE, START)):
        project_change_status(project=project, to_status=to_status, effective_on=day, changed_by=hq)
    for sex, value in (("girls", 60), ("boys", 40)):
        target_set(project=project, measure=TargetMeasure.WITHDRAWN, sex=sex, age_band="12-14", value=value)
    return project


def walk_through(browser, base_url: str, evidence: Path, screenshot: Path) -> list[str]:
    """The scenario, in two browser contexts (the CTA's and HQ's); returns the server errors seen."""
    from playwright.sync_api import expect

    server_errors: list[str] = []

    def log_in(username: str):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(STEP_TIMEOUT_MS)
        context.set_default_navigation_timeout(STEP_TIMEOUT_MS)
        page = context.new_page()
        page.on("response", lambda r: server_errors.append(f"{r.status} {r.url}") if r.status >= 500 else None)
        page.goto(f"{base_url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
        return page

    def says(page, message: str) -> None:
        expect(page.get_by_role("status")).to_contain_text(message)

    def open_waiting_report(page) -> None:
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Reviews").click()
        waiting = page.get_by_role("region", name="Waiting for review")
        waiting.get_by_role("link", name=f"Open the report of {CODE}").click()

    # The CTA logs in, opens their project and suspends it with a note.
    cta = log_in("amina")
    cta.get_by_role("navigation", name="Main").get_by_role("link", name="My projects").click()
    cta.get_by_role("link", name=CODE).click()
    expect(cta.get_by_role("heading", level=1)).to_contain_text(CODE)
    cta.get_by_role("link", name="Update the status").click()
    cta.get_by_role("group", name="Rating").get_by_label("At risk").check()
    cta.get_by_label("Status note").fill(NOTE)
    cta.get_by_label("Move the project to").select_option(label="Suspended")
    cta.get_by_role("button", name="Save the status").click()
    says(cta, "The project's status is updated.")

    # HQ, in a browser of their own, sees the suspension on the project page and in its history.
    hq = log_in("hq-officer")
    hq.get_by_role("navigation", name="Main").get_by_role("link", name="My projects").click()
    hq.get_by_role("link", name=CODE).click()
    expect(hq.get_by_role("definition").filter(has_text=re.compile(r"^\s*Suspended\s*$"))).to_be_visible()
    expect(hq.get_by_role("region", name="Where it stands")).to_contain_text(NOTE)
    move = hq.get_by_role("region", name="Status history").get_by_role("row").filter(has_text="Active → Suspended")
    expect(move).to_contain_text("Amina Rao")
    expect(move).to_contain_text(NOTE)
    expect(hq.get_by_role("region", name="Change history")).to_contain_text("Status from Active to Suspended")

    # The CTA writes the first report: rating, narrative, figures; attaches evidence; submits it.
    expect(cta.get_by_role("heading", level=1)).to_contain_text(CODE)  # saving the status led back here
    cta.get_by_role("region", name="Progress reports").get_by_role("link", name="1 Jan 2025 – 30 Jun 2025").click()
    writing = cta.get_by_role("region", name="Write the report")
    writing.get_by_role("group", name="Overall rating").get_by_label("On track").check()
    writing.get_by_label("Narrative").fill("Two transition schools opened; 12 girls left the match factories.")
    writing.get_by_label(FIGURE).fill("12")
    writing.get_by_label("Families assisted", exact=True).fill("8")
    writing.get_by_role("button", name="Save draft").click()
    says(cta, "The draft is saved.")
    cta.get_by_label("Evidence file").set_input_files(evidence)
    cta.get_by_role("button", name="Attach the file").click()
    says(cta, "school-register.png is attached.")
    expect(cta.get_by_role("region", name="Evidence").get_by_role("link", name="school-register.png")).to_be_visible()
    expect(cta.get_by_label(FIGURE)).to_have_value("12")
    cta.get_by_role("button", name="Save and submit to HQ").click()
    says(cta, "The report is submitted to HQ.")

    # HQ opens it from the review queue and returns it with a comment.
    open_waiting_report(hq)
    expect(hq.get_by_role("region", name="Evidence").get_by_role("link", name="school-register.png")).to_be_visible()
    hq.get_by_label("Comment for the CTA").fill(COMMENT)
    hq.get_by_role("button", name="Return to the CTA with the comment").click()
    says(hq, "The report is returned to the CTA.")

    # The CTA finds it returned among their projects, reads the comment, corrects a figure and resubmits.
    cta.get_by_role("navigation", name="Main").get_by_role("link", name="My projects").click()
    expect(cta.get_by_role("row").filter(has_text=CODE)).to_contain_text("1 returned")
    cta.get_by_role("link", name="Jan 2025 – Jun 2025").click()
    expect(cta.get_by_role("region", name="HQ's comment")).to_contain_text(COMMENT)
    cta.get_by_label(FIGURE).fill("15")
    cta.get_by_role("button", name="Save and submit to HQ").click()
    says(cta, "The report is submitted to HQ.")

    # HQ accepts the resubmitted report.
    open_waiting_report(hq)
    hq.get_by_role("button", name="Accept").click()
    says(hq, "The report is accepted.")

    # The project page shows the accepted figures against the targets.
    cta.get_by_role("navigation", name="Main").get_by_role("link", name="My projects").click()
    cta.get_by_role("link", name=CODE).click()
    totals = cta.get_by_role("table", name="Totals against targets")
    withdrawn = totals.get_by_role("row").filter(has=cta.get_by_role("rowheader", name="Children withdrawn"))
    expect(withdrawn.get_by_role("cell")).to_have_text(["100", "15", "15 %"])
    families = totals.get_by_role("row").filter(has=cta.get_by_role("rowheader", name="Families assisted"))
    expect(families.get_by_role("cell")).to_have_text(["0", "8", "—"])
    expect(cta.get_by_role("region", name="Progress reports")).to_contain_text("Accepted")
    cta.screenshot(path=str(screenshot), full_page=True)
    return server_errors


def test_cta_reports_and_hq_reviews(live_server, project, chromium, screenshots, tmp_path: Path) -> None:
    evidence = tmp_path / "school-register.png"
    evidence.write_bytes(png())
    with chromium() as browser:
        server_errors = walk_through(browser, live_server.url, evidence, screenshots / "cta-reporting-project.png")
    assert server_errors == []

    # What the pages showed is what the database holds.
    report = ProgressReport.objects.get(project=project, period_start=START)
    assert report.status == ReportStatus.ACCEPTED
    assert [step.to_status for step in report.steps.order_by("id")] == [
        "submitted", "returned", "resubmitted", "accepted",
    ]  # fmt: skip
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.SUSPENDED
