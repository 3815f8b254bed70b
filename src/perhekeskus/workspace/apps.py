from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The professionals' workspace (työpöytä): the caseload, the deadlines, the referrals and
    one family's page. Reads only, through the one road to client data."""

    name = "perhekeskus.workspace"
    label = "workspace"
    verbose_name = _("Workspace")
    default_auto_field = "django.db.models.BigAutoField"
