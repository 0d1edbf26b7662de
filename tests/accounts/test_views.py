import re

from django.core import mail
from django.urls import reverse
from rest_framework.authtoken.models import Token

from apps.accounts.models import Invitation, Role, User
from tests.conftest import login


def test_pages_redirect_anonymous_to_login(client):
    for url in (reverse("startups:list"), reverse("accounts:settings"), reverse("accounts:user_list")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_login_by_username_and_logout(client, analyst):
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "pw-for-tests-1"})
    assert response.status_code == 302
    assert client.get(reverse("startups:list")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("startups:list")).status_code == 302


def test_wrong_password_is_refused(client, analyst):
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_token_shown_regenerated_and_revoked(client, analyst):
    login(client, analyst)
    client.post(reverse("accounts:token_regenerate"))
    first = Token.objects.get(user=analyst).key
    assert first in client.get(reverse("accounts:settings")).content.decode()
    client.post(reverse("accounts:token_regenerate"))
    second = Token.objects.get(user=analyst).key
    assert second != first
    client.post(reverse("accounts:token_revoke"))
    assert not Token.objects.filter(user=analyst).exists()


def test_token_endpoints_need_post(client, analyst):
    login(client, analyst)
    assert client.get(reverse("accounts:token_regenerate")).status_code == 405


def test_only_admins_manage_users(client, analyst, partner):
    for user in (analyst, partner):
        login(client, user)
        assert client.get(reverse("accounts:user_list")).status_code == 403
        response = client.post(reverse("accounts:user_list"), {"email": "x@example.com", "role": "admin"})
        assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_invitation_flow(client, admin_user, django_capture_on_commit_callbacks, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True  # unit test of the flow; the broker path is tested in config/
    login(client, admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:user_list"), {"email": "new@example.com", "role": "partner"})
    link = re.search(r'value="(http://testserver/accounts/invitations/[^"]+)"', response.content.decode()).group(1)
    assert link in mail.outbox[0].body
    assert Invitation.objects.get().token_hash not in link  # only the hash is stored
    client.logout()
    path = link.removeprefix("http://testserver")
    response = client.post(path, {"username": "newbie", "password1": "a-Long-pass-42", "password2": "a-Long-pass-42"})
    assert response.status_code == 302
    user = User.objects.get(username="newbie")
    assert user.role == Role.PARTNER and user.email == "new@example.com"
    client.logout()
    assert client.get(path).status_code == 404  # one-time


def test_invitation_rejects_weak_password_and_taken_username(client, admin_user, analyst):
    from apps.accounts.services import invitation_create

    _, link = invitation_create(actor=admin_user, email="n@example.com", role="analyst", accept_url_template="/accounts/invitations/TOKEN/")
    response = client.post(link, {"username": "alice", "password1": "123", "password2": "123"})
    assert response.status_code == 200
    assert "This username is taken." in response.content.decode()
    assert User.objects.count() == 2


def test_admin_changes_role_and_deactivates(client, admin_user, analyst):
    Token.objects.create(user=analyst)
    login(client, admin_user)
    client.post(reverse("accounts:user_update", args=[analyst.pk]), {"role": "partner"})
    analyst = User.objects.get(pk=analyst.pk)
    assert analyst.role == Role.PARTNER
    assert not analyst.is_active
    assert not Token.objects.filter(user=analyst).exists()


def test_admin_cannot_demote_self(client, admin_user):
    login(client, admin_user)
    client.post(reverse("accounts:user_update", args=[admin_user.pk]), {"role": "analyst", "is_active": "on"})
    assert User.objects.get(pk=admin_user.pk).role == Role.ADMIN


def test_korean_pages(client, analyst):
    login(client, analyst)
    response = client.get(reverse("accounts:settings"), HTTP_ACCEPT_LANGUAGE="ko")
    assert response["Content-Language"] == "ko"
    assert "설정" in response.content.decode()


def test_two_people_accepting_one_invitation_get_409_not_500(client, admin_user, monkeypatch):
    """Probe 10: the second acceptance of one link (after both had loaded it) was a 500."""
    from apps.accounts import services

    _, link = services.invitation_create(actor=admin_user, email="n@example.com", role="analyst", accept_url_template="/accounts/invitations/TOKEN/")
    token = link.rstrip("/").rsplit("/", 1)[-1]
    real = services.invitation_accept

    def someone_else_first(**kwargs):
        real(token=token, username="quicker", password="a-Long-pass-42")
        return real(**kwargs)

    monkeypatch.setattr(services, "invitation_accept", someone_else_first)
    response = client.post(link, {"username": "slower", "password1": "a-Long-pass-42", "password2": "a-Long-pass-42"})
    assert response.status_code == 409 and "This invitation cannot be used" in response.content.decode()
    assert set(User.objects.values_list("username", flat=True)) == {"ada", "quicker"}


def test_a_username_taken_meanwhile_is_409_in_the_form(client, admin_user, monkeypatch):
    from apps.accounts import services

    _, link = services.invitation_create(actor=admin_user, email="n@example.com", role="analyst", accept_url_template="/accounts/invitations/TOKEN/")
    real = services.invitation_accept

    def username_taken_meanwhile(**kwargs):
        User.objects.create_user(username=kwargs["username"], password="x")
        return real(**kwargs)

    monkeypatch.setattr(services, "invitation_accept", username_taken_meanwhile)
    response = client.post(link, {"username": "same", "password1": "a-Long-pass-42", "password2": "a-Long-pass-42"})
    assert response.status_code == 409 and "This username is taken." in response.content.decode()
    assert Invitation.objects.get().accepted_at is None
