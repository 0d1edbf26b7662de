from django.urls import path

from . import views

app_name = "memos"

urlpatterns = [
    path("startups/<int:pk>/memo/", views.memo_edit, name="edit"),
    path("startups/<int:pk>/memo/preview/", views.memo_preview, name="preview"),
    path("startups/<int:pk>/memo.pdf", views.memo_pdf, name="pdf"),
    path("startups/<int:pk>/memo/exports/", views.memo_export, name="export"),
    path("startups/<int:pk>/memo/exports/<int:number>.pdf", views.export_download, name="export_download"),
    path("memos/bundles/", views.bundle_create, name="bundle_create"),
    path("memos/bundles/<int:pk>/", views.bundle_detail, name="bundle"),
    path("memos/bundles/<int:pk>/download/", views.bundle_download, name="bundle_download"),
]
