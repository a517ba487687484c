"""Shared set-up of the browser journeys and the accessibility checks.

Playwright's Python API drives Debian's chromium (``apt-get install chromium``), never a
browser build of Playwright's own. The portal runs on pytest-django's live server.

- ``browser``: chromium launched with the flags CI uses, once per test file.
- ``new_page(**context_options)``: a page in a fresh context (its own cookies).
- ``login(page, user)``: signs a user (or a username) in through the login form.
- ``screenshot(page)``: writes the journey's last step to
  ``$SCREENSHOT_DIR/<test-name>.png`` (default ``build/screenshots``).
- ``axe(page)``: runs axe-core (npm package, ``npm ci``) on the page and returns its
  serious and critical violations.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests import factories

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


@pytest.fixture(scope="module")
def _chromium():
    """Playwright and chromium, started once per test file: starting them took one to
    several seconds per test. Each test still gets its own browser contexts (new_page),
    closed at its end."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread (for the whole file now);
    # the ORM calls of the tests stay synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as playwright:

            def launch():
                return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

            running = {"browser": launch(), "launch": launch}
            yield running
            running["browser"].close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def browser(_chromium):
    """chromium, launched again if a test before this one left it disconnected."""
    if not _chromium["browser"].is_connected():
        _chromium["browser"] = _chromium["launch"]()
    return _chromium["browser"]


@pytest.fixture
def base_url(live_server) -> str:
    return live_server.url


@pytest.fixture
def new_page(browser) -> Callable:
    """A page in a new browser context: each person gets their own cookies."""
    contexts = []

    def open_page(**context_options):
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def login(base_url) -> Callable:
    """``login(page, user, password=...)``: signs in through the form, lands on the dashboard.

    ``user`` is a User or a username; the password defaults to the factories' one (pass
    ``demo.cohort.PASSWORD`` for the seeded demo users).
    """

    def log_in(page, user, password: str = factories.DEMO_PASSWORD):
        username = getattr(user, "username", user)
        page.goto(base_url + reverse("login"))
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_url(base_url + reverse("home"))
        return page

    return log_in


def screenshot_dir() -> Path:
    folder = os.environ.get("SCREENSHOT_DIR") or Path(settings.BASE_DIR) / "build" / "screenshots"
    return Path(folder)


@pytest.fixture
def screenshot(request) -> Callable:
    """``screenshot(page)`` saves the full page as <test-name>.png, for a person to look at."""

    def take(page) -> Path:
        folder = screenshot_dir()
        folder.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "-", request.node.name).strip("-")
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:10]:
            lines.append(f"    - {' '.join(str(part) for part in node['target'])}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


@pytest.fixture
def axe() -> Callable:
    """``axe(page)`` injects axe-core, runs it on the whole page and returns the serious
    and critical violations (``format_violations`` prints them for a person).

    The script goes in inline (page.add_script_tag), which the portal's CSP forbids:
    open the page's context with ``bypass_csp=True``.
    """
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm ci` in the project folder")

    def run(page) -> list[dict]:
        page.add_script_tag(path=str(AXE_SCRIPT))
        results = page.evaluate("""() => axe.run(document, {resultTypes: ["violations"]})""")
        return [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]

    return run
