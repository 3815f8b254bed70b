from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    """The professionals' inbox (saapuneet): queues by area and topic, claims, hand-overs and
    the log of every action."""

    name = "perhekeskus.inbox"
    label = "inbox"
    verbose_name = _("Inbox")
    default_auto_field = "django.db.models.BigAutoField"
