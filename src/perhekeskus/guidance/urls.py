"""The guidance page, inside the project's language prefixes (/fi/, /sv/, /en/)."""

from django.urls import path

from perhekeskus.guidance import views

urlpatterns = [
    path("guidance/", views.guidance, name="guidance"),
]
