from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse_lazy

from . import views

app_name = "accounts"

urlpatterns = [
    path(
        "login/",
        login_not_required(auth_views.LoginView.as_view(template_name="accounts/login.html", redirect_authenticated_user=True)),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html", success_url=reverse_lazy("accounts:password_done")
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_done.html"),
        name="password_done",
    ),
    path("settings/", views.settings_page, name="settings"),
    path("settings/token/regenerate/", views.token_regenerate, name="token_regenerate"),
    path("settings/token/revoke/", views.token_revoke, name="token_revoke"),
    path("settings/sessions/end/", views.sessions_end, name="sessions_end"),
    path("users/", views.user_list, name="user_list"),
    path("users/<int:pk>/", views.user_update, name="user_update"),
    path("users/<int:pk>/unlock/", views.user_unlock, name="user_unlock"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
