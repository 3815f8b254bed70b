from django.urls import path  # noqa: F401

app_name = "parenting"

urlpatterns: list = []  # type: ignore[type-arg]
