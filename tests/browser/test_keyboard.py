"""The portfolio with the keyboard alone, in a real Chromium: skip link, visible focus, filters, results."""

from __future__ import annotations

import pytest

from accounts.models import Role
from tests.browser.conftest import STEP_TIMEOUT_MS
from tests.factories import PASSWORD, UserFactory, make_project
from tests.ipec.invariants import country

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
MOST_TABS = 80  # from the top of the list page to its "Show projects" button


def focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement;
                   return {tag: e.tagName, id: e.id, text: (e.textContent || e.value || '').trim(), href: e.getAttribute('href'),
                           outline: getComputedStyle(e).outlineStyle}; }"""
    )


def test_hq_filters_the_portfolio_with_the_keyboard(live_server, chromium) -> None:
    UserFactory(username="hq-keys", role=Role.HQ)
    make_project(code="IND/24/301/USA", title="Brick kilns", countries=[country("IND")])
    with chromium() as browser:
        page = browser.new_page()
        page.set_default_timeout(STEP_TIMEOUT_MS)
        page.goto(f"{live_server.url}/accounts/login/")
        assert focused(page)["id"] == "id_username"  # the login form takes the focus at once
        page.keyboard.type("hq-keys")
        page.keyboard.press("Tab")
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{live_server.url}/")

        page.goto(f"{live_server.url}/projects/")
        page.keyboard.press("Tab")
        skip = focused(page)
        assert skip["text"] == "Skip to content" and skip["outline"] == "solid", skip
        page.keyboard.press("Enter")
        assert focused(page)["id"] == "main"
        for _ in range(MOST_TABS):
            page.keyboard.press("Tab")
            now = focused(page)
            if now["tag"] == "INPUT" and page.evaluate("document.activeElement.name") == "q":
                page.keyboard.type("kilns")
            if now["tag"] == "BUTTON" and now["text"] == "Show projects":
                break
        else:
            pytest.fail(f"'Show projects' not reached in {MOST_TABS} presses of Tab")
        assert now["outline"] == "solid", now  # the focus is visible
        page.keyboard.press("Enter")
        page.wait_for_url("**/projects/?*q=kilns*")
        assert page.get_by_role("row").filter(has_text="IND/24/301/USA").count() == 1
