"""Pages of team meetings: my upcoming meetings, a family's meetings (and planning a new one),
and one meeting with the forms to record the family's view, contributions, decisions and the
assessment. Thin: the selectors and services ask the one road to client data and audit; a
meeting or family the professional may not reach is the site's normal 404, exactly as one
that does not exist. Each form posts to the page itself and, on success, redirects back
(post/redirect/get); on a refusal the page is shown again with what was typed."""

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods, require_safe

from perhekeskus.errors import DomainError, NotFound
from perhekeskus.meetings import selectors, services
from perhekeskus.meetings.forms import (
    AssessmentForm,
    CancelForm,
    ContributionForm,
    DecisionForm,
    FamilyMemberForm,
    FamilyViewForm,
    InviteForm,
    PlanForm,
    PublishForm,
)
from perhekeskus.staff.access import professional_required
from perhekeskus.staff.models import Professional


def _me(request: HttpRequest) -> Professional:
    return request.professional  # type: ignore[attr-defined]


@require_safe
@professional_required
def mine(request: HttpRequest) -> HttpResponse:
    """My upcoming meetings, the first first."""
    today = timezone.localdate()
    lines = selectors.meeting_list_mine(professional=_me(request), today=today)
    return render(request, "meetings/mine.html", {"lines": lines, "me": _me(request)})


@require_http_methods(["GET", "HEAD", "POST"])
@professional_required
def family(request: HttpRequest, family_id: int) -> HttpResponse:
    """The family's meetings I reach, and the form to plan a new one."""
    me = _me(request)
    try:
        page = selectors.meeting_list_for_family(family_id=family_id, professional=me)
    except NotFound:
        raise Http404 from None
    form = PlanForm(processes=page.processes)
    status = 200
    if request.method == "POST":
        form = PlanForm(request.POST, processes=page.processes)
        if form.is_valid():
            try:
                meeting = services.meeting_plan(
                    process_id=form.cleaned_data["process"],
                    kind=form.cleaned_data["kind"],
                    starts_at=form.starts_at(),
                    place=form.cleaned_data["place"],
                    agenda=form.agenda_items(),
                    by=me,
                )
            except NotFound:
                raise Http404 from None
            except DomainError as error:
                form.add_error(None, str(error.message))
            else:
                messages.success(request, _("The meeting is planned. Invite the participants."))
                return HttpResponseRedirect(reverse("meetings:detail", args=[meeting.pk]))
        status = 400
    return render(
        request,
        "meetings/family.html",
        {"page": page, "form": form, "me": me},
        status=status,
    )


FormFactory = Callable[..., django_forms.Form]


@require_http_methods(["GET", "HEAD", "POST"])
@professional_required
def detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """One meeting: agenda, participants, the family's view, contributions, decisions, the
    assessment; and the forms for what the professional may record."""
    me = _me(request)
    try:
        page = selectors.meeting_detail(meeting_id=meeting_id, professional=me)
    except NotFound:
        raise Http404 from None
    forms = _forms(page)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        handler = ACTIONS.get(action)
        if handler is None:
            messages.error(request, _("Unknown action; nothing was changed."))
            return HttpResponseRedirect(request.path)
        name, make, run, done = handler
        form = forms[name] = make(request.POST, prefix=name, **_choices(page, name))
        status = 400
        if form.is_valid():
            try:
                run(form, page, me)
            except NotFound:
                raise Http404 from None
            except DomainError as error:
                form.add_error(None, str(error.message))
                status = error.status
            else:
                messages.success(request, _(done))
                return HttpResponseRedirect(f"{request.path}#{ANCHORS[name]}")
    context = {f"{name}_form": form for name, form in forms.items()}
    return render(
        request, "meetings/detail.html", {"page": page, "me": me, **context}, status=status
    )


def _choices(page: selectors.MeetingDetail, name: str) -> dict[str, Any]:
    if name == "invite":
        return {"professionals": page.invitable}
    if name == "family_member":
        return {"persons": page.family_invitable}
    if name == "decision":
        return {"doers": page.doers}
    return {}


def _forms(page: selectors.MeetingDetail) -> dict[str, django_forms.Form]:
    view, mine, assessment = page.family_view, page.my_contribution, page.assessment
    return {
        "invite": InviteForm(prefix="invite", professionals=page.invitable),
        "family_member": FamilyMemberForm(prefix="family_member", persons=page.family_invitable),
        "family_view": FamilyViewForm(
            prefix="family_view",
            initial={"text": view.text, "version": view.version} if view else {},
        ),
        "contribution": ContributionForm(
            prefix="contribution",
            initial={"text": mine.text, "version": mine.version} if mine else {},
        ),
        "decision": DecisionForm(prefix="decision", doers=page.doers),
        "assessment": AssessmentForm(
            prefix="assessment",
            initial=(
                {
                    "text": assessment.text,
                    "summary": assessment.summary,
                    "version": assessment.version,
                }
                if assessment
                else {}
            ),
        ),
        "cancel": CancelForm(prefix="cancel"),
        "publish": PublishForm(
            prefix="publish", initial={"version": assessment.version} if assessment else {}
        ),
    }


def _invite(form: Any, page: selectors.MeetingDetail, me: Professional) -> None:
    services.meeting_invite(
        meeting_id=page.meeting.pk, professional_id=form.cleaned_data["professional"], by=me
    )


def _family_member(form: Any, page: selectors.MeetingDetail, me: Professional) -> None:
    services.meeting_add_family_member(
        meeting_id=page.meeting.pk, person_id=form.cleaned_data["person"], by=me
    )


def _family_view(form: Any, page: selectors.MeetingDetail, me: Professional) -> None:
    services.family_view_record(
        meeting_id=page.meeting.pk,
        text=form.cleaned_data["text"],
        version=form.cleaned_data["version"],
        by=me,
    )


def _contribution(form: Any, page: selectors.MeetingDetail, me: Professional) -> None:
    services.contribution_record(
        meeting_id=page.meeting.pk,
        text=form.cleaned_data["text"],
        version=form.cleaned_data["version"],
        by=me,
    )


def _decision(form: Any, page: selectors.MeetingDetail, me: Professional) -> None:
    services.decision_add(
        meeting_id=page.meeting.pk,
        what=form.cleaned_data["what"],
        who=form.doer(),
        who_text=form.cleaned_data["who_text"],
        due_on=form.cleaned_data["due_on"],
        to_plan=form.cleaned_data["to_plan"],
        by=me,
    )


def _assessment(form: Any, page: selectors.MeetingDetail, me: Professional) -> None:
    services.assessment_compose(
        meeting_id=page.meeting.pk,
        text=form.cleaned_data["text"],
        summary=form.cleaned_data["summary"],
        version=form.cleaned_data["version"],
        by=me,
    )


def _publish(form: Any, page: selectors.MeetingDetail, me: Professional) -> None:
    services.assessment_publish(
        meeting_id=page.meeting.pk, version=form.cleaned_data["version"], by=me
    )


def _cancel(form: Any, page: selectors.MeetingDetail, me: Professional) -> None:
    services.meeting_cancel(meeting_id=page.meeting.pk, by=me)


Run = Callable[[Any, selectors.MeetingDetail, Professional], None]
# The action's form name: its form, the service call, and the message on success (marked for
# translation here, translated when shown).
ACTIONS: dict[str, tuple[str, FormFactory, Run, str]] = {
    "cancel": ("cancel", CancelForm, _cancel, gettext_noop("The meeting is cancelled.")),
    "invite": ("invite", InviteForm, _invite, gettext_noop("The professional is invited.")),
    "family_member": (
        "family_member",
        FamilyMemberForm,
        _family_member,
        gettext_noop("The family member is added to the participants."),
    ),
    "family_view": (
        "family_view",
        FamilyViewForm,
        _family_view,
        gettext_noop("The family's view is saved."),
    ),
    "contribution": (
        "contribution",
        ContributionForm,
        _contribution,
        gettext_noop("Your contribution is saved."),
    ),
    "decision": ("decision", DecisionForm, _decision, gettext_noop("The decision is recorded.")),
    "assessment": (
        "assessment",
        AssessmentForm,
        _assessment,
        gettext_noop("The assessment is saved as a draft."),
    ),
    "publish": (
        "publish",
        PublishForm,
        _publish,
        gettext_noop("The summary is published to the family."),
    ),
}
ANCHORS = {
    "cancel": "main",
    "invite": "participants-title",
    "family_member": "participants-title",
    "family_view": "family-view-title",
    "contribution": "contributions-title",
    "decision": "decisions-title",
    "assessment": "assessment-title",
    "publish": "assessment-title",
}
