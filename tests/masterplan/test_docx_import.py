from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from PIL import Image

from masterplan.models import Revision, SectionImage
from masterplan.services import record_save

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def section(world):
    return world.plan_a.books.get(number=1).sections.get(key="pendahuluan")


def word_document(*, with_image: bool = False) -> SimpleUploadedFile:
    document = Document()
    document.add_heading("Latar Belakang", level=1)
    paragraph = document.add_paragraph("Kabupaten Pekalongan ")
    paragraph.add_run("berkomitmen").bold = True
    document.add_heading("Dasar Hukum", level=2)
    document.add_paragraph("UU 23/2014", style="List Number")
    document.add_paragraph("PP 95/2018", style="List Number")
    document.add_paragraph("Kesehatan", style="List Bullet")
    document.add_paragraph("Pendidikan", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Pilar", "Kondisi"
    table.cell(1, 0).text, table.cell(1, 1).text = "Struktur", "Cukup"
    document.add_paragraph("<script>alert(1)</script> tetap teks")
    if with_image:
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8), "blue").save(buffer, format="PNG")
        buffer.seek(0)
        document.add_picture(buffer)
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile("bab1.docx", out.getvalue(), content_type=DOCX)


def import_docx(client, section, file, mode="replace", version=None):
    return client.post(
        reverse("section_import_docx", args=[section.pk]),
        {"file": file, "mode": mode, "version": version or section.version},
    )


def test_import_produces_headings_lists_and_tables(client, world, section):
    client.force_login(world.editor_a)
    response = import_docx(client, section, word_document())
    assert response.status_code == 302
    assert response.url == reverse("section_edit", args=[section.pk])
    section.refresh_from_db()
    body = section.body
    assert "<h2>Latar Belakang</h2>" in body
    assert "<h3>Dasar Hukum</h3>" in body
    assert "<strong>berkomitmen</strong>" in body
    assert "<ol><li>UU 23/2014</li><li>PP 95/2018</li></ol>" in body
    assert "<ul><li>Kesehatan</li><li>Pendidikan</li></ul>" in body
    assert "<table>" in body and "<td><p>Struktur</p></td>" in body
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert Revision.objects.for_object(section).get().note == "docx"


def test_import_appends_to_the_current_text(client, world, section):
    section.body = "<p>Teks lama</p>"
    record_save(section, by=world.editor_a, based_on=1)
    client.force_login(world.editor_a)
    import_docx(client, section, word_document(), mode="append")
    section.refresh_from_db()
    assert section.body.startswith("<p>Teks lama</p>")
    assert "<h2>Latar Belakang</h2>" in section.body


def test_embedded_images_become_region_images(client, world, section):
    client.force_login(world.editor_a)
    import_docx(client, section, word_document(with_image=True))
    image = SectionImage.objects.get()
    assert image.region == world.region_a
    section.refresh_from_db()
    url = reverse("section_image", kwargs={"region_slug": "region-a", "image_uuid": image.uuid})
    assert f'<img src="{url}"' in section.body


def test_a_file_that_is_not_a_word_document_is_refused(client, world, section):
    client.force_login(world.editor_a)
    fake = SimpleUploadedFile("bab1.docx", b"PK\x03\x04 not really", content_type=DOCX)
    response = import_docx(client, section, fake)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    other = SimpleUploadedFile("bab1.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = import_docx(client, section, other)
    assert response.context["form"].errors["file"][0]
    section.refresh_from_db()
    assert section.body == ""


def test_a_stale_import_shows_the_conflict_and_keeps_the_document(client, world, section):
    section.body = "<p>Teks Rina</p>"
    record_save(section, by=world.coordinator_a, based_on=1)
    client.force_login(world.editor_a)
    response = import_docx(client, section, word_document(), version=1)
    assert response.status_code == 409
    assert "Teks Rina" in response.text
    assert "Latar Belakang" in response.context["form"].initial["body"]
    section.refresh_from_db()
    assert section.body == "<p>Teks Rina</p>"
