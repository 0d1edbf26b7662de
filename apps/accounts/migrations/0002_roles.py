from django.db import migrations

ROLES = ("analyst", "partner", "admin")
# Permissions on accounts' own models; domain apps add theirs in their own migrations.
ADMIN_PERMISSIONS = ("add_user", "change_user", "view_user", "add_invitation", "view_invitation", "view_token", "delete_token")


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for role in ROLES:
        Group.objects.get_or_create(name=role)
    admin = Group.objects.get(name="admin")
    user_type, _ = ContentType.objects.get_or_create(app_label="accounts", model="user")
    invitation_type, _ = ContentType.objects.get_or_create(app_label="accounts", model="invitation")
    token_type, _ = ContentType.objects.get_or_create(app_label="authtoken", model="token")
    types = {"user": user_type, "invitation": invitation_type, "token": token_type}
    for codename in ADMIN_PERMISSIONS:
        model = codename.split("_", 1)[1]
        permission, _ = Permission.objects.get_or_create(
            codename=codename, content_type=types[model], defaults={"name": codename.replace("_", " ").capitalize()}
        )
        admin.permissions.add(permission)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("authtoken", "0004_alter_tokenproxy_options"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
