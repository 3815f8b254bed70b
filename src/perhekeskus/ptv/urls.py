from django.urls import path  # noqa: F401

app_name = "ptv"

urlpatterns: list = []  # type: ignore[type-arg]
