"""Who calls a professionals' API endpoint: an API token (`Authorization: Bearer <token>`) of a
user who is a professional, or the session of a professional logged in with the second factor
(the staff pages' own scripts use it; CSRF-checked as Django's forms are)."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import APIKeyCookie

from perhekeskus.network.api import token_auth
from perhekeskus.staff.access import professional_of
from perhekeskus.staff.models import Professional
from perhekeskus.staff.selectors import professional_of_user


class ProfessionalSession(APIKeyCookie):
    """A logged-in professional whose second factor is verified. Without such a session (no
    cookie, an empty or expired one) it steps aside, so the caller is told 401 rather than
    refused for a missing CSRF token; a real session must carry the CSRF token."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.COOKIES.get(self.param_name) or professional_of(request) is None:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if key is None:
            return None
        professional = professional_of(request)
        return professional.user if professional is not None else None


# For `auth=` of an endpoint: the token first, then the session.
PROFESSIONAL_AUTH = [token_auth, ProfessionalSession()]


def api_professional(request: HttpRequest) -> Professional | None:
    """The professional behind an authenticated API request, or None for a user without one."""
    user = getattr(request, "auth", None)
    if user is None:
        return None
    professional = professional_of_user(user)
    if professional is not None:
        professional.user = user  # already loaded: no second query for it
    return professional
