"""The method catalogue for professionals, under /<lang>/workspace/methods/."""

from django.urls import path

from perhekeskus.methods import views

app_name = "methods"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("training/", views.training, name="training"),
    path(
        "training/<int:training_id>/remove/",
        views.training_remove,
        name="training_remove",
    ),
    path("<slug:code>/", views.detail, name="detail"),
    path("<slug:code>/refer/", views.refer, name="refer"),
]
