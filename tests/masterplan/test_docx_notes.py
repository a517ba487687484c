"""After a Word import the editor shows what the conversion could not keep, in Indonesian."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from docx.enum.style import WD_STYLE_TYPE

from masterplan.lib.docx import docx_notes

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def styled_document() -> SimpleUploadedFile:
    document = Document()
    document.styles.add_style("Kutipan Dinas", WD_STYLE_TYPE.PARAGRAPH)
    document.styles.add_style("Penekanan Dinas", WD_STYLE_TYPE.CHARACTER)
    document.add_paragraph("Visi kabupaten", style="Kutipan Dinas")
    document.add_paragraph("Misi kedua", style="Kutipan Dinas")
    document.add_paragraph("Biasa ").add_run("penting", style="Penekanan Dinas")
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile("bab.docx", out.getvalue(), content_type=DOCX)


def test_the_notes_are_shown_after_the_import(client, world):
    section = world.plan_a.books.get(number=1).sections.get(key="pendahuluan")
    client.force_login(world.editor_a)
    response = client.post(
        reverse("section_import_docx", args=[section.pk]),
        {"file": styled_document(), "mode": "replace", "version": section.version},
        follow=True,
    )
    assert response.status_code == 200
    page = response.text
    assert "Sebagian format dokumen tidak dapat dipertahankan (2 catatan):" in page
    assert "Gaya paragraf “Kutipan Dinas” tidak dikenal" in page
    assert "Gaya karakter “Penekanan Dinas” tidak dikenal" in page
    assert "Unrecognised" not in page


def test_unknown_notes_are_kept_repeated_ones_counted_and_long_lists_cut():
    notes = docx_notes(
        [
            "Unrecognised paragraph style: 'Judul' (Style ID: Judul)",
            "Unrecognised paragraph style: 'Judul' (Style ID: Judul)",
            "Something new happened",
        ]
    )
    assert notes == [
        "Gaya paragraf “Judul” tidak dikenal: paragrafnya menjadi teks biasa. (×2)",
        "Catatan dari pengonversi: Something new happened",
    ]
    many = docx_notes([f"An unrecognised element was ignored: w:x{n}" for n in range(14)])
    assert len(many) == 11 and many[-1] == "… dan 4 catatan lainnya."
