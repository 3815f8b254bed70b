"""Reads of team meetings, each for one professional and only what the one road to client data
lets them reach (see `meetings.access`), and the family's own list for the family portal.

A work list is audited once per reading (target the professional's list), not row by row;
opening a meeting or a family's meetings is audited with the family.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from perhekeskus.audit.services import audit_record
from perhekeskus.clients.models import FamilyMember, Person
from perhekeskus.consent.access import (
    actor_of,
    families_in_care,
    family_access,
    professionals_caring,
)
from perhekeskus.consent.models import DataCategory, Purpose
from perhekeskus.meetings.access import meeting_access
from perhekeskus.meetings.models import (
    AgendaItem,
    Assessment,
    Contribution,
    Decision,
    FamilyView,
    Participant,
    TeamMeeting,
)
from perhekeskus.processes.models import ClientProcess, Status
from perhekeskus.staff.models import Professional

# --- The family's own list (family portal) ----------------------------------------------------


@dataclass(frozen=True)
class FamilyMeeting:
    """A meeting as the family sees it: when, where, who takes part, why, and the summary the
    coordinator has published for it ("" until published)."""

    id: int
    starts_at: datetime
    place: str
    organisation_names: tuple[str, ...]
    purpose: str
    summary: str


def meetings_for_family(*, family_id: int, today: date) -> list[FamilyMeeting]:
    """Upcoming meetings (from today) and past ones with a published summary, newest first.
    No access check: the caller (family portal) has checked and audited the family member."""
    start_of_today = _start_of(today)
    meetings = (
        TeamMeeting.objects.filter(family_id=family_id, cancelled_at__isnull=True)
        .filter(Q(starts_at__gte=start_of_today) | Q(assessment__published_at__isnull=False))
        .select_related("assessment")
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.filter(organisation__isnull=False).select_related(
                    "organisation"
                ),
            )
        )
        .order_by("-starts_at", "-id")
    )
    return [_family_meeting(meeting) for meeting in meetings]


def _family_meeting(meeting: TeamMeeting) -> FamilyMeeting:
    names = dict.fromkeys(
        participant.organisation.name
        for participant in meeting.participants.all()
        if participant.organisation is not None
    )
    assessment = getattr(meeting, "assessment", None)
    published = assessment is not None and assessment.published_at is not None
    return FamilyMeeting(
        id=meeting.pk,
        starts_at=meeting.starts_at,
        place=meeting.place,
        organisation_names=tuple(names),
        purpose=str(meeting.get_kind_display()),
        summary=assessment.summary if published and assessment is not None else "",
    )


# --- Professionals ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingLine:
    meeting: TeamMeeting
    organisation_names: tuple[str, ...]


@dataclass(frozen=True)
class FamilyMeetings:
    """A family's meetings the professional reaches, and the processes a meeting may be
    planned for (those not closed)."""

    family_id: int
    family_name: str
    meetings: list[MeetingLine]
    processes: list[ClientProcess]


@dataclass(frozen=True)
class MeetingDetail:
    """One meeting as a professional involved in it sees it, and what they may do there."""

    meeting: TeamMeeting
    agenda: list[AgendaItem]
    professionals: list[Participant]
    family_members: list[Participant]
    family_view: FamilyView | None
    contributions: list[Contribution]
    decisions: list[Decision]
    assessment: Assessment | None
    me: Professional
    # Who and whom the forms offer: professionals of organisations caring for the family and
    # family members not yet taking part; people who may be named as doing a decision.
    invitable: list[Professional]
    family_invitable: list[Person]
    doers: list[Professional]

    @property
    def is_coordinator(self) -> bool:
        return self.meeting.coordinator_id == self.me.pk

    @property
    def takes_part(self) -> bool:
        return any(p.professional_id == self.me.pk for p in self.professionals)

    @property
    def my_contribution(self) -> Contribution | None:
        return next((c for c in self.contributions if c.professional_id == self.me.pk), None)

    @property
    def published(self) -> bool:
        return self.assessment is not None and self.assessment.published_at is not None

    @property
    def editable(self) -> bool:
        """Something may still be recorded: not published, cancelled, nor its process closed."""
        closed = self.meeting.process.status == Status.CLOSED
        return not (self.published or closed or self.meeting.cancelled_at is not None)


def meeting_list_mine(*, professional: Professional, today: date) -> list[MeetingLine]:
    """The professional's upcoming meetings (from today), the first first: those they take
    part in, for families their organisation cares for now."""
    meetings = (
        _meetings()
        .filter(
            participants__professional=professional,
            starts_at__gte=_start_of(today),
            cancelled_at__isnull=True,
            family__in=families_in_care(professional).values("pk"),
        )
        .order_by("starts_at", "id")
    )
    audit_record(
        actor=actor_of(professional),
        action="meeting.list_mine",
        target_type="worklist",
        target_id=str(professional.pk),
        data_category=DataCategory.PLAN,
        purpose=Purpose.TEAM,
    )
    return [_line(meeting) for meeting in meetings]


def meeting_list_for_family(*, family_id: int | str, professional: Professional) -> FamilyMeetings:
    """The family's meetings the professional takes part in or whose process their
    organisation runs, newest first. NotFound, audited, without access to the family's plan."""
    family = family_access(
        professional=professional,
        family_id=family_id,
        category=DataCategory.PLAN,
        action="meeting.list",
        purpose=Purpose.TEAM,
    )
    meetings = (
        _meetings()
        .filter(family=family)
        .filter(
            Q(participants__professional=professional)
            | Q(process__organisation_id=professional.organisation_id)
        )
        .distinct()
        .order_by("-starts_at", "-id")
    )
    processes = list(
        ClientProcess.objects.filter(family=family)
        .exclude(status=Status.CLOSED)
        .select_related("organisation")
        .order_by("-arose_on", "-id")
    )
    return FamilyMeetings(
        family_id=family.pk,
        family_name=family.name,
        meetings=[_line(meeting) for meeting in meetings],
        processes=processes,
    )


def meeting_detail(*, meeting_id: int | str, professional: Professional) -> MeetingDetail:
    """The meeting with everything recorded in it. NotFound, audited, for a meeting the
    professional is not involved in or whose family their organisation does not care for."""
    meeting = meeting_access(
        professional=professional, meeting_id=meeting_id, action="meeting.read"
    )
    participants = list(
        meeting.participants.select_related(
            "professional__user", "professional__municipality", "organisation", "person"
        )
    )
    professionals = [p for p in participants if p.professional_id is not None]
    family_members = [p for p in participants if p.person_id is not None]
    taking_part = {p.professional_id for p in professionals}
    in_care = list(professionals_caring(family_id=meeting.family_id))
    members = Person.objects.filter(
        pk__in=FamilyMember.objects.filter(family_id=meeting.family_id).values("person_id")
    ).exclude(pk__in=[p.person_id for p in family_members])
    return MeetingDetail(
        meeting=meeting,
        agenda=list(meeting.agenda.all()),
        professionals=professionals,
        family_members=family_members,
        family_view=FamilyView.objects.filter(meeting=meeting).first(),
        contributions=list(
            meeting.contributions.select_related(
                "professional__user", "professional__municipality", "organisation"
            )
        ),
        decisions=list(meeting.decisions.select_related("who__user", "who__organisation")),
        assessment=Assessment.objects.filter(meeting=meeting).first(),
        me=professional,
        invitable=[p for p in in_care if p.pk not in taking_part],
        family_invitable=list(members.order_by("date_of_birth", "pk")),
        doers=[p for p in in_care if p.pk in taking_part],
    )


def _meetings() -> QuerySet[TeamMeeting]:
    return TeamMeeting.objects.select_related(
        "family", "process__organisation", "coordinator__user", "coordinator__organisation"
    ).prefetch_related(
        Prefetch(
            "participants",
            queryset=Participant.objects.filter(organisation__isnull=False).select_related(
                "organisation"
            ),
        )
    )


def _line(meeting: TeamMeeting) -> MeetingLine:
    names = dict.fromkeys(
        participant.organisation.name
        for participant in meeting.participants.all()
        if participant.organisation is not None
    )
    return MeetingLine(meeting=meeting, organisation_names=tuple(names))


def _start_of(day: date) -> datetime:
    """Midnight at the start of the day, in the local time zone (Europe/Helsinki)."""
    return timezone.make_aware(datetime.combine(day, time.min))
