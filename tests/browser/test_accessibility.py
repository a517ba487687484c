"""axe-core on the main pages of the demo plan, as the people who use them: no serious or
critical violation. Each failing rule is printed with its help text and the selectors of
the elements it found.

axe-core comes from the npm registry (package.json, `npm ci`) and is injected as an
inline script, so these contexts bypass the portal's CSP; the journeys keep it.
"""

from __future__ import annotations

import io

from django.core.management import call_command
from django.urls import reverse

from demo.cohort import PASSWORD
from masterplan.models import Plan, User
from reviews import workflow
from reviews.services import book_transition, comment_create
from tests.browser.conftest import format_violations


def test_the_main_pages_have_no_serious_accessibility_violations(
    transactional_db, base_url, new_page, login, axe
):
    call_command("seed_demo", stdout=io.StringIO())
    plan = Plan.objects.get(region__slug="pekalongan")
    mentor = User.objects.get(username="mentor")
    book = plan.books.get(number=1)
    section = book.sections.exclude(body="").order_by("order", "pk").first()
    # A submitted book with an open thread: the review page shows its buttons and comments.
    book_transition(book=book, action=workflow.SUBMIT, by=User.objects.get(username="koordinator"))
    comment_create(target=section, by=mentor, body="Lengkapi dasar hukum, @editor.")

    editor_pages = {
        "dashboard": (reverse("home"), "main"),
        "chapter editor": (
            reverse("section_edit", args=[section.pk]),
            ".prose-editor .tiptap.ProseMirror",
        ),
        "programme list": (reverse("programs:programme_list", args=[plan.pk]), "main table"),
        "roadmap": (reverse("roadmap:roadmap_grid", args=[plan.pk]), "main table"),
        "book review (editor)": (
            reverse("reviews:book_review", args=[plan.pk, book.number]),
            ".book-status",
        ),
    }
    mentor_pages = {
        "mentor dashboard": (reverse("home"), "main"),
        "book review (mentor)": (
            reverse("reviews:book_review", args=[plan.pk, book.number]),
            "button[data-action=approve]",
        ),
        "section review (mentor)": (
            reverse("reviews:section_review", args=[section.pk]),
            ".comment-thread",
        ),
    }

    found: dict[str, list[dict]] = {}
    for username, pages in (("editor", editor_pages), ("mentor", mentor_pages)):
        page = login(new_page(bypass_csp=True), username, PASSWORD)
        for name, (url, ready) in pages.items():
            page.goto(base_url + url)
            page.locator(ready).first.wait_for()
            violations = axe(page)
            if violations:
                found[f"{name} ({url}, as {username})"] = violations

    report = "\n".join(f"{page}:\n{format_violations(v)}" for page, v in found.items())
    if report:
        print(report)
    assert not found, f"serious or critical axe violations:\n{report}"
