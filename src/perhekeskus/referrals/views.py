"""The referral pages (lähetteet): writing one from a family, the organisation's incoming and
sent referrals, and one referral with the steps its status allows. Thin: the selectors and
services ask `consent.access` / `referrals.access` and write the audit events; a family or a
referral the professional may not reach is the site's normal 404, as one that does not exist.
"""

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from perhekeskus.errors import InvalidInput, InvalidTransition, NotFound
from perhekeskus.referrals import selectors, services
from perhekeskus.referrals.forms import (
    AcceptForm,
    DeclineForm,
    ReferralForm,
    StepForm,
    WithdrawForm,
    referral_initial,
)
from perhekeskus.referrals.models import Basis
from perhekeskus.referrals.states import Action
from perhekeskus.staff.access import professional_required
from perhekeskus.staff.models import Professional

STEP_FORMS: dict[str, type[StepForm]] = {
    Action.RECEIVE: StepForm,
    Action.ACCEPT: AcceptForm,
    Action.FIRST_CONTACT: StepForm,
    Action.COMPLETE: StepForm,
    Action.DECLINE: DeclineForm,
    Action.WITHDRAW: WithdrawForm,
}


def _me(request: HttpRequest) -> Professional:
    return request.professional  # type: ignore[attr-defined]


@require_http_methods(["GET", "HEAD", "POST"])
@professional_required
def new(request: HttpRequest, family_id: int) -> HttpResponse:
    """Write a referral. "Check consents" shows, for the receiver, persons and information
    chosen, whose consent covers what; "Send" sends it, or shows why not, keeping the text."""
    me = _me(request)
    posted = request.POST if request.method == "POST" else None
    try:
        draft = selectors.referral_draft(professional=me, family_id=family_id)
    except NotFound:
        raise Http404 from None
    form = ReferralForm(
        posted,
        draft=draft,
        organisation_id=me.organisation_id,
        professional=me,
        initial=referral_initial(request.GET),
    )
    status = 200
    if posted is not None and form.is_valid():
        data = form.cleaned_data
        draft = selectors.referral_draft(
            professional=me,
            family_id=family_id,
            to_organisation_id=data["to_organisation"].pk,
            person_ids=tuple(data["persons"]),
            categories=tuple(data["shared_categories"]),
        )
        if "send" in posted:
            try:
                referral = services.referral_send(
                    family_id=family_id,
                    persons=data["persons"],
                    to_organisation=data["to_organisation"],
                    to_service=data["to_service"],
                    reason=data["reason"],
                    shared_categories=data["shared_categories"],
                    basis=data["basis"],
                    legal_basis_text=data["legal_basis_text"],
                    warm_handoff=data["warm_handoff"],
                    handoff_meeting_at=data["handoff_meeting_at"],
                    method=data["method"],
                    by=me,
                )
            except NotFound:
                raise Http404 from None
            except InvalidInput as refusal:
                form.refused(refusal)
                status = 400
            else:
                messages.success(request, _("The referral was sent."))
                return redirect("referrals:detail", referral_id=referral.pk)
    elif posted is not None:
        status = 400
    return render(
        request,
        "referrals/new.html",
        {"form": form, "draft": draft, "consent_basis": Basis.CONSENT, "me": me},
        status=status,
    )


@require_safe
@professional_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The organisation's incoming referrals: those waiting to be received or decided on, the
    first due first, and those taken on and not yet completed."""
    me, today = _me(request), timezone.localdate()
    return render(
        request,
        "referrals/inbox.html",
        {
            "waiting": selectors.referrals_inbox(professional=me, today=today),
            "in_progress": selectors.referrals_in_progress(professional=me, today=today),
            "me": me,
        },
    )


@require_safe
@professional_required
def sent(request: HttpRequest) -> HttpResponse:
    """The organisation's sent referrals, the ones to remind the receiver of first."""
    me, today = _me(request), timezone.localdate()
    return render(
        request,
        "referrals/sent.html",
        {
            "reminders": selectors.referrals_needing_reminder(professional=me, today=today),
            "sent": selectors.referrals_sent(professional=me, today=today),
            "me": me,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@professional_required
def detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    """One referral; a POST takes the step its `action` names, on the version the page
    showed. Someone else having acted first is said in words, with the page as it now is."""
    me = _me(request)
    forms_by_action: dict[str, forms.Form] = {}
    status = 200
    problem = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        form_class = STEP_FORMS.get(action)
        if form_class is None:
            return HttpResponse(status=400)
        form = form_class(request.POST, prefix=action)
        if form.is_valid():
            try:
                _take_step(action, referral_id, me, form.cleaned_data)
            except NotFound:
                raise Http404 from None
            except InvalidTransition as overtaken:
                problem = str(overtaken.message)
                status = 409
            except InvalidInput as refusal:
                form.add_error(None, str(refusal.message))
                forms_by_action[action] = form
                status = 400
            else:
                messages.success(request, _step_done(action))
                return redirect("referrals:detail", referral_id=referral_id)
        else:
            forms_by_action[action] = form
            status = 400
    try:
        page = selectors.referral_page(referral_id=referral_id, professional=me)
    except NotFound:
        raise Http404 from None
    step_forms = {
        action: forms_by_action.get(action)
        or STEP_FORMS[action](prefix=action, initial=_initial(action, page.version))
        for action in page.actions
    }
    return render(
        request,
        "referrals/detail.html",
        {"page": page, "step_forms": step_forms, "problem": problem, "me": me},
        status=status,
    )


def _initial(action: str, version: int) -> dict[str, Any]:
    initial: dict[str, Any] = {"version": version}
    if action == Action.ACCEPT:
        initial["first_contact_by"] = timezone.localdate() + timedelta(days=7)
    return initial


def _take_step(action: str, referral_id: int, me: Professional, data: dict[str, Any]) -> None:
    common = {"referral_id": referral_id, "by": me, "seen_version": data["version"]}
    if action == Action.RECEIVE:
        services.referral_receive(**common)
    elif action == Action.ACCEPT:
        services.referral_accept(first_contact_by=data["first_contact_by"], **common)
    elif action == Action.FIRST_CONTACT:
        services.referral_record_first_contact(**common)
    elif action == Action.COMPLETE:
        services.referral_complete(**common)
    elif action == Action.DECLINE:
        services.referral_decline(
            reason_kind=data["reason_kind"],
            reason=data["reason"],
            suggested_alternative=data["suggested_alternative"],
            **common,
        )
    else:
        services.referral_withdraw(reason=data["reason"], **common)


def _step_done(action: str) -> str:
    done: dict[str, str] = {
        Action.RECEIVE: _("The referral is marked as received."),
        Action.ACCEPT: _("The referral is accepted: your organisation now cares for the family."),
        Action.FIRST_CONTACT: _("The first contact with the family is recorded."),
        Action.COMPLETE: _("The referral is completed."),
        Action.DECLINE: _("The referral is declined; the sender sees your reason."),
        Action.WITHDRAW: _("The referral is withdrawn."),
    }
    return done[action]
