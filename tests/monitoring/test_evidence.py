"""Evidence files are checked by their bytes, not only by their name, and served back as
downloads that the browser may not sniff into a page."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from PIL import Image

from monitoring.evidence import check_evidence
from monitoring.models import IndicatorRealisation
from programs.models import Indicator
from tests import factories
from tests.monitoring.builders import YEAR

pytestmark = pytest.mark.django_db

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (12, 8), "green").save(buffer, kind)
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def _zip(content_types: str | None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if content_types is not None:
            archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _docx() -> bytes:
    return _zip(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types"><Override PartName="/word/document.xml" ContentType="{DOCX_MAIN}"/>'
        "</Types>"
    )


GOOD = {
    "laporan.pdf": b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n",
    "foto.png": _image("PNG"),
    "foto.JPG": _image("JPEG"),
    "foto.jpeg": _image("JPEG"),
    "rekap.xlsx": _xlsx(),
    "notulen.docx": _docx(),
}
BAD = {
    "program.pdf": b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 60,  # a Windows program
    "halaman.pdf": b"<!doctype html><script>alert(1)</script>%PDF-",
    "foto.png": _image("JPEG"),  # a JPEG is no PNG
    "foto.jpg": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    "rekap.xlsx": _docx(),  # a Word document named as a workbook
    "notulen.docx": _zip(None),  # a zip without its list of parts
    "arsip.docx": b"PK\x03\x04 not really a zip",
}


@pytest.mark.parametrize("name", sorted(GOOD))
def test_files_whose_bytes_are_what_their_name_says_pass(name):
    check_evidence(io.BytesIO(GOOD[name]), name)


@pytest.mark.parametrize("name", sorted(BAD))
def test_files_whose_bytes_are_something_else_are_refused(name):
    with pytest.raises(ValidationError) as refused:
        check_evidence(io.BytesIO(BAD[name]), name)
    assert refused.value.code == "content_mismatch"


def test_the_portal_refuses_a_renamed_program_in_indonesian_and_serves_files_safely(client, world):
    programme = factories.programme(world.plan_a)
    indicator = Indicator.objects.create(programme=programme, name="Layanan")
    url = reverse("monitoring:programme_report", args=[world.plan_a.pk, YEAR, programme.pk])
    client.force_login(world.editor_a)

    def post(name: str, data: bytes):
        return client.post(
            url,
            {
                "status-status": "berjalan",
                f"indikator-{indicator.pk}-value": "3",
                f"indikator-{indicator.pk}-evidence_file": SimpleUploadedFile(name, data),
            },
        )

    response = post("bukti.pdf", BAD["program.pdf"])
    assert response.status_code == 400
    assert (
        "“bukti.pdf” bukan berkas PDF yang sebenarnya: isinya tidak sesuai dengan namanya."
        in response.content.decode()
    )
    assert not IndicatorRealisation.objects.exists()

    assert post("rekap.xlsx", GOOD["rekap.xlsx"]).status_code == 302
    realisation = IndicatorRealisation.objects.get()
    download = client.get(
        reverse("monitoring:evidence_file", args=[world.plan_a.pk, realisation.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == GOOD["rekap.xlsx"]
    assert download["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
