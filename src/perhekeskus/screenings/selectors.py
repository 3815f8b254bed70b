"""Reads of screenings, each for one professional and only what `screenings.access` lets
them reach: a family's screenings with the form's choices, one screening with its follow-ups,
and the worklist of crossed thresholds not yet followed up.

A worklist is audited once per reading (target the professional's list), not row by row;
opening a family's screenings or one screening is audited with the family. The worklist's
count on the caseload is a number only, for a role that reaches health information, and is
not audited: it names no family (opening the worklist is).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.services import audit_record
from perhekeskus.clients.models import Family, FamilyMember, SafetyFlag
from perhekeskus.consent.access import actor_of, families_in_care
from perhekeskus.consent.models import Purpose
from perhekeskus.errors import PermissionDenied
from perhekeskus.meetings.models import Participant, TeamMeeting
from perhekeskus.processes.models import ClientProcess, Status
from perhekeskus.referrals.models import Referral
from perhekeskus.screenings.access import (
    CATEGORY,
    family_screenings_access,
    reaches_health,
    screening_access,
    sees,
)
from perhekeskus.screenings.models import (
    FollowUp,
    ScoreKind,
    Screening,
    ScreeningInstrument,
)
from perhekeskus.staff.models import Professional

WORKLIST_ACTION = "screening.worklist"


class NotForYourRole(PermissionDenied):
    """Screenings are health care information: a role without it has no worklist."""

    code = "screenings_not_for_role"
    default_message = _(
        "Screenings are health care information, which your role does not work with."
    )


# --- Lines as the pages show them -------------------------------------------------------------


@dataclass(frozen=True)
class ScreeningLine:
    screening: Screening
    # The result in words: the score and the threshold, the answer, or the concern areas.
    result: str
    followed_up: bool
    overdue: bool


@dataclass(frozen=True)
class FamilyScreenings:
    """A family's screenings the professional sees, and what the recording form offers."""

    family: Family
    members: list[FamilyMember]
    instruments: list[ScreeningInstrument]
    lines: list[ScreeningLine]

    @property
    def safety_warning(self) -> bool:
        return self.family.safety_flag != SafetyFlag.NONE


@dataclass(frozen=True)
class ScreeningDetail:
    line: ScreeningLine
    follow_ups: list[FollowUp]
    meetings: list[TeamMeeting]
    referrals: list[Referral]

    @property
    def screening(self) -> Screening:
        return self.line.screening


@dataclass(frozen=True)
class WorklistRow:
    screening: Screening
    result: str
    days_since: int
    overdue: bool
    days_overdue: int


@dataclass(frozen=True)
class WorklistCount:
    total: int
    overdue: int


def result_words(screening: Screening) -> str:
    """The result as a professional reads it, in the language of the moment."""
    instrument = screening.instrument
    if instrument.score_kind == ScoreKind.SUM:
        if screening.threshold_applied is None:
            return str(screening.score)
        return str(
            _("%(score)s points (threshold %(threshold)s)")
            % {"score": screening.score, "threshold": screening.threshold_applied}
        )
    if instrument.score_kind == ScoreKind.YES_NO:
        return str(_("yes") if screening.answer_yes else _("no"))
    names = {area.code: area.name for area in instrument.concern_areas.all()}
    flagged = [names.get(code, code) for code in screening.concerns]
    return ", ".join(flagged) if flagged else str(_("no concerns"))


def _line(screening: Screening, today: date, followed_up: bool) -> ScreeningLine:
    due = screening.follow_up_due
    return ScreeningLine(
        screening=screening,
        result=result_words(screening),
        followed_up=followed_up,
        overdue=screening.crossed and not followed_up and due is not None and due < today,
    )


def _screenings() -> QuerySet[Screening]:
    followed = FollowUp.objects.filter(screening=OuterRef("pk"))
    return (
        Screening.objects.select_related(
            "family", "person", "instrument", "organisation", "recorded_by__user"
        )
        .prefetch_related("instrument__concern_areas")
        .annotate(followed_up=Exists(followed))
    )


# --- A family's screenings --------------------------------------------------------------------


def family_screenings(
    *, professional: Professional, family_id: int | str, today: date | None = None
) -> FamilyScreenings:
    """The family's screenings the professional sees, newest first, with the members and the
    instruments for recording a new one. NotFound, audited, without access to the family's
    health information."""
    family = family_screenings_access(
        professional=professional, family_id=family_id, action="screening.list"
    )
    day = today or timezone.localdate()
    screenings = _screenings().filter(family=family).order_by("-screened_on", "-id")
    lines = [
        _line(s, day, s.followed_up)  # type: ignore[attr-defined]
        for s in screenings
        if sees(professional, s)
    ]
    members = list(
        FamilyMember.objects.filter(family=family)
        .select_related("person")
        .order_by("person__date_of_birth", "pk")
    )
    instruments = list(
        ScreeningInstrument.objects.filter(active=True).prefetch_related("concern_areas")
    )
    return FamilyScreenings(family=family, members=members, instruments=instruments, lines=lines)


def screening_detail(
    *, professional: Professional, screening_id: int | str, today: date | None = None
) -> ScreeningDetail:
    """One screening with its follow-ups, and the family's team meetings and referrals a
    follow-up may be linked to. NotFound, audited, for a screening the professional does not
    see."""
    screening = screening_access(
        professional=professional, screening_id=screening_id, action="screening.read"
    )
    day = today or timezone.localdate()
    follow_ups = list(
        FollowUp.objects.filter(screening=screening)
        .select_related("meeting", "referral__to_organisation", "organisation", "recorded_by__user")
        .order_by("done_on", "id")
    )
    meetings = list(
        TeamMeeting.objects.filter(family_id=screening.family_id)
        .filter(
            Q(process__organisation_id=professional.organisation_id)
            | Q(pk__in=Participant.objects.filter(professional=professional).values("meeting_id"))
        )
        .order_by("-starts_at", "-id")
    )
    referrals = list(
        Referral.objects.filter(family_id=screening.family_id)
        .filter(
            Q(from_organisation_id=professional.organisation_id)
            | Q(to_organisation_id=professional.organisation_id)
        )
        .select_related("to_organisation")
        .order_by("-sent_at", "-id")
    )
    return ScreeningDetail(
        line=_line(screening, day, bool(follow_ups)),
        follow_ups=follow_ups,
        meetings=meetings,
        referrals=referrals,
    )


# --- The worklist -----------------------------------------------------------------------------


def _waiting(professional: Professional) -> list[Screening]:
    """Crossed screenings without a follow-up, of families the professional's organisation
    cares for: recorded by the organisation, or of the families whose own worker the
    professional is and shared with the organisation by consent."""
    own_worker_families = ClientProcess.objects.filter(
        own_worker=professional, status__in=[Status.OPEN, Status.ACTIVE]
    ).values("family_id")
    candidates = (
        _screenings()
        .filter(~Exists(FollowUp.objects.filter(screening=OuterRef("pk"))), crossed=True)
        .filter(family__in=families_in_care(professional).values("pk"))
        .filter(
            Q(organisation_id=professional.organisation_id) | Q(family_id__in=own_worker_families)
        )
    )
    return [s for s in candidates if sees(professional, s)]


def screening_worklist(
    *, professional: Professional, today: date | None = None
) -> list[WorklistRow]:
    """The worklist: families whose screening crossed a threshold without a recorded
    follow-up, the overdue first (the longest overdue first), then the rest by their due date.
    NotForYourRole, audited, for a role that does not work with health information."""
    if not reaches_health(professional):
        audit_record(
            actor=actor_of(professional),
            action=WORKLIST_ACTION,
            target_type="worklist",
            target_id=str(professional.pk),
            data_category=CATEGORY,
            purpose=Purpose.CARE,
            outcome=AuditEvent.Outcome.DENIED,
        )
        raise NotForYourRole()
    day = today or timezone.localdate()
    rows = []
    for screening in _waiting(professional):
        due = screening.follow_up_due or day
        rows.append(
            WorklistRow(
                screening=screening,
                result=result_words(screening),
                days_since=(day - screening.screened_on).days,
                overdue=due < day,
                days_overdue=max((day - due).days, 0),
            )
        )
    rows.sort(key=lambda r: (not r.overdue, r.screening.follow_up_due, r.screening.pk))
    audit_record(
        actor=actor_of(professional),
        action=WORKLIST_ACTION,
        target_type="worklist",
        target_id=str(professional.pk),
        data_category=CATEGORY,
        purpose=Purpose.CARE,
    )
    return rows


def screening_worklist_count(
    *, professional: Professional, today: date | None = None
) -> WorklistCount | None:
    """How many screenings wait for a follow-up, and how many of them are overdue, for the
    caseload page; None for a role that does not work with health information. Not audited:
    a number that names no family."""
    if not reaches_health(professional):
        return None
    day = today or timezone.localdate()
    waiting = _waiting(professional)
    overdue = sum(1 for s in waiting if s.follow_up_due is not None and s.follow_up_due < day)
    return WorklistCount(total=len(waiting), overdue=overdue)
