"""API pieces of accounts: JSON answers for /api/ URLs that no view handled, and denials logged."""
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler as drf_exception_handler

from .security import log_event


class StrictStrings:
    """Serializer mixin: a text field given a number or a boolean is a 400, as the schema says,
    instead of DRF's silent conversion to a string."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            errors = {}
            for name, field in self.fields.items():
                value = data.get(name)
                if field.read_only or value is None:
                    continue
                if isinstance(field, serializers.CharField) and not isinstance(value, str):
                    errors[name] = [_("Not a valid string.")]
                elif isinstance(field, serializers.ListField) and isinstance(field.child, serializers.CharField) and isinstance(value, list):
                    if any(not isinstance(item, str) for item in value):
                        errors[name] = [_("Every item must be a string.")]
            if errors:
                raise exceptions.ValidationError(errors)
        return super().to_internal_value(data)


@csrf_exempt
def api_not_found(request, exception=None):
    return JsonResponse({"detail": _("Not found.")}, status=404)


def api_server_error(request):
    return JsonResponse({"detail": _("A server error occurred.")}, status=500)


def exception_handler(exc, context):
    """DRF's handler, plus a security-log line for each refused call (403)."""
    if isinstance(exc, exceptions.PermissionDenied | PermissionDenied):
        log_event("denied", request=context["request"], reason="forbidden")
    return drf_exception_handler(exc, context)
