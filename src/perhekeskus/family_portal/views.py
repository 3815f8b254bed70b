"""The family's own view (perheen oma asiointi): login through strong identification, the
family's page, its access log and the family member's consents. Thin: the selectors and
services ask the one road to client data and write the audit events; a family or a consent
the member may not reach is the site's normal 404, as one that does not exist."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from perhekeskus.clients.models import FamilyMember, Person, Relation
from perhekeskus.consent.models import DataCategory
from perhekeskus.consent.services import (
    consent_give_by_family_member,
    consent_revoke_by_family_member,
)
from perhekeskus.errors import DomainError, NotFound
from perhekeskus.family_portal import selectors
from perhekeskus.family_portal.access import family_member_required
from perhekeskus.family_portal.backends import REFUSED_SESSION_KEY, family_login_configured
from perhekeskus.family_portal.forms import ConsentGiveForm
from perhekeskus.family_portal.services import family_login_open
from perhekeskus.parenting.selectors import saved_plans_of
from perhekeskus.rows import int_or_none

LANGUAGE_SESSION_KEY = "family_portal_language"
BACKEND = "perhekeskus.family_portal.backends.FamilyLoginBackend"
DEMO_MEMBERS = 40


def _me(request: HttpRequest) -> Person:
    return request.family_member  # type: ignore[attr-defined, no-any-return]


# --- Login ------------------------------------------------------------------------------------


@require_safe
def login(request: HttpRequest) -> HttpResponse:
    """The way in: strong identification, and in the demo (DEBUG) a family member to pick."""
    if selectors.family_member_of(request.user) is not None:
        return redirect("family_portal:home")
    start = f"{reverse('oidc_authentication_init')}?lang={translation.get_language()}"
    return render(
        request,
        "family_portal/login.html",
        {
            "configured": family_login_configured(),
            "start_url": start,
            "demo_members": _demo_members() if settings.DEBUG else [],
        },
    )


def _demo_members() -> list[FamilyMember]:
    return list(
        FamilyMember.objects.filter(relation=Relation.GUARDIAN)
        .select_related("person", "family")
        .order_by("family__name", "person__given_names")[:DEMO_MEMBERS]
    )


@require_POST
def demo_login(request: HttpRequest) -> HttpResponse:
    """The demo's login without identification: only with DEBUG on, a 404 otherwise."""
    if not settings.DEBUG:
        raise Http404
    pk = int_or_none(request.POST.get("person"))
    person = Person.objects.filter(pk=pk).first() if pk is not None else None
    if person is None or not FamilyMember.objects.filter(person=person).exists():
        raise Http404
    auth_login(request, family_login_open(person=person), backend=BACKEND)
    return redirect("family_portal:home")


@require_safe
def login_failed(request: HttpRequest) -> HttpResponse:
    """Identification went through but found no client, or was cancelled: say which."""
    reason = request.session.pop(REFUSED_SESSION_KEY, "")
    return render(
        request,
        "family_portal/login_failed.html",
        {"unknown_person": reason == "unknown_person"},
        status=403 if reason else 200,
    )


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    if selectors.family_member_of(request.user) is not None:
        auth_logout(request)
    messages.info(request, _("You have logged out."))
    return redirect("family_portal:login")


class FamilyLoginStart(OIDCAuthenticationRequestView):  # type: ignore[misc]
    """To the identification service, remembering the language the family member reads."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if family_login_configured():
            super().__init__(*args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not family_login_configured():
            raise Http404
        # The return address is the same in every language: the language waits in the session.
        lang = request.GET.get("lang", "")
        known = {code for code, _name in settings.LANGUAGES}
        request.session[LANGUAGE_SESSION_KEY] = (
            lang if lang in known else translation.get_language()
        )
        return super().get(request)  # type: ignore[no-any-return]


class FamilyLoginCallback(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """The identification service's return: to the family's page, or to a page that says why
    not, in the language the family member started in."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not family_login_configured():
            raise Http404
        with translation.override(
            request.session.get(LANGUAGE_SESSION_KEY) or translation.get_language()
        ):
            return super().get(request)  # type: ignore[no-any-return]

    @property
    def failure_url(self) -> str:
        return reverse("family_portal:login_failed")

    @property
    def success_url(self) -> str:
        return reverse("family_portal:home")

    def login_failure(self) -> HttpResponse:
        return HttpResponseRedirect(self.failure_url)


# --- The family's pages -----------------------------------------------------------------------


@require_safe
@family_member_required
def home(request: HttpRequest) -> HttpResponse:
    """Each of the member's families: processes, plan, referrals, meetings."""
    me = _me(request)
    today = timezone.localdate()
    overviews = [
        selectors.family_overview(person=me, family_id=membership.family_id, today=today)
        for membership in selectors.families_of(person=me)
    ]
    context = {
        "me": me,
        "overviews": overviews,
        "today": today,
        "saved_plans": saved_plans_of(me),
    }
    return render(request, "family_portal/home.html", context)


@require_safe
@family_member_required
def access_log(request: HttpRequest, family_id: int) -> HttpResponse:
    """Who has handled the family's data, when, what and why."""
    me = _me(request)
    try:
        lines = selectors.family_access_log(person=me, family_id=family_id)
    except NotFound:
        raise Http404 from None
    family = FamilyMember.objects.select_related("family").get(person=me, family_id=family_id)
    return render(
        request,
        "family_portal/access_log.html",
        {"me": me, "family": family.family, "lines": lines},
    )


@family_member_required
def consents(request: HttpRequest) -> HttpResponse:
    """The member's own consents and their children's; give a new one."""
    me = _me(request)
    people = selectors.consents_for(viewer=me)
    deciding = [entry.person for entry in people if entry.decides]
    form = ConsentGiveForm(request.POST or None, persons=deciding)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = form.persons.get(data["person"])
        try:
            if person is None:
                raise NotFound
            consent_give_by_family_member(
                person=person,
                by=me,
                category=data["category"],
                recipient=data["recipient"],
                purpose=data["purpose"],
                valid_until=data["valid_until"],
            )
        except NotFound:
            raise Http404 from None
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The consent is in force from now on."))
            return redirect("family_portal:consents")
    elif request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    return render(
        request,
        "family_portal/consents.html",
        {"me": me, "people": people, "form": form, "categories": DataCategory.choices},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@require_POST
@family_member_required
def consent_revoke(request: HttpRequest, consent_id: int) -> HttpResponse:
    """Revoked at once: nothing more is shared under the consent."""
    try:
        consent_revoke_by_family_member(consent_id=consent_id, by=_me(request))
    except NotFound:
        raise Http404 from None
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The consent is revoked. Nothing more is shared under it."))
    return redirect("family_portal:consents")
