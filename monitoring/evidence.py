"""What an evidence file must be: its bytes are what its name says.

The extension chooses the check, the content decides: a PDF starts with ``%PDF-``, a PNG
or JPEG is opened and verified by Pillow, an XLSX or DOCX is a ZIP that passes the
archive bounds (``check_archive``) and whose ``[Content_Types].xml`` declares the
workbook or document as its main part. A renamed program or an HTML page named
``.pdf`` is refused. The file is served back with the content type of its kind.
"""

from __future__ import annotations

import io
import zipfile
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image

from masterplan.lib.untrusted import MB, Refused, check_archive, read_capped

MAX_BYTES = 10 * MB
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
EXTENSIONS = list(CONTENT_TYPES)
# the main part an Office file of each kind declares (macro-enabled variants are not it)
_MAIN_PARTS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
}
_IMAGE_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG"}
_KIND_NAMES = {"pdf": "PDF", "png": "PNG", "jpg": "JPEG", "jpeg": "JPEG"}


def extension_of(name: str) -> str:
    return name.rpartition(".")[2].lower() if "." in name else ""


def content_type_of(name: str) -> str:
    return CONTENT_TYPES.get(extension_of(name), "application/octet-stream")


def check_evidence(upload: IO[bytes], name: str) -> None:
    """Refuse (``ValidationError``) a file whose bytes are not what its name says."""
    extension = extension_of(name)
    if extension not in CONTENT_TYPES:
        raise ValidationError(
            _("Upload a PDF, JPEG, PNG, XLSX or DOCX file."), code="invalid_extension"
        )
    upload.seek(0)
    try:
        data = read_capped(upload, MAX_BYTES)
    except Refused as refused:
        raise ValidationError(
            _("The evidence file is larger than 10 MB."), "too_large"
        ) from refused
    finally:
        upload.seek(0)
    if not _is_a(extension, data):
        kind = _KIND_NAMES.get(extension, extension.upper())
        raise ValidationError(
            _("“%(name)s” is not a real %(kind)s file: its content does not match its name."),
            code="content_mismatch",
            params={"name": name.rsplit("/", 1)[-1], "kind": kind},
        )


def _is_a(extension: str, data: bytes) -> bool:
    if extension == "pdf":
        return data.startswith(b"%PDF-")
    if extension in _IMAGE_FORMATS:
        return _image_format(data) == _IMAGE_FORMATS[extension]
    return _office_main_part(data, extension)


def _image_format(data: bytes) -> str | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            image.verify()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    return kind


def _office_main_part(data: bytes, extension: str) -> bool:
    stream = io.BytesIO(data)
    try:
        check_archive(stream)
        with zipfile.ZipFile(stream) as archive:
            types = archive.read("[Content_Types].xml")
    except (Refused, KeyError, zipfile.BadZipFile, OSError, ValueError):
        return False
    # a plain search: the part list is small, and no XML parser meets outside input
    return _MAIN_PARTS[extension].encode() in types
