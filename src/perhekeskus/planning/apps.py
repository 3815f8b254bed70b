from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    """Family centre area planning (perhekeskusalueiden suunnittelu): areas proposed by the
    model's population band, coverage of children, new meeting places where they reach most."""

    name = "perhekeskus.planning"
    label = "planning"
    verbose_name = _("Area planning")
    default_auto_field = "django.db.models.BigAutoField"
