"""The contact request page, inside the project's language prefixes (/fi/, /sv/, /en/)."""

from django.urls import path

from perhekeskus.contacts import views

app_name = "contacts"

urlpatterns = [
    path("contact/", views.contact_request, name="request"),
]
