"""Who may see and do what: the one place every page, API call, export and PDF asks.

This module knows no domain model. It works on any object or queryset that follows the
deal convention: `confidential` (bool), `owner` (user FK) and `deal_team` (users M2M).
"""
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from .models import Role
from .security import log_event

VIEW = "view"
EDIT = "edit"
COMMENT = "comment"
DELETE = "delete"
MOVE = "move"  # move through pipeline stages: analysts, partners and admins alike
# Change who owns a deal and who sees it (owner, confidentiality, deal team): its owner,
# partners and admins. Anyone else could take a colleague's deal away by making it theirs.
MANAGE_ACCESS = "manage_access"
# Merge it with another deal (it needs this on both sides): the merged-away deal vanishes for
# its audience, so it takes the right to edit it and to decide who sees it.
MERGE = "merge"


def role_of(user) -> str | None:
    if not user.is_authenticated or not user.is_active:
        return None
    return user.role


def sees_all_deals(user) -> bool:
    """Partners and admins see every deal, confidential ones included."""
    return role_of(user) in (Role.PARTNER, Role.ADMIN)


def can_create_deal(user) -> bool:
    return role_of(user) in (Role.ANALYST, Role.ADMIN)


def can_vote_ic(user) -> bool:
    """Partners and admins score and vote at investment committee."""
    return role_of(user) in (Role.PARTNER, Role.ADMIN)


def can_edit_thesis(user) -> bool:
    """Partners and admins draft and publish thesis versions."""
    return role_of(user) in (Role.PARTNER, Role.ADMIN)


def can_manage_users(user) -> bool:
    return role_of(user) == Role.ADMIN


def visible_deals(user, queryset: QuerySet) -> QuerySet:
    """Narrow a queryset of deals to those the user may see."""
    if role_of(user) is None:
        return queryset.none()
    if sees_all_deals(user):
        return queryset
    field = queryset.model._meta.get_field("deal_team")
    team = field.remote_field.through.objects.filter(**{field.m2m_reverse_field_name(): user.pk})
    team = team.values(field.m2m_field_name())
    return queryset.filter(Q(confidential=False) | Q(owner_id=user.pk) | Q(pk__in=team))


def _is_on_team(user, deal) -> bool:
    return deal.owner_id == user.pk or deal.deal_team.filter(pk=user.pk).exists()


def can(user, action: str, deal) -> bool:
    """Whether the user may perform `action` on one deal."""
    role = role_of(user)
    if role is None:
        return False
    if deal.confidential and not sees_all_deals(user) and not _is_on_team(user, deal):
        return False
    if action in (VIEW, COMMENT, MOVE):
        return True
    if action == EDIT:
        return role in (Role.ANALYST, Role.ADMIN)
    if action == DELETE:
        return role == Role.ADMIN
    if action == MANAGE_ACCESS:
        return role in (Role.PARTNER, Role.ADMIN) or deal.owner_id == user.pk
    if action == MERGE:
        return can(user, EDIT, deal) and can(user, MANAGE_ACCESS, deal)
    raise ValueError(f"unknown action {action!r}")


def can_see_job(user, job) -> bool:
    """A background job (import, export, bundle, rescoring) is its starter's, and admins'."""
    if role_of(user) is None:
        return False
    return job.created_by_id == user.pk or can_manage_users(user)


def visible_jobs(user, queryset: QuerySet) -> QuerySet:
    """Narrow a queryset of jobs to those the user may see (see can_see_job)."""
    if role_of(user) is None:
        return queryset.none()
    return queryset if can_manage_users(user) else queryset.filter(created_by=user.pk)


def get_deal_or_404(user, queryset: QuerySet, pk, action: str = VIEW):
    """Fetch one deal the user may see; 404 when they may not (existence is not revealed).

    A deal the user may see but not act on raises PermissionDenied (403).
    """
    try:
        deal = visible_deals(user, queryset).get(pk=pk)
    except (ValueError, TypeError):
        raise Http404 from None
    except queryset.model.DoesNotExist:
        if user.is_authenticated and queryset.model._base_manager.filter(pk=pk).exists():
            log_event("denied", user=user, object=f"{queryset.model._meta.label_lower}:{pk}", reason="not_visible")
        raise Http404 from None
    if not can(user, action, deal):
        raise PermissionDenied(action)
    return deal
