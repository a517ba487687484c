"""Word documents (.docx) into section HTML, with mammoth, within bounds.

A .docx is a ZIP archive: ``check_archive`` refuses one that is damaged or expands
beyond the limits (a "zip bomb") before anything parses it. mammoth then runs in a
child process (``docx_child.py``) with a memory limit and a CPU limit set by the
kernel and a wall-clock timeout, so a hostile document costs the web process nothing
but the wait. The result still goes through ``clean_html`` before it is stored: this
module only maps Word's styles onto the tags the editor knows.
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
import re
import secrets
import subprocess
import sys
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from masterplan.lib.untrusted import MB, Refused, check_archive, loads_json, read_capped

logger = logging.getLogger(__name__)

CHILD = Path(__file__).with_name("docx_child.py")
CONVERT_SECONDS = 20
CONVERT_MEMORY = 512 * MB
MAX_DOCX_BYTES = 30 * MB
_UNREADABLE, _OUT_OF_MEMORY = 2, 3


class DocxError(ValueError):
    """The file cannot be imported; ``message`` says why, for the person uploading it."""

    def __init__(self, message: str = "", code: str = "unreadable"):
        message = message or _("This file cannot be read as a Word document.")
        super().__init__(message)
        self.message = message
        self.code = code


def docx_to_html(
    fileobj: IO[bytes], *, store_image: Callable[[bytes, str], str | None] | None = None
) -> tuple[str, list[str]]:
    """Convert a .docx to HTML; returns (html, warnings).

    ``store_image(data, content_type)`` saves an embedded image and returns its URL
    (or None to leave it out); without it images are left out. Raises ``DocxError``.
    """
    try:
        check_archive(fileobj)
        document = read_capped(fileobj, MAX_DOCX_BYTES)
    except Refused as refused:
        code = "unreadable" if refused.code == "damaged" else refused.code
        message = "" if code == "unreadable" else refused.message
        raise DocxError(message, code) from refused
    placeholder = f"docx-image-{secrets.token_hex(8)}"
    converted = _convert(document, placeholder)

    html = converted["html"]
    for index, image in enumerate(converted["images"]):
        try:
            data = base64.b64decode(image["data"], validate=True)
        except (binascii.Error, TypeError):
            data = b""
        url = store_image(data, image["content_type"]) if store_image and data else None
        src = f'src="{placeholder}-{index}"'
        if url:
            html = html.replace(src, f'src="{escape(url)}"')
        else:
            html = re.sub(rf"<img[^>]*{re.escape(src)}[^>]*>", "", html)
    return html, converted["messages"]


def _convert(document: bytes, placeholder: str) -> dict:
    command = [
        sys.executable,
        "-I",  # no PYTHON* variables, no user site, not the script's folder on the path
        str(CHILD),
        placeholder,
        str(CONVERT_MEMORY),
        str(CONVERT_SECONDS),
    ]
    try:
        done = subprocess.run(
            command,
            input=document,
            capture_output=True,
            timeout=CONVERT_SECONDS,
            check=False,
            # The parser needs nothing of ours: no settings, no database URL, no secrets.
            env={"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"},
        )
    except subprocess.TimeoutExpired as expired:
        # subprocess.run has killed the child already.
        raise _too_complex("too_slow") from expired
    if done.returncode == _UNREADABLE:
        logger.info("docx import: unreadable document: %s", done.stderr[-500:])
        raise DocxError()
    if done.returncode != 0:
        # Out of memory, or killed by the kernel at the CPU limit (SIGXCPU/SIGKILL).
        logger.warning("docx import: the converter stopped (%s)", done.returncode)
        code = "too_slow" if done.returncode < 0 else "too_big"
        raise _too_complex(code)
    try:
        return loads_json(done.stdout)
    except Refused as error:
        raise DocxError() from error


def _too_complex(code: str) -> DocxError:
    return DocxError(
        _(
            "The document is too large or too complex to convert within %(seconds)s seconds "
            "and %(memory)s MB. Split it into smaller documents and import them one by one."
        )
        % {"seconds": CONVERT_SECONDS, "memory": CONVERT_MEMORY // MB},
        code,
    )


# --- What the conversion could not keep, said to the person who imported ------------------

_NOTES: list[tuple[re.Pattern[str], Any]] = [
    (
        re.compile(r"^Unrecognised paragraph style: '?(?P<name>.*?)'? \(Style ID: (?P<id>.*)\)$"),
        _lazy("The paragraph style “%(name)s” is not known: its paragraphs became plain text."),
    ),
    (
        re.compile(r"^Unrecognised run style: '?(?P<name>.*?)'? \(Style ID: (?P<id>.*)\)$"),
        _lazy("The character style “%(name)s” is not known: the text was kept without it."),
    ),
    (
        re.compile(r"^Unrecognised table style: '?(?P<name>.*?)'? \(Style ID: (?P<id>.*)\)$"),
        _lazy("The table style “%(name)s” is not known: the table was kept without it."),
    ),
    (
        re.compile(r"^An unrecognised element was ignored: (?P<name>.*)$"),
        _lazy("A part of the document was left out (%(name)s)."),
    ),
    (
        re.compile(r"^Image of type (?P<name>.*) is unlikely to display in web browsers$"),
        _lazy("An image of type %(name)s may not show in browsers or in the PDF."),
    ),
]


def docx_notes(messages: list[str], limit: int = 10) -> list[str]:
    """Mammoth's messages in the user's language, each once (with how often), at most
    ``limit`` of them and a last line that says how many more there were."""
    counts: dict[str, int] = {}
    for message in messages:
        text = str(message).strip()
        for pattern, template in _NOTES:
            match = pattern.match(text)
            if match:
                text = str(template) % match.groupdict()
                break
        else:
            text = _("Note from the converter: %(message)s") % {"message": text[:300]}
        counts[text] = counts.get(text, 0) + 1
    notes = [text if n == 1 else f"{text} (×{n})" for text, n in counts.items()]
    if len(notes) > limit:
        rest = len(notes) - limit
        notes = [*notes[:limit], _("… and %(n)s more notes.") % {"n": rest}]
    return notes
