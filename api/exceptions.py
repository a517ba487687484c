"""Errors as JSON: model validation becomes a 400 with field messages, a stale version a
412 with the current record, and unknown or broken API URLs answer in JSON too."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from api.concurrency import PreconditionFailed, etag_for
from masterplan.lib.untrusted import too_large

API_PREFIX = "/api/"


def as_drf_validation_error(error: DjangoValidationError) -> serializers.ValidationError:
    """Django's ``{field: [messages]}`` in DRF's shape, ``__all__`` as non_field_errors."""
    if hasattr(error, "error_dict"):
        detail = {
            (api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field): [
                str(message) for message in messages
            ]
            for field, messages in error.message_dict.items()
        }
    else:
        detail = {api_settings.NON_FIELD_ERRORS_KEY: [str(m) for m in error.messages]}
    return serializers.ValidationError(detail)


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = as_drf_validation_error(exc)
    if isinstance(exc, RequestDataTooBig):
        refused = too_large(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        exc = exceptions.ParseError(refused.message, code=refused.code)
    if isinstance(exc, exceptions.ValidationError) and not isinstance(exc.detail, dict):
        # every 400 is an object of field messages, even when raised without a field
        exc = exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.detail})
    if isinstance(exc, PreconditionFailed):
        headers = {"ETag": etag_for(exc.version)} if exc.version is not None else {}
        return Response(exc.current, status=exc.status_code, headers=headers)
    response = drf_exception_handler(exc, context)
    if isinstance(exc, exceptions.ParseError) and response is not None:
        # A body that cannot be read: the message, and a code a client can act on
        # (parse_error, too_deep, too_large).
        response.data = {"detail": str(exc.detail), "code": exc.detail.code}
    return response


def not_found(request, exception=None):
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": str(exceptions.NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": _("A server error occurred.")}, status=500)
    return defaults.server_error(request)
