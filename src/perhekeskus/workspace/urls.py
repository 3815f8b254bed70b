from django.urls import path

from perhekeskus.workspace import views

app_name = "workspace"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("families/<int:family_id>/", views.family, name="family"),
]
