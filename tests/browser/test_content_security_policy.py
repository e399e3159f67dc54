"""The site and its admin work under the strict Content-Security-Policy, in a real Chromium.

The policy refuses inline scripts, inline styles and `style="…"` attributes. A page that still
used one would break quietly (a calendar that never opens, an unstyled chart); the browser
reports each refusal as a `securitypolicyviolation` event and a console error. HQ staff walk
through the pages and the admin's scripted widgets (the date calendar and its "Today" shortcut,
the changelist's actions and filters), and no violation nor console error may appear.
"""

from __future__ import annotations

import datetime

import pytest

from accounts.models import Role
from projects.models import ProjectStatus
from projects.services import project_change_status
from tests.browser.conftest import STEP_TIMEOUT_MS
from tests.factories import PASSWORD, UserFactory, make_project
from tests.ipec.invariants import country

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Runs in every page before its own scripts (injected by the browser, so the policy does not apply
# to it): it keeps each violation the page reports.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def project():
    hq = UserFactory(username="csp-hq", role=Role.HQ)
    project = make_project(
        code="IND/24/501/USA",
        countries=[country("IND")],
        hq_backstopping_officer=hq,
        planned_start=datetime.date(2024, 1, 1),
        planned_end=datetime.date(2026, 12, 31),
    )
    project_change_status(
        project=project, to_status=ProjectStatus.APPROVED, effective_on=datetime.date(2023, 12, 1), changed_by=hq
    )
    return project


def test_pages_and_admin_run_under_the_policy_without_violations(live_server, project, chromium, screenshots):
    from playwright.sync_api import expect

    problems: list[str] = []
    visited: list[tuple[str, str]] = []
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(STEP_TIMEOUT_MS)
        context.add_init_script(RECORD_VIOLATIONS)
        page = context.new_page()
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))

        def open_page(path: str) -> None:
            response = page.goto(f"{live_server.url}{path}")
            visited.append((path, response.headers.get("content-security-policy", "")))
            page.wait_for_load_state("load")

        def collect_violations() -> None:
            problems.extend(f"{page.url}: {v}" for v in page.evaluate("window.__cspViolations"))

        open_page("/accounts/login/")
        page.get_by_label("Username").fill("csp-hq")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page).to_have_url(f"{live_server.url}/")
        expect(page.locator("svg.map")).to_be_visible()
        collect_violations()  # the dashboard, with its map and charts

        for path in ("/projects/", f"/projects/{project.slug}/", "/countries/?q=ind", "/no-such-page/"):
            open_page(path)
            collect_violations()

        open_page("/admin/")
        expect(page.locator("#site-name")).to_be_visible()
        collect_violations()

        # A changelist: its filters and actions are scripted (the action bar counts the ticked rows).
        open_page("/admin/accounts/user/")
        page.locator("input.action-select").first.check()
        expect(page.locator(".action-counter")).to_contain_text("1 of 1 selected")
        open_page("/admin/projects/project/?status__exact=approved")
        expect(page.get_by_role("link", name=project.code)).to_be_visible()
        collect_violations()

        # A change form with date fields: the calendar opens and "Today" fills the field, both by script.
        open_page(f"/admin/projects/project/{project.pk}/change/")
        page.locator("#calendarlink0").click()
        expect(page.locator("#calendarbox0")).to_be_visible()
        page.locator("#calendarbox0").get_by_role("link", name="Cancel").click()
        page.locator("#id_planned_end").fill("")
        page.locator(".datetimeshortcuts").nth(1).get_by_role("link", name="Today").click()
        expect(page.locator("#id_planned_end")).not_to_have_value("")
        collect_violations()

        # The status move, a form of our own in the admin with a date widget.
        open_page(f"/admin/projects/project/{project.pk}/status/")
        page.locator(".datetimeshortcuts").first.get_by_role("link", name="Today").click()
        collect_violations()
        page.screenshot(path=str(screenshots / "csp-admin-status-move.png"), full_page=True)
        context.close()

    assert len(visited) == 10
    assert all("script-src 'self'" in policy and "style-src 'self'" in policy for _, policy in visited), visited
    # The 404 page is answered with a console error for its status; nothing else may be reported.
    assert [p for p in problems if "404 (Not Found)" not in p] == []
