from django.urls import path

from . import views

app_name = "pipeline"

urlpatterns = [
    path("", views.pipeline_table, name="table"),
    path("views/", views.saved_view_create, name="view_create"),
    path("views/<int:pk>/delete/", views.saved_view_delete, name="view_delete"),
]
