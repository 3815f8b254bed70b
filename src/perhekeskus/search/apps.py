from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Search of the service network: text analysis, the in-memory index, ranking."""

    name = "perhekeskus.search"
    verbose_name = "Search"
