"""Feedback pages, inside the project's language prefixes (/fi/, /sv/, /en/)."""

from django.urls import path

from perhekeskus.feedback import views

app_name = "feedback"

urlpatterns = [
    path("feedback/", views.give, name="give"),
    path("feedback/thanks/", views.thanks, name="thanks"),
    path("staff/feedback/", views.staff, name="staff"),
]
