"""The family channel's pages, inside the project's language prefixes (/fi/, /sv/, /en/)."""

from django.urls import path

from perhekeskus.families import views

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("compare/", views.compare, name="compare"),
    path("services/<uuid:service_id>/", views.service, name="service"),
    path("sites/<uuid:site_id>/", views.site, name="site"),
    path("areas/<uuid:area_id>/", views.area, name="area"),
    path("organisations/<uuid:organisation_id>/", views.organisation, name="organisation"),
]
