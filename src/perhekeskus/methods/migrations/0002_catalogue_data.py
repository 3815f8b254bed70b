"""Load the method catalogue shipped with the package (methods/data/methods.json)."""

from django.db import migrations


def load(apps, schema_editor):
    from perhekeskus.methods.catalogue import catalogue_load

    catalogue_load(apps)


def unload(apps, schema_editor):
    from perhekeskus.methods.catalogue import catalogue_entries

    Method = apps.get_model("methods", "Method")
    codes = [entry["code"] for entry in catalogue_entries()]
    Method.objects.filter(code__in=codes, trainings__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("methods", "0001_method_catalogue"),
        ("network", "0002_reference_data"),
    ]

    operations = [migrations.RunPython(load, unload)]
