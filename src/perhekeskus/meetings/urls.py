"""Team meetings and joint assessments (/workspace/meetings/)."""

from django.urls import path

from perhekeskus.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("families/<int:family_id>/", views.family, name="family"),
    path("<int:meeting_id>/", views.detail, name="detail"),
]
