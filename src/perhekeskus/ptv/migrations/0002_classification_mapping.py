"""The classification mapping shipped with the package (ptv/data/classification_mapping.csv)."""

from django.db import migrations


def load(apps, schema_editor):
    from perhekeskus.ptv.mapping import mapping_load

    mapping_load(apps)


def unload(apps, schema_editor):
    from perhekeskus.ptv.mapping import mapping_rows

    mapping = apps.get_model("ptv", "ClassificationMapping")
    for row in mapping_rows():
        mapping.objects.filter(kind=row["kind"], code=row["code"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ptv", "0001_initial"),
        ("network", "0002_reference_data"),
    ]

    operations = [migrations.RunPython(load, unload)]
