"""Who is a professional at work: logged in, with the second factor, and with a professional
account. Views call `professional_required`; nothing else decides it (deny by default)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from perhekeskus.staff.models import Professional


def professional_of(request: HttpRequest) -> Professional | None:
    """The professional behind this request, only once the second factor is verified."""
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return None
    is_verified = getattr(user, "is_verified", None)
    if is_verified is None or not is_verified():
        return None
    return (
        Professional.objects.select_related("organisation", "municipality", "user")
        .filter(user=user)
        .first()
    )


View = Callable[..., HttpResponse]


def professional_required(view: View) -> View:
    """Anonymous visitors and half-logged-in users go to the login; a verified user without a
    professional account gets 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        professional = professional_of(request)
        if professional is None:
            if request.user.is_authenticated and getattr(request.user, "is_verified", bool)():
                raise PermissionDenied
            return redirect_to_login(request.get_full_path(), reverse("staff:login"))
        request.professional = professional  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped
