"""Word documents (.docx) into section HTML, with mammoth.

The result still goes through ``clean_html`` before it is stored: this module only
maps Word's styles onto the tags the editor knows.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from typing import IO

import mammoth

# The section title is the page heading, so Word's "Heading 1" becomes h2.
STYLE_MAP = """
p[style-name='Title'] => h2:fresh
p[style-name='Heading 1'] => h2:fresh
p[style-name='Heading 2'] => h3:fresh
p[style-name='Heading 3'] => h4:fresh
p[style-name='Heading 4'] => h4:fresh
p[style-name='Judul 1'] => h2:fresh
p[style-name='Judul 2'] => h3:fresh
p[style-name='Judul 3'] => h4:fresh
p[style-name='Subtitle'] => h3:fresh
"""


class DocxError(ValueError):
    """The file is not a Word document we can read."""


def docx_to_html(
    fileobj: IO[bytes], *, store_image: Callable[[bytes, str], str | None] | None = None
) -> tuple[str, list[str]]:
    """Convert a .docx to HTML; returns (html, warnings).

    ``store_image(data, content_type)`` saves an embedded image and returns its URL
    (or None to leave it out); without it images are left out.
    """
    if not zipfile.is_zipfile(fileobj):
        raise DocxError("not a zip file")
    fileobj.seek(0)

    def convert(image) -> dict[str, str]:
        if store_image is None:
            return {}
        with image.open() as stream:
            data = stream.read()
        url = store_image(data, image.content_type or "")
        if not url:
            return {}
        attributes = {"src": url}
        if image.alt_text:
            attributes["alt"] = image.alt_text
        return attributes

    try:
        result = mammoth.convert_to_html(
            fileobj, style_map=STYLE_MAP, convert_image=mammoth.images.img_element(convert)
        )
    except Exception as error:
        # A damaged or hostile upload may fail anywhere inside the parser; to the user
        # it is all the same: this file cannot be read.
        raise DocxError(str(error)) from error
    return result.value, [str(message.message) for message in result.messages]
