from django.urls import path

from perhekeskus.planning import views

app_name = "planning"

urlpatterns = [
    path("", views.planner, name="planner"),
    path("plans/", views.plans, name="plans"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/apply/", views.plan_apply, name="plan_apply"),
]
