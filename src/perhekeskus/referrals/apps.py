from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    """Referrals (ohjaus / lähete): a family handed from one service to another, held until the
    receiving service has taken it on."""

    name = "perhekeskus.referrals"
    label = "referrals"
    verbose_name = _("referrals")
    default_auto_field = "django.db.models.BigAutoField"
