"""Reads for users and invitations."""
from django.db.models import QuerySet
from django.utils import timezone
from rest_framework.authtoken.models import Token

from .models import Invitation, User


def user_list() -> QuerySet[User]:
    """All users with their groups, for the admin's users page."""
    return User.objects.prefetch_related("groups").order_by("username")


def locked_usernames() -> set[str]:
    """Usernames locked out by too many failed sign-ins (from some address) right now."""
    from axes.models import AccessAttempt
    from django.conf import settings

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since)
    return set(attempts.values_list("username", flat=True))


def invitation_pending_list() -> QuerySet[Invitation]:
    """Invitations not yet accepted and not expired."""
    return Invitation.objects.filter(accepted_at__isnull=True, expires_at__gt=timezone.now()).select_related("invited_by")


def token_for(user: User) -> Token | None:
    """The user's API token, if they have one."""
    return Token.objects.filter(user=user).first()
