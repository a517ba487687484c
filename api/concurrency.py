"""Optimistic concurrency over HTTP: the ETag is the record's version, writes send it back
in ``If-Match``."""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException

_ENTITY_TAG = re.compile(r'\s*(?:W/)?"([^"]*)"\s*(?:,|$)')


def etag_for(version: int) -> str:
    return f'"{version}"'


def versions_in(header: str) -> set[int]:
    """The versions an If-Match header names; weak tags are accepted, junk matches nothing."""
    versions = set()
    for match in _ENTITY_TAG.finditer(header):
        value = match.group(1)
        if value.isdigit() and len(value) < 12:
            versions.add(int(value))
    return versions


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _(
        'Send the ETag of the version you edited in an If-Match header, e.g. If-Match: "3".'
    )
    default_code = "precondition_required"


class PreconditionFailed(APIException):
    """Someone saved a newer version; the response body is that version."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("This record was changed by someone else in the meantime.")
    default_code = "precondition_failed"

    def __init__(self, current: dict[str, Any], version: int | None):
        super().__init__()
        self.current = current
        self.version = version


def required_version(header: str | None, current_version: int, current: Any) -> int:
    """Check an If-Match header against the record's version and return that version.

    ``current`` is called for the current representation when the check fails.
    """
    if not header or header.strip() == "*":
        raise PreconditionRequired()
    if current_version not in versions_in(header):
        raise PreconditionFailed(current(), current_version)
    return current_version
