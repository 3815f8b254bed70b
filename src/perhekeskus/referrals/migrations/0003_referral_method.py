"""A referral may name the method the family is referred for ("someone trained in X")."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("methods", "0001_method_catalogue"),
        ("referrals", "0002_declined_reason_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="referral",
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
