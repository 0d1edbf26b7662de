from django.db import migrations

# Which Django permissions each role gets on startups (used by Django admin; the product's
# own rules live in apps/accounts/permissions.py).
ROLE_PERMISSIONS = {
    "analyst": ("add_startup", "change_startup", "view_startup", "add_note", "view_note", "add_founder", "change_founder", "delete_founder", "view_founder", "view_tag", "add_tag"),
    "partner": ("view_startup", "add_note", "view_note", "view_founder", "view_tag"),
    "admin": ("add_startup", "change_startup", "delete_startup", "view_startup", "add_note", "view_note", "delete_note", "add_founder", "change_founder", "delete_founder", "view_founder", "add_tag", "change_tag", "delete_tag", "view_tag"),
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for role, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        for codename in codenames:
            action, model = codename.split("_", 1)
            content_type, _ = ContentType.objects.get_or_create(app_label="startups", model=model)
            permission, _ = Permission.objects.get_or_create(
                codename=codename, content_type=content_type, defaults={"name": f"Can {action} {model}"}
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("startups", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
