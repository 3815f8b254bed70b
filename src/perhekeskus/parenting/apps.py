from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParentingConfig(AppConfig):
    """The parenting plan (vanhemmuussuunnitelma) separating parents fill in, alone or together,
    reached by a link and a code without an account."""

    name = "perhekeskus.parenting"
    label = "parenting"
    verbose_name = _("Parenting plans")
    default_auto_field = "django.db.models.BigAutoField"
