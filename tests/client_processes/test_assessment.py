"""A service-need assessment (palvelutarpeen arviointi) from a child health clinic visit to its
outcome: Aino opens it, the plan is written with the family, actions are agreed and done, and
the process closes."""

from datetime import date

import pytest

from perhekeskus.errors import InvalidInput, StaleEdit
from perhekeskus.processes.models import ClientProcess, Door, Kind, Outcome, Status
from perhekeskus.processes.services import (
    InvalidTransition,
    plan_action_add,
    plan_action_done,
    process_close,
    process_open,
    process_start,
    process_update_plan,
)
from tests.client_processes.helpers import CLINIC_VISIT, assessment_open, events

pytestmark = pytest.mark.django_db


def test_the_nurse_opens_an_assessment_due_by_the_act_despite_the_holidays(county_cares, desk):
    process = assessment_open(county_cares, desk.aino)

    # Working days after Monday 22 December 2025: Tue 23 (1); Christmas Eve, Christmas Day,
    # Boxing Day (Wed-Fri) and the weekend are not; Mon 29 (2), Tue 30 (3), Wed 31 (4); New
    # Year's Day is not; Fri 2 January (5), Mon 5 (6); Epiphany (Tue 6) is not; Wed 7 (7).
    assert process.due_start == date(2026, 1, 7)
    # Within three months of the matter arising.
    assert process.due_complete == date(2026, 3, 22)
    assert (process.status, process.door, process.organisation) == (
        Status.OPEN,
        Door.CLINIC,
        desk.aino.organisation,
    )
    assert process.support_needs == ["exhaustion", "baby_sleep"]
    assert "process.open" in [e.action for e in events(actor=desk.aino, outcome="allowed")]


def test_needs_come_from_the_guidance_vocabulary(county_cares, desk):
    with pytest.raises(InvalidInput) as refused:
        process_open(
            family_id=county_cares.family.pk,
            kind=Kind.EARLY_SUPPORT,
            door=Door.MEETING_PLACE,
            arose_on=CLINIC_VISIT,
            support_need_words="Väsyttää.",
            support_needs=["exhaustion", "tiredness"],
            by=desk.aino,
        )
    assert refused.value.details == {"support_needs": ["tiredness"]}
    assert not ClientProcess.objects.exists()


def test_a_matter_cannot_arise_tomorrow_nor_twice_at_once(county_cares, desk):
    with pytest.raises(InvalidInput):
        process_open(
            family_id=county_cares.family.pk,
            kind=Kind.INTAKE,
            door=Door.OWN_CONTACT,
            arose_on=date(2999, 1, 1),
            support_need_words="",
            support_needs=[],
            by=desk.aino,
        )
    assessment_open(county_cares, desk.aino)
    with pytest.raises(InvalidInput):
        assessment_open(county_cares, desk.maija)
    assert ClientProcess.objects.count() == 1


def test_the_plan_is_written_and_a_stale_edit_is_refused(county_cares, desk):
    process = assessment_open(county_cares, desk.aino)
    process = process_start(process_id=process.pk, started_on=date(2026, 1, 5), by=desk.aino)
    assert (process.status, process.started_on) == (Status.ACTIVE, date(2026, 1, 5))
    # Both open the plan.
    seen_by_aino = seen_by_maija = process.version

    process_update_plan(
        process_id=process.pk,
        goals="Vanhemmat saavat nukkua; esikoisen koulunkäynti tasaantuu.",
        support_need_words=process.support_need_words,
        support_needs=["exhaustion", "baby_sleep", "school_refusal"],
        review_on=date(2026, 2, 16),
        version=seen_by_maija,
        by=desk.maija,
    )
    with pytest.raises(StaleEdit):
        process_update_plan(
            process_id=process.pk,
            goals="Unikoulu.",
            support_need_words="",
            support_needs=[],
            review_on=None,
            version=seen_by_aino,
            by=desk.aino,
        )

    process.refresh_from_db()
    assert process.goals.startswith("Vanhemmat saavat nukkua")
    assert process.support_needs == ["exhaustion", "baby_sleep", "school_refusal"]
    assert process.review_on == date(2026, 2, 16)
    assert process.version == seen_by_maija + 1


def test_actions_are_agreed_and_done_and_the_process_closes_with_its_outcome(county_cares, desk):
    process = assessment_open(county_cares, desk.aino)
    home_help = plan_action_add(
        process_id=process.pk,
        what="Kotipalvelu kahdesti viikossa kuukauden ajan",
        who_text="lapsiperheiden kotipalvelu",
        due_on=date(2026, 1, 12),
        by=desk.aino,
    )
    follow_up = plan_action_add(
        process_id=process.pk,
        what="Soitto perheelle: miten nukkuminen sujuu",
        who=desk.maija,
        due_on=date(2026, 1, 19),
        by=desk.aino,
    )
    with pytest.raises(InvalidInput):
        plan_action_add(process_id=process.pk, what="Joku hoitaa", by=desk.aino)

    done = plan_action_done(action_id=follow_up.pk, by=desk.maija)
    assert (done.done_at is not None, done.done_by) == (True, desk.maija)
    with pytest.raises(InvalidTransition):
        plan_action_done(action_id=follow_up.pk, by=desk.maija)

    closed = process_close(
        process_id=process.pk,
        outcome=Outcome.MOVED_TO_OTHER_SERVICE,
        outcome_note="Perhe jatkaa perhetyössä.",
        by=desk.aino,
    )
    assert (closed.status, closed.outcome, closed.closed_by) == (
        Status.CLOSED,
        Outcome.MOVED_TO_OTHER_SERVICE,
        desk.aino,
    )
    assert closed.closed_at is not None
    home_help.refresh_from_db()
    assert home_help.done_at is None  # left as it was, for the record

    # Closed is closed.
    with pytest.raises(InvalidTransition):
        process_close(process_id=process.pk, outcome=Outcome.OTHER, outcome_note="x", by=desk.aino)
    with pytest.raises(InvalidTransition):
        plan_action_done(action_id=home_help.pk, by=desk.aino)
    with pytest.raises(InvalidTransition):
        process_update_plan(
            process_id=process.pk,
            goals="",
            support_need_words="",
            support_needs=[],
            review_on=None,
            version=closed.version,
            by=desk.aino,
        )
    # Each change is recorded on the process, and only the changes that happened.
    changes = [
        e.action
        for e in events(actor=desk.aino, outcome="allowed")
        if e.target_type == "client_process"
    ]
    assert changes == ["process.open", "plan_action.add", "plan_action.add", "process.close"]


def test_an_other_outcome_says_what_it_was(county_cares, desk):
    process = assessment_open(county_cares, desk.aino)
    with pytest.raises(InvalidInput):
        process_close(process_id=process.pk, outcome=Outcome.OTHER, outcome_note=" ", by=desk.aino)
    process.refresh_from_db()
    assert process.status == Status.OPEN
