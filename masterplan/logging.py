"""Request context for log records, and the JSON formatter of LOG_FORMAT=json."""

from __future__ import annotations

import json
import logging
from contextvars import ContextVar
from datetime import UTC, datetime

# Set by RequestIdMiddleware for the duration of a request.
request_context: ContextVar[dict[str, str] | None] = ContextVar("request_context", default=None)

FIELDS = ("request_id", "method", "path", "status", "duration_ms")


class RequestContextFilter(logging.Filter):
    """Stamp every record written during a request with its id, method and path."""

    def filter(self, record: logging.LogRecord) -> bool:
        context = request_context.get()
        request = getattr(record, "request", None)
        if context is None and hasattr(request, "request_id"):
            # Django logs a 4xx/5xx answer after the middleware has finished with it.
            context = {
                "request_id": request.request_id,
                "method": request.method,
                "path": request.path,
            }
        for key, value in (context or {}).items():
            if not hasattr(record, key):
                setattr(record, key, value)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line; the request fields are null outside a request."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in FIELDS:
            entry[field] = getattr(record, field, None)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
