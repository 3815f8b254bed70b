"""The JSON API, version 1 (django-ninja). Routers live in each app's `api.py`."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Perhekeskus API",
    version="1",
    description="The family centre service network: counties, areas, organisations, sites, "
    "services and activities.",
    urls_namespace="api-v1",
)
