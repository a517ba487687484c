"""The official pages of the books: approval page, own abbreviations and the region logo,
entered by the coordinator and printed in every book."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from exports.context.official import document_text, used_abbreviations
from exports.models import Abbreviation, ApprovalPage
from exports.render import build_html
from masterplan.models import AuditEvent, Revision

pytestmark = pytest.mark.django_db

APPROVAL = {
    "head_name": "Fadia A. Rafik",
    "head_nip": "",
    "head_position": "Bupati Pekalongan",
    "secretary_name": "Muhammad Yulian Akbar",
    "secretary_nip": "19720615 199803 1 007",
    "secretary_position": "Sekretaris Daerah",
    "place": "Kajen",
    "signed_on": "2024-11-18",
    "regulation_number": "Peraturan Bupati Pekalongan Nomor 57 Tahun 2024",
}


def image_upload(fmt: str, name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (20, 110, 60)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def page_url(world, name="official_pages", *args):
    return reverse(f"exports:{name}", args=[world.plan_a.pk, *args])


def test_only_the_coordinator_opens_the_page(client, world):
    url = page_url(world)
    assert client.get(url).status_code == 302
    client.force_login(world.editor_b)
    assert client.get(url).status_code == 404
    for member in (world.viewer_a, world.editor_a, world.mentor_a):
        client.force_login(member)
        assert client.get(url).status_code == 403
        assert client.post(url, APPROVAL).status_code == 403
    assert not ApprovalPage.objects.exists()
    client.force_login(world.coordinator_a)
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="head_name"' in response.text


def test_the_approval_page_prints_the_coordinators_names_in_every_book(client, world):
    client.force_login(world.coordinator_a)
    response = client.post(page_url(world), {**APPROVAL, "version": ""})
    assert response.status_code == 302
    approval = ApprovalPage.objects.get(plan=world.plan_a)
    assert approval.signed_on == date(2024, 11, 18)
    assert Revision.objects.for_object(approval).count() == 1
    assert AuditEvent.objects.filter(action="approvalpage.create").exists()
    for book in world.plan_a.books.all():
        text = " ".join(document_text(build_html(book)).split())
        assert "Lembar pengesahan" in text
        for value in ("Fadia A. Rafik", "Muhammad Yulian Akbar", "NIP 19720615 199803 1 007"):
            assert value in text, (book.number, value)
        assert "Peraturan Bupati Pekalongan Nomor 57 Tahun 2024" in text
        assert "Kajen, 18 November 2024" in text


def test_a_stale_approval_form_is_refused(client, world):
    client.force_login(world.coordinator_a)
    client.post(page_url(world), APPROVAL)
    approval = ApprovalPage.objects.get(plan=world.plan_a)
    stale = approval.version
    client.post(page_url(world), {**APPROVAL, "place": "Pekalongan", "version": stale})
    response = client.post(page_url(world), {**APPROVAL, "place": "Batang", "version": stale})
    assert response.status_code == 409
    approval.refresh_from_db()
    assert approval.place == "Pekalongan"


def test_an_empty_approval_page_prints_blanks_to_fill_in_drafts(world):
    text = document_text(build_html(world.plan_a.books.get(number=2)))
    assert "[nomor peraturan belum diisi]" in text


def test_own_abbreviations_are_added_removed_and_printed_only_when_used(client, world):
    client.force_login(world.coordinator_a)
    client.post(page_url(world, "abbreviation_add"), {"term": "ALDINO", "meaning": "Dia Nongol"})
    client.post(page_url(world, "abbreviation_add"), {"term": "ZZQ", "meaning": "Tidak dipakai"})
    duplicate = client.post(page_url(world, "abbreviation_add"), {"term": "ZZQ", "meaning": "x"})
    assert duplicate.status_code == 400
    assert Abbreviation.objects.filter(plan=world.plan_a).count() == 2
    book = world.plan_a.books.get(number=2)
    section = book.sections.get(key="pendahuluan")
    section.body = "<p>Program ALDINO dijalankan oleh OPD bersama Diskominfo.</p>"
    section.save()
    html = build_html(book)
    glossary = html.split('id="daftar-singkatan"', 1)[1].split("</section>", 1)[0]
    assert "ALDINO" in glossary and "Dia Nongol" in glossary
    assert "Organisasi Perangkat Daerah" in glossary
    assert "ZZQ" not in glossary
    assert 'href="#daftar-singkatan"' in html  # in the table of contents
    entry = Abbreviation.objects.get(term="ALDINO")
    response = client.post(page_url(world, "abbreviation_delete", entry.pk))
    assert response.status_code == 302
    assert not Abbreviation.objects.filter(term="ALDINO").exists()
    client.force_login(world.editor_a)
    other = Abbreviation.objects.get(term="ZZQ")
    assert client.post(page_url(world, "abbreviation_delete", other.pk)).status_code == 403


def test_the_glossary_lists_exactly_the_terms_used():
    glossary = {"OPD": "Organisasi Perangkat Daerah", "DAK": "Dana Alokasi Khusus", "TIK": "x"}
    text = "Setiap OPD menyusun rencana; DAKOTA dan TIKET bukan singkatan."
    assert used_abbreviations(text, glossary) == [("OPD", "Organisasi Perangkat Daerah")]


def test_the_coordinator_uploads_a_png_or_jpeg_logo_for_the_cover(client, world):
    url = page_url(world, "region_logo")
    client.force_login(world.editor_a)
    assert client.post(url, {"logo": image_upload("PNG", "logo.png")}).status_code == 403
    client.force_login(world.editor_b)
    assert client.post(url, {"logo": image_upload("PNG", "logo.png")}).status_code == 404
    client.force_login(world.coordinator_a)
    for fmt, name in (("GIF", "logo.gif"), ("WEBP", "logo.png")):
        response = client.post(url, {"logo": image_upload(fmt, name)})
        assert response.status_code == 400, fmt
    fake = SimpleUploadedFile("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert client.post(url, {"logo": fake}).status_code == 400
    world.region_a.refresh_from_db()
    assert not world.region_a.logo
    assert client.post(url, {"logo": image_upload("JPEG", "lambang.jpg")}).status_code == 302
    world.region_a.refresh_from_db()
    assert world.region_a.logo.name.endswith("lambang.jpg")
    html = build_html(world.plan_a.books.get(number=1))
    assert 'class="cover-logo"' in html and world.region_a.logo.name in html
