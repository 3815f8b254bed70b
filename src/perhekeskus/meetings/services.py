"""Writes of team meetings and the joint assessment: plan a meeting, invite, record the
family's view, contribute, decide, compose and publish the assessment.

Each asks the one road to client data first (`meetings.access` / `family_access`, category
"plan", purpose "team"), outside its transaction so that a refusal stays in the audit log,
then changes the rows and writes its audit event in one transaction.

The order of a joint assessment is the family's first: no professional's contribution, decision
or assessment is recorded before the family's own view.
"""

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus import errors
from perhekeskus.audit.services import audit_record
from perhekeskus.clients.models import FamilyMember, Person
from perhekeskus.consent.access import actor_of, family_access, in_care
from perhekeskus.consent.models import DataCategory, Purpose
from perhekeskus.errors import InvalidInput, PermissionDenied, StaleEdit
from perhekeskus.meetings.access import TARGET, meeting_access, meeting_deny
from perhekeskus.meetings.models import (
    AgendaItem,
    Assessment,
    Contribution,
    Decision,
    FamilyView,
    Kind,
    Participant,
    TeamMeeting,
)
from perhekeskus.processes.models import ClientProcess, Status
from perhekeskus.processes.services import plan_action_add
from perhekeskus.rows import clean_or_invalid, int_or_none, versioned_save
from perhekeskus.staff.models import Professional

MAX_AGENDA_ITEMS = 20


class FamilyViewFirst(errors.InvalidTransition):
    """The family speaks first: nothing of the professionals is recorded before its view."""

    code = "family_view_first"
    default_message = _(
        "Record the family's own view first. The professionals' contributions, the decisions "
        "and the assessment come after it."
    )


class NotInCare(InvalidInput):
    """A professional of an organisation that does not care for the family cannot take part:
    they would see the family's plan without a basis."""

    code = "not_in_care"
    default_message = _(
        "This professional's organisation does not care for the family, so they cannot be "
        "invited. Refer the family to the service or ask for the family's consent first."
    )


class CoordinatorOnly(PermissionDenied):
    code = "coordinator_only"
    default_message = _(
        "Only the coordinator of the meeting composes and publishes the assessment."
    )


class ParticipantsOnly(PermissionDenied):
    code = "participants_only"
    default_message = _("Only the professionals taking part in the meeting can record this.")


class AlreadyPublished(errors.InvalidTransition):
    code = "already_published"
    default_message = _(
        "The summary has been published to the family and can no longer be changed."
    )


class MeetingClosed(errors.InvalidTransition):
    code = "meeting_closed"
    default_message = _(
        "The client process is closed or the meeting is cancelled: nothing can be added."
    )


def meeting_plan(
    *,
    process_id: int | str,
    kind: str,
    starts_at: datetime,
    place: str,
    agenda: list[str],
    by: Professional,
) -> TeamMeeting:
    """The professional convenes a meeting for a process of the family and coordinates it:
    they take part, compose the assessment, and invite the others."""
    process = _process_for(process_id, by)
    if kind not in Kind.values:
        raise InvalidInput(details={"kind": kind})
    items = [item.strip() for item in agenda if item.strip()]
    if len(items) > MAX_AGENDA_ITEMS:
        raise InvalidInput(details={"agenda": f"at most {MAX_AGENDA_ITEMS} items"})
    if timezone.is_naive(starts_at):
        raise InvalidInput(details={"starts_at": "a time with its time zone"})
    with transaction.atomic():
        process = ClientProcess.objects.select_for_update().get(pk=process.pk)
        if process.status == Status.CLOSED:
            raise MeetingClosed()
        meeting = TeamMeeting(
            process=process,
            family_id=process.family_id,
            kind=kind,
            coordinator=by,
            starts_at=starts_at,
            place=place.strip(),
        )
        clean_or_invalid(meeting)
        meeting.save()
        Participant.objects.create(
            meeting=meeting, professional=by, organisation_id=by.organisation_id, invited_by=by
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, position=number, title=title[:300])
            for number, title in enumerate(items, start=1)
        )
        _audit(by, "meeting.plan", meeting)
    return meeting


def meeting_invite(
    *, meeting_id: int | str, professional_id: int | str, by: Professional
) -> Participant:
    """Invite a professional: only one whose organisation cares for the family (NotInCare
    otherwise, with what to do instead)."""
    meeting = _for_participant(by, meeting_id, "meeting.invite")
    invitee = _professional(professional_id)
    if invitee is None:
        raise InvalidInput(details={"professional": "unknown"})
    if not in_care(invitee, meeting.family_id):
        raise NotInCare()
    try:
        with transaction.atomic():
            _require_open(meeting)
            participant = Participant.objects.create(
                meeting=meeting,
                professional=invitee,
                organisation_id=invitee.organisation_id,
                invited_by=by,
            )
            _audit(by, "meeting.invite", meeting)
    except IntegrityError as error:
        raise InvalidInput(_("The professional has already been invited.")) from error
    return participant


def meeting_add_family_member(
    *, meeting_id: int | str, person_id: int | str, by: Professional
) -> Participant:
    """A member of the family takes part in the meeting."""
    meeting = _for_participant(by, meeting_id, "meeting.invite")
    person = Person.objects.filter(
        pk=int_or_none(person_id) or 0,
        pk__in=FamilyMember.objects.filter(family_id=meeting.family_id).values("person_id"),
    ).first()
    if person is None:
        raise InvalidInput(details={"person": "not a member of the family"})
    try:
        with transaction.atomic():
            _require_open(meeting)
            participant = Participant.objects.create(meeting=meeting, person=person, invited_by=by)
            _audit(by, "meeting.invite", meeting)
    except IntegrityError as error:
        raise InvalidInput(_("The family member already takes part.")) from error
    return participant


def family_view_record(
    *, meeting_id: int | str, text: str, version: int | None, by: Professional
) -> FamilyView:
    """The family's own view, in its own words, written down by a professional taking part.
    `version` is None for the first recording, else the version the editor read (StaleEdit
    when someone saved in between)."""
    meeting = _for_participant(by, meeting_id, "meeting.family_view")
    if not text.strip():
        raise InvalidInput(details={"text": "the family's view"})
    with transaction.atomic():
        _require_open(meeting)
        view = FamilyView.objects.select_for_update().filter(meeting=meeting).first()
        if view is None:
            if version is not None:
                raise StaleEdit()
            view = FamilyView(meeting=meeting, text=text.strip(), recorded_by=by, updated_by=by)
            clean_or_invalid(view)
            try:
                with transaction.atomic():
                    view.save()
            except IntegrityError as error:
                # Someone recorded the view at the same moment.
                raise StaleEdit() from error
        else:
            if version != view.version:
                raise StaleEdit()
            view.text, view.updated_by = text.strip(), by
            versioned_save(view, ["text", "updated_by"])
        _audit(by, "meeting.family_view", meeting)
    return view


def contribution_record(
    *, meeting_id: int | str, text: str, version: int | None, by: Professional
) -> Contribution:
    """The professional's own contribution, in the name of their organisation; after the
    family's view (FamilyViewFirst before it). Each professional edits only their own."""
    meeting = _for_participant(by, meeting_id, "meeting.contribute")
    if not text.strip():
        raise InvalidInput(details={"text": "the contribution"})
    with transaction.atomic():
        _require_open(meeting)
        _require_family_view(meeting)
        contribution = (
            Contribution.objects.select_for_update()
            .filter(meeting=meeting, professional=by)
            .first()
        )
        if contribution is None:
            if version is not None:
                raise StaleEdit()
            contribution = Contribution(
                meeting=meeting,
                professional=by,
                organisation_id=by.organisation_id,
                text=text.strip(),
            )
            clean_or_invalid(contribution)
            contribution.save()
        else:
            if version != contribution.version:
                raise StaleEdit()
            contribution.text = text.strip()
            versioned_save(contribution, ["text"])
        _audit(by, "meeting.contribute", meeting)
    return contribution


def decision_add(
    *,
    meeting_id: int | str,
    what: str,
    by: Professional,
    who: Professional | None = None,
    who_text: str = "",
    due_on: date | None = None,
    to_plan: bool = True,
) -> Decision:
    """What was decided: what is done, by whom (a professional taking part, or someone in
    words such as the family itself), by when. Added to the process's plan as an action
    unless `to_plan` is False. After the family's view."""
    meeting = _for_participant(by, meeting_id, "meeting.decide")
    if not what.strip() or (who is None and not who_text.strip()):
        raise InvalidInput(details={"what": "what is done and who does it"})
    if (
        who is not None
        and not Participant.objects.filter(meeting=meeting, professional=who).exists()
    ):
        raise InvalidInput(_("Name a professional who takes part in the meeting."))
    with transaction.atomic():
        _require_open(meeting)
        _require_family_view(meeting)
        action = None
        if to_plan:
            action = plan_action_add(
                process_id=meeting.process_id,
                what=what,
                by=by,
                who=who,
                who_text=who_text,
                due_on=due_on,
            )
        decision = Decision(
            meeting=meeting,
            what=what.strip(),
            who=who,
            who_text=who_text.strip(),
            due_on=due_on,
            plan_action=action,
            created_by=by,
        )
        clean_or_invalid(decision)
        decision.save()
        _audit(by, "meeting.decide", meeting)
    return decision


def assessment_compose(
    *, meeting_id: int | str, text: str, summary: str, version: int | None, by: Professional
) -> Assessment:
    """The coordinator composes the joint assessment and its summary for the family; a draft
    until published. After the family's view; StaleEdit on an old copy."""
    meeting = _for_coordinator(by, meeting_id, "meeting.assess")
    with transaction.atomic():
        _require_open(meeting)
        _require_family_view(meeting)
        assessment = Assessment.objects.select_for_update().filter(meeting=meeting).first()
        if assessment is None:
            if version is not None:
                raise StaleEdit()
            assessment = Assessment(meeting=meeting, text=text.strip(), summary=summary.strip())
            clean_or_invalid(assessment)
            assessment.save()
        else:
            if version != assessment.version:
                raise StaleEdit()
            if assessment.published_at is not None:
                raise AlreadyPublished()
            assessment.text, assessment.summary = text.strip(), summary.strip()
            versioned_save(assessment, ["text", "summary"])
        _audit(by, "meeting.assess", meeting)
    return assessment


def assessment_publish(*, meeting_id: int | str, version: int, by: Professional) -> Assessment:
    """The coordinator publishes the summary to the family, as it stands at `version`: from
    now on the family sees it, and it is not changed."""
    meeting = _for_coordinator(by, meeting_id, "meeting.publish")
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().filter(meeting=meeting).first()
        if assessment is None or not assessment.summary.strip():
            raise InvalidInput(_("Write the summary for the family before publishing it."))
        if assessment.published_at is not None:
            raise AlreadyPublished()
        if assessment.version != version:
            raise StaleEdit()
        assessment.published_at, assessment.published_by = timezone.now(), by
        versioned_save(assessment, ["published_at", "published_by"])
        _audit(by, "meeting.publish", meeting)
    return assessment


def meeting_cancel(*, meeting_id: int | str, by: Professional) -> TeamMeeting:
    """The coordinator cancels the meeting; it leaves the family's and the participants' lists
    of upcoming meetings. What was recorded in it stays, for the record."""
    meeting = _for_coordinator(by, meeting_id, "meeting.cancel")
    with transaction.atomic():
        meeting = TeamMeeting.objects.select_for_update().get(pk=meeting.pk)
        _require_open(meeting)
        if Assessment.objects.filter(meeting=meeting, published_at__isnull=False).exists():
            raise AlreadyPublished()
        meeting.cancelled_at = timezone.now()
        versioned_save(meeting, ["cancelled_at"])
        _audit(by, "meeting.cancel", meeting)
    return meeting


# --- Helpers ----------------------------------------------------------------------------------


def _process_for(process_id: int | str, by: Professional) -> ClientProcess:
    """The process when the professional may reach its family's plan; NotFound, audited,
    otherwise, the same for a process that does not exist."""
    pk = int_or_none(process_id)
    process = ClientProcess.objects.filter(pk=pk).first() if pk is not None else None
    if process is None:
        meeting_deny(professional=by, action="meeting.plan", target_id=process_id)
    family_access(
        professional=by,
        family_id=process.family_id,
        category=DataCategory.PLAN,
        action="meeting.plan",
        purpose=Purpose.TEAM,
    )
    return process


def _for_participant(by: Professional, meeting_id: int | str, action: str) -> TeamMeeting:
    meeting = meeting_access(professional=by, meeting_id=meeting_id, action=action)
    if not Participant.objects.filter(meeting=meeting, professional=by).exists():
        raise ParticipantsOnly()
    return meeting


def _for_coordinator(by: Professional, meeting_id: int | str, action: str) -> TeamMeeting:
    meeting = meeting_access(professional=by, meeting_id=meeting_id, action=action)
    if meeting.coordinator_id != by.pk:
        raise CoordinatorOnly()
    return meeting


def _require_open(meeting: TeamMeeting) -> None:
    status = ClientProcess.objects.values_list("status", flat=True).get(pk=meeting.process_id)
    if meeting.cancelled_at is not None or status == Status.CLOSED:
        raise MeetingClosed()


def _require_family_view(meeting: TeamMeeting) -> None:
    if not FamilyView.objects.filter(meeting=meeting).exists():
        raise FamilyViewFirst()


def _professional(professional_id: int | str) -> Professional | None:
    pk = int_or_none(professional_id)
    if pk is None:
        return None
    return Professional.objects.filter(pk=pk, user__is_active=True).first()


def _audit(by: Professional, action: str, meeting: TeamMeeting) -> None:
    audit_record(
        actor=actor_of(by),
        action=action,
        target_type=TARGET,
        target_id=str(meeting.pk),
        family_id=str(meeting.family_id),
        data_category=DataCategory.PLAN,
        purpose=Purpose.TEAM,
    )
