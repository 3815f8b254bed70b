"""Passkeys (pääsyavaimet) as the second factor, with django-otp-webauthn: after the password,
a professional who has registered a passkey may use it instead of the code from the
authenticator app. A passkey never replaces the password (passwordless login is off), and only
a professional who is already verified (password and code) may register one.

These are django-otp-webauthn's JSON views, narrowed to professionals; the browser side is the
app's own script (static `django_otp_webauthn/*.js`). Verification ends exactly as with a code:
`django_otp.login` marks the session with the device, so `request.user.is_verified()` and
`access.professional_required` treat both alike.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp_webauthn import exceptions
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from perhekeskus.staff import relying_party, selectors
from perhekeskus.staff.access import professional_of
from perhekeskus.staff.views import home_url


class PasskeyHelper(WebAuthnHelper):
    def get_allowed_origins(self) -> list[str]:
        return relying_party.allowed_origins(self.request)


class NotAtWork(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "not_at_work"
    default_detail = _(
        "Log in with your password and the code from your authenticator app before adding a "
        "passkey."
    )


class NotPastPassword(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "not_past_password"
    default_detail = _("Log in with your username and password first.")


class _ProfessionalRegisters:
    """Registering a passkey: only a professional verified with the second factor."""

    request: HttpRequest

    def check_can_register(self) -> None:
        if professional_of(self.request) is None:
            raise NotAtWork()


class PasskeyRegistrationBegin(_ProfessionalRegisters, BeginCredentialRegistrationView):  # type: ignore[misc]
    pass


class PasskeyRegistrationComplete(_ProfessionalRegisters, CompleteCredentialRegistrationView):  # type: ignore[misc]
    pass


class _ProfessionalPastPassword:
    """Logging in with a passkey: only after the password, and only a professional."""

    request: HttpRequest

    def check_can_authenticate(self) -> None:
        user = self.request.user
        if (
            not user.is_authenticated
            or not user.is_active
            or selectors.professional_of_user(user) is None
        ):
            raise NotPastPassword()


class PasskeyLoginBegin(_ProfessionalPastPassword, BeginCredentialAuthenticationView):  # type: ignore[misc]
    pass


class PasskeyLoginComplete(_ProfessionalPastPassword, CompleteCredentialAuthenticationView):  # type: ignore[misc]
    def complete_auth(self, device: Any) -> None:
        """The passkey stands for the code: the session is verified with it, and gets a new
        key as after the code (the user is the one past the password: the app has checked
        that the passkey is theirs)."""
        otp_login(self.request, device)
        self.request.session.cycle_key()

    def get_success_url(self) -> str:
        return str(self.get_redirect_url() or home_url())
