from django.urls import path

from . import views

app_name = "scoring"

urlpatterns = [
    path("screen/", views.screen, name="screen"),
    path("screen/save/", views.screen_save, name="screen_save"),
    path("startups/<int:pk>/scorecard/", views.scorecard_panel, name="scorecard"),
    path("startups/<int:pk>/evidence/", views.evidence_edit, name="evidence"),
    path("startups/<int:pk>/layer/", views.layer_decide, name="layer"),
    path("theses/versions/<int:pk>/preview/", views.version_preview, name="version_preview"),
    path("theses/versions/<int:pk>/job/", views.version_job, name="version_job"),
    path("theses/versions/<int:pk>/whatif/", views.version_whatif, name="version_whatif"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
]
