"""Publish the default thesis of rubric/THESIS.md as version 1 on an empty database.

DEFAULT_THESIS_DATA is frozen as version 1: funds change the thesis by publishing new
versions in the browser, never by editing that data.
"""
from django.db import migrations

from apps.scoring.engine.default_thesis import DEFAULT_THESIS_DATA


def publish_default(apps, schema_editor):
    Thesis = apps.get_model("theses", "Thesis")
    ThesisVersion = apps.get_model("theses", "ThesisVersion")
    if ThesisVersion.objects.exists():
        return
    from django.utils import timezone

    thesis = Thesis.objects.create(name=DEFAULT_THESIS_DATA["name"])
    version = ThesisVersion.objects.create(
        thesis=thesis, number=DEFAULT_THESIS_DATA["version"], status="published", published_at=timezone.now(),
        note="Default thesis distilled from the Generative AI essay (Feb 2023).",
    )
    for position, data in enumerate(DEFAULT_THESIS_DATA["criteria"]):
        criterion = version.criteria.create(
            key=data["key"], label_en=data["label_en"], label_ko=data["label_ko"], help_en=data["help_en"],
            help_ko=data["help_ko"], direction=data["direction"], weight=data["weight"], builtin=data["builtin"],
            position=position,
        )
        for q_position, question in enumerate(data["questions"]):
            criterion.questions.create(
                key=question["key"], label_en=question["label_en"], label_ko=question["label_ko"],
                options=list(question["options"]), points=dict(question["points"]), position=q_position,
            )
    for layer in DEFAULT_THESIS_DATA["layers"]:
        version.layer_fits.create(
            layer=layer["key"], multiplier=layer["multiplier"], label_en=layer["label_en"], label_ko=layer["label_ko"],
            description_en=layer["description_en"], description_ko=layer["description_ko"],
        )


class Migration(migrations.Migration):
    dependencies = [("theses", "0001_initial")]

    operations = [migrations.RunPython(publish_default, migrations.RunPython.noop)]
