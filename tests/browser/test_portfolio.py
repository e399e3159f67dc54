"""HQ browses the portfolio in a real browser: filter, open a project, export, read it in French.

The issue's "done when", end to end: HQ filters the portfolio by region and intervention type,
opens a project, downloads the CSV of the filtered list (read back and compared with the page),
switches to French and sees the dashboard in French. Screenshots of the dashboard and of a
project page are written to artifacts/screenshots/ (README, "Quick start").
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from pathlib import Path

import pytest

from accounts.models import Role
from projects.models import InterventionType, ProjectKind, ProjectStatus, TargetMeasure
from projects.services import project_change_status, target_set
from tests.browser.conftest import STEP_TIMEOUT_MS
from tests.factories import PASSWORD, UserFactory, make_project
from tests.ipec.invariants import country

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Asia and the Pacific × Direct Action: the first two match, the others miss one filter each.
MATCHING = ["IND/24/101/USA", "GLO/24/102/USA"]
OTHERS = ["IND/24/103/USA", "BRA/24/104/USA"]


@pytest.fixture
def portfolio(db) -> None:
    hq = UserFactory(username="hq-officer", role=Role.HQ)
    direct = InterventionType.objects.filter(code="direct-action")
    advocacy = InterventionType.objects.filter(code="advocacy-awareness")
    specs = [
        (MATCHING[0], ProjectKind.NATIONAL, ["IND"], direct, "Child-labour-free zones in Sivakasi"),
        (MATCHING[1], ProjectKind.GLOBAL, ["NPL", "KEN"], direct, "Bonded labour in brick kilns"),
        (OTHERS[0], ProjectKind.NATIONAL, ["IND"], advocacy, "Awareness in the match factories"),
        (OTHERS[1], ProjectKind.NATIONAL, ["BRA"], direct, "Children out of the charcoal camps"),
    ]
    for code, kind, isos, interventions, title in specs:
        project = make_project(
            code=code,
            kind=kind,
            title=title,
            countries=[country(iso) for iso in isos],
            intervention_types=interventions,
            planned_start=datetime.date(2024, 1, 1),
            planned_end=datetime.date(2027, 12, 31),
        )
        for to_status, day in ((ProjectStatus.APPROVED, datetime.date(2023, 12, 1)), (ProjectStatus.ACTIVE, None)):
            project_change_status(
                project=project, to_status=to_status, effective_on=day or project.planned_start, changed_by=hq
            )
        for sex, value in (("girls", 600), ("boys", 400)):
            target_set(project=project, measure=TargetMeasure.WITHDRAWN, sex=sex, age_band="12-14", value=value)


def browse(browser, base_url: str, screenshots: Path) -> tuple[list[str], str]:
    """The scenario; returns the server errors seen and the downloaded CSV's text."""
    from playwright.sync_api import expect

    server_errors: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    page = context.new_page()
    page.on("response", lambda r: server_errors.append(f"{r.status} {r.url}") if r.status >= 500 else None)

    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill("hq-officer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1, name="Dashboard")).to_be_visible()
    page.screenshot(path=str(screenshots / "dashboard.png"), full_page=True)

    # Filter by region and intervention type.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Projects", exact=True).click()
    page.get_by_label("Region").select_option(label="Asia and the Pacific")
    page.get_by_text("More filters").click()
    page.get_by_label("Intervention type").select_option(label="Direct Action")
    page.get_by_role("button", name="Show projects").click()
    expect(page).to_have_url(re.compile(r"region=asia-pacific.*intervention=direct-action"))
    rows = page.get_by_role("table").get_by_role("row")
    for code in MATCHING:
        expect(rows.filter(has_text=code)).to_have_count(1)
    for code in OTHERS:
        expect(rows.filter(has_text=code)).to_have_count(0)
    listed = page.url

    # Open a project.
    page.get_by_role("link", name=MATCHING[0]).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(MATCHING[0])
    expect(page.get_by_role("main")).to_contain_text("Child-labour-free zones in Sivakasi")
    page.screenshot(path=str(screenshots / "project-page.png"), full_page=True)

    # Back to the filtered list, and download it.
    page.goto(listed)
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig")

    # Switch to French: the dashboard speaks French.
    page.get_by_role("link", name="IPEC Portfolio").click()
    page.get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1, name=FRENCH_DASHBOARD_HEADING)).to_be_visible()
    nav = page.get_by_role("navigation", name="Principale")
    expect(nav.get_by_role("link", name="Projets", exact=True)).to_be_visible()
    page.screenshot(path=str(screenshots / "dashboard-fr.png"), full_page=True)
    context.close()
    return server_errors, exported


FRENCH_DASHBOARD_HEADING = "Tableau de bord"


def test_hq_filters_opens_exports_and_reads_french(live_server, portfolio, chromium, screenshots) -> None:
    with chromium() as browser:
        server_errors, exported = browse(browser, live_server.url, screenshots)
    assert server_errors == []
    rows = list(csv.DictReader(io.StringIO(exported)))
    code_column = next(name for name in rows[0] if "symbol" in name.lower() or name.lower() == "code")
    assert sorted(row[code_column] for row in rows) == sorted(MATCHING)
    for name in ("dashboard.png", "project-page.png", "dashboard-fr.png"):
        assert (screenshots / name).stat().st_size > 10_000, name
