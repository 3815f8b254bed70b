"""The professionals' workspace (työpöytä): the caseload, one family's page with its
consents, intake and a client process with its plan. Thin: the selectors and services ask the
one road to client data and write the audit events; a family or process the professional may
not see is the site's normal 404, exactly as one that does not exist. Writes are POSTs that
redirect; a refused one shows the page again with what was typed and why."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied as Forbidden
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from perhekeskus.audit.services import AlreadyReviewed, SelfReviewRefused, audit_review
from perhekeskus.consent.access import actor_of
from perhekeskus.consent.services import consent_record, consent_revoke, self_determination_record
from perhekeskus.errors import DomainError, NotFound, StaleEdit
from perhekeskus.processes import services as process_services
from perhekeskus.staff.access import professional_required
from perhekeskus.staff.models import Professional
from perhekeskus.workspace import selectors
from perhekeskus.workspace.forms import (
    ActionForm,
    CloseForm,
    ConsentForm,
    IntakeForm,
    MemberForm,
    OwnWorkerForm,
    PlanForm,
    ProcessOpenForm,
    SelfDeterminationForm,
    StartForm,
    error_to_form,
    member_forms,
)


def _me(request: HttpRequest) -> Professional:
    return request.professional  # type: ignore[attr-defined]


@require_safe
@professional_required
def caseload(request: HttpRequest) -> HttpResponse:
    """The families in the organisation's care, the overdue processes and the referrals."""
    today = timezone.localdate()
    pages = {name: request.GET.get(f"{name}_page") for name in selectors.SECTIONS}
    workspace = selectors.workspace_for(professional=_me(request), today=today, pages=pages)
    return render(
        request,
        "workspace/caseload.html",
        {"workspace": workspace, "today": today, "me": _me(request)},
    )


@require_safe
@professional_required
def family(request: HttpRequest, family_id: int) -> HttpResponse:
    """One family: the safety instruction first, then members, processes and referrals."""
    today = timezone.localdate()
    try:
        page = selectors.family_page(professional=_me(request), family_id=family_id, today=today)
    except NotFound:
        raise Http404 from None
    return _family_render(request, page, today)


def _family_render(
    request: HttpRequest,
    page: selectors.FamilyPage,
    today: Any,
    *,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    consents = selectors.family_consents(family=page.family, today=today)
    forms.setdefault("self_determination_form", SelfDeterminationForm(children=consents.children))
    context = {"page": page, "today": today, "me": _me(request), "consents": consents, **forms}
    return render(request, "workspace/family.html", context, status=status)


# --- Intake and a new process -----------------------------------------------------------------

INTAKE_MESSAGES = {
    "kind": gettext_lazy(
        "The organisation already has an open process of this kind with the family."
    ),
    "arose_on": gettext_lazy("The matter cannot arise in the future."),
    "support_needs": gettext_lazy("Choose the needs from the list."),
}


@require_http_methods(["GET", "HEAD", "POST"])
@professional_required
def intake(request: HttpRequest) -> HttpResponse:
    """A family that came through a door (a meeting place, a clinic, its own contact…) is
    registered with its members, taken into the organisation's care and a process opened,
    all in one go or not at all."""
    data = request.POST if request.method == "POST" else None
    form = IntakeForm(data)
    members = member_forms(data)
    if data is not None:
        valid = form.is_valid() & all([m.is_valid() for m in members])
        filled = [m for m in members if not m.is_blank]
        if valid and not filled:
            form.add_error(None, _("Give at least one member of the family."))
            valid = False
        if valid:
            try:
                process = _intake_record(form, filled, _me(request))
            except DomainError as error:
                error_to_form(form, error, INTAKE_MESSAGES)
            else:
                messages.success(request, _("The family was registered and a process opened."))
                return redirect("workspace:process", process_id=process.pk)
    status = 400 if form.errors or any(m.errors for m in members) else 200
    context = {"form": form, "members": members, "me": _me(request)}
    return render(request, "workspace/intake.html", context, status=status)


def _intake_record(form: IntakeForm, members: list[MemberForm], by: Professional) -> Any:
    data = form.cleaned_data
    return process_services.intake_record(
        family_name=data["family_name"],
        members=[m.new_member() for m in members],
        safety_flag=data["safety_flag"],
        safety_note=data["safety_note"],
        kind=data["kind"],
        door=data["door"],
        arose_on=data["arose_on"],
        support_need_words=data["support_need_words"],
        support_needs=data["support_needs"],
        by=by,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@professional_required
def process_new(request: HttpRequest, family_id: int) -> HttpResponse:
    """A new client process with a family already in the organisation's care."""
    today = timezone.localdate()
    try:
        page = selectors.family_page(professional=_me(request), family_id=family_id, today=today)
    except NotFound:
        raise Http404 from None
    form = ProcessOpenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            process = process_services.process_open(
                family_id=page.family.pk,
                kind=data["kind"],
                door=data["door"],
                arose_on=data["arose_on"],
                support_need_words=data["support_need_words"],
                support_needs=data["support_needs"],
                by=_me(request),
            )
        except NotFound:
            raise Http404 from None
        except DomainError as error:
            error_to_form(form, error, INTAKE_MESSAGES)
        else:
            messages.success(request, _("The process was opened."))
            return redirect("workspace:process", process_id=process.pk)
    context = {"page": page, "form": form, "me": _me(request)}
    return render(
        request, "workspace/process_new.html", context, status=400 if form.errors else 200
    )


# --- One process ------------------------------------------------------------------------------

PLAN_MESSAGES = {
    "review_on": gettext_lazy("The review cannot be before the matter arose."),
    "support_needs": gettext_lazy("Choose the needs from the list."),
    "started_on": gettext_lazy("Give a day between the matter arising and today."),
    "due_on": gettext_lazy("The action cannot be due before the matter arose."),
    "who": gettext_lazy("This professional's organisation does not care for the family."),
    "what": gettext_lazy("Write what is done and who does it."),
    "worker": gettext_lazy("This professional is the own worker already."),
    "kind": gettext_lazy("An own worker is assigned in a process of many services."),
    "reason": gettext_lazy("Say why the role is handed over."),
    "outcome_note": gettext_lazy("Say how the process ended."),
}


def _process_forms(page: selectors.ProcessPage, **bound: Any) -> dict[str, Any]:
    process = page.process
    forms: dict[str, Any] = {
        "start_form": StartForm(),
        "plan_form": PlanForm(
            initial={
                "support_need_words": process.support_need_words,
                "support_needs": process.support_needs,
                "goals": process.goals,
                "review_on": process.review_on,
                "version": process.version,
            }
        ),
        "action_form": ActionForm(colleagues=page.colleagues),
        "own_worker_form": OwnWorkerForm(
            colleagues=page.colleagues, handing_over=process.own_worker_id is not None
        ),
        "close_form": CloseForm(),
    }
    forms.update(bound)
    return forms


def _process_page(request: HttpRequest, process_id: int) -> selectors.ProcessPage:
    try:
        return selectors.process_page(
            professional=_me(request), process_id=process_id, today=timezone.localdate()
        )
    except NotFound:
        raise Http404 from None


def _process_render(
    request: HttpRequest, page: selectors.ProcessPage, *, status: int = 200, **bound: Any
) -> HttpResponse:
    context = {
        "page": page,
        "me": _me(request),
        "today": timezone.localdate(),
        "is_many_services": page.process.kind == page.process.Kind.MANY_SERVICES,
        **_process_forms(page, **bound),
    }
    return render(request, "workspace/process.html", context, status=status)


@require_safe
@professional_required
def process(request: HttpRequest, process_id: int) -> HttpResponse:
    """A client process: the safety instruction first, the deadlines, the plan, the actions,
    the own worker and the family's referrals, with the forms to carry the work on."""
    return _process_render(request, _process_page(request, process_id))


def _process_write(
    request: HttpRequest,
    page: selectors.ProcessPage,
    form_name: str,
    form: Any,
    write: Any,
    done: str,
) -> HttpResponse:
    """Check the form, do the write; on success back to the process, otherwise the page again
    (read anew: someone may have changed it) with the form as typed and what was wrong."""
    process_id = page.process.pk
    status = 400
    if form.is_valid():
        try:
            write(form)
        except NotFound:
            raise Http404 from None
        except StaleEdit as error:
            form.add_error(None, str(error.message))
            status = 409
        except DomainError as error:
            error_to_form(form, error, PLAN_MESSAGES)
            status = error.status
        else:
            messages.success(request, done)
            return redirect("workspace:process", process_id=page.process.pk)
        page = _process_page(request, process_id)
    return _process_render(request, page, status=status, **{form_name: form})


@require_POST
@professional_required
def process_start(request: HttpRequest, process_id: int) -> HttpResponse:
    page = _process_page(request, process_id)
    return _process_write(
        request,
        page,
        "start_form",
        StartForm(request.POST),
        lambda form: process_services.process_start(
            process_id=process_id, by=_me(request), started_on=form.cleaned_data["started_on"]
        ),
        _("Work with the family has started."),
    )


@require_POST
@professional_required
def process_plan(request: HttpRequest, process_id: int) -> HttpResponse:
    page = _process_page(request, process_id)
    return _process_write(
        request,
        page,
        "plan_form",
        PlanForm(request.POST),
        lambda form: process_services.process_update_plan(
            process_id=process_id,
            goals=form.cleaned_data["goals"],
            support_need_words=form.cleaned_data["support_need_words"],
            support_needs=form.cleaned_data["support_needs"],
            review_on=form.cleaned_data["review_on"],
            version=form.cleaned_data["version"],
            by=_me(request),
        ),
        _("The plan was saved."),
    )


@require_POST
@professional_required
def action_add(request: HttpRequest, process_id: int) -> HttpResponse:
    page = _process_page(request, process_id)
    form = ActionForm(request.POST, colleagues=page.colleagues)
    return _process_write(
        request,
        page,
        "action_form",
        form,
        lambda form: process_services.plan_action_add(
            process_id=process_id,
            what=form.cleaned_data["what"],
            who=form.professional,
            who_text=form.cleaned_data["who_text"],
            due_on=form.cleaned_data["due_on"],
            method=form.chosen_method,
            by=_me(request),
        ),
        _("The action was added to the plan."),
    )


@require_POST
@professional_required
def action_done(request: HttpRequest, process_id: int, action_id: int) -> HttpResponse:
    page = _process_page(request, process_id)
    if action_id not in {action.id for action in page.actions}:
        raise Http404
    try:
        process_services.plan_action_done(action_id=action_id, by=_me(request))
    except NotFound:
        raise Http404 from None
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The action was marked done."))
    return redirect("workspace:process", process_id=page.process.pk)


@require_POST
@professional_required
def own_worker(request: HttpRequest, process_id: int) -> HttpResponse:
    page = _process_page(request, process_id)
    form = OwnWorkerForm(
        request.POST,
        colleagues=page.colleagues,
        handing_over=page.process.own_worker_id is not None,
    )
    return _process_write(
        request,
        page,
        "own_worker_form",
        form,
        lambda form: process_services.own_worker_assign(
            process_id=process_id,
            worker=form.professional,
            reason=form.cleaned_data["reason"],
            by=_me(request),
        ),
        _("The own worker was assigned."),
    )


@require_POST
@professional_required
def process_close(request: HttpRequest, process_id: int) -> HttpResponse:
    page = _process_page(request, process_id)
    return _process_write(
        request,
        page,
        "close_form",
        CloseForm(request.POST),
        lambda form: process_services.process_close(
            process_id=process_id,
            outcome=form.cleaned_data["outcome"],
            outcome_note=form.cleaned_data["outcome_note"],
            by=_me(request),
        ),
        _("The process was closed."),
    )


# --- Consents on the family page --------------------------------------------------------------

CONSENT_MESSAGES = {
    "given_by": gettext_lazy(
        "Only the person, or for a child a guardian, may consent (or the child who decides "
        "for themself)."
    ),
    "valid_until": gettext_lazy("A consent is valid from today on."),
    "reason": gettext_lazy("Write why the child is able to decide."),
}


def _family_write(
    request: HttpRequest, family_id: int, form_name: str, make: Any, write: Any, done: str
) -> HttpResponse:
    today = timezone.localdate()
    try:
        page = selectors.family_page(professional=_me(request), family_id=family_id, today=today)
    except NotFound:
        raise Http404 from None
    form = make(selectors.family_consents(family=page.family, today=today))
    if _written(request, form, write):
        messages.success(request, done)
        return redirect("workspace:family", family_id=page.family.pk)
    return _family_render(request, page, today, status=400, **{form_name: form})


def _written(request: HttpRequest, form: Any, write: Any) -> bool:
    """Check the form and do the write; False, with the reason on the form, when refused."""
    if not form.is_valid():
        return False
    try:
        write(form)
    except NotFound:
        raise Http404 from None
    except DomainError as error:
        error_to_form(form, error, CONSENT_MESSAGES)
        return False
    return True


@require_http_methods(["GET", "HEAD", "POST"])
@professional_required
def consent_add(request: HttpRequest, family_id: int) -> HttpResponse:
    """Recording a consent on its own page: whose data, given by whom, which kinds, to which
    organisation (the family's own organisations and those of the professional's wellbeing
    services county offered first, every organisation on request), for what and until when."""
    me = _me(request)
    try:
        access = selectors.consent_form_access(professional=me, family_id=family_id)
    except NotFound:
        raise Http404 from None
    family = access.family
    data = request.POST if request.method == "POST" else None
    show_all = request.GET.get("all") == "1"
    form = ConsentForm(data, persons=access.persons)

    def write(form: ConsentForm) -> None:
        with transaction.atomic():
            for category in form.cleaned_data["categories"]:
                consent_record(
                    person=form.person_of("person"),
                    given_by=form.person_of("given_by"),
                    category=category,
                    recipient=form.cleaned_data["recipient"],
                    purpose=form.cleaned_data["purpose"],
                    valid_until=form.cleaned_data["valid_until"],
                    by=_me(request),
                )

    if data is not None and _written(request, form, write):
        messages.success(request, _("The consent was recorded."))
        return redirect("workspace:family", family_id=family.pk)
    recipients = selectors.consent_recipients(professional=me, family=family, every=show_all)
    chosen = form["recipient"].value()
    if chosen and not recipients.offers(chosen):
        # The organisation typed came from the whole list: keep offering it.
        recipients = selectors.consent_recipients(professional=me, family=family, every=True)
    form.offer_recipients(recipients.groups)
    context = {"family": family, "form": form, "me": me, "recipients": recipients}
    status = 400 if form.errors else 200
    return render(request, "workspace/consent_new.html", context, status=status)


@require_POST
@professional_required
def consent_withdraw(request: HttpRequest, family_id: int, consent_id: int) -> HttpResponse:
    """Revoked at once: nothing more is shared under the consent."""
    try:
        consent = selectors.consent_of_family(
            professional=_me(request), family_id=family_id, consent_id=consent_id
        )
        consent_revoke(consent=consent, by=_me(request))
    except NotFound:
        raise Http404 from None
    messages.success(request, _("The consent was revoked. Nothing more is shared under it."))
    return redirect("workspace:family", family_id=family_id)


@require_POST
@professional_required
def self_determination(request: HttpRequest, family_id: int) -> HttpResponse:
    return _family_write(
        request,
        family_id,
        "self_determination_form",
        lambda consents: SelfDeterminationForm(request.POST, children=consents.children),
        lambda form: self_determination_record(
            child=form.person,
            category=form.cleaned_data["category"],
            reason=form.cleaned_data["reason"],
            refuses_guardians=form.cleaned_data["refuses_guardians"],
            by=_me(request),
        ),
        _("The child's right to decide was recorded."),
    )


# --- Supervision of unusual access ------------------------------------------------------------
# A professional who is not a coordinator gets 403, not 404: the page holds no one family's
# data, its address is no secret, and "you may not" is the honest answer (the attempt is
# recorded as denied). An event of another organisation is 404, as one that does not exist.

NOTE_MAX_LENGTH = 2000


@require_safe
@professional_required
def supervision(request: HttpRequest) -> HttpResponse:
    """For a family centre coordinator: the own organisation's emergency access to review,
    bursts over many families and denied attempts, over the period chosen (?days=)."""
    days = selectors.supervision_days(request.GET.get("days"))
    try:
        page = selectors.supervision_for(professional=_me(request), days=days, now=timezone.now())
    except selectors.NotASupervisor:
        raise Forbidden from None
    context = {
        "page": page,
        "me": _me(request),
        "day_choices": (1, 7, 30, 90),
        "note_max_length": NOTE_MAX_LENGTH,
    }
    return render(request, "workspace/supervision.html", context)


@require_POST
@professional_required
def supervision_review(request: HttpRequest, sequence: int) -> HttpResponse:
    """The coordinator has looked into an emergency access: recorded with a note. Nobody
    reviews their own; an event reviewed already is not reviewed twice."""
    me = _me(request)
    try:
        event = selectors.supervised_event(professional=me, sequence=sequence)
    except selectors.NotASupervisor:
        raise Forbidden from None
    except NotFound:
        raise Http404 from None
    note = request.POST.get("note", "").strip()[:NOTE_MAX_LENGTH]
    back = redirect("workspace:supervision")
    if "days" in request.POST:
        back["Location"] += f"?days={selectors.supervision_days(request.POST['days'])}"
    try:
        audit_review(event=event, by=actor_of(me), note=note)
    except AlreadyReviewed as error:
        messages.info(request, str(error.message))
    except SelfReviewRefused as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The emergency access was marked reviewed."))
    return back
