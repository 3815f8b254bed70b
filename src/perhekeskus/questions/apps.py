import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Django's loggers that write a request's path: "Not Found: /fi/ask/q/<code>/", "Forbidden (CSRF
# token missing.): …", and the development server's request lines.
PATH_LOGGERS = ("django.request", "django.security.csrf", "django.server")


class QuestionsConfig(AppConfig):
    """Anonymous questions (nimettömät kysymykset): asked without a name, read with a code."""

    name = "perhekeskus.questions"
    label = "questions"
    verbose_name = _("Anonymous questions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # A question's code must never reach a log. LOGGING may add the same filter to its
        # handlers too; here it holds whatever LOGGING says, since logging is configured first.
        from perhekeskus.questions.logging import RedactCodes

        for name in PATH_LOGGERS:
            logger = logging.getLogger(name)
            if not any(isinstance(f, RedactCodes) for f in logger.filters):
                logger.addFilter(RedactCodes())
