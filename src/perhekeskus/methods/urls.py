from django.urls import path  # noqa: F401

app_name = "methods"

urlpatterns: list = []  # type: ignore[type-arg]
