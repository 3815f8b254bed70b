from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    name = "perhekeskus.consent"
    label = "consent"
    verbose_name = _("consent and access to client data")
    default_auto_field = "django.db.models.BigAutoField"
