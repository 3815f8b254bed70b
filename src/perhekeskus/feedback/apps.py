from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """Feedback (palaute): anonymous, shown only as figures of at least five answers."""

    name = "perhekeskus.feedback"
    label = "feedback"
    verbose_name = _("Feedback")
    default_auto_field = "django.db.models.BigAutoField"
