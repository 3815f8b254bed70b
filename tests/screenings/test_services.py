"""Recording screenings and their follow-ups: the instrument's range and threshold as data,
who the instrument is for, the follow-up that takes the family off the worklist, and the
audit event of every write."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from perhekeskus.audit.models import AuditEvent
from perhekeskus.consent.services import care_relationship_end
from perhekeskus.errors import InvalidInput, NotFound
from perhekeskus.meetings.models import TeamMeeting
from perhekeskus.meetings.services import meeting_plan
from perhekeskus.screenings.models import FollowUp, Screening
from perhekeskus.screenings.selectors import screening_worklist
from perhekeskus.screenings.services import (
    NotInCare,
    ScoreOutOfRange,
    follow_up_record,
)
from tests.client_processes.helpers import assessment_open
from tests.referrals.around import Around
from tests.screenings.helpers import days_ago, epds, instrument

pytestmark = pytest.mark.django_db


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-sequence").first()


def test_an_epds_of_fourteen_crosses_the_threshold_and_is_due_in_two_weeks(around: Around):
    screening = epds(around.virtanen, around.aino, score=14)

    assert (screening.crossed, screening.high, screening.threshold_applied) == (True, True, 10)
    assert screening.follow_up_due == timezone.localdate() + timedelta(days=14)
    event = last_event()
    assert (event.action, event.outcome, event.data_category) == (
        "screening.record",
        AuditEvent.Outcome.ALLOWED,
        "health",
    )
    assert (event.family_id, event.actor_organisation_id) == (
        str(around.virtanen.family.pk),
        str(around.aino.organisation_id),
    )


def test_an_epds_of_eleven_calls_for_follow_up_but_not_the_second_level(around: Around):
    screening = epds(around.virtanen, around.aino, score=11)
    assert (screening.crossed, screening.high) == (True, False)


def test_an_epds_below_ten_does_not_cross_the_threshold_and_needs_no_follow_up(around: Around):
    screening = epds(around.virtanen, around.aino, score=9)
    assert (screening.crossed, screening.follow_up_due) == (False, None)


@pytest.mark.parametrize("score", [31, -1])
def test_a_score_outside_the_instruments_range_is_refused_in_the_users_language(
    around: Around, score
):
    with pytest.raises(ScoreOutOfRange) as refused:
        epds(around.virtanen, around.aino, score=score)

    assert refused.value.details == {"score": "out of range"}
    with translation.override("en"):
        assert "from 0 to 30" in str(refused.value.message)
    with translation.override("fi"):
        assert "0–30" in str(refused.value.message) or "0 ja 30" in str(refused.value.message)
    assert not Screening.objects.exists()


@pytest.mark.parametrize(
    ("sex", "score", "crossed", "threshold"),
    [("woman", 5, True, 5), ("man", 5, False, 6), ("man", 6, True, 6), ("woman", 4, False, 5)],
)
def test_the_audit_c_threshold_depends_on_the_respondents_sex(
    around: Around, sex, score, crossed, threshold
):
    person = around.virtanen.mother if sex == "woman" else around.virtanen.father
    screening = epds(
        around.virtanen,
        around.aino,
        person_id=person.pk,
        instrument_id=instrument("audit-c").pk,
        score=score,
        respondent_sex=sex,
    )
    assert (screening.crossed, screening.threshold_applied) == (crossed, threshold)


def test_the_audit_c_without_the_respondents_sex_is_refused(around: Around):
    with pytest.raises(InvalidInput) as refused:
        epds(around.virtanen, around.aino, instrument_id=instrument("audit-c").pk, score=7)
    assert refused.value.details == {"respondent_sex": "required"}


@pytest.mark.parametrize(("answer", "crossed"), [(True, True), (False, False)])
def test_a_yes_to_the_routine_question_about_violence_calls_for_a_follow_up_within_a_week(
    around: Around, answer, crossed
):
    screening = epds(
        around.virtanen,
        around.aino,
        instrument_id=instrument("ipv-question").pk,
        score=None,
        answer_yes=answer,
    )
    assert screening.crossed is crossed
    if crossed:
        assert screening.follow_up_due == timezone.localdate() + timedelta(days=7)


def test_a_concern_flagged_in_the_extensive_health_examination_crosses_the_threshold(
    around: Around,
):
    values = {
        "person_id": around.virtanen.baby.pk,
        "instrument_id": instrument("lte-concerns").pk,
        "score": None,
    }
    flagged = epds(around.virtanen, around.aino, concerns=["couple", "living"], **values)
    clear = epds(around.virtanen, around.aino, concerns=[], **values)

    assert (flagged.crossed, flagged.concerns) == (True, ["couple", "living"])
    assert clear.crossed is False
    with pytest.raises(InvalidInput):
        epds(around.virtanen, around.aino, concerns=["astrology"], **values)


def test_an_instrument_for_parents_is_not_recorded_for_a_child(around: Around):
    with pytest.raises(InvalidInput) as refused:
        epds(around.virtanen, around.aino, person_id=around.virtanen.teen.pk)
    assert refused.value.details == {"person": "-"}
    with translation.override("en"):
        assert "for a parent or another adult" in str(refused.value.message)


def test_a_screening_in_the_future_or_of_someone_outside_the_family_is_refused(around: Around):
    with pytest.raises(InvalidInput):
        epds(around.virtanen, around.aino, screened_on=timezone.localdate() + timedelta(days=1))
    outsider = around.aino.user  # not a person at all: a professional's user id
    with pytest.raises(InvalidInput):
        epds(around.virtanen, around.aino, person_id=outsider.pk + 10_000)
    assert not Screening.objects.exists()


def test_a_changed_threshold_does_not_rewrite_a_result_already_recorded(around: Around):
    screening = epds(around.virtanen, around.aino, score=11)
    epds_instrument = instrument("epds")
    epds_instrument.threshold = 12
    epds_instrument.save()

    later = epds(around.virtanen, around.aino, score=11)

    screening.refresh_from_db()
    assert (screening.crossed, screening.threshold_applied) == (True, 10)
    assert (later.crossed, later.threshold_applied) == (False, 12)


def test_a_follow_up_takes_the_family_off_the_worklist(around: Around):
    screening = epds(around.virtanen, around.aino, screened_on=days_ago(20))
    assert [row.screening for row in screening_worklist(professional=around.aino)] == [screening]

    follow_up_record(
        screening_id=screening.pk,
        kind=FollowUp.Kind.EARLY_SUPPORT,
        done_on=timezone.localdate(),
        note="Tarjottu kotikäyntejä ja vertaisryhmää.",
        by=around.maija if False else around.aino,
    )

    assert screening_worklist(professional=around.aino) == []
    assert last_event().action == "screening.worklist"
    assert AuditEvent.objects.filter(
        action="screening.follow_up", target_id=str(screening.pk), outcome="allowed"
    ).exists()


def test_the_worklist_puts_the_longest_overdue_first_and_counts_the_days(around: Around):
    recent = epds(around.virtanen, around.aino, screened_on=days_ago(3))
    overdue = epds(around.virtanen, around.aino, screened_on=days_ago(20))
    older = epds(around.virtanen, around.aino, screened_on=days_ago(30))
    epds(around.virtanen, around.aino, score=5, screened_on=days_ago(40))  # below the threshold

    rows = screening_worklist(professional=around.aino)

    assert [row.screening for row in rows] == [older, overdue, recent]
    assert [(row.days_since, row.overdue, row.days_overdue) for row in rows] == [
        (30, True, 16),
        (20, True, 6),
        (3, False, 0),
    ]


def test_no_follow_up_needed_requires_the_reason(around: Around):
    screening = epds(around.virtanen, around.aino)
    with pytest.raises(InvalidInput) as refused:
        follow_up_record(
            screening_id=screening.pk,
            kind=FollowUp.Kind.NOT_NEEDED,
            done_on=timezone.localdate(),
            by=around.aino,
        )
    assert refused.value.details == {"note": "reason required"}
    assert not FollowUp.objects.exists()


def test_a_follow_up_links_the_familys_team_meeting_and_not_another_familys(around: Around):
    screening = epds(around.virtanen, around.aino)
    process = assessment_open(around.virtanen, around.aino)
    meeting = meeting_plan(
        process_id=process.pk,
        kind=TeamMeeting.Kind.TEAM_MEETING,
        starts_at=timezone.now() + timedelta(days=3),
        place="Leppävaaran neuvola",
        agenda=[],
        by=around.aino,
    )
    with pytest.raises(InvalidInput) as refused:
        follow_up_record(
            screening_id=screening.pk,
            kind=FollowUp.Kind.TEAM_MEETING,
            done_on=timezone.localdate(),
            meeting_id=meeting.pk + 1000,
            by=around.aino,
        )
    assert refused.value.details == {"meeting": "-"}

    follow_up = follow_up_record(
        screening_id=screening.pk,
        kind=FollowUp.Kind.TEAM_MEETING,
        done_on=timezone.localdate(),
        meeting_id=meeting.pk,
        by=around.aino,
    )
    assert follow_up.meeting == meeting


def test_a_follow_up_links_the_referral_sent_for_the_family(around: Around):
    screening = epds(around.virtanen, around.aino)
    referral = around.consented_referral()

    follow_up = follow_up_record(
        screening_id=screening.pk,
        kind=FollowUp.Kind.REFERRAL,
        done_on=timezone.localdate(),
        referral_id=referral.pk,
        by=around.aino,
    )

    assert follow_up.referral == referral


def test_after_the_care_relationship_ends_a_follow_up_is_refused_plainly_and_audited(
    around: Around,
):
    screening = epds(around.virtanen, around.aino)
    care_relationship_end(family_id=around.virtanen.family.pk, by=around.aino)

    with pytest.raises(NotInCare) as refused:
        follow_up_record(
            screening_id=screening.pk,
            kind=FollowUp.Kind.EARLY_SUPPORT,
            done_on=timezone.localdate(),
            by=around.aino,
        )

    with translation.override("en"):
        assert "no longer cares for this family" in str(refused.value.message)
    assert not FollowUp.objects.exists()
    event = last_event()
    assert (event.action, event.outcome) == ("screening.follow_up", AuditEvent.Outcome.DENIED)


def test_another_organisation_cannot_follow_up_and_is_told_nothing_exists(around: Around):
    screening = epds(around.virtanen, around.aino)
    with pytest.raises(NotFound):
        follow_up_record(
            screening_id=screening.pk,
            kind=FollowUp.Kind.EARLY_SUPPORT,
            done_on=timezone.localdate(),
            by=around.kalle,
        )
    event = last_event()
    assert (event.action, event.outcome, event.family_id) == (
        "screening.follow_up",
        AuditEvent.Outcome.DENIED,
        "",
    )
