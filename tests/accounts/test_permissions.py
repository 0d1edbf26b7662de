"""The permission helper: alice (analyst on the team), oscar (analyst outside it),
paula (partner) and ada (admin) against an open and a confidential deal."""
import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from apps.accounts.permissions import COMMENT, DELETE, EDIT, MANAGE_ACCESS, MERGE, VIEW, can, get_deal_or_404, visible_deals
from apps.startups.models import Startup


@pytest.mark.parametrize(
    "who, sees_secret",
    [("analyst", True), ("outsider", False), ("partner", True), ("admin_user", True)],
)
def test_visible_deals(request, who, sees_secret, startup, secret_startup):
    user = request.getfixturevalue(who)
    visible = set(visible_deals(user, Startup.objects.all()))
    assert startup in visible
    assert (secret_startup in visible) is sees_secret


def test_owner_sees_own_confidential_deal(secret_startup):
    assert secret_startup in visible_deals(secret_startup.owner, Startup.objects.all())


def test_anonymous_and_inactive_see_nothing(django_user_model, startup, analyst):
    from django.contrib.auth.models import AnonymousUser

    assert not visible_deals(AnonymousUser(), Startup.objects.all()).exists()
    analyst.is_active = False
    assert not visible_deals(analyst, Startup.objects.all()).exists()
    assert not can(analyst, VIEW, startup)


@pytest.mark.parametrize(
    "who, allowed",
    [
        ("analyst", {VIEW, COMMENT, EDIT}),
        ("outsider", set()),
        ("partner", {VIEW, COMMENT}),
        ("admin_user", {VIEW, COMMENT, EDIT, DELETE}),
    ],
)
def test_actions_on_confidential_deal(request, who, allowed, secret_startup):
    user = request.getfixturevalue(who)
    assert {action for action in (VIEW, COMMENT, EDIT, DELETE) if can(user, action, secret_startup)} == allowed


def test_get_deal_or_404_hides_and_forbids(outsider, partner, secret_startup):
    with pytest.raises(Http404):
        get_deal_or_404(outsider, Startup.objects.all(), secret_startup.pk)
    with pytest.raises(Http404):
        get_deal_or_404(outsider, Startup.objects.all(), "not-a-number")
    with pytest.raises(PermissionDenied):
        get_deal_or_404(partner, Startup.objects.all(), secret_startup.pk, EDIT)
    assert get_deal_or_404(partner, Startup.objects.all(), secret_startup.pk) == secret_startup


@pytest.mark.parametrize(
    "who, allowed",
    [
        ("owner", {MANAGE_ACCESS, MERGE}),
        ("analyst", set()),  # on the deal team, not its owner
        ("outsider", set()),
        ("partner", {MANAGE_ACCESS}),  # partners do not edit profiles, so they do not merge
        ("admin_user", {MANAGE_ACCESS, MERGE}),
    ],
)
def test_who_decides_who_owns_and_sees_a_deal(request, who, allowed, secret_startup):
    user = secret_startup.owner if who == "owner" else request.getfixturevalue(who)
    assert {action for action in (MANAGE_ACCESS, MERGE) if can(user, action, secret_startup)} == allowed
