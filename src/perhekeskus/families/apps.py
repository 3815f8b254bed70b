from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    """The family channel (sähköinen perhekeskus): find, compare and plan."""

    name = "perhekeskus.families"
    verbose_name = "Family channel"
