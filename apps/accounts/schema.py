"""OpenAPI details every API view shares: the error answers it can give, and what a schema
can only know at run time (the active thesis's question keys).

Outside clients generate code from /api/schema/, so every status an operation can answer
is documented, each with the same `{"detail": …}` body or field errors.
"""
from django.db import DatabaseError
from drf_spectacular.openapi import AutoSchema as BaseAutoSchema
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

ERROR = inline_serializer("Error", {"detail": serializers.CharField()})
VALIDATION_ERROR = OpenApiResponse(
    description="Invalid input: `detail`, or a list of messages per field name.",
    response={"type": "object", "additionalProperties": True},
)


class AutoSchema(BaseAutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        method = self.method.upper()
        errors = {401: "Not signed in or bad token.", 403: "Signed in, but the role does not allow it."}
        if "{" in self.path:
            errors[404] = "Not found, or not visible to this user."
        elif method == "GET" and self._is_list_view() and getattr(self.view, "pagination_class", None):
            errors[404] = "The page number is past the last page."
        if method in ("POST", "PUT", "PATCH") or (method == "GET" and self._is_list_view() and self.get_override_parameters()):
            errors[400] = None
        if method in ("PUT", "PATCH"):
            errors[409] = "The version sent is stale: someone else changed it first."
        if getattr(self.view, "rate_limit_scope", None):
            errors[429] = "Too many requests; retry after the seconds in Retry-After."
        for code, description in errors.items():
            key = str(code)
            if key in responses:
                continue
            if description is None:
                responses[key] = self._get_response_for_code(VALIDATION_ERROR, key, direction=direction)
            else:
                responses[key] = self._get_response_for_code(OpenApiResponse(ERROR, description=description), key, direction=direction)
        return responses


def postprocess(result, generator, request, public):
    """Facts the serializers cannot state: PATCH needs `version`; evidence keys are the active thesis's questions."""
    schemas = result.get("components", {}).get("schemas", {})
    patched = schemas.get("PatchedStartupUpdateRequest")
    if patched is not None:
        patched["required"] = sorted({*patched.get("required", []), "version"})
    screen = schemas.get("ScreenRequestRequest")
    if screen is not None:
        from apps.theses.selectors import active_version, version_spec

        try:
            questions = [q for c in version_spec(active_version()).criteria for q in c.questions]
        except DatabaseError:  # `check --deploy` builds the schema without a database
            return result
        screen["properties"]["evidence"] = {
            "type": "object",
            "description": screen["properties"]["evidence"].get("description", ""),
            "properties": {q.key: {"type": "string", "enum": list(q.options)} for q in questions},
            "additionalProperties": False,
        }
    return result
