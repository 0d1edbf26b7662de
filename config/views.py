from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.views import defaults

from apps.accounts.api import api_not_found, api_server_error


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


def server_error(request):
    if request.path_info.startswith("/api/"):
        return api_server_error(request)
    return defaults.server_error(request)
