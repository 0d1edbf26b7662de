from django.contrib.auth.models import Group

from apps.accounts.models import Role
from apps.accounts.services import user_set_role
from tests.factories import UserFactory


def test_migration_creates_role_groups_with_permissions(db):
    groups = {group.name: group for group in Group.objects.prefetch_related("permissions")}
    assert set(Role.values) <= set(groups)
    codenames = {role: {p.codename for p in groups[role].permissions.all()} for role in Role.values}
    assert "add_startup" in codenames["analyst"]
    assert "add_startup" not in codenames["partner"]
    assert {"view_startup", "add_note"} <= codenames["partner"]
    assert {"delete_startup", "add_user"} <= codenames["admin"]


def test_user_has_exactly_one_role(db):
    user = UserFactory(role=Role.ANALYST)
    user_set_role(user=user, role=Role.PARTNER)
    assert user.role == Role.PARTNER
    assert list(user.groups.values_list("name", flat=True)) == ["partner"]


def test_superuser_counts_as_admin(db, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    assert root.role == Role.ADMIN
