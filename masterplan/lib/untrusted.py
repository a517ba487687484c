"""Bounds on structured input from outside: JSON bodies and documents, and archives.

Every reader of a user-supplied JSON text or ZIP-based file (.docx, .xlsx) passes it
through here first, so no parser meets unbounded size, nesting or expansion:

- ``read_capped`` reads a stream up to a byte limit;
- ``loads_json`` refuses a text nested deeper than a limit, found without recursion,
  before ``json.loads`` (whose C scanner recurses once per level) sees it;
- ``check_archive`` refuses a ZIP whose declared or actual uncompressed size, or
  compression ratio, is over the limits: the classic "zip bomb".

Each refusal is a ``Refused`` with a code and a message for the person who sent it.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _

MB = 1024 * 1024
JSON_MAX_DEPTH = 64


class Refused(ValueError):
    """Input over a bound, or unreadable; ``message`` is for the person who sent it."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def read_capped(stream: IO[bytes], limit: int) -> bytes:
    """All of ``stream``, or ``Refused`` as soon as it holds more than ``limit`` bytes."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise too_large(limit)
    return data


def too_large(limit: int) -> Refused:
    return Refused(
        _("The data is larger than %(size)s.") % {"size": _size(limit)}, code="too_large"
    )


# --- JSON -------------------------------------------------------------------------------

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
# The bracket skeleton of a JSON text: both kinds of bracket as "[" and "]", nothing else.
_SQUARE = bytes.maketrans(b"{}", b"[]")
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))
_RUNS = re.compile(rb"\[+|\]+")


def json_nesting_exceeds(text: str, limit: int) -> bool:
    """Whether a JSON text nests arrays and objects more than ``limit`` levels deep.

    Without recursion, and in time linear in the text: strings are set aside, each pass
    of ``bytes.replace`` removes the innermost pairs of brackets (exactly one level),
    for as long as that shrinks the text a lot; what is left is walked run by run.
    """
    skeleton = _STRING.sub(b"", text.encode()).translate(_SQUARE, _NOT_BRACKETS)
    if skeleton.count(b"[") <= limit:
        return False
    too_deep_run = b"[" * (limit + 1)
    depth = 0
    while skeleton:
        if too_deep_run in skeleton:
            return True
        shorter = skeleton.replace(b"[]", b"")
        if len(shorter) > len(skeleton) * 7 // 8:
            break
        skeleton = shorter
        depth += 1
        if depth > limit:
            return True
    level = depth
    for run in _RUNS.finditer(skeleton):
        if run[0][0] == ord("["):
            level += len(run[0])
            if level > limit:
                return True
        else:
            level -= len(run[0])
    return False


def loads_json(
    data: bytes | str,
    *,
    max_depth: int = JSON_MAX_DEPTH,
    strict: bool = True,
    encoding: str = "utf-8",
) -> Any:
    """``json.loads`` for text from outside: ``Refused`` when it is not JSON or nests
    deeper than ``max_depth``. ``strict`` refuses NaN and Infinity."""
    try:
        text = data.decode(encoding) if isinstance(data, bytes) else data
    except UnicodeError as error:
        raise _not_json() from error
    if json_nesting_exceeds(text, max_depth):
        raise Refused(
            _("The JSON is nested more than %(depth)s levels deep.") % {"depth": max_depth},
            code="too_deep",
        )
    try:
        return json.loads(text, parse_constant=_refuse_constant if strict else None)
    except (ValueError, RecursionError) as error:
        raise _not_json() from error


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


def _not_json() -> Refused:
    return Refused(_("The data is not valid JSON."), code="parse_error")


# --- Archives ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ArchiveLimits:
    total: int = 30 * MB  # uncompressed, all members together
    ratio: int = 100  # uncompressed : compressed, per member
    members: int = 2_000
    # Below this a member cannot hurt whatever its ratio (small XML compresses very well).
    ratio_floor: int = 1 * MB


ARCHIVE_LIMITS = ArchiveLimits()
_CHUNK = 1 * MB


def check_archive(fileobj: IO[bytes], limits: ArchiveLimits = ARCHIVE_LIMITS) -> None:
    """Refuse a ZIP (.docx, .xlsx…) that is damaged or expands beyond ``limits``.

    The sizes the archive declares are checked first, then every member is inflated in
    chunks, counting what really comes out, and abandoned at the first byte over a
    limit: an archive that lies about its sizes is stopped as early as an honest one.
    Leaves ``fileobj`` at its start.
    """
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
            if len(members) > limits.members:
                raise _too_large(limits)
            declared = 0
            for member in members:
                declared += member.file_size
                if declared > limits.total:
                    raise _too_large(limits)
                _check_ratio(member.file_size, member.compress_size, limits)
            actual = 0
            for member in members:
                inflated = 0
                with archive.open(member) as stream:
                    while chunk := stream.read(_CHUNK):
                        inflated += len(chunk)
                        actual += len(chunk)
                        if inflated > member.file_size or actual > limits.total:
                            raise _too_large(limits)
                        _check_ratio(inflated, member.compress_size, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as error:
        if isinstance(error, Refused):
            raise
        raise Refused(_("The file is damaged or not a valid document."), code="damaged") from error
    finally:
        fileobj.seek(0)


def _check_ratio(size: int, compressed: int, limits: ArchiveLimits) -> None:
    if size > limits.ratio_floor and size > limits.ratio * max(compressed, 1):
        raise Refused(
            _(
                "The file is compressed more than %(ratio)s to 1, which documents never "
                "are; it was refused as a possible zip bomb."
            )
            % {"ratio": limits.ratio},
            code="too_compressed",
        )


def _too_large(limits: ArchiveLimits) -> Refused:
    return Refused(
        _("The file unpacks to more than %(size)s. Remove large images or split it.")
        % {"size": _size(limits.total)},
        code="too_large",
    )


def _size(limit: int) -> str:
    if limit >= MB:
        return f"{limit // MB} MB"
    return f"{limit // 1024} KB" if limit >= 1024 else f"{limit} B"
