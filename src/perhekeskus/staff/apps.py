from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """Professionals (ammattilaiset): accounts by organisation, roles, two-factor login."""

    name = "perhekeskus.staff"
    label = "staff"
    verbose_name = _("Professionals")
    default_auto_field = "django.db.models.BigAutoField"
