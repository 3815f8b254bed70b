"""The programme's addresses, inside the language prefix (/fi/, /sv/, /en/)."""

from django.urls import path

from perhekeskus.programme import views

app_name = "programme"

urlpatterns = [
    path("sites/<uuid:site_id>/calendar/", views.site_calendar, name="site-calendar"),
    path("sites/<uuid:site_id>/calendar.ics", views.site_calendar_ics, name="site-calendar-ics"),
    path("areas/<uuid:area_id>/calendar/", views.area_calendar, name="area-calendar"),
    path("areas/<uuid:area_id>/calendar.ics", views.area_calendar_ics, name="area-calendar-ics"),
    path(
        "municipalities/<str:code>/calendar/",
        views.municipality_calendar,
        name="municipality-calendar",
    ),
    path(
        "municipalities/<str:code>/calendar.ics",
        views.municipality_calendar_ics,
        name="municipality-calendar-ics",
    ),
    path("areas/<uuid:area_id>/brochure/", views.area_brochure_html, name="area-brochure-html"),
    path("areas/<uuid:area_id>/brochure.pdf", views.area_brochure_pdf, name="area-brochure"),
]
