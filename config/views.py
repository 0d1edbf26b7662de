from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import csrf, defaults

from apps.accounts.api import api_not_found, api_server_error
from apps.accounts.security import log_event


@login_not_required
def healthz(request):
    """Liveness for load balancers and compose: the app answers and its database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request, exception):
    """JSON under /api/ (clients parse it), the HTML page elsewhere."""
    if request.path_info.startswith("/api/"):
        return api_not_found(request, exception)
    return defaults.page_not_found(request, exception)


def bad_request(request, exception):
    """JSON under /api/ (e.g. a body over DATA_UPLOAD_MAX_MEMORY_SIZE), the HTML page elsewhere."""
    if request.path_info.startswith("/api/"):
        too_big = isinstance(exception, RequestDataTooBig)
        return JsonResponse({"detail": _("The request body is too large.") if too_big else _("Bad request.")}, status=400)
    return defaults.bad_request(request, exception)


def server_error(request):
    if request.path_info.startswith("/api/"):
        return api_server_error(request)
    return defaults.server_error(request)


def csrf_failure(request, reason=""):
    """A refused unsafe request: JSON under /api/ (token clients never need CSRF), Django's page elsewhere."""
    log_event("denied", request=request, reason="csrf")
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": "CSRF check failed: call the API with a token, or send the CSRF header."}, status=403)
    return csrf.csrf_failure(request, reason)


def permission_denied(request, exception):
    log_event("denied", request=request, reason="forbidden")
    return defaults.permission_denied(request, exception)
