from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """Team meetings and the joint assessment (perhekeskustiimi, monitoimijainen
    palvelutarpeen arviointi): the family's view first, each professional's contribution,
    decisions, and the summary the coordinator composes for the family."""

    name = "perhekeskus.meetings"
    label = "meetings"
    verbose_name = _("Team meetings")
    default_auto_field = "django.db.models.BigAutoField"
