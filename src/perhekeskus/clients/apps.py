from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    """Client data of families (asiakastiedot): families, their members and their personal
    identity codes, encrypted at rest."""

    name = "perhekeskus.clients"
    label = "clients"
    verbose_name = _("Client data")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the system checks of the identity-code keys.
        from perhekeskus.clients import checks  # noqa: F401
