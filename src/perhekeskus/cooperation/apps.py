from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    """The cooperation network that leads the family centre at its interfaces: cooperation
    agreements, the contact-person network of each area, the network's meetings and its
    development plan."""

    name = "perhekeskus.cooperation"
    label = "cooperation"
    verbose_name = _("Cooperation network")
    default_auto_field = "django.db.models.BigAutoField"
