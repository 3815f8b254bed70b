"""Load counties, municipalities, postal areas and service types shipped with the package."""

from django.db import migrations


def load(apps, schema_editor):
    from perhekeskus.network.reference_data import reference_data_load

    reference_data_load(apps)


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
