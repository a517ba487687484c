"""Images in the section text (uploaded in the editor or imported from Word) are printed;
another region's images are still refused."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from PIL import Image

from exports.fetcher import FetchRefused, PrintURLFetcher
from exports.render import render_book
from masterplan.models import Section, SectionImage
from tests.exports.conftest import Pdf

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# An unusual size, so the image found in the PDF can only be this one.
SIZE = (37, 23)


def png_bytes(colour: str = "green") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", SIZE, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def word_with_image() -> SimpleUploadedFile:
    document = Document()
    document.add_paragraph("Peta wilayah layanan")
    document.add_picture(io.BytesIO(png_bytes()))
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile("peta.docx", out.getvalue(), content_type=DOCX)


def image_url(image: SectionImage, region_slug: str | None = None) -> str:
    return reverse(
        "section_image",
        kwargs={"region_slug": region_slug or image.region.slug, "image_uuid": image.uuid},
    )


def region_image(region, colour: str = "red") -> SectionImage:
    return SectionImage.objects.create(
        region=region,
        file=ContentFile(png_bytes(colour), name="gambar.png"),
        content_type="image/png",
        width=SIZE[0],
        height=SIZE[1],
    )


def images_in(pdf: Pdf) -> list[tuple[int, int, int]]:
    """(page, width, height) of every image drawn, forms included."""
    found = []

    def scan(resources, page_number):
        if not resources:
            return
        for xobject in (resources.get_object().get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Image":
                found.append((page_number, int(xobject["/Width"]), int(xobject["/Height"])))
            elif xobject.get("/Subtype") == "/Form":
                scan(xobject.get("/Resources"), page_number)

    for number, page in enumerate(pdf.reader.pages, start=1):
        scan(page.get("/Resources"), number)
    return found


@pytest.fixture
def section(world) -> Section:
    return world.plan_a.books.get(number=1).sections.get(key="pendahuluan")


def test_an_image_imported_from_word_is_printed(client, world, section):
    client.force_login(world.editor_a)
    response = client.post(
        reverse("section_import_docx", args=[section.pk]),
        {"file": word_with_image(), "mode": "replace", "version": section.version},
    )
    assert response.status_code == 302
    image = SectionImage.objects.get(region=world.region_a)
    section.refresh_from_db()
    assert f'<img src="{image_url(image)}"' in section.body

    result = render_book(section.book)

    assert result.refused == []
    pdf = Pdf(result.pdf)
    pages = [n for n, text in enumerate(pdf.texts(), start=1) if "Peta wilayah layanan" in text]
    assert pages
    assert any(page in pages and (w, h) == SIZE for page, w, h in images_in(pdf))


def test_another_regions_image_is_still_refused(world, section):
    own = region_image(world.region_a, "blue")
    other = region_image(world.region_b)
    fetcher = PrintURLFetcher.for_plan(world.plan_a)

    assert fetcher.fetch(image_url(own)).read() == png_bytes("blue")
    for url in (
        image_url(other),  # the other region's image, under its own region
        image_url(other, region_slug="region-a"),  # … or claimed for ours
        image_url(own, region_slug="region-b"),  # ours, under the other region
        image_url(own) + "?x=1",
        image_url(own).rstrip("/"),
        "/wilayah/region-a/gambar/../../media/" + own.file.name,
        "/media/" + own.file.name,
        "kcs://document" + image_url(other),
    ):
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)
    assert fetcher.fetch("kcs://document" + image_url(own)).read() == png_bytes("blue")


def test_a_book_pointing_at_another_regions_image_prints_without_it(world, section):
    other = region_image(world.region_b)
    # Written past the sanitiser (which keeps only the region's own images) on purpose.
    Section.objects.filter(pk=section.pk).update(
        body=f'<p>Peta wilayah layanan</p><img src="{image_url(other)}">'
    )
    section.refresh_from_db()

    result = render_book(section.book)

    assert image_url(other) in result.refused
    assert not any((w, h) == SIZE for _, w, h in images_in(Pdf(result.pdf)))
