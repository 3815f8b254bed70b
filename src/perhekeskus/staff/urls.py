from django.urls import path

from perhekeskus.staff import views

app_name = "staff"

urlpatterns = [
    path("login/", views.login, name="login"),
    path("login/verify/", views.verify, name="verify"),
    path("login/enrol/", views.enrol, name="enrol"),
    path("logout/", views.logout_view, name="logout"),
    path("passkeys/", views.passkeys, name="passkeys"),
    path("passkeys/name/", views.passkey_name, name="passkey_name"),
    path("passkeys/<int:passkey_id>/remove/", views.passkey_remove, name="passkey_remove"),
]
