from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    """Anonymous questions (nimettömät kysymykset): asked without a name, read with a code."""

    name = "perhekeskus.questions"
    label = "questions"
    verbose_name = _("Anonymous questions")
    default_auto_field = "django.db.models.BigAutoField"
