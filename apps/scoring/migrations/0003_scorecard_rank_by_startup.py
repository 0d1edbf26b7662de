# The pipeline table sorted by total pages straight from this index; startup_id breaks ties
# in the order the table shows them, so a page reads 50 index entries, however many tie.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('scoring', '0002_import_kind'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='scorecard',
            name='scorecard_rank',
        ),
        migrations.AddIndex(
            model_name='scorecard',
            index=models.Index(fields=['thesis_version', '-total', 'startup'], name='scorecard_rank'),
        ),
    ]
