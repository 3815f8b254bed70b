"""Screenings and the worklist of crossed thresholds (/workspace/screenings/)."""

from django.urls import path

from perhekeskus.screenings import views

app_name = "screenings"

urlpatterns = [
    path("worklist/", views.worklist, name="worklist"),
    path("families/<int:family_id>/", views.family, name="family"),
    path("families/<int:family_id>/record/<slug:code>/", views.record, name="record"),
    path("<int:screening_id>/", views.detail, name="detail"),
]
