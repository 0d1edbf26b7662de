from django.urls import path

from . import views

app_name = "theses"

urlpatterns = [
    path("", views.thesis_list, name="list"),
    path("versions/<int:pk>/", views.version_detail, name="version"),
    path("versions/<int:pk>/draft/", views.draft_create, name="draft_create"),
    path("versions/<int:pk>/criteria/", views.criterion_add, name="criterion_add"),
    path("versions/<int:pk>/publish/", views.version_publish, name="publish"),
    path("versions/<int:pk>/discard/", views.draft_discard, name="discard"),
]
