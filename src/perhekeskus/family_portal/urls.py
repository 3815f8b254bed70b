"""The family's own view, under /<lang>/my/."""

from django.urls import path

from perhekeskus.family_portal import views

app_name = "family_portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login, name="login"),
    path("login/failed/", views.login_failed, name="login_failed"),
    path("login/demo/", views.demo_login, name="demo_login"),
    path("logout/", views.logout, name="logout"),
    path("family/<int:family_id>/log/", views.access_log, name="access_log"),
    path("consents/", views.consents, name="consents"),
    path("consents/<int:consent_id>/revoke/", views.consent_revoke, name="consent_revoke"),
]
