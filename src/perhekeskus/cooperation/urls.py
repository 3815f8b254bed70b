from django.urls import path  # noqa: F401

app_name = "cooperation"

urlpatterns: list = []  # type: ignore[type-arg]
