"""Logged-in sessions that time out (istunnon aikakatkaisu): a professional who leaves the
computer is logged out after PERHEKESKUS_STAFF_IDLE_MINUTES, so that the next person at it does
not read families' messages in their name.

Anonymous visitors are left alone: without a session cookie nothing here reads or writes a
session, so families get no cookie from it.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.contrib.messages.storage import default_storage
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import ngettext

from perhekeskus.staff import sessions


class IdleTimeoutMiddleware:
    """After django_otp's OTPMiddleware; before the messages middleware, whose work it does
    itself for the redirect it answers with."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES or not request.user.is_authenticated:
            return self.get_response(request)
        now = sessions.now_epoch()
        if sessions.session_expired(request.session, now=now):
            return self.timed_out(request)
        sessions.session_touch(request.session, now=now)
        return self.get_response(request)

    def timed_out(self, request: HttpRequest) -> HttpResponse:
        """Log out; the API answers as to anyone not logged in, pages send to the login."""
        logout(request)
        request.user.is_verified = lambda: False  # type: ignore[union-attr]
        if request.path.startswith("/api/"):
            return self.get_response(request)
        response = _to_login(request)
        request._messages = default_storage(request)  # type: ignore[attr-defined]
        minutes = sessions.idle_minutes()
        messages.warning(
            request,
            ngettext(
                "Your session timed out after %(minutes)d minute without activity. "
                "Please log in again.",
                "Your session timed out after %(minutes)d minutes without activity. "
                "Please log in again.",
                minutes,
            )
            % {"minutes": minutes},
        )
        request._messages.update(response)  # type: ignore[attr-defined]
        return response


def _to_login(request: HttpRequest) -> HttpResponse:
    """The right login page, with the way back when there is one (a GET of some other page)."""
    try:
        admin_login = reverse("admin:login")
        admin_root = reverse("admin:index")
    except NoReverseMatch:  # pragma: no cover - the admin is always installed here
        admin_login = admin_root = ""
    staff_login = reverse("staff:login")
    login_url = admin_login if admin_root and request.path.startswith(admin_root) else staff_login
    # A family member's own view has a login of its own (strong identification).
    if request.path.startswith(reverse("family_portal:home")):
        login_url = reverse("family_portal:login")
    back = request.get_full_path()
    if request.method not in ("GET", "HEAD") or request.path.startswith(staff_login):
        back = ""
    url = redirect_to_login(back, login_url).url if back else login_url
    if request.headers.get("HX-Request"):
        # htmx would put the login page inside the fragment it asked for; send the whole
        # window there instead.
        response = HttpResponse(status=200)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)
