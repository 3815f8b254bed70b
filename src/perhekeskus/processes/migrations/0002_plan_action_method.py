"""A plan action may name the method it uses."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("methods", "0001_method_catalogue"),
        ("processes", "0001_client_processes"),
    ]

    operations = [
        migrations.AddField(
            model_name="planaction",
            name="method",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="methods.method",
                verbose_name="method",
            ),
        ),
    ]
