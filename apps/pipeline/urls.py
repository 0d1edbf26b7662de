from django.urls import path

from . import views

app_name = "pipeline"

urlpatterns = [
    path("", views.pipeline_table, name="table"),
    path("board/", views.board, name="board"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("compare/", views.compare, name="compare"),
    path("board/<str:stage>/", views.board_column, name="column"),
    path("startups/<int:pk>/stage/", views.stage_move, name="move"),
    path("startups/<int:pk>/ic/", views.ic_review, name="ic"),
    path("startups/<int:pk>/ic/decision/", views.ic_decide, name="ic_decide"),
    path("views/", views.saved_view_create, name="view_create"),
    path("views/<int:pk>/delete/", views.saved_view_delete, name="view_delete"),
]
