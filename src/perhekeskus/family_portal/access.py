"""Who is a family member at the family's own view: logged in through strong identification,
with a family login. Views call `family_member_required`; nothing else decides it."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from perhekeskus.family_portal.selectors import family_member_of

View = Callable[..., HttpResponse]


def family_member_required(view: View) -> View:
    """Anyone but a logged-in family member (an anonymous visitor, a professional, an
    administrator) goes to the family login."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        person = family_member_of(request.user)
        if person is None:
            return redirect("family_portal:login")
        request.family_member = person  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped
