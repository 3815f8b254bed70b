from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """`perhekeskus backup` and `perhekeskus restore`: no models of its own."""

    name = "perhekeskus.backups"
    label = "backups"
    verbose_name = _("Backups")
    default_auto_field = "django.db.models.BigAutoField"
