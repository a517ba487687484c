"""What the OpenAPI schema says beyond the serializers: the If-Match header, the ETag of
single records, and the error answers every operation can give."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

WRITE_METHODS = ("PUT", "PATCH", "DELETE")

ERROR = {"$ref": "#/components/schemas/Error"}
VALIDATION_ERROR = {"$ref": "#/components/schemas/ValidationError"}


class ApiSchema(AutoSchema):
    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method in WRITE_METHODS and getattr(self.view, "versioned", True):
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    str,
                    OpenApiParameter.HEADER,
                    required=True,
                    description='The ETag of the version being changed, e.g. "3".',
                )
            )
        return parameters


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}, "description": description}


def _body_schema(operation: dict[str, Any] | None, code: str) -> dict[str, Any] | None:
    try:
        return operation["responses"][code]["content"]["application/json"]["schema"]
    except (KeyError, TypeError):
        return None


def _is_versioned(schema: dict[str, Any] | None, components: dict[str, Any]) -> bool:
    ref = (schema or {}).get("$ref", "")
    component = components.get(ref.rpartition("/")[2], {})
    return "version" in component.get("properties", {})


def _needs_if_match(operation: dict[str, Any]) -> bool:
    return any(p.get("name") == "If-Match" for p in operation.get("parameters", []))


def add_error_responses(result, generator, request, public):
    """A SPECTACULAR postprocessing hook."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = {
        "type": "object",
        "properties": {
            "detail": {"type": "string"},
            "code": {
                "type": "string",
                "description": "For a body that cannot be read: parse_error, too_deep "
                "(nested more than 64 levels) or too_large.",
            },
        },
        "required": ["detail"],
    }
    components["ValidationError"] = {
        "type": "object",
        "description": "Messages per field (non_field_errors for the record as a whole), "
        "in the language of the request's Accept-Language (id or en).",
        "additionalProperties": {},
    }
    etag: dict[str, Any] = {
        "ETag": {
            "schema": {"type": "string"},
            "description": "The record's version; send it back in If-Match to change it.",
            "required": True,
        }
    }
    for path, item in result.get("paths", {}).items():
        detail = path.rstrip("/").endswith("}")
        record = _body_schema(item.get("get"), "200") if detail else None
        for method, operation in item.items():
            responses = operation.setdefault("responses", {})
            errors = {"401": _json(ERROR, "Not signed in.")}
            if method == "get":
                if detail:
                    errors["404"] = _json(ERROR, "Not found, or not visible to you.")
                else:
                    errors["400"] = _json(VALIDATION_ERROR, "Invalid filter or search.")
                    errors["404"] = _json(ERROR, "No such page.")
            else:
                errors["400"] = _json(VALIDATION_ERROR, "Invalid data.")
                errors["403"] = _json(ERROR, "You may not make this change.")
                if "{" in path:  # a change of (or an action on) one record
                    errors["404"] = _json(ERROR, "Not found, or not visible to you.")
            if method in ("put", "patch", "delete") and _needs_if_match(operation):
                errors["428"] = _json(ERROR, "If-Match is missing.")
                if record is not None:
                    errors["412"] = _json(
                        record, "Changed by someone else: the current version, with its ETag."
                    )
                    errors["412"]["headers"] = dict(etag)
            if method == "delete":
                errors.pop("400")
                errors["409"] = _json(ERROR, "Other records still depend on this one.")
            for code, response in errors.items():
                responses.setdefault(code, response)
            for code in ("200", "201"):
                if code in responses and _is_versioned(_body_schema(operation, code), components):
                    responses[code].setdefault("headers", {}).update(etag)
    return result
