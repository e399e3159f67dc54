"""End-to-end tests in a real Chromium (Debian's, launched by Playwright's sync API) against the live server.

Locally a missing /usr/bin/chromium skips these tests; in CI (CI=true) it fails them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# How long one step (a click, a page load, an expectation) may take, in milliseconds.
STEP_TIMEOUT_MS = 5_000
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture(autouse=True)
def allow_orm_beside_playwright(monkeypatch) -> None:
    """Playwright's sync API runs an event loop in the test's thread; Django refuses ORM calls there otherwise.

    Autouse, so it is set up before the database fixtures and undone after their teardown.
    (Still, read the database outside the browser's block: see `chromium`.)
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@contextmanager
def _launched() -> Iterator:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=STEP_TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def chromium() -> Callable[[], AbstractContextManager]:
    """`with chromium() as browser:` — a headless Chromium for the length of the block.

    A context manager rather than a fixture that stays open through the test, so that the
    test reads the database after the block, outside Playwright's event loop: an ORM call
    made inside it gets a connection of its own (Django keeps connections per context), which
    no teardown closes and which then blocks dropping the PostgreSQL test database.
    """
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs Chromium at {CHROMIUM}")
        pytest.skip(f"needs Chromium at {CHROMIUM}")
    return _launched


@pytest.fixture
def screenshots() -> Path:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
