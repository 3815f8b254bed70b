from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """Indicators (mittarit) a county and its municipalities follow together, evaluation of two
    periods or two areas, and the family channel's aggregate usage counters."""

    name = "perhekeskus.evaluation"
    label = "evaluation"
    verbose_name = _("Indicators and evaluation")
    default_auto_field = "django.db.models.BigAutoField"
