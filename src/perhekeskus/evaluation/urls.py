from django.urls import path

from perhekeskus.evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("indicators/", views.dashboard, name="dashboard"),
    path("indicators/export.<str:fmt>", views.export, name="export"),
    path("indicators/export/", views.export, name="export_query"),
    path("indicators/compare/", views.compare, name="compare"),
    path("indicators/report.pdf", views.report, name="report"),
]
