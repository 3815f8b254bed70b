from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    """Contact requests (yhteydenottopyynnöt): a family asks to be contacted, safely."""

    name = "perhekeskus.contacts"
    label = "contacts"
    verbose_name = _("Contact requests")
    default_auto_field = "django.db.models.BigAutoField"
