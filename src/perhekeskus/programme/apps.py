from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    """The programme of meeting places (viikko-ohjelma): calendars, iCalendar feeds, brochures."""

    name = "perhekeskus.programme"
    verbose_name = "Programme"
