from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamilyPortalConfig(AppConfig):
    """The family's own view (perheen oma asiointi): a family member logs in with strong
    identification and sees the family's processes, plan, referrals, meetings and who has
    looked at its data, and gives or revokes consent."""

    name = "perhekeskus.family_portal"
    label = "family_portal"
    verbose_name = _("Family's own view")
    default_auto_field = "django.db.models.BigAutoField"
