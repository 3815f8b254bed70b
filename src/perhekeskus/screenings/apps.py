from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningsConfig(AppConfig):
    """Structured screenings (seulonnat) that find risk groups early, their instruments and
    thresholds as data, and the worklist of families whose screening crossed a threshold
    without a follow-up."""

    name = "perhekeskus.screenings"
    label = "screenings"
    verbose_name = _("Screenings")
    default_auto_field = "django.db.models.BigAutoField"
