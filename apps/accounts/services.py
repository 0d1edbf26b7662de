"""Writes for users, roles, invitations and API tokens."""
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from rest_framework.authtoken.models import Token

from .models import Invitation, Role, User
from .tasks import send_invitation_email


class InvitationError(Exception):
    """The invitation link was already used, has expired or never existed."""


class UsernameTaken(Exception):
    """Someone else took the username between the form's check and the insert."""


@transaction.atomic
def invitation_create(*, actor: User, email: str, role: str, accept_url_template: str) -> tuple[Invitation, str]:
    """Create a one-time invitation and mail its link; returns it with the link to show once."""
    token, token_hash = Invitation.new_token()
    invitation = Invitation.objects.create(
        email=email,
        role=Role(role),
        token_hash=token_hash,
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_MAX_AGE_DAYS),
    )
    url = accept_url_template.replace("TOKEN", token)
    transaction.on_commit(lambda: send_invitation_email.delay(invitation.pk, url))
    return invitation, url


@transaction.atomic
def invitation_accept(*, token: str, username: str, password: str) -> User:
    """Turn a usable invitation into a user with the invited role; the link then dies."""
    invitation = (
        Invitation.objects.select_for_update().filter(token_hash=Invitation.hash_token(token)).first()
    )
    if invitation is None or not invitation.is_usable:
        raise InvitationError("unusable")
    try:
        with transaction.atomic():
            user = User.objects.create_user(username=username, email=invitation.email, password=password)
    except IntegrityError:
        raise UsernameTaken from None
    user_set_role(user=user, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_user = user
    invitation.save(update_fields=["accepted_at", "accepted_user"])
    return user


@transaction.atomic
def user_set_role(*, user: User, role: str) -> User:
    """Put the user in exactly one role group."""
    role_groups = Group.objects.filter(name__in=Role.values)
    user.groups.remove(*role_groups)
    user.groups.add(Group.objects.get_or_create(name=Role(role).value)[0])
    user.__dict__.pop("role", None)
    return user


@transaction.atomic
def user_update(*, user: User, role: str, is_active: bool) -> User:
    """Change a user's role and whether they may log in; a deactivated user loses their token and sessions."""
    user_set_role(user=user, role=role)
    if user.is_active != is_active:
        user.is_active = is_active
        user.save(update_fields=["is_active"])
        if not is_active:
            Token.objects.filter(user=user).delete()
            sessions_end(user=user)
    return user


def user_unlock(*, user: User) -> int:
    """Lift a sign-in lockout on the user now (every address); returns how many lock records went."""
    from axes.utils import reset

    return reset(username=user.username)


def sessions_end(*, user: User) -> None:
    """End every session of the user, now and for good (reactivation does not revive them)."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    user.refresh_from_db(fields=["session_epoch"])


@transaction.atomic
def token_regenerate(*, user: User) -> Token:
    """Replace the user's API token with a new one (one token per user)."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


def token_revoke(*, user: User) -> None:
    """Delete the user's API token; calls with it get 401 from now on."""
    Token.objects.filter(user=user).delete()
