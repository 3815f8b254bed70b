from django.urls import path

from perhekeskus.staff import views

app_name = "staff"

urlpatterns = [
    path("login/", views.login, name="login"),
    path("login/verify/", views.verify, name="verify"),
    path("login/enrol/", views.enrol, name="enrol"),
    path("logout/", views.logout_view, name="logout"),
]
