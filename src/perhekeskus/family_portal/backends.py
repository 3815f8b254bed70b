"""The family member's login backend: OpenID Connect (mozilla-django-oidc) with strong
identification, whose personal identity code claim finds the person in the client data.

An identification that finds nobody logs nobody in: the callback shows a page saying so. The
backend never touches a professional's user, and a user it logs in is never staff.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from perhekeskus.family_portal.models import FamilyLogin
from perhekeskus.family_portal.services import family_login_open, family_login_person

# Why the last login failed, for the page the callback sends to.
REFUSED_SESSION_KEY = "family_portal_login_refused"
REQUIRED_SETTINGS = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
)


def family_login_configured() -> bool:
    """Whether the identification service is configured: the family login is off otherwise."""
    return all(getattr(settings, name, "") for name in REQUIRED_SETTINGS)


def identity_code_from(claims: dict[str, Any]) -> str:
    """The personal identity code in the identification's claims ("" when none)."""
    for name in settings.PERHEKESKUS_FAMILY_LOGIN_IDENTITY_CLAIMS:
        value = claims.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


class FamilyLoginBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """mozilla-django-oidc's code flow, with the person found by the identity code instead of
    a user found by e-mail."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.enabled = family_login_configured()
        self.UserModel = get_user_model()
        if self.enabled:
            super().__init__(*args, **kwargs)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> AbstractBaseUser | None:
        # Only the identification service's return, never a password login.
        if not self.enabled or request is None or "username" in kwargs or "password" in kwargs:
            return None
        return super().authenticate(request, **kwargs)  # type: ignore[no-any-return]

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(identity_code_from(claims))

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> AbstractBaseUser | None:
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        person = family_login_person(identity_code=identity_code_from(claims))
        if person is None:
            self.request.session[REFUSED_SESSION_KEY] = "unknown_person"
            return None
        self.request.session.pop(REFUSED_SESSION_KEY, None)
        return family_login_open(person=person)

    def get_user(self, user_id: Any) -> AbstractBaseUser | None:
        """Only a family member's user, whatever the session says."""
        login = (
            FamilyLogin.objects.select_related("user")
            .filter(user_id=user_id, user__is_staff=False, user__is_superuser=False)
            .first()
        )
        return login.user if login is not None else None
