import re
import unicodedata

from django.db import migrations

# A frozen copy of normalise_name as this migration recomputes the keys with it: look-alike
# Cyrillic and Greek letters folded to Latin ones, and the key cut to the column's length.
LEGAL_FORMS = re.compile(
    r"(주식회사|유한회사|\(주\)|㈜|\b(inc|incorporated|ltd|limited|llc|corp|corporation|co|company|gmbh|ag|sa|plc|pte|bv)\b\.?)",
    re.IGNORECASE,
)
CONFUSABLES = str.maketrans(
    "АВЕЅІЈКМНОРСТУХԚԜаеіјорсуѕхԁһӏԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧϹαικνορυχϲɑɡıɪ",
    "ABESIJKMHOPCTYXQWaeijopcysxdhlqwABEZHIKMNOPTYXCaikvopuxcagii",
)


def normalise_name(name: str) -> str:
    folded = unicodedata.normalize("NFKC", name or "").translate(CONFUSABLES).casefold()
    return "".join(ch for ch in LEGAL_FORMS.sub(" ", folded) if ch.isalnum())[:200]


def recompute(apps, schema_editor):
    Startup = apps.get_model("startups", "Startup")
    for pk, name, key in Startup.objects.values_list("pk", "name", "name_key").iterator(chunk_size=2000):
        new = normalise_name(name)
        if new != key:
            Startup.objects.filter(pk=pk).update(name_key=new)


class Migration(migrations.Migration):
    dependencies = [("startups", "0008_jobs_and_stage_transitions")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
