"""A family member's login (perheenjäsenen kirjautuminen): the Django user that a strong
identification opens, tied to the person it identified.

The user is deliberately nothing else: no password (only the identification provider logs it in),
never staff, never a superuser, never a professional. What the person may see is decided by
`perhekeskus.consent.access` from the person, not from the user.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.clients.models import Person


class FamilyLogin(models.Model):
    """The login of one person of the families' client data."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="family_login",
        verbose_name=_("user"),
    )
    # One login per person: the identification finds the person, and the person has one user.
    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_login_at = models.DateTimeField(_("last login"), null=True, blank=True)

    class Meta:
        verbose_name = _("family member's login")
        verbose_name_plural = _("family members' logins")

    def __str__(self) -> str:
        return f"{self.user} → {self.person_id}"
