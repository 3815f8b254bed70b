"""Writes of screenings: record a screening of a family member, and record the follow-up of
one whose threshold was crossed.

Each asks the one road to client data first (`screenings.access`, category "health"), outside
its transaction so that a refusal stays in the audit log, then writes the row and its audit
event in one transaction.
"""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.services import audit_record
from perhekeskus.clients.models import FamilyMember, Relation
from perhekeskus.consent.access import actor_of, in_care
from perhekeskus.consent.models import Purpose
from perhekeskus.errors import InvalidInput
from perhekeskus.meetings.models import Participant, TeamMeeting
from perhekeskus.referrals.models import Referral
from perhekeskus.rows import clean_or_invalid, int_or_none
from perhekeskus.screenings.access import (
    CATEGORY,
    TARGET,
    family_screenings_access,
    screening_access,
    screening_find,
)
from perhekeskus.screenings.models import (
    FollowUp,
    FollowUpKind,
    Respondent,
    ScoreKind,
    Screening,
    ScreeningInstrument,
    Sex,
)
from perhekeskus.staff.models import Professional

# A screening older than this is not recorded as new: it belongs to the patient record.
OLDEST_DAYS = 366


class ScoreOutOfRange(InvalidInput):
    """A sum score outside the instrument's range: a typing error, never a result."""

    code = "score_out_of_range"

    def __init__(self, instrument: ScreeningInstrument) -> None:
        super().__init__(
            format_lazy(
                _("The score of {name} is a whole number from {low} to {high}."),
                name=name_of(instrument),
                low=instrument.min_score,
                high=instrument.max_score,
            ),
            details={"score": "out of range"},
        )


def _name(instrument: ScreeningInstrument) -> str:
    return instrument.name


# The instrument's name in the language the message is read in, not the one it was made in.
name_of = lazy(_name, str)


class NotInCare(InvalidInput):
    """The organisation that recorded the screening no longer cares for the family: nothing
    more is recorded about it without a care relationship."""

    code = "not_in_care"
    status = 409
    default_message = _(
        "Your organisation no longer cares for this family, so a follow-up cannot be recorded. "
        "If the family is a client again, restart the care relationship first."
    )


def screening_record(
    *,
    family_id: int | str,
    person_id: int | str,
    instrument_id: int | str,
    screened_on: date,
    by: Professional,
    score: int | None = None,
    answer_yes: bool | None = None,
    concerns: list[str] | None = None,
    respondent_sex: str = "",
    note: str = "",
) -> Screening:
    """A professional caring for the family records a family member's screening; the result
    says whether the instrument's threshold was crossed and, if so, by when it is followed up.
    InvalidInput names the field that is wrong (a score out of the instrument's range, a
    member outside the family, a date in the future)."""
    family = family_screenings_access(
        professional=by, family_id=family_id, action="screening.record"
    )
    instrument = ScreeningInstrument.objects.filter(
        pk=int_or_none(instrument_id) or 0, active=True
    ).first()
    if instrument is None:
        raise InvalidInput(_("Choose the instrument from the list."), details={"instrument": "-"})
    membership = (
        FamilyMember.objects.filter(family=family, person_id=int_or_none(person_id) or 0)
        .select_related("person")
        .first()
    )
    if membership is None:
        raise InvalidInput(_("Choose a member of the family."), details={"person": "-"})
    _require_respondent(instrument, membership)
    today = timezone.localdate()
    if screened_on > today or screened_on < today - timedelta(days=OLDEST_DAYS):
        raise InvalidInput(
            _("Give the date of the screening: today or within the past year."),
            details={"screened_on": "-"},
        )
    screening = Screening(
        family=family,
        person=membership.person,
        instrument=instrument,
        organisation_id=by.organisation_id,
        recorded_by=by,
        screened_on=screened_on,
        note=note.strip(),
    )
    _judge(screening, instrument, score, answer_yes, concerns or [], respondent_sex)
    with transaction.atomic():
        clean_or_invalid(screening)
        screening.save()
        _audit(by, "screening.record", screening)
    return screening


def follow_up_record(
    *,
    screening_id: int | str,
    kind: str,
    done_on: date,
    by: Professional,
    note: str = "",
    meeting_id: int | str | None = None,
    referral_id: int | str | None = None,
) -> FollowUp:
    """What was done about the screening: early support offered, a family centre team meeting
    (linked to the meeting if there is one), a referral (linked likewise), or no follow-up
    needed with the reason. The screening leaves the worklist. NotInCare, audited, when the
    recording organisation no longer cares for the family; NotFound for anyone else who may
    not see the screening."""
    _refuse_when_care_ended(by, screening_id)
    screening = screening_access(
        professional=by, screening_id=screening_id, action="screening.follow_up"
    )
    if kind not in FollowUpKind.values:
        raise InvalidInput(_("Choose what was done."), details={"kind": "-"})
    if kind == FollowUpKind.NOT_NEEDED and not note.strip():
        raise InvalidInput(
            _("Say why no follow-up is needed."), details={"note": "reason required"}
        )
    today = timezone.localdate()
    if done_on > today or done_on < screening.screened_on:
        raise InvalidInput(
            _("Give a date between the screening and today."), details={"done_on": "-"}
        )
    follow_up = FollowUp(
        screening=screening,
        kind=kind,
        done_on=done_on,
        note=note.strip(),
        organisation_id=by.organisation_id,
        recorded_by=by,
    )
    if kind == FollowUpKind.TEAM_MEETING and meeting_id not in (None, ""):
        follow_up.meeting = _meeting_of(screening, by, meeting_id)
    if kind == FollowUpKind.REFERRAL and referral_id not in (None, ""):
        follow_up.referral = _referral_of(screening, by, referral_id)
    with transaction.atomic():
        clean_or_invalid(follow_up)
        follow_up.save()
        _audit(by, "screening.follow_up", screening)
    return follow_up


# --- Helpers ----------------------------------------------------------------------------------


def _require_respondent(instrument: ScreeningInstrument, membership: FamilyMember) -> None:
    """A parent's instrument is for an adult of the family, a child's or young person's for a
    child of the family."""
    for_child = instrument.respondent in (Respondent.CHILD, Respondent.YOUNG_PERSON)
    is_child = membership.relation == Relation.CHILD
    if for_child != is_child:
        message = (
            _("{name} is for a child of the family.")
            if for_child
            else _("{name} is for a parent or another adult of the family.")
        )
        raise InvalidInput(format_lazy(message, name=name_of(instrument)), details={"person": "-"})


def _judge(
    screening: Screening,
    instrument: ScreeningInstrument,
    score: int | None,
    answer_yes: bool | None,
    concerns: list[str],
    respondent_sex: str,
) -> None:
    """Fill in the result and whether it crossed the threshold, as the instrument says now."""
    if instrument.score_kind == ScoreKind.SUM:
        if score is None:
            raise InvalidInput(_("Give the score."), details={"score": "required"})
        low, high = instrument.min_score or 0, instrument.max_score or 0
        if not low <= score <= high:
            raise ScoreOutOfRange(instrument)
        if instrument.by_sex and respondent_sex not in Sex.values:
            raise InvalidInput(
                format_lazy(
                    _("The threshold of {name} depends on the respondent's sex: choose it."),
                    name=name_of(instrument),
                ),
                details={"respondent_sex": "required"},
            )
        threshold = instrument.threshold_for(respondent_sex)
        screening.score = score
        screening.respondent_sex = respondent_sex if instrument.by_sex else ""
        screening.threshold_applied = threshold
        screening.crossed = instrument.crosses(score, threshold)
        screening.high = screening.crossed and instrument.crosses(score, instrument.high_threshold)
    elif instrument.score_kind == ScoreKind.YES_NO:
        if answer_yes is None:
            raise InvalidInput(_("Give the answer: yes or no."), details={"answer": "required"})
        screening.answer_yes = answer_yes
        screening.crossed = answer_yes
    else:
        known = set(instrument.concern_areas.values_list("code", flat=True))
        flagged = list(dict.fromkeys(concerns))
        if not set(flagged) <= known:
            raise InvalidInput(
                _("Choose the concern areas from the list."), details={"concerns": "-"}
            )
        screening.concerns = flagged
        screening.crossed = bool(flagged)
    if screening.crossed:
        screening.follow_up_due = screening.screened_on + timedelta(days=instrument.follow_up_days)


def _refuse_when_care_ended(by: Professional, screening_id: int | str) -> None:
    """The recording organisation knows its own screening exists: when its care of the family
    has ended, say so plainly instead of a bare "not found" (audited as a refusal)."""
    screening = screening_find(screening_id)
    if (
        screening is None
        or screening.organisation_id != by.organisation_id
        or in_care(by, screening.family_id)
    ):
        return
    audit_record(
        actor=actor_of(by),
        action="screening.follow_up",
        target_type=TARGET,
        target_id=str(screening.pk),
        data_category=CATEGORY,
        purpose=Purpose.CARE,
        outcome=AuditEvent.Outcome.DENIED,
    )
    raise NotInCare(details={"screening": "not in care"})


def _meeting_of(screening: Screening, by: Professional, meeting_id: int | str) -> TeamMeeting:
    """A meeting of the family that the professional's organisation runs or they take part in."""
    meeting = (
        TeamMeeting.objects.filter(pk=int_or_none(meeting_id) or 0, family_id=screening.family_id)
        .filter(
            Q(process__organisation_id=by.organisation_id)
            | Q(
                pk__in=Participant.objects.filter(professional=by).values("meeting_id"),
            )
        )
        .first()
    )
    if meeting is None:
        raise InvalidInput(_("Choose one of the family's team meetings."), details={"meeting": "-"})
    return meeting


def _referral_of(screening: Screening, by: Professional, referral_id: int | str) -> Referral:
    """A referral of the family that the professional's organisation sent or received."""
    referral = (
        Referral.objects.filter(pk=int_or_none(referral_id) or 0, family_id=screening.family_id)
        .filter(
            Q(from_organisation_id=by.organisation_id) | Q(to_organisation_id=by.organisation_id)
        )
        .first()
    )
    if referral is None:
        raise InvalidInput(_("Choose one of the family's referrals."), details={"referral": "-"})
    return referral


def _audit(by: Professional, action: str, screening: Screening) -> None:
    audit_record(
        actor=actor_of(by),
        action=action,
        target_type=TARGET,
        target_id=str(screening.pk),
        family_id=str(screening.family_id),
        data_category=CATEGORY,
        purpose=Purpose.CARE,
    )
