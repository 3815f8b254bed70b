"""The professionals' login (kirjautuminen): username and password, then a code from an
authenticator app (TOTP). The first time, the app is set up (enrolment) by scanning a QR code.
A professional who has added a passkey may use it instead of the code (`passkeys`); the page
of passkeys lists, names and removes them.

Only after the code is the professional verified; `access.professional_required` lets no one in
on the password alone. Wrong passwords and wrong codes are counted per username (`throttle`).
"""

from typing import Any, cast

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.contrib.auth import login as auth_login
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from perhekeskus.errors import NotFound
from perhekeskus.staff import relying_party, selectors, services, sessions, throttle
from perhekeskus.staff.access import professional_of, professional_required
from perhekeskus.staff.forms import CodeForm, LoginForm, PasskeyNameForm


def _next(request: HttpRequest) -> str:
    """Where the professional was going, if it is a page of this site; else nothing."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def home_url() -> str:
    """Where a professional lands after the login."""
    try:
        return reverse("inbox:home")
    except NoReverseMatch:
        return "/"


def _step(name: str, next_url: str) -> HttpResponseRedirect:
    url = reverse(name)
    return HttpResponseRedirect(f"{url}?{urlencode({'next': next_url})}" if next_url else url)


def _locked_message() -> str:
    minutes = throttle.lock_minutes()
    return ngettext(
        "Too many failed attempts. Wait %(minutes)d minute and try again.",
        "Too many failed attempts. Wait %(minutes)d minutes and try again.",
        minutes,
    ) % {"minutes": minutes}


def _no_role(request: HttpRequest, username: str) -> HttpResponse:
    return render(request, "staff/no_role.html", {"username": username}, status=403)


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    """Step 1: username and password. The error never tells whether the username exists."""
    next_url = _next(request)
    if professional_of(request) is not None:
        return HttpResponseRedirect(next_url or home_url())
    if request.method != "POST" and _pending_professional(request):
        return _step("staff:verify", next_url)  # past the password already: the code next
    form = LoginForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_valid():
        username = form.cleaned_data["username"]
        if throttle.is_locked(throttle.PASSWORD, username):
            form.add_error(None, _locked_message())
            status = 429
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                throttle.failure_record(throttle.PASSWORD, username)
                form.add_error(
                    None,
                    _("The username or the password is wrong. Check them and try again."),
                )
            else:
                throttle.failures_clear(throttle.PASSWORD, username)
                if selectors.professional_of_user(user) is None:
                    return _no_role(request, user.get_username())
                auth_login(request, user)  # a new session key: no fixation
                sessions.session_start(request.session)
                step = "staff:verify" if selectors.has_authenticator(user) else "staff:enrol"
                return _step(step, next_url)
    return render(request, "staff/login.html", {"form": form, "next": next_url}, status=status)


def _pending_professional(request: HttpRequest) -> bool:
    """Past the password step, not yet past the code, and a professional."""
    user = request.user
    return user.is_authenticated and selectors.professional_of_user(user) is not None


def _second_step(request: HttpRequest, next_url: str) -> HttpResponse | None:
    """Who may be at the code step: someone past the password, not yet verified, with a
    professional account. Anyone else is sent where they belong."""
    if not request.user.is_authenticated:
        return _step("staff:login", next_url)
    if professional_of(request) is not None:
        return HttpResponseRedirect(next_url or home_url())
    if selectors.professional_of_user(request.user) is None:
        return _no_role(request, request.user.get_username())
    return None


def _past_password(request: HttpRequest) -> AbstractBaseUser:
    """The user who passed the password step (`_second_step` has made sure of it)."""
    return cast(AbstractBaseUser, request.user)


def _code_accepted(request: HttpRequest, device: TOTPDevice, next_url: str) -> HttpResponse:
    throttle.failures_clear(throttle.CODE, request.user.get_username())
    otp_login(request, device)
    request.session.cycle_key()  # a new key again now that the session is worth more
    return HttpResponseRedirect(next_url or home_url())


def _code_refused(request: HttpRequest, form: CodeForm) -> None:
    """Count the failure and say why."""
    throttle.failure_record(throttle.CODE, request.user.get_username())
    form.add_error(
        "token",
        _("The code is wrong or has expired. Enter the code your authenticator app shows now."),
    )


def _code_held_back(request: HttpRequest, form: CodeForm, devices: list[TOTPDevice]) -> bool:
    """Refused before any check: the username is locked after too many wrong codes, or
    django_otp's own short pause after a wrong code is still on (a try all the same)."""
    username = request.user.get_username()
    if throttle.is_locked(throttle.CODE, username):
        form.add_error(None, _locked_message())
        return True
    if selectors.codes_paused(devices):
        throttle.failure_record(throttle.CODE, username)
        form.add_error(None, _("Too many wrong codes in a row. Wait a moment and try again."))
        return True
    return False


@sensitive_post_parameters("token")
@csrf_protect
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Step 2: the 6-digit code from the authenticator app."""
    next_url = _next(request)
    elsewhere = _second_step(request, next_url)
    if elsewhere is not None:
        return elsewhere
    user = _past_password(request)
    if not selectors.has_authenticator(user):
        return _step("staff:enrol", next_url)
    form = CodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_valid():
        if _code_held_back(request, form, list(selectors.authenticators_of(user))):
            status = 429
        else:
            device = services.code_check(user=user, token=form.cleaned_data["token"])
            if device is not None:
                return _code_accepted(request, device, next_url)
            _code_refused(request, form)
    context = {
        "form": form,
        "next": next_url,
        "has_passkey": relying_party.passkeys_possible(request) and selectors.has_passkey(user),
    }
    return render(request, "staff/verify.html", context, status=status)


def _qr_svg(uri: str, title: str) -> str:
    """The QR code as inline SVG (no image from anywhere else), dark on white even in a dark
    theme, so that phones read it."""
    return str(
        segno.make_qr(uri, error="m").svg_inline(
            scale=5, border=4, dark="#000000", light="#ffffff", title=title, svgclass="qr-code"
        )
    )


@sensitive_post_parameters("token")
@csrf_protect
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """The first login: set up an authenticator app with the QR code or the secret as text,
    and confirm it with its first code. Only while the account has no confirmed app."""
    next_url = _next(request)
    elsewhere = _second_step(request, next_url)
    if elsewhere is not None:
        return elsewhere
    user = _past_password(request)
    if selectors.has_authenticator(user):
        return _step("staff:verify", next_url)
    device = services.enrolment_device(user=user, session=request.session)
    form = CodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_valid():
        if _code_held_back(request, form, [device]):
            status = 429
        else:
            confirmed = services.enrolment_confirm(
                device=device, token=form.cleaned_data["token"], session=request.session
            )
            if confirmed is not None:
                messages.success(request, _("Your authenticator app is set up."))
                return _code_accepted(request, confirmed, next_url)
            _code_refused(request, form)
    uri = device.config_url
    context: dict[str, Any] = {
        "form": form,
        "next": next_url,
        "qr_svg": _qr_svg(uri, _("QR code for your authenticator app")),
        "otpauth_uri": uri,
        "secret": selectors.secret_base32(device),
        "issuer": settings.OTP_TOTP_ISSUER,
        "account": user.get_username(),
    }
    return render(request, "staff/enrol.html", context, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Log out (POST only, so that no link or image can log anyone out)."""
    logout(request)
    messages.info(request, _("You have logged out."))
    return redirect("staff:login")


def _passkeys_page(
    request: HttpRequest, form: PasskeyNameForm | None = None, status: int = 200
) -> HttpResponse:
    context = {
        "passkeys": list(selectors.passkeys_of(request.user)),  # type: ignore[arg-type]
        "form": form or PasskeyNameForm(),
        "passkeys_possible": relying_party.passkeys_possible(request),
        "named_address": relying_party.named_address(request),
    }
    return render(request, "staff/passkeys.html", context, status=status)


@professional_required
@never_cache
@require_http_methods(["GET", "HEAD"])
def passkeys(request: HttpRequest) -> HttpResponse:
    """The professional's passkeys, and a button to add one (where the browser can)."""
    return _passkeys_page(request)


@professional_required
@require_POST
def passkey_name(request: HttpRequest) -> HttpResponse:
    """The name typed for the passkey the browser has just registered."""
    form = PasskeyNameForm(request.POST)
    if not form.is_valid():
        if "credential" in form.errors:
            raise Http404
        return _passkeys_page(request, form, status=400)
    try:
        passkey = services.passkey_name(
            user=request.user,  # type: ignore[arg-type]
            credential_id=form.cleaned_data["credential"],
            name=form.cleaned_data["name"],
        )
    except NotFound as error:
        raise Http404 from error
    messages.success(
        request,
        _("The passkey “%(name)s” is added. Next time you can log in with it instead of the code.")
        % {"name": passkey.name or _("Passkey without a name")},
    )
    return redirect("staff:passkeys")


@professional_required
@require_POST
def passkey_remove(request: HttpRequest, passkey_id: int) -> HttpResponse:
    """Remove one of one's own passkeys; another's is not found."""
    try:
        passkey = services.passkey_remove(
            user=request.user,  # type: ignore[arg-type]
            credential_id=passkey_id,
        )
    except NotFound as error:
        raise Http404 from error
    messages.success(
        request,
        _("The passkey “%(name)s” is removed. It no longer opens your account.")
        % {"name": passkey.name or _("Passkey without a name")},
    )
    return redirect("staff:passkeys")
