from django.db import migrations


def backfill(apps, schema_editor):
    from apps.startups.models import normalise_name

    Startup = apps.get_model("startups", "Startup")
    for startup in Startup.objects.filter(name_key="").only("pk", "name").iterator(chunk_size=2000):
        Startup.objects.filter(pk=startup.pk).update(name_key=normalise_name(startup.name))


class Migration(migrations.Migration):
    dependencies = [("startups", "0003_name_key")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
