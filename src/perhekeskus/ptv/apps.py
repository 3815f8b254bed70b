from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PtvConfig(AppConfig):
    """The national Service Catalogue (Suomi.fi Palvelutietovaranto, PTV) flowing into the
    register: import runs, the records they keep in step, and the mapping of PTV
    classifications to our service types."""

    name = "perhekeskus.ptv"
    label = "ptv"
    verbose_name = _("Suomi.fi service catalogue")
    default_auto_field = "django.db.models.BigAutoField"
