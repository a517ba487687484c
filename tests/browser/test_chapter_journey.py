"""An editor writes a chapter in the WYSIWYG editor; a colleague's stale save loses nothing.

Set-up (Debian chromium, live server, login): tests/browser/conftest.py.
"""

from __future__ import annotations

from django.urls import reverse

from masterplan.models import Revision, Section

WORD_HTML = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>'
    "<h1>Latar Belakang</h1>"
    "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'>"
    "<span style='mso-list:Ignore'>1.<span>&nbsp;</span></span>Pelayanan publik</p>"
    "<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'>"
    "<span style='mso-list:Ignore'>2.<span>&nbsp;</span></span>Tata kelola</p>"
    "<table class=MsoTableGrid border=1><tr><td><p class=MsoNormal>Pilar</p></td>"
    "<td><p class=MsoNormal>Kondisi</p></td></tr></table>"
    "</body></html>"
)

PASTE = """([html]) => {
  const data = new DataTransfer();
  data.setData("text/html", html);
  data.setData("text/plain", "tempel");
  const event = new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true});
  document.querySelector(".prose-editor .tiptap.ProseMirror").dispatchEvent(event);
}"""


def test_write_a_chapter_and_survive_a_stale_save(
    transactional_db, base_url, world, new_page, login, screenshot
):
    world.editor_a.full_name = "Pak Budi"
    world.editor_a.save()
    world.coordinator_a.full_name = "Bu Rina"
    world.coordinator_a.save()
    section = world.plan_a.books.get(number=1).sections.get(key="pendahuluan")
    edit_url = base_url + reverse("section_edit", args=[section.pk])

    # The editor finds the chapter from the dashboard and the book's outline.
    budi = login(new_page(), world.editor_a)
    budi.click(f"a[href='{reverse('book_detail', args=[world.plan_a.pk, 1])}']")
    budi.click(f"#bagian-{section.pk} a[href='{reverse('section_edit', args=[section.pk])}']")
    budi.wait_for_url(edit_url)
    editor = budi.locator(".prose-editor .tiptap.ProseMirror")
    editor.wait_for()
    editor.click()
    budi.keyboard.type("Kabupaten A menyusun masterplan. ")
    budi.keyboard.press("Control+b")
    budi.keyboard.type("Penting")
    budi.keyboard.press("Control+b")
    budi.keyboard.press("Enter")
    budi.evaluate(PASTE, [WORD_HTML])
    assert editor.locator("h2", has_text="Latar Belakang").count() == 1
    assert editor.locator("ol li", has_text="Pelayanan publik").count() == 1
    assert editor.locator("table td", has_text="Kondisi").count() == 1

    # Autosave stores it within a few seconds, with the version check.
    budi.wait_for_selector("#save-status[data-state=saved]", timeout=20_000)
    section.refresh_from_db()
    assert "<strong>Penting</strong>" in section.body
    assert "<h2>Latar Belakang</h2>" in section.body
    assert (
        "<li><p>Pelayanan publik</p></li>" in section.body
        or "Pelayanan publik</li>" in section.body
    )
    assert "<table>" in section.body

    # Bu Rina opens the same section and sees that Pak Budi is writing in it.
    rina = login(new_page(), world.coordinator_a)
    rina.goto(edit_url)
    assert "Pak Budi" in rina.locator("#presence").inner_text()
    rina_editor = rina.locator(".prose-editor .tiptap.ProseMirror")
    rina_editor.wait_for()

    # Pak Budi saves once more; Bu Rina's copy is now stale.
    editor.click()
    budi.keyboard.press("Control+End")
    budi.keyboard.type(" Tambahan Budi.")
    budi.click("#section-form button[type=submit]:not([name])")
    budi.wait_for_selector(".alert-success")
    section.refresh_from_db()
    assert "Tambahan Budi." in section.body

    rina_editor.click()
    rina.keyboard.press("Control+a")
    rina.keyboard.type("Versi Bu Rina yang tidak boleh hilang.")
    rina.click("#section-form button[type=submit]:not([name])")
    rina.wait_for_selector("#conflict")
    assert "Tambahan Budi." in rina.locator("[data-conflict=theirs]").inner_text()
    assert "Versi Bu Rina" in rina.locator("[data-conflict=mine]").inner_text()
    rina_editor = rina.locator(".prose-editor .tiptap.ProseMirror")
    rina_editor.wait_for()
    assert "Versi Bu Rina" in rina_editor.inner_text()
    section.refresh_from_db()
    assert "Tambahan Budi." in section.body  # nothing was overwritten

    # She re-applies her text deliberately; Pak Budi's stays in the history.
    rina.click("#section-form button[type=submit]:not([name])")
    rina.wait_for_selector(".alert-success")
    section = Section.objects.get(pk=section.pk)
    assert "Versi Bu Rina yang tidak boleh hilang." in section.body
    bodies = [revision.snapshot["body"] for revision in Revision.objects.for_object(section)]
    assert any("Tambahan Budi." in body for body in bodies)
    screenshot(rina)
