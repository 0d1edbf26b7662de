from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required, login_required
from django.urls import include, path, re_path
from django.views.i18n import set_language
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from apps.accounts.api import api_not_found
from apps.memos.api import MemoPdfView
from apps.scoring.api import JobView, ScorecardView, ScreenView
from apps.startups.api import StartupViewSet
from apps.theses.api import ThesisViewSet

from .views import healthz

# A page for people: DRF views skip the login middleware, so it asks for a login itself. Swagger
# UI injects a style element, the one relaxation of the site's Content-Security-Policy.
api_docs = login_required(csp_update({"style-src-elem": [SELF, UNSAFE_INLINE]})(SpectacularSwaggerSplitView.as_view(url_name="schema")))

handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("startups", StartupViewSet, basename="startup")
router.register("theses", ThesisViewSet, basename="thesis")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="startups:list", permanent=False)),
    path("accounts/", include("apps.accounts.urls")),
    path("startups/", include("apps.startups.urls")),
    path("", include("apps.scoring.urls")),
    path("", include("apps.memos.urls")),
    path("theses/", include("apps.theses.urls")),
    path("pipeline/", include("apps.pipeline.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/screen/", ScreenView.as_view(), name="api-screen"),
    path("api/v1/startups/<int:pk>/scorecard/", ScorecardView.as_view(), name="api-scorecard"),
    path("api/v1/jobs/<int:pk>/", JobView.as_view(), name="api-job"),
    path("api/v1/startups/<int:pk>/memo.pdf", MemoPdfView.as_view(), name="api-memo-pdf"),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", api_docs, name="api-docs"),
    re_path(r"^api/", api_not_found),
    path("healthz", healthz, name="healthz"),
]
