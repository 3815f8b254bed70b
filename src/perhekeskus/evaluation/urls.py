from django.urls import path
from django.views.generic import RedirectView

from perhekeskus.evaluation import views

app_name = "evaluation"

urlpatterns = [
    # /<lang>/leading/ is what leaders are told: the dashboard is the page they start from.
    path("", RedirectView.as_view(pattern_name="evaluation:dashboard"), name="home"),
    path("indicators/", views.dashboard, name="dashboard"),
    path("indicators/export.<str:fmt>", views.export, name="export"),
    path("indicators/export/", views.export, name="export_query"),
    path("indicators/compare/", views.compare, name="compare"),
    path("indicators/report.pdf", views.report, name="report"),
]
