from django.urls import path

from . import views

app_name = "startups"

urlpatterns = [
    path("", views.startup_list, name="list"),
    path("new/", views.startup_create, name="create"),
    path("export.<str:fmt>", views.startup_export, name="export"),
    path("exports/<int:pk>/", views.export_job, name="export_job"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
    path("<int:pk>/", views.startup_detail, name="detail"),
    path("<int:pk>/edit/", views.startup_edit, name="edit"),
    path("<int:pk>/notes/", views.note_create, name="note_create"),
    path("<int:pk>/delete/", views.startup_delete, name="delete"),
    path("deleted/", views.startup_trash, name="trash"),
    path("duplicates/", views.startup_duplicates, name="duplicates"),
    path("merge/", views.startup_merge, name="merge"),
    path("merges/<int:pk>/undo/", views.startup_merge_undo, name="merge_undo"),
    path("import/", views.import_start, name="import_start"),
    path("import/<int:pk>/", views.import_detail, name="import"),
    path("<int:pk>/restore/", views.startup_restore, name="restore"),
]
