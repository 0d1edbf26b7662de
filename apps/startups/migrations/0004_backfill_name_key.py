import re
import unicodedata

from django.db import migrations

# A frozen copy of normalise_name as it was when this migration was written (migrations carry
# the code they run, so a later change to the live function cannot change what this one did).
LEGAL_FORMS = re.compile(
    r"(주식회사|유한회사|\(주\)|㈜|\b(inc|incorporated|ltd|limited|llc|corp|corporation|co|company|gmbh|ag|sa|plc|pte|bv)\b\.?)",
    re.IGNORECASE,
)


def normalise_name(name: str) -> str:
    folded = unicodedata.normalize("NFKC", name or "").casefold()
    return "".join(ch for ch in LEGAL_FORMS.sub(" ", folded) if ch.isalnum())


def backfill(apps, schema_editor):
    Startup = apps.get_model("startups", "Startup")
    for startup in Startup.objects.filter(name_key="").only("pk", "name").iterator(chunk_size=2000):
        Startup.objects.filter(pk=startup.pk).update(name_key=normalise_name(startup.name))


class Migration(migrations.Migration):
    dependencies = [("startups", "0003_name_key")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
