"""API v1: the current memo as PDF (rendered on request; nothing is stored)."""
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import APIException
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.views import APIView

from apps.accounts.permissions import get_deal_or_404
from apps.accounts.schema import ERROR
from apps.accounts.security import log_event
from apps.scoring.selectors import ui_language
from apps.startups.selectors import startup_queryset

from . import services
from .rendering import RenderFailed, RenderTimeout
from .views import _pdf_response


class PDFRenderer(BaseRenderer):
    """Lets clients ask for application/pdf; the view returns the PDF bytes itself."""

    media_type = "application/pdf"
    format = "pdf"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else JSONRenderer().render(data)


class RenderUnavailable(APIException):
    status_code = 503
    default_detail = "The PDF could not be rendered in time; try again."


class MemoPdfView(APIView):
    renderer_classes = [JSONRenderer, PDFRenderer]
    rate_limit_scope = "pdf"

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY, 503: OpenApiResponse(ERROR, description="The PDF could not be rendered in time.")})
    def get(self, request, pk) -> HttpResponse:
        """The startup's current memo as an A4 PDF, with the same access rules as the startup."""
        startup = get_deal_or_404(request.user, startup_queryset(user=request.user).prefetch_related("founders"), pk)
        try:
            pdf, _pages, _context = services.memo_pdf(startup=startup, actor=request.user, lang=ui_language())
        except (RenderTimeout, RenderFailed):
            raise RenderUnavailable from None
        log_event("pdf_download", obj=startup)
        return _pdf_response(pdf, services.filename(startup))
