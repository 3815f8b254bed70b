"""django-otp-webauthn's URLs (its namespace, which its template tags reverse), with our views:
registration for verified professionals only, login with a passkey only after the password."""

from django.urls import path
from django.views.i18n import JavaScriptCatalog

from perhekeskus.staff import passkeys

app_name = "otp_webauthn"

urlpatterns = [
    path(
        "registration/begin/",
        passkeys.PasskeyRegistrationBegin.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registration/complete/",
        passkeys.PasskeyRegistrationComplete.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        passkeys.PasskeyLoginBegin.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        passkeys.PasskeyLoginComplete.as_view(),
        name="credential-authentication-complete",
    ),
    # The script's strings: the app has no Finnish or Swedish, our catalogue fills them in.
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn", "perhekeskus.staff"]),
        name="js-i18n-catalog",
    ),
]
