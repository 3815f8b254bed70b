from django.urls import URLPattern

app_name = "family_portal"

urlpatterns: list[URLPattern] = []
