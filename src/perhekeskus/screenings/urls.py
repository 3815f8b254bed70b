from django.urls import path  # noqa: F401

app_name = "screenings"

urlpatterns: list = []  # type: ignore[type-arg]
