"""A hostile .docx costs the web process nothing: a zip bomb is refused before parsing,
and the conversion itself runs in a child process with a time and memory limit."""

from __future__ import annotations

import io
import resource
import struct
import subprocess
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext, override
from docx import Document

from masterplan.lib import docx as docx_lib
from masterplan.lib.untrusted import MB

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BOMB_SIZE = 200 * MB


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def section(world):
    return world.plan_a.books.get(number=1).sections.get(key="pendahuluan")


def word_bytes(text: str = "Latar belakang") -> bytes:
    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_document_xml(size: int, *, level: int = 1) -> bytes:
    """A real .docx whose word/document.xml is replaced by ``size`` bytes of paragraphs,
    streamed into the archive so the test itself stays small in memory."""
    source = zipfile.ZipFile(io.BytesIO(word_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
        for member in source.infolist():
            if member.filename != "word/document.xml":
                target.writestr(member, source.read(member))
        with target.open("word/document.xml", "w") as stream:
            head = (
                b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats'
                b'.org/wordprocessingml/2006/main"><w:body>'
            )
            stream.write(head)
            chunk = b"<w:p/>" * (MB // 6)
            written = len(head)
            while written < size:
                stream.write(chunk)
                written += len(chunk)
            stream.write(b"</w:body></w:document>")
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return with_document_xml(BOMB_SIZE)


def lying(archive: bytes, member: str, declared: int) -> bytes:
    """The archive with ``member``'s uncompressed size rewritten to ``declared`` in both
    its local header and the central directory."""
    data = bytearray(archive)
    name = member.encode()
    # (signature, offset of the uncompressed size, of the name length, of the name)
    for signature, size_at, length_at, name_at in (
        (b"PK\x03\x04", 22, 26, 30),
        (b"PK\x01\x02", 24, 28, 46),
    ):
        start = 0
        while (start := data.find(signature, start)) != -1:
            (length,) = struct.unpack_from("<H", data, start + length_at)
            if data[start + name_at : start + name_at + length] == name:
                struct.pack_into("<I", data, start + size_at, declared)
            start += 4
    return bytes(data)


def upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("bab1.docx", content, content_type=DOCX)


def import_docx(client, section, content: bytes):
    return client.post(
        reverse("section_import_docx", args=[section.pk]),
        {"file": upload(content), "mode": "replace", "version": section.version},
    )


def indonesian(message: str, **values) -> str:
    with override("id"):
        return gettext(message) % values if values else gettext(message)


@pytest.fixture
def no_child(monkeypatch):
    """Fails the test if the converter is started at all."""

    def refuse(*args, **kwargs):
        raise AssertionError("the converter was started for a refused archive")

    monkeypatch.setattr(docx_lib.subprocess, "run", refuse)


def test_a_zip_bomb_is_refused_quickly_before_parsing(client, world, section, bomb, no_child):
    assert len(bomb) < 2 * MB
    client.force_login(world.editor_a)
    # warm up templates and translations outside the timed part
    assert client.get(reverse("section_import_docx", args=[section.pk])).status_code == 200
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()

    response = import_docx(client, section, bomb)

    elapsed = time.perf_counter() - started
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    assert response.status_code == 200
    expected = indonesian(
        "The file unpacks to more than %(size)s. Remove large images or split it.", size="30 MB"
    )
    assert expected.startswith("Isi berkas setelah dibuka lebih dari 30 MB.")
    assert response.context["form"].errors["file"] == [expected]
    assert expected in response.text
    assert elapsed < 5, elapsed
    assert grown_mb < 50, grown_mb
    section.refresh_from_db()
    assert section.body == ""


def test_an_archive_that_lies_about_its_sizes_is_refused(client, world, section, bomb, no_child):
    liar = lying(bomb, "word/document.xml", 10_000)
    assert zipfile.ZipFile(io.BytesIO(liar)).getinfo("word/document.xml").file_size == 10_000
    client.force_login(world.editor_a)
    started = time.perf_counter()

    response = import_docx(client, section, liar)

    assert time.perf_counter() - started < 5
    assert response.context["form"].errors["file"] == [
        indonesian("This file cannot be read as a Word document.")
    ]


def test_a_member_compressed_beyond_the_ratio_is_refused(client, world, section, no_child):
    dense = with_document_xml(20 * MB, level=9)  # under the 30 MB total, ratio ~ 1000:1
    client.force_login(world.editor_a)
    response = import_docx(client, section, dense)
    message = response.context["form"].errors["file"][0]
    assert message == indonesian(
        "The file is compressed more than %(ratio)s to 1, which documents never are; it "
        "was refused as a possible zip bomb.",
        ratio=100,
    )


def test_a_normal_document_still_imports_quickly(client, world, section):
    client.force_login(world.editor_a)
    started = time.perf_counter()
    response = import_docx(client, section, word_bytes("Kabupaten berkomitmen"))
    assert response.status_code == 302
    assert time.perf_counter() - started < 5
    section.refresh_from_db()
    assert section.body == "<p>Kabupaten berkomitmen</p>"


def test_a_conversion_over_its_time_limit_is_killed(client, world, section, monkeypatch, tmp_path):
    stuck = tmp_path / "stuck.py"
    stuck.write_text("import time\ntime.sleep(60)\n")
    monkeypatch.setattr(docx_lib, "CHILD", stuck)
    monkeypatch.setattr(docx_lib, "CONVERT_SECONDS", 1)
    client.force_login(world.editor_a)
    started = time.perf_counter()

    response = import_docx(client, section, word_bytes())

    assert time.perf_counter() - started < 5
    assert response.context["form"].errors["file"] == [
        indonesian(
            "The document is too large or too complex to convert within %(seconds)s seconds "
            "and %(memory)s MB. Split it into smaller documents and import them one by one.",
            seconds=1,
            memory=docx_lib.CONVERT_MEMORY // MB,
        )
    ]


def test_a_conversion_over_its_memory_limit_fails_cleanly(monkeypatch):
    monkeypatch.setattr(docx_lib, "CONVERT_MEMORY", 8 * MB)
    with pytest.raises(docx_lib.DocxError) as refused:
        docx_lib.docx_to_html(io.BytesIO(word_bytes()))
    assert refused.value.code in {"too_big", "too_slow"}


def test_the_child_really_runs_under_the_limits(monkeypatch):
    seen = {}
    real_run = subprocess.run

    def spy(command, **kwargs):
        seen["command"] = command
        return real_run(command, **kwargs)

    monkeypatch.setattr(docx_lib.subprocess, "run", spy)
    html, _warnings = docx_lib.docx_to_html(io.BytesIO(word_bytes("Satu")))
    assert html == "<p>Satu</p>"
    assert seen["command"][1] == "-I"
    assert seen["command"][-2:] == [str(docx_lib.CONVERT_MEMORY), str(docx_lib.CONVERT_SECONDS)]
