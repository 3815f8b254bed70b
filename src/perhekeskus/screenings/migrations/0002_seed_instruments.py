"""The screening instruments used in family centre services (see `screenings.instruments`)."""

from django.db import migrations

from perhekeskus.screenings.instruments import instruments_seed, instruments_unseed


def seed(apps, schema_editor):
    instruments_seed(
        apps.get_model("screenings", "ScreeningInstrument"),
        apps.get_model("screenings", "ConcernArea"),
    )


def unseed(apps, schema_editor):
    instruments_unseed(apps.get_model("screenings", "ScreeningInstrument"))


class Migration(migrations.Migration):
    dependencies = [("screenings", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
