"""API pieces of accounts: JSON answers for /api/ URLs that no view handled."""
from django.http import JsonResponse
from django.utils.translation import gettext as _


def api_not_found(request, exception=None):
    return JsonResponse({"detail": _("Not found.")}, status=404)


def api_server_error(request):
    return JsonResponse({"detail": _("A server error occurred.")}, status=500)
