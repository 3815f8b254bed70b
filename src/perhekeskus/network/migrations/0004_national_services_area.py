"""Services that search treated as national by an unwritten rule get that area in writing.

Until service areas, a service without sites whose organisation had neither a county nor a
municipality (a national NGO's helpline, Kela's e-service) was found in every municipality.
Search now reads the explicit `service_area`, so those services become "the whole country" and
families find them where they did. Backwards, the same services go back to "local".
"""

from django.db import migrations


def _implicitly_national(apps):
    Service = apps.get_model("network", "Service")
    ServiceAtSite = apps.get_model("network", "ServiceAtSite")
    return Service.objects.filter(
        organisation__county__isnull=True, organisation__municipality__isnull=True
    ).exclude(pk__in=ServiceAtSite.objects.values("service_id"))


def national_in_writing(apps, schema_editor):
    _implicitly_national(apps).filter(service_area="local").update(service_area="national")


def back_to_unwritten(apps, schema_editor):
    _implicitly_national(apps).filter(service_area="national").update(service_area="local")


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0003_service_area"),
    ]

    operations = [
        migrations.RunPython(national_in_writing, back_to_unwritten),
    ]
