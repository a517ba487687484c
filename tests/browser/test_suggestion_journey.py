"""Suggestions the way people meet them: a mentor proposes a new 2027 target of a
programme and a new wording of a sentence of a chapter; the coordinator sees both where the
value is shown, accepts the target (applied, the revision credits the mentor) and rejects
the sentence with a reply; the mentor sees the outcome of both.

Set-up (Debian chromium, live server, login): tests/browser/conftest.py. Every step is
saved as ``<test-name>-<step>.png`` in the screenshot folder, for a person to look at.
"""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from masterplan.models import Revision
from masterplan.services import record_save
from programs.models import Indicator, IndicatorTarget
from reviews.models import Notification
from reviews.suggestions import Suggestion
from tests import factories
from tests.browser.conftest import screenshot_dir

TEXT = (
    "<p>Kabupaten A menyiapkan layanan terpadu untuk warga.</p>"
    "<p>Semua layanan akan daring pada tahun 2030.</p>"
)
SENTENCE = "Semua layanan akan daring pada tahun 2030."
PROPOSED = "Layanan kependudukan dan perizinan daring pada tahun 2027."


def step(page, request, name: str) -> None:
    folder = screenshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{request.node.name}-{name}.png"), full_page=True)


def test_mentor_suggests_coordinator_accepts_one_rejects_the_other(
    transactional_db, base_url, world, new_page, login, request
):
    plan, coordinator = world.plan_a, world.coordinator_a
    programme = factories.programme(plan, name="Layanan terpadu ALDINO")
    indicator = Indicator.objects.create(
        programme=programme,
        name="Layanan daring",
        indicator_type=plan.framework.indicator_types.get(code="OUTCOME"),
        unit="layanan",
    )
    target = IndicatorTarget.objects.create(indicator=indicator, year=2027, value=Decimal("50"))
    record_save(target, by=coordinator, based_on=target.version)  # the coordinator owns it
    section = plan.books.get(number=2).sections.get(key="pendahuluan")
    section.body = TEXT
    record_save(section, by=coordinator, based_on=section.version)
    programme_url = base_url + reverse("programs:programme_detail", args=[plan.pk, programme.pk])
    review_url = base_url + reverse("reviews:section_review", args=[section.pk])
    edit_url = base_url + reverse("section_edit", args=[section.pk])

    # 1. The mentor proposes 60 for the 2027 target, from the target's cell.
    mentor = login(new_page(), world.mentor_a)
    mentor.goto(programme_url)
    mentor.click(f"#target-{indicator.pk}-2027 .suggestion-propose")
    mentor.select_option("#suggestion-field", "value")
    mentor.fill("#suggestion-value", "60")
    mentor.fill("#suggestion-note", "Sesuai RPJMD 2025-2029")
    step(mentor, request, "1-mentor-target-form")
    mentor.click(".suggestion-form button[type=submit]")
    mentor.wait_for_selector(f"#target-{indicator.pk}-2027 .suggestion")
    step(mentor, request, "1-mentor-target-sent")

    # 2. …and a new wording of one sentence of the chapter.
    mentor.goto(review_url)
    mentor.click(".suggestion-propose:has-text('Sarankan rumusan baru')")
    mentor.fill("#suggestion-quote", SENTENCE)
    mentor.fill("#suggestion-value", PROPOSED)
    step(mentor, request, "2-mentor-sentence-form")
    mentor.click(".suggestion-form button[type=submit]")
    mentor.wait_for_selector(".suggestion:has-text('perizinan daring')")
    step(mentor, request, "2-mentor-sentence-sent")
    assert Suggestion.objects.pending().count() == 2

    # 3. The coordinator is notified and sees the target's suggestion inline; accepts it.
    owner = login(new_page(), coordinator)
    assert owner.locator(".notification-count").inner_text().strip() == "2"
    owner.goto(programme_url)
    cell = owner.locator(f"#target-{indicator.pk}-2027")
    assert "60" in cell.locator(".suggestion ins").inner_text()
    step(owner, request, "3-coordinator-sees-target")
    cell.locator(".suggestion-accept").click()
    owner.wait_for_selector(".alert-success")
    step(owner, request, "3-coordinator-accepted-target")
    target.refresh_from_db()
    assert target.value == Decimal("60")
    revision = Revision.objects.for_object(target).order_by("-pk").first()
    assert revision.actor == coordinator and world.mentor_a.display_name in revision.note

    # 4. …and the sentence's suggestion in the chapter editor; rejects it with a reply.
    owner.goto(edit_url)
    suggestion = owner.locator(".suggestion:has-text('perizinan daring')")
    suggestion.wait_for()
    step(owner, request, "4-coordinator-sees-sentence")
    suggestion.locator("input[name=reply]").fill("Target 2030 mengikuti RPJPD; tetap.")
    suggestion.locator(".suggestion-reject").click()
    owner.wait_for_selector(".alert-info")
    step(owner, request, "4-coordinator-rejected-sentence")
    section.refresh_from_db()
    assert SENTENCE in section.body

    # 5. The mentor is told of both outcomes and reads the reply.
    mentor.goto(base_url + reverse("home"))
    assert mentor.locator(".notification-count").inner_text().strip() == "2"
    told = Notification.objects.filter(user=world.mentor_a, verb="decided").order_by("pk")
    assert [note.target_uuid for note in told] == [target.uuid, section.uuid]
    mentor.goto(base_url + told[1].url)  # the rejection's notification: the reply
    history = mentor.locator(".suggestion-history")
    assert "Ditolak" in history.inner_text() and "mengikuti RPJPD" in history.inner_text()
    step(mentor, request, "5-mentor-sees-rejection")
    mentor.goto(programme_url)
    step(mentor, request, "5-mentor-sees-target")
    assert Suggestion.objects.get(field_name="value").status == "accepted"
    assert Suggestion.objects.get(field_name="body").reply.startswith("Target 2030")
