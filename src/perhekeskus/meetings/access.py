"""Who reaches a team meeting: a professional who takes part in it, or who works for the
organisation running its process, and only while the one road to client data lets them reach
the family's plan (their organisation cares for the family). Anyone else is told the meeting
does not exist, exactly as for one that does not, and the refusal is written to the audit log.

Like `consent.access`, call this before the service's own transaction, so that a refusal stays
recorded when the error is raised.
"""

from typing import NoReturn

from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.services import audit_record
from perhekeskus.consent.access import actor_of, family_access
from perhekeskus.consent.models import DataCategory, Purpose
from perhekeskus.errors import NotFound
from perhekeskus.meetings.models import Participant, TeamMeeting
from perhekeskus.staff.models import Professional

TARGET = "team_meeting"


def meeting_access(
    *, professional: Professional, meeting_id: int | str, action: str
) -> TeamMeeting:
    """The meeting, when the professional takes part in it or works for its process's
    organisation, and `family_access` grants the family's plan for the action; NotFound,
    audited, otherwise (the same for a meeting that does not exist)."""
    meeting = _meeting(meeting_id)
    if meeting is None or not is_involved(professional, meeting):
        meeting_deny(professional=professional, action=action, target_id=meeting_id)
    family_access(
        professional=professional,
        family_id=meeting.family_id,
        category=DataCategory.PLAN,
        action=action,
        purpose=Purpose.TEAM,
    )
    return meeting


def is_involved(professional: Professional, meeting: TeamMeeting) -> bool:
    """A participant, or a worker of the organisation running the meeting's process."""
    if meeting.process.organisation_id == professional.organisation_id:
        return True
    return Participant.objects.filter(meeting=meeting, professional=professional).exists()


def meeting_deny(*, professional: Professional, action: str, target_id: int | str) -> NoReturn:
    """Record the refusal without telling whose meeting it is, then raise NotFound."""
    audit_record(
        actor=actor_of(professional),
        action=action,
        target_type=TARGET,
        target_id=str(target_id)[:64] or "-",
        data_category=DataCategory.PLAN,
        purpose=Purpose.TEAM,
        outcome=AuditEvent.Outcome.DENIED,
    )
    raise NotFound()


def _meeting(meeting_id: int | str) -> TeamMeeting | None:
    try:
        pk = int(meeting_id)
    except (TypeError, ValueError):
        return None
    return (
        TeamMeeting.objects.select_related("process", "family", "coordinator__organisation")
        .filter(pk=pk)
        .first()
    )
