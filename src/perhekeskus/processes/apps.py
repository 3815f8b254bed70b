from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    """Client processes (asiakasprosessit): how a family's matter is taken on, planned, followed
    and closed, with an own worker when the family needs many services."""

    name = "perhekeskus.processes"
    label = "processes"
    verbose_name = _("Client processes")
    default_auto_field = "django.db.models.BigAutoField"
