"""Security headers on every page, and no inline script for the CSP to forbid.

The policy (django-csp) lets scripts come only from our own static files. A page that
still carried an inline ``<script>``, an ``on…=`` handler, ``hx-on`` or a ``javascript:``
link would break in the browser, so the pages are crawled and parsed here.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import reverse

from masterplan.models import AuditEvent, Plan
from tests import factories

pytestmark = pytest.mark.django_db

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "hx-get", "hx-post"}
SKIPPED_PREFIXES = ("/admin/", "/api/", "/i18n/", "/akun/logout/", "/static/", "/media/")


class InlineScriptFinder(HTMLParser):
    """Collects what a CSP without 'unsafe-inline' would block, and the page's links."""

    def __init__(self, allowed_hashes: frozenset[str] = frozenset()):
        super().__init__(convert_charrefs=True)
        self.allowed_hashes = allowed_hashes
        self.problems: list[str] = []
        self.links: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") or name.startswith("hx-on") or name.startswith("data-hx-on"):
                self.problems.append(f"<{tag} {name}=…> inline handler")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            kind = (attributes.get("type") or "").strip().lower()
            self._in_inline_script = not attributes.get("src") and kind not in DATA_SCRIPT_TYPES
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline_script = False

    def handle_data(self, data):
        if self._in_inline_script and data.strip() and script_hash(data) not in self.allowed_hashes:
            self.problems.append(f"inline <script>: {data.strip()[:60]!r}")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._in_inline_script = False


def script_hash(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def inline_scripts(html: str, response=None) -> InlineScriptFinder:
    """Parse a page; an inline script passes only when the response's CSP has its hash."""
    allowed = frozenset()
    if response is not None:
        allowed = frozenset(csp_directives(response)["script-src"])
    finder = InlineScriptFinder(allowed)
    finder.feed(html)
    finder.close()
    return finder


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_strict_script_policy(response):
    directives = csp_directives(response)
    scripts = directives["script-src"]
    # Our own files, and the hashes of fixed inline content (the editor's import map).
    assert scripts[0] == "'self'", scripts
    assert all(source.startswith("'sha256-") for source in scripts[1:]), scripts
    assert "'unsafe-inline'" not in directives.get("script-src-elem", [])
    assert "'unsafe-inline'" not in directives.get("script-src-attr", [])
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]


def is_html(response) -> bool:
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


def crawl(client, start: list[str], limit: int = 200) -> dict[str, InlineScriptFinder]:
    """Follow the links of the portal's pages from ``start``; returns each HTML page parsed.

    Two pages of each kind (URLs equal but for their numbers) are enough.
    """
    seen: dict[str, InlineScriptFinder] = {}
    queue = list(start)
    visited = set()
    kinds: dict[str, int] = {}
    while queue and len(visited) < limit:
        url = urldefrag(queue.pop(0))[0]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith("/") or url in visited:
            continue
        if url not in start and parts.path.startswith(SKIPPED_PREFIXES):
            continue
        kind = re.sub(r"\d+|[0-9a-f-]{36}", "N", url)
        if kinds.get(kind, 0) >= 2:
            continue
        kinds[kind] = kinds.get(kind, 0) + 1
        visited.add(url)
        response = client.get(url)
        if not is_html(response):
            continue
        assert_strict_script_policy(response)
        finder = inline_scripts(response.content.decode(), response)
        seen[url] = finder
        queue.extend(link for link in finder.links if link not in visited)
    return seen


@pytest.fixture
def content(world):
    programme = factories.programme(world.plan_a, name="Program Layanan Digital")
    return programme


def test_pages_carry_the_security_headers(client, world):
    client.force_login(world.editor_a)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert_strict_script_policy(response)
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_the_login_page_and_error_pages_have_the_policy_too(client, world):
    assert_strict_script_policy(client.get(reverse("login")))
    missing = client.get("/masterplan/999999/")
    assert missing.status_code in {302, 404}
    assert "Content-Security-Policy" in missing.headers


def test_a_foreign_host_header_is_refused(client, world):
    assert client.get(reverse("login"), HTTP_HOST="evil.example.com").status_code == 400
    assert client.get(reverse("login"), HTTP_HOST="localhost").status_code == 200


def test_htmx_is_configured_without_eval_or_injected_styles(client, world):
    client.force_login(world.editor_a)
    html = client.get(reverse("home")).content.decode()
    assert '<meta name="htmx-config"' in html
    assert '"includeIndicatorStyles": false' in html
    assert '"allowEval": false' in html


def test_the_main_pages_have_no_inline_script(client, world, content):
    client.force_login(world.admin)
    plan: Plan = world.plan_a
    section = plan.books.get(number=1).sections.order_by("order").first()
    start = [
        reverse("home"),
        reverse("plan_detail", args=[plan.pk]),
        reverse("book_detail", args=[plan.pk, 1]),
        reverse("section_edit", args=[section.pk]),
        reverse("agency_list", args=[plan.pk]),
        reverse("reviews:book_review", args=[plan.pk, 1]),
        reverse("exports:plan_exports", args=[plan.pk]),
        reverse("checks:cohort_list"),
        reverse("password_change"),
    ]
    pages = crawl(client, start)
    # The crawl reached the books' editors, not only the start pages.
    assert len(pages) > 30, sorted(pages)
    assert any("/sunting/" in url for url in pages)
    problems = {url: finder.problems for url, finder in pages.items() if finder.problems}
    assert problems == {}


def test_a_page_with_an_inline_handler_is_caught():
    # The parser that guards the crawl finds each kind of inline script.
    finder = inline_scripts(
        '<select onchange="x()"></select><div hx-on:click="y()"></div>'
        '<a href="javascript:z()">z</a><script>alert(1)</script>'
        '<script type="application/json" id="d">{"a": 1}</script>'
        '<script src="/static/js/auto-submit.js"></script>'
    )
    assert len(finder.problems) == 4
    allowed = InlineScriptFinder(frozenset({script_hash('{"imports": {}}')}))
    allowed.feed('<script type="importmap">{"imports": {}}</script><script>x()</script>')
    assert len(allowed.problems) == 1


def test_the_login_page_and_the_lockout_page_have_no_inline_script(client, world):
    for _ in range(5):
        locked = client.post(reverse("login"), {"username": "editor-a", "password": "x" * 12})
    assert locked.status_code == 429
    login = client.get(reverse("login"))
    for response in [login, locked, client.get(reverse("password_reset"))]:
        assert response["Content-Type"].startswith("text/html")
        assert inline_scripts(response.content.decode(), response).problems == []


def test_the_admin_and_the_api_docs_have_no_inline_script(client, world):
    client.force_login(world.admin)
    event = AuditEvent.objects.first()
    urls = [
        reverse("admin:index"),
        reverse("admin:masterplan_plan_changelist"),
        reverse("admin:masterplan_plan_change", args=[world.plan_a.pk]),
        reverse("admin:masterplan_region_add"),
        reverse("admin:masterplan_auditevent_changelist"),
        reverse("admin:masterplan_auditevent_change", args=[event.pk]),
        reverse("api:docs"),
    ]
    for url in urls:
        response = client.get(url)
        assert is_html(response), url
        assert_strict_script_policy(response)
        assert inline_scripts(response.content.decode(), response).problems == [], url


def test_the_api_docs_start_up_script_is_a_file(client, world):
    html = client.get(reverse("api:docs")).content.decode()
    script = client.get(reverse("api:docs") + "?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()
    assert "?script=" in html


@pytest.mark.django_db(transaction=True)
def test_chromium_reports_no_policy_violation_and_the_scripts_still_work(live_server, world):
    """The policy in a real browser: the editor, Swagger UI and the language switch run."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    section = world.plan_a.books.get(number=1).sections.order_by("order").first()
    urls = [
        reverse("home"),
        reverse("plan_detail", args=[world.plan_a.pk]),
        reverse("book_detail", args=[world.plan_a.pk, 1]),
        reverse("reviews:book_review", args=[world.plan_a.pk, 1]),
        reverse("exports:plan_exports", args=[world.plan_a.pk]),
        reverse("checks:cohort_list"),
        reverse("admin:index"),
        reverse("admin:masterplan_plan_change", args=[world.plan_a.pk]),
    ]
    reports = []
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.on("console", lambda message: reports.append((page.url, message.text)))
            page.on("pageerror", lambda error: reports.append((page.url, f"error: {error}")))
            page.goto(live_server.url + reverse("login"))
            page.fill("#id_username", "admin")
            page.fill("#id_password", factories.DEMO_PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(live_server.url + reverse("home"))
            for url in urls:
                page.goto(live_server.url + url)
                page.wait_for_load_state("networkidle")
            page.goto(live_server.url + reverse("section_edit", args=[section.pk]))
            page.wait_for_selector(".ProseMirror", state="attached")  # the editor loaded
            page.goto(live_server.url + reverse("api:docs"))
            page.wait_for_selector(".swagger-ui .info")
            page.goto(live_server.url + reverse("home"))
            page.click(".user-menu .dropdown-toggle")  # the language switch is in the user menu
            page.select_option("#language", "en")  # auto-submit.js sends the form
            page.wait_for_selector("html[lang=en]")
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    blocked = [
        (url, text)
        for url, text in reports
        if "Content Security Policy" in text or text.startswith("error:")
    ]
    assert blocked == []
