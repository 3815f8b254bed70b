"""The cooperation network's pages: the overview (agreements, reviews due, areas' networks,
meetings, plans), an agreement, an area's contact-person network, a meeting, a development plan,
and the forms that create them. Thin: who may see and manage what is decided in `access`
(through the selectors and services), the writes are the services', the figures the
evaluation's.

An object outside the reader's rights is answered exactly as a missing one (404); a page they
see but may not change refuses the change (403); someone with no part in any network is told
why (403), in their language."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from perhekeskus import errors
from perhekeskus.cooperation import selectors, services
from perhekeskus.cooperation.access import (
    CooperationScopes,
    cooperation_scopes,
    may_update_decision,
)
from perhekeskus.cooperation.forms import (
    AgreementForm,
    AssignForm,
    CommitmentForm,
    ContactRoleForm,
    DecisionForm,
    DecisionStatusForm,
    DocumentForm,
    EndForm,
    GoalForm,
    IdForm,
    MeetingForm,
    PartyForm,
    PlanForm,
    RecordForm,
)
from perhekeskus.cooperation.models import (
    Agreement,
    ContactAssignment,
    ContactRole,
    Decision,
)
from perhekeskus.evaluation.charts import value_text
from perhekeskus.evaluation.indicators import INDICATOR_CODES, indicator_spec
from perhekeskus.network.models import Area, County, Organisation
from perhekeskus.staff.access import professional_required
from perhekeskus.staff.models import Professional

View = Callable[..., HttpResponse]


# --- Who is here ---


def _refused(
    request: HttpRequest, *, reason: str, status: int, no_role: bool = False
) -> HttpResponse:
    context = {"reason": reason, "no_role": no_role, "status": status}
    return render(request, "cooperation/refused.html", context, status=status)


def cooperation_required(view: View) -> View:
    """A verified professional with a part in some cooperation network;
    `request.cooperation_scopes` is set. Anyone else is told why (403); an object they may not
    see is 404, as one that does not exist; a change they may not make is 403."""

    @professional_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        scopes = cooperation_scopes(request.professional)  # type: ignore[attr-defined]
        if scopes.nothing:
            reason = _(
                "The cooperation network's pages are for the county's leaders and family centre "
                "coordinators, the leaders of the municipalities and organisations that are "
                "party to its agreements, and the contact persons of the areas' networks."
            )
            return _refused(request, reason=reason, status=403, no_role=True)
        request.cooperation_scopes = scopes  # type: ignore[attr-defined]
        try:
            return view(request, *args, **kwargs)
        except errors.NotFound:
            reason = _("Not found, or not among the cooperation records you may see.")
            return _refused(request, reason=reason, status=404)
        except errors.PermissionDenied as error:
            return _refused(request, reason=str(error.message), status=403)

    return wrapped


def _scopes(request: HttpRequest) -> CooperationScopes:
    return request.cooperation_scopes  # type: ignore[attr-defined]


def _me(request: HttpRequest) -> Professional:
    return request.professional  # type: ignore[attr-defined]


def _managed_counties(request: HttpRequest) -> list[County]:
    counties = list(
        County.objects.filter(id__in=_scopes(request).managed_county_ids).order_by("code")
    )
    if not counties:
        raise errors.PermissionDenied(
            _(
                "Only the county's leaders and family centre coordinators may record the "
                "cooperation network's agreements, meetings and plans."
            )
        )
    return counties


# --- Forms and their actions ---


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _errors_onto(form: django_forms.Form, error: errors.DomainError) -> None:
    """A domain error on the fields it names (its details), else on the whole form."""
    details = error.details if isinstance(error.details, dict) else {}
    named = {key: value for key, value in details.items() if key in form.fields}
    for name, message in named.items():
        form.add_error(name, str(message))
    if not named:
        form.add_error(None, str(error.message))


def _submit(
    request: HttpRequest,
    form: django_forms.Form,
    *,
    run: Callable[[], Any],
    done: str,
    to: Callable[[Any], str],
) -> tuple[HttpResponse | None, int]:
    """Run the service for a bound form: when it succeeds, its message and a redirect to
    `to(result)`; else no response and the status to answer with, the service's errors on the
    form (what was typed is kept). Not found and not permitted go up to `cooperation_required`."""
    if not form.is_valid():
        return None, 400
    try:
        result = run()
    except (errors.NotFound, errors.PermissionDenied):
        raise
    except errors.DomainError as error:
        _errors_onto(form, error)
        return None, error.status
    messages.success(request, _(done))
    return HttpResponseRedirect(to(result)), 302


def _cleaned(form: django_forms.Form, names: Iterable[str]) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in names}


def _new_record_page(
    request: HttpRequest,
    template: str,
    *,
    form: django_forms.Form,
    create: Callable[[Any], Any],
    done: str,
    shown_at: str,
) -> HttpResponse:
    """The page of a new agreement, meeting or plan: a valid post creates it (`create(form)`)
    and leads to its page (the URL `shown_at`); else the form again, as typed, with its errors."""
    status = 200
    if request.method == "POST":
        response, status = _submit(
            request,
            form,
            run=lambda: create(form),
            done=done,
            to=lambda made: reverse(shown_at, args=[made.pk]),
        )
        if response is not None:
            return response
    return render(request, template, {"form": form}, status=status)


@dataclass(frozen=True)
class Action:
    """What a page's managers may do on it: its form, unbound (data None) to show it, bound to
    run it; the service call; the message when done; where the page is shown again."""

    make: Callable[..., django_forms.Form]  # (data, files, page) -> form
    run: Callable[[Any, Any, Professional], object]  # (form, page, me); its result unused
    done: str  # marked for translation, translated when shown
    anchor: str
    # A button in a list (remove, end a period) has no form of its own on the page: its errors
    # are told in the page's messages.
    own_form: bool = True


def _removal(
    prefix: str, *, run: Callable[[Any, Any, Professional], object], done: str, anchor: str
) -> Action:
    """A remove button in a list: it posts the row's id only."""
    return Action(
        make=lambda data, files, page: IdForm(data, prefix=prefix),
        run=run,
        done=done,
        anchor=anchor,
        own_form=False,
    )


def _act(
    request: HttpRequest, *, actions: dict[str, Action], page: Any, forms: dict[str, Any]
) -> tuple[HttpResponse | None, int]:
    """Run the posted action: a redirect on success, else the page's status with the form's
    errors (what was typed is kept)."""
    name = request.POST.get("action", "")
    action = actions.get(name)
    if action is None:
        messages.error(request, _("Unknown action; nothing was changed."))
        return HttpResponseRedirect(request.path), 302
    shown = name in forms
    form = forms[name] = action.make(request.POST, request.FILES, page)
    response, status = _submit(
        request,
        form,
        run=lambda: action.run(form, page, _me(request)),
        done=action.done,
        to=lambda _result: f"{request.path}#{action.anchor}",
    )
    if response is None and not shown:
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, str(message))
    return response, status


def _record_page(
    request: HttpRequest,
    template: str,
    *,
    page: Any,
    actions: dict[str, Action],
    may_act: bool,
    **context: Any,
) -> HttpResponse:
    """The page of an agreement, an area's network, a meeting or a plan, with its history and,
    for those who manage it, the forms of its actions; a post runs one of them."""
    forms: dict[str, Any] = {}
    if page.may_manage:
        forms = {name: a.make(None, None, page) for name, a in actions.items() if a.own_form}
    status = 200
    if request.method == "POST":
        if not may_act:
            raise errors.PermissionDenied(
                _("Only the county's leaders and family centre coordinators may change it.")
            )
        response, status = _act(request, actions=actions, page=page, forms=forms)
        if response is not None:
            return response
    context |= {f"{name}_form": form for name, form in forms.items()}
    context |= {"page": page, "history": _history(page.history)}
    return render(request, template, context, status=status)


def _managed_areas(counties: list[County]) -> list[Area]:
    return list(
        Area.objects.filter(county__in=counties)
        .select_related("county")
        .order_by("county__code", "name")
    )


# --- History, as people read it ------------------------------------------------------------------

FIELD_LABELS = {
    "title": gettext_lazy("name"),
    "purpose": gettext_lazy("purpose"),
    "starts_on": gettext_lazy("from"),
    "ends_on": gettext_lazy("until"),
    "review_on": gettext_lazy("review date"),
    "status": gettext_lazy("status"),
    "areas": gettext_lazy("family centre areas"),
    "area": gettext_lazy("family centre area"),
    "organisation": gettext_lazy("organisation"),
    "sector": gettext_lazy("sector"),
    "signatory": gettext_lazy("signed for the party by"),
    "party": gettext_lazy("party"),
    "text": gettext_lazy("text"),
    "responsible": gettext_lazy("responsible"),
    "file": gettext_lazy("document"),
    "kind": pgettext_lazy("cooperation", "role"),
    "role": pgettext_lazy("cooperation", "role"),
    "standing": gettext_lazy("as"),
    "person": gettext_lazy("person"),
    "valid_from": gettext_lazy("valid from"),
    "valid_until": gettext_lazy("valid until"),
    "held_on": gettext_lazy("date"),
    "participants": gettext_lazy("participants"),
    "organisations": gettext_lazy("organisations represented"),
    "agenda": gettext_lazy("agenda"),
    "record": gettext_lazy("record"),
    "due_on": gettext_lazy("due date"),
    "plan": gettext_lazy("development plan"),
    "indicator": gettext_lazy("indicator"),
    "baseline": gettext_lazy("baseline"),
    "target": gettext_lazy("target"),
    "period_start": gettext_lazy("measured from"),
    "period_end": gettext_lazy("measured until"),
    "decision": gettext_lazy("decision"),
    "meeting": gettext_lazy("meeting"),
    "commitments": gettext_lazy("commitments"),
}


def _choice_label(name: str, value: str) -> str:
    choices: dict[str, Any] = {
        "status": dict(Agreement.Status.choices) | dict(Decision.Status.choices),
        "sector": dict(Organisation.Sector.choices),
        "kind": dict(ContactRole.Kind.choices),
        "standing": dict(ContactAssignment.Standing.choices),
    }
    if name == "indicator" and value in INDICATOR_CODES:
        return str(indicator_spec(value).label)
    return str(choices.get(name, {}).get(value, value))


@dataclass(frozen=True)
class HistoryLine:
    at: Any
    actor: str
    action: str
    what: str
    fields: tuple[tuple[str, str, str], ...]


def _history(rows: tuple[selectors.HistoryRow, ...]) -> list[HistoryLine]:
    return [
        HistoryLine(
            at=row.change.at,
            actor=row.change.actor_name,
            action=row.change.get_action_display(),
            what=row.change.target_label,
            fields=tuple(
                (
                    str(FIELD_LABELS.get(name, name)),
                    _choice_label(name, old) or "–",
                    _choice_label(name, new) or "–",
                )
                for name, old, new in row.fields
            ),
        )
        for row in rows
    ]


# --- The overview ---


@require_safe
@cooperation_required
def home(request: HttpRequest) -> HttpResponse:
    page = selectors.overview(scopes=_scopes(request), today=timezone.localdate())
    return render(request, "cooperation/home.html", {"page": page})


# --- Agreements ---


def _agreement_form(request: HttpRequest, data: Any = None, **kwargs: Any) -> AgreementForm:
    counties = _managed_counties(request)
    return AgreementForm(data, counties=counties, areas=_managed_areas(counties), **kwargs)


@require_http_methods(["GET", "HEAD", "POST"])
@cooperation_required
def agreement_new(request: HttpRequest) -> HttpResponse:
    initial = {"status": Agreement.Status.DRAFT, "starts_on": timezone.localdate()}
    return _new_record_page(
        request,
        "cooperation/agreement_new.html",
        form=_agreement_form(request, _posted(request), initial=initial),
        create=lambda form: services.agreement_create(
            by=_me(request),
            county=form.chosen("county"),
            areas=form.chosen("areas"),
            **_cleaned(form, services.AGREEMENT_FIELDS),
        ),
        done=gettext_noop("The agreement is saved. Add its parties next."),
        shown_at="cooperation:agreement",
    )


def _agreement_initial(page: selectors.AgreementPage) -> dict[str, Any]:
    agreement = page.agreement
    initial = {name: getattr(agreement, name) for name in services.AGREEMENT_FIELDS}
    return initial | {
        "county": str(agreement.county_id),
        "areas": [str(a.pk) for a in page.areas],
        "version": agreement.version,
    }


def _agreement_edit(form: AgreementForm, page: selectors.AgreementPage, me: Professional) -> None:
    if form.chosen("county").pk != page.agreement.county_id:
        raise errors.InvalidInput(details={"county": _("An agreement stays in its county.")})
    services.agreement_update(
        by=me,
        agreement_id=page.agreement.pk,
        version=form.cleaned_data.get("version"),
        areas=form.chosen("areas"),
        **_cleaned(form, services.AGREEMENT_FIELDS),
    )


def _agreement_actions(request: HttpRequest) -> dict[str, Action]:
    def organisations(page: selectors.AgreementPage) -> list[Organisation]:
        return selectors.county_organisations(page.agreement.county_id)

    def professionals(page: selectors.AgreementPage) -> list[Professional]:
        return selectors.county_professionals(page.agreement.county_id)

    return {
        "edit": Action(
            make=lambda data, files, page: _agreement_form(
                request, data, initial=_agreement_initial(page), prefix="edit"
            ),
            run=_agreement_edit,
            done=gettext_noop("The agreement is saved."),
            anchor="agreement-title",
        ),
        "party": Action(
            make=lambda data, files, page: PartyForm(
                data, organisations=organisations(page), prefix="party"
            ),
            run=lambda form, page, me: services.agreement_party_add(
                by=me,
                agreement_id=page.agreement.pk,
                organisation_id=form.chosen("organisation").pk,
                signatory=form.cleaned_data["signatory"],
            ),
            done=gettext_noop("The party is added."),
            anchor="parties",
        ),
        "party_remove": _removal(
            "party_remove",
            run=lambda form, page, me: services.agreement_party_remove(
                by=me, agreement_id=page.agreement.pk, party_id=form.cleaned_data["id"]
            ),
            done=gettext_noop("The party is removed with its commitments."),
            anchor="parties",
        ),
        "commitment": Action(
            make=lambda data, files, page: CommitmentForm(
                data,
                parties=[p.party for p in page.parties],
                professionals=professionals(page),
                prefix="commitment",
            ),
            run=lambda form, page, me: services.commitment_add(
                by=me,
                agreement_id=page.agreement.pk,
                party_id=form.chosen("party").pk,
                text=form.cleaned_data["text"],
                **form.person(),
            ),
            done=gettext_noop("The commitment is added."),
            anchor="parties",
        ),
        "commitment_remove": _removal(
            "commitment_remove",
            run=lambda form, page, me: services.commitment_remove(
                by=me, agreement_id=page.agreement.pk, commitment_id=form.cleaned_data["id"]
            ),
            done=gettext_noop("The commitment is removed."),
            anchor="parties",
        ),
        "document": Action(
            make=lambda data, files, page: DocumentForm(data, files, prefix="document"),
            run=lambda form, page, me: services.document_upload(
                by=me, agreement_id=page.agreement.pk, upload=form.cleaned_data["file"]
            ),
            done=gettext_noop("The document is uploaded."),
            anchor="documents",
        ),
        "document_remove": _removal(
            "document_remove",
            run=lambda form, page, me: services.document_remove(
                by=me, agreement_id=page.agreement.pk, document_id=form.cleaned_data["id"]
            ),
            done=gettext_noop("The document is removed."),
            anchor="documents",
        ),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@cooperation_required
def agreement(request: HttpRequest, agreement_id: int) -> HttpResponse:
    page = selectors.agreement_detail(scopes=_scopes(request), agreement_id=agreement_id)
    return _record_page(
        request,
        "cooperation/agreement.html",
        page=page,
        actions=_agreement_actions(request),
        may_act=page.may_manage,
    )


@require_safe
@cooperation_required
def document(request: HttpRequest, agreement_id: int, document_id: int) -> HttpResponse:
    """The document, to those who may see its agreement; never from a public address."""
    found = selectors.document_for(
        scopes=_scopes(request), agreement_id=agreement_id, document_id=document_id
    )
    try:
        handle = found.file.open("rb")
    except OSError:
        raise errors.NotFound() from None
    response = FileResponse(
        handle, as_attachment=True, filename=found.name, content_type=found.content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response  # type: ignore[return-value]  # streamed: the decorators only pass it on


# --- An area's contact-person network ------------------------------------------------------------


def _area_actions() -> dict[str, Action]:
    def organisations(page: selectors.NetworkPage) -> list[Organisation]:
        return selectors.county_organisations(page.area.county_id)

    def professionals(page: selectors.NetworkPage) -> list[Professional]:
        return selectors.county_professionals(page.area.county_id)

    def roles(page: selectors.NetworkPage) -> list[ContactRole]:
        return [r.role for r in page.roles]

    return {
        "role": Action(
            make=lambda data, files, page: ContactRoleForm(
                data, organisations=organisations(page), prefix="role"
            ),
            run=lambda form, page, me: services.contact_role_add(
                by=me,
                area_id=page.area.pk,
                organisation_id=form.chosen("organisation").pk,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
            ),
            done=gettext_noop("The role is added. Name its contact person next."),
            anchor="roles",
        ),
        "role_remove": _removal(
            "role_remove",
            run=lambda form, page, me: services.contact_role_remove(
                by=me, area_id=page.area.pk, role_id=form.cleaned_data["id"]
            ),
            done=gettext_noop("The role is removed."),
            anchor="roles",
        ),
        "assign": Action(
            make=lambda data, files, page: AssignForm(
                data,
                roles=roles(page),
                professionals=professionals(page),
                prefix="assign",
                initial={"valid_from": timezone.localdate()},
            ),
            run=lambda form, page, me: services.contact_assign(
                by=me,
                area_id=page.area.pk,
                role_id=form.chosen("role").pk,
                standing=form.cleaned_data["standing"],
                valid_from=form.cleaned_data["valid_from"],
                valid_until=form.cleaned_data["valid_until"],
                **form.person(),
            ),
            done=gettext_noop("The person is named in the role."),
            anchor="roles",
        ),
        "end": Action(
            make=lambda data, files, page: EndForm(data, prefix="end"),
            run=lambda form, page, me: services.contact_end(
                by=me,
                area_id=page.area.pk,
                assignment_id=form.cleaned_data["id"],
                on=form.cleaned_data["on"],
            ),
            done=gettext_noop("The person's period in the role ends on the day given."),
            anchor="roles",
            own_form=False,
        ),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@cooperation_required
def area(request: HttpRequest, area_id: int) -> HttpResponse:
    scopes = _scopes(request)
    try:
        page = selectors.area_network(scopes=scopes, area_id=area_id, today=timezone.localdate())
    except errors.NotFound:
        found = selectors.area_refused(area_id=area_id)
        if found is None:
            raise
        # Areas are public registry data: say whose network it is that they may not see.
        reason = _(
            "You have no part in the cooperation network of %(area)s, so it is not shown to you."
        ) % {"area": found.name}
        return _refused(request, reason=reason, status=403)
    return _record_page(
        request,
        "cooperation/area.html",
        page=page,
        actions=_area_actions(),
        may_act=page.may_manage,
        today=timezone.localdate(),
    )


# --- Meetings ---


def _meeting_form(request: HttpRequest, data: Any = None, **kwargs: Any) -> MeetingForm:
    counties = _managed_counties(request)
    professionals: list[Professional] = []
    organisations: list[Organisation] = []
    for county in counties:
        professionals += selectors.county_professionals(county.pk)
        organisations += selectors.county_organisations(county.pk)
    return MeetingForm(
        data,
        counties=counties,
        areas=_managed_areas(counties),
        professionals=list({p.pk: p for p in professionals}.values()),
        organisations=list({o.pk: o for o in organisations}.values()),
        **kwargs,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@cooperation_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    initial: dict[str, Any] = {"held_on": timezone.localdate()}
    if request.GET.get("area", "").isdigit():
        initial["area"] = request.GET["area"]
    return _new_record_page(
        request,
        "cooperation/meeting_new.html",
        form=_meeting_form(request, _posted(request), initial=initial),
        create=lambda form: services.meeting_create(
            by=_me(request),
            county=form.chosen("county"),
            area=form.chosen("area"),
            participants=form.chosen("participants"),
            organisations=form.chosen("organisations"),
            **_cleaned(form, ("title", "held_on", "place", "agenda", "other_participants")),
        ),
        done=gettext_noop("The meeting is saved."),
        shown_at="cooperation:meeting",
    )


def _meeting_actions() -> dict[str, Action]:
    def professionals(page: selectors.MeetingPage) -> list[Professional]:
        return selectors.county_professionals(page.meeting.county_id)

    return {
        "record": Action(
            make=lambda data, files, page: RecordForm(
                data,
                prefix="record",
                initial={
                    "agenda": page.meeting.agenda,
                    "record": page.meeting.record,
                    "version": page.meeting.version,
                },
            ),
            run=lambda form, page, me: services.meeting_record(
                by=me,
                meeting_id=page.meeting.pk,
                version=form.cleaned_data.get("version"),
                agenda=form.cleaned_data["agenda"],
                record=form.cleaned_data["record"],
            ),
            done=gettext_noop("The record is saved."),
            anchor="record",
        ),
        "decision": Action(
            make=lambda data, files, page: DecisionForm(
                data, professionals=professionals(page), plans=list(page.plans), prefix="decision"
            ),
            run=lambda form, page, me: services.decision_add(
                by=me,
                meeting_id=page.meeting.pk,
                text=form.cleaned_data["text"],
                responsible=form.chosen("responsible"),
                responsible_text=form.cleaned_data["responsible_text"],
                due_on=form.cleaned_data["due_on"],
                plan_id=form.chosen("plan").pk if form.chosen("plan") else None,
            ),
            done=gettext_noop("The decision is recorded."),
            anchor="decisions",
        ),
        "decision_status": Action(
            make=lambda data, files, page: DecisionStatusForm(data, prefix="decision_status"),
            run=lambda form, page, me: _decision_status(form, page, me),
            done=gettext_noop("The decision's status is saved."),
            anchor="decisions",
            own_form=False,
        ),
    }


def _decision_status(form: DecisionStatusForm, page: Any, me: Professional) -> None:
    ids = {d.pk for d in page.decisions}
    if form.cleaned_data["id"] not in ids:
        raise errors.NotFound()
    services.decision_status_set(
        by=me, decision_id=form.cleaned_data["id"], status=form.cleaned_data["status"]
    )


@require_http_methods(["GET", "HEAD", "POST"])
@cooperation_required
def meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    scopes = _scopes(request)
    page = selectors.meeting_detail(scopes=scopes, meeting_id=meeting_id)
    decisions = [
        {
            "decision": d,
            "may_update": may_update_decision(
                scopes, county_id=page.meeting.county_id, responsible_id=d.responsible_id
            ),
        }
        for d in page.decisions
    ]
    return _record_page(
        request,
        "cooperation/meeting.html",
        page=page,
        actions=_meeting_actions(),
        # Those responsible for a decision set its status; the rest is the managers'.
        may_act=page.may_manage or request.POST.get("action", "") == "decision_status",
        decisions=decisions,
        status_choices=Decision.Status.choices,
    )


# --- Development plans ---


@require_http_methods(["GET", "HEAD", "POST"])
@cooperation_required
def plan_new(request: HttpRequest) -> HttpResponse:
    counties = _managed_counties(request)
    form = PlanForm(_posted(request), counties=counties, areas=_managed_areas(counties))
    return _new_record_page(
        request,
        "cooperation/plan_new.html",
        form=form,
        create=lambda form: services.plan_create(
            by=_me(request),
            county=form.chosen("county"),
            area=form.chosen("area"),
            **_cleaned(form, ("title", "starts_on", "ends_on")),
        ),
        done=gettext_noop("The plan is saved. Add its goals next."),
        shown_at="cooperation:plan",
    )


STANDING_LABELS = {
    selectors.Standing.NOT_STARTED: gettext_lazy("not begun: no whole month measured yet"),
    selectors.Standing.HIDDEN: gettext_lazy("cannot be told: too few to show"),
    selectors.Standing.NOT_SHOWN: gettext_lazy("figures not shown to you"),
    selectors.Standing.NO_VALUE: gettext_lazy("no figure"),
    selectors.Standing.REACHED: gettext_lazy("target reached"),
    selectors.Standing.ON_TRACK: gettext_lazy("on track"),
    selectors.Standing.BEHIND: gettext_lazy("behind"),
}


@dataclass(frozen=True)
class GoalView:
    status: selectors.GoalStatus
    value: str
    baseline: str
    target: str
    projected: str
    standing: str
    standing_code: str


def _goal_view(status: selectors.GoalStatus) -> GoalView:
    unit = status.unit or "count"
    value = status.value
    if value is None:
        text = "–"
    else:
        text = value_text(
            value.value, value.unit, suppressed=value.suppressed, applicable=value.applicable
        )
    return GoalView(
        status=status,
        value=text,
        baseline=value_text(status.goal.baseline, unit),
        target=value_text(status.goal.target, unit),
        projected=value_text(status.projected, unit) if status.projected is not None else "",
        standing=str(STANDING_LABELS[status.standing]),
        standing_code=status.standing,
    )


def _plan_actions(indicators: list[tuple[str, str]]) -> dict[str, Action]:
    return {
        "goal": Action(
            make=lambda data, files, page: GoalForm(data, indicators=indicators, prefix="goal"),
            run=lambda form, page, me: services.goal_add(
                by=me, plan_id=page.plan.pk, **form.cleaned_data
            ),
            done=gettext_noop("The goal is added."),
            anchor="goals",
        ),
        "goal_remove": _removal(
            "goal_remove",
            run=lambda form, page, me: services.goal_remove(
                by=me, plan_id=page.plan.pk, goal_id=form.cleaned_data["id"]
            ),
            done=gettext_noop("The goal is removed."),
            anchor="goals",
        ),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@cooperation_required
def plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    page = selectors.plan_detail(
        scopes=_scopes(request), plan_id=plan_id, today=timezone.localdate()
    )
    return _record_page(
        request,
        "cooperation/plan.html",
        page=page,
        actions=_plan_actions(selectors.indicator_choices()),
        may_act=page.may_manage,
        goals=[_goal_view(goal) for goal in page.goals],
    )
