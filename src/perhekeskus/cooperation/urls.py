"""The cooperation network that leads the family centre at its interfaces: cooperation agreements,
the contact-person network of each area, the network's meetings and its development plan."""

from django.urls import path

from perhekeskus.cooperation import views

app_name = "cooperation"

urlpatterns = [
    path("", views.home, name="home"),
    path("agreements/new/", views.agreement_new, name="agreement_new"),
    path("agreements/<int:agreement_id>/", views.agreement, name="agreement"),
    path(
        "agreements/<int:agreement_id>/documents/<int:document_id>/",
        views.document,
        name="document",
    ),
    path("areas/<int:area_id>/", views.area, name="area"),
    path("meetings/new/", views.meeting_new, name="meeting_new"),
    path("meetings/<int:meeting_id>/", views.meeting, name="meeting"),
    path("plans/new/", views.plan_new, name="plan_new"),
    path("plans/<int:plan_id>/", views.plan, name="plan"),
]
