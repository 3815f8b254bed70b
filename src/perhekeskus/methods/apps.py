from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MethodsConfig(AppConfig):
    """The catalogue of evidence-based methods (menetelmät) and who in the area is trained
    in each."""

    name = "perhekeskus.methods"
    label = "methods"
    verbose_name = _("Method catalogue")
    default_auto_field = "django.db.models.BigAutoField"
