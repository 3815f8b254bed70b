from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    """Guidance (palveluohjaus): from a family's own words to the kinds of help that fit."""

    name = "perhekeskus.guidance"
    verbose_name = "Guidance"
