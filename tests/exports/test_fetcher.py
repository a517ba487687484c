"""The deny-by-default fetcher: our print assets and the plan's own images, nothing else."""

from __future__ import annotations

import io
import socket
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from exports.assets import BASE_URL, media_url, plan_media_keys
from exports.fetcher import FetchRefused, PrintURLFetcher
from exports.render import render_book, render_html
from programs.models import ProgrammePhoto
from tests import factories
from tests.exports.conftest import Pdf

pytestmark = pytest.mark.django_db


def png_bytes(colour="red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


def add_photo(plan, name="foto.png"):
    programme = factories.programme(plan, is_flagship=True, name="Program Unggulan Contoh")
    return ProgrammePhoto.objects.create(
        programme=programme,
        image=SimpleUploadedFile(name, png_bytes(), content_type="image/png"),
        caption="Dokumentasi peluncuran",
    )


class Listener:
    """A TCP listener on 127.0.0.1 that records whether anyone connected."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def test_it_serves_our_print_assets():
    response = PrintURLFetcher().fetch("kcs://print/book.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "kcs://print/../../masterplan/settings.py",
        "kcs://print/%2e%2e/%2e%2e/masterplan/settings.py",
        "kcs://print/../print/book.css",
        "kcs://print//etc/passwd",
        "kcs://other/book.css",
        "kcs://media/../../db.sqlite3",
        "../../../../etc/passwd",
        "ftp://127.0.0.1/x",
        "data:text/html,<h1>x</h1>",
    ],
)
def test_it_refuses_everything_else(url):
    fetcher = PrintURLFetcher()
    with pytest.raises((FetchRefused, ValueError)):
        fetcher.fetch(url)


def test_it_never_calls_the_network(listener):
    fetcher = PrintURLFetcher()
    for url in (
        f"http://127.0.0.1:{listener.port}/logo.png",
        f"https://127.0.0.1:{listener.port}/logo.png",
    ):
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)
    assert listener.connections == 0


def test_it_serves_the_plans_own_images_and_refuses_another_regions(world):
    own = add_photo(world.plan_a)
    other = add_photo(world.plan_b)
    keys = plan_media_keys(world.plan_a)
    assert own.image.name in keys
    assert other.image.name not in keys
    fetcher = PrintURLFetcher.for_plan(world.plan_a)
    assert fetcher.fetch(media_url(own.image.name)).read() == png_bytes()
    with pytest.raises(FetchRefused):
        fetcher.fetch(media_url(other.image.name))


def test_a_hostile_document_gets_nothing(world, listener):
    other = add_photo(world.plan_b)
    html = f"""<!doctype html><html lang="id"><head>
      <link rel="stylesheet" href="file:///etc/passwd">
      <link rel="attachment" href="file:///etc/passwd">
      <link rel="stylesheet" href="http://127.0.0.1:{listener.port}/x.css">
      <style>body {{ background: url(file:///etc/hostname) }}</style>
      </head><body><h1>Uji</h1>
      <img src="file:///etc/passwd"><img src="../../../etc/passwd">
      <img src="http://127.0.0.1:{listener.port}/x.png">
      <img src="{media_url(other.image.name)}">
      <a rel="attachment" href="file:///etc/passwd">lampiran</a>
      </body></html>"""
    pdf_bytes, pages, refused = render_html(html, plan=world.plan_a)
    assert pages == 1
    assert listener.connections == 0
    assert any(url.startswith("file:") for url in refused)
    assert media_url(other.image.name) in refused
    assert not Pdf(pdf_bytes).has_embedded_files()
    assert b"root:" not in pdf_bytes
    assert BASE_URL.startswith("kcs://")


def test_section_html_is_sanitised_before_printing(world, listener):
    book = world.plan_a.books.get(number=3)
    add_photo(world.plan_a)
    section = book.sections.order_by("order").first()
    section.body = (
        f'<p>Teks <strong>aman</strong></p><img src="http://127.0.0.1:{listener.port}/a.png">'
        '<link rel="attachment" href="file:///etc/passwd"><script>alert(1)</script>'
        '<p style="font-size: 99999px">besar</p><h2>Subjudul dalam teks</h2>'
    )
    section.save()
    result = render_book(book)
    assert listener.connections == 0
    pdf = Pdf(result.pdf)
    assert not pdf.has_embedded_files()
    assert "Teks aman" in " ".join(pdf.texts())
    assert "alert" not in result.html
    # Headings written in the text are not bookmarks; the photo of the plan is printed.
    assert "Subjudul dalam teks" not in [title for _, title, _ in pdf.outline()]
    assert result.refused == []
    assert b"/Subtype /Image" in result.pdf
