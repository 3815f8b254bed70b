"""The joint assessment in a team meeting, service by service: the family speaks first, each
professional contributes in the name of their organisation, decisions go into the plan, and
the coordinator publishes the summary the family then sees. Denials are tested as carefully."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from perhekeskus.audit.models import AuditEvent
from perhekeskus.errors import InvalidInput, NotFound, StaleEdit
from perhekeskus.meetings import selectors
from perhekeskus.meetings.services import (
    AlreadyPublished,
    CoordinatorOnly,
    FamilyViewFirst,
    MeetingClosed,
    NotInCare,
    ParticipantsOnly,
    assessment_compose,
    assessment_publish,
    contribution_record,
    decision_add,
    family_view_record,
    meeting_add_family_member,
    meeting_cancel,
    meeting_invite,
)
from perhekeskus.processes.models import PlanAction
from tests.meetings.team import AGENDA, FAMILY_VIEW, HELSINKI, Team, last_event

pytestmark = pytest.mark.django_db

SUMMARY = "Perhe saa kotipalvelua kahdesti viikossa. Liisa tapaa koulukuraattoria."


def view_recorded(team: Team, meeting) -> None:
    family_view_record(meeting_id=meeting.pk, text=FAMILY_VIEW, version=None, by=team.around.aino)


# --- The family speaks first ------------------------------------------------------------------


def test_no_professional_contributes_before_the_familys_view(team: Team):
    meeting = team.plan()

    with pytest.raises(FamilyViewFirst) as refused:
        contribution_record(
            meeting_id=meeting.pk,
            text="Perhe tarvitsee kotipalvelua.",
            version=None,
            by=team.around.mikko,
        )

    assert "Kirjaa ensin perheen oma näkemys" in str(refused.value.message)
    assert not meeting.contributions.exists()


def test_nothing_is_decided_or_assessed_before_the_familys_view(team: Team):
    meeting = team.plan()

    with pytest.raises(FamilyViewFirst):
        decision_add(
            meeting_id=meeting.pk, what="Kotipalvelu", who_text="perhe", by=team.around.aino
        )
    with pytest.raises(FamilyViewFirst):
        assessment_compose(
            meeting_id=meeting.pk, text="", summary=SUMMARY, version=None, by=team.around.aino
        )
    assert not PlanAction.objects.filter(process=team.process).exists()


def test_once_the_family_has_spoken_a_professional_of_a_second_organisation_contributes(
    team: Team,
):
    meeting = team.plan()
    view_recorded(team, meeting)

    contribution_record(
        meeting_id=meeting.pk,
        text="Vantaan perhetyö voi aloittaa kotikäynnit kahden viikon päästä.",
        version=None,
        by=team.around.mikko,
    )

    contributed = last_event()
    assert (contributed.action, contributed.actor_id) == (
        "meeting.contribute",
        str(team.around.mikko.pk),
    )
    detail = selectors.meeting_detail(meeting_id=meeting.pk, professional=team.around.aino)
    assert detail.family_view.text == FAMILY_VIEW
    [contribution] = detail.contributions
    assert contribution.organisation == team.around.vantaa
    assert contribution.professional == team.around.mikko
    assert [item.title for item in detail.agenda] == AGENDA
    assert {p.organisation for p in detail.professionals} == {
        team.around.aino.organisation,
        team.around.vantaa,
    }


def test_an_edit_of_the_familys_view_on_an_old_copy_is_refused(team: Team):
    meeting = team.plan()
    view_recorded(team, meeting)
    family_view_record(
        meeting_id=meeting.pk,
        text=FAMILY_VIEW + " Isä toivoo iltatapaamisia.",
        version=1,
        by=team.around.mikko,
    )

    with pytest.raises(StaleEdit):
        family_view_record(
            meeting_id=meeting.pk, text="Aino's older copy", version=1, by=team.around.aino
        )
    detail = selectors.meeting_detail(meeting_id=meeting.pk, professional=team.around.aino)
    assert detail.family_view.text.endswith("iltatapaamisia.")


def test_the_family_members_taking_part_are_listed(team: Team):
    meeting = team.plan()
    meeting_add_family_member(
        meeting_id=meeting.pk, person_id=team.around.virtanen.mother.pk, by=team.around.aino
    )

    detail = selectors.meeting_detail(meeting_id=meeting.pk, professional=team.around.mikko)
    assert [p.person for p in detail.family_members] == [team.around.virtanen.mother]
    assert team.around.virtanen.mother not in detail.family_invitable


# --- Who is let in ----------------------------------------------------------------------------


def test_a_third_organisations_worker_is_told_the_meeting_does_not_exist_and_is_audited(
    team: Team,
):
    meeting = team.plan()
    hanna = team.around.hanna

    with pytest.raises(NotFound) as forbidden:
        selectors.meeting_detail(meeting_id=meeting.pk, professional=hanna)
    with pytest.raises(NotFound) as missing:
        selectors.meeting_detail(meeting_id=meeting.pk + 1000, professional=hanna)

    assert str(forbidden.value) == str(missing.value)
    denial = AuditEvent.objects.filter(
        actor_id=str(hanna.pk), target_id=str(meeting.pk), outcome=AuditEvent.Outcome.DENIED
    ).get()
    assert denial.action == "meeting.read"
    assert denial.target_type == "team_meeting"
    # The refusal does not tell whose meeting it was.
    assert denial.family_id == ""


def test_a_colleague_of_a_participant_who_is_not_invited_does_not_reach_the_meeting(team: Team):
    """Kalle works for Vantaa, which cares for the family, but is not at the meeting, and the
    process is the county's: only those taking part and the process's own workers see it."""
    meeting = team.plan()

    with pytest.raises(NotFound):
        selectors.meeting_detail(meeting_id=meeting.pk, professional=team.around.kalle)
    assert last_event().outcome == AuditEvent.Outcome.DENIED


def test_the_process_organisations_worker_reads_but_only_participants_record(team: Team):
    meeting = team.plan()
    maija = team.around.maija

    detail = selectors.meeting_detail(meeting_id=meeting.pk, professional=maija)

    assert detail.meeting == meeting
    assert last_event().action == "meeting.read"
    assert last_event().outcome == AuditEvent.Outcome.ALLOWED
    with pytest.raises(ParticipantsOnly):
        family_view_record(meeting_id=meeting.pk, text=FAMILY_VIEW, version=None, by=maija)


def test_a_participant_whose_organisation_no_longer_cares_for_the_family_is_refused(team: Team):
    from perhekeskus.consent.services import care_relationship_end

    meeting = team.plan()
    care_relationship_end(family_id=team.around.virtanen.family.pk, by=team.around.mikko)

    with pytest.raises(NotFound):
        selectors.meeting_detail(meeting_id=meeting.pk, professional=team.around.mikko)
    assert (
        selectors.meeting_list_mine(professional=team.around.mikko, today=timezone.localdate())
        == []
    )


def test_inviting_a_professional_whose_organisation_does_not_care_for_the_family_is_refused(
    team: Team,
):
    meeting = team.plan()

    with pytest.raises(NotInCare) as refused:
        meeting_invite(
            meeting_id=meeting.pk, professional_id=team.around.hanna.pk, by=team.around.aino
        )

    assert "Tee perheestä ensin lähete" in str(refused.value.message)
    assert not meeting.participants.filter(professional=team.around.hanna).exists()
    with pytest.raises(NotFound):
        selectors.meeting_detail(meeting_id=meeting.pk, professional=team.around.hanna)


def test_mikko_sees_the_meeting_among_his_upcoming_ones(team: Team):
    meeting = team.plan()

    lines = selectors.meeting_list_mine(professional=team.around.mikko, today=timezone.localdate())

    assert [line.meeting for line in lines] == [meeting]
    assert set(lines[0].organisation_names) == {
        team.around.aino.organisation.name,
        team.around.vantaa.name,
    }
    assert (
        selectors.meeting_list_mine(professional=team.around.hanna, today=timezone.localdate())
        == []
    )


# --- Decisions and the assessment -------------------------------------------------------------


def test_a_decision_becomes_an_action_of_the_plan(team: Team):
    meeting = team.plan()
    view_recorded(team, meeting)
    due = timezone.localdate() + timedelta(days=14)

    decision = decision_add(
        meeting_id=meeting.pk,
        what="Perhetyön kotikäynnit alkavat",
        who=team.around.mikko,
        due_on=due,
        by=team.around.aino,
    )

    action = PlanAction.objects.get(process=team.process)
    assert decision.plan_action == action
    assert (action.what, action.who, action.due_on) == (
        "Perhetyön kotikäynnit alkavat",
        team.around.mikko,
        due,
    )


def test_a_decision_names_someone_taking_part(team: Team):
    meeting = team.plan()
    view_recorded(team, meeting)

    with pytest.raises(InvalidInput, match="tapaamiseen osallistuva ammattilainen"):
        decision_add(
            meeting_id=meeting.pk, what="Kotikäynti", who=team.around.kalle, by=team.around.aino
        )


def test_only_the_coordinator_composes_and_publishes(team: Team):
    meeting = team.plan()
    view_recorded(team, meeting)

    with pytest.raises(CoordinatorOnly):
        assessment_compose(
            meeting_id=meeting.pk, text="", summary=SUMMARY, version=None, by=team.around.mikko
        )
    assessment = assessment_compose(
        meeting_id=meeting.pk,
        text="Yhteinen arvio.",
        summary=SUMMARY,
        version=None,
        by=team.around.aino,
    )
    with pytest.raises(CoordinatorOnly):
        assessment_publish(meeting_id=meeting.pk, version=assessment.version, by=team.around.mikko)

    assert (
        assessment_publish(
            meeting_id=meeting.pk, version=assessment.version, by=team.around.aino
        ).published_at
        is not None
    )


def test_a_published_summary_is_not_changed(team: Team):
    meeting = team.plan()
    view_recorded(team, meeting)
    draft = assessment_compose(
        meeting_id=meeting.pk, text="", summary=SUMMARY, version=None, by=team.around.aino
    )
    published = assessment_publish(
        meeting_id=meeting.pk, version=draft.version, by=team.around.aino
    )

    with pytest.raises(AlreadyPublished):
        assessment_compose(
            meeting_id=meeting.pk,
            text="",
            summary="Toinen",
            version=published.version,
            by=team.around.aino,
        )


# --- What the family sees ---------------------------------------------------------------------


def test_the_family_sees_the_summary_only_after_publishing(team: Team):
    meeting = team.plan()
    family_id = team.around.virtanen.family.pk
    today = timezone.localdate()
    view_recorded(team, meeting)
    draft = assessment_compose(
        meeting_id=meeting.pk,
        text="Sisäinen arvio",
        summary=SUMMARY,
        version=None,
        by=team.around.aino,
    )

    [before] = selectors.meetings_for_family(family_id=family_id, today=today)
    assert before.summary == ""
    assert before.place == "Leppävaaran neuvola, huone 3"
    assert set(before.organisation_names) == {
        team.around.aino.organisation.name,
        team.around.vantaa.name,
    }

    assessment_publish(meeting_id=meeting.pk, version=draft.version, by=team.around.aino)

    [after] = selectors.meetings_for_family(family_id=family_id, today=today)
    assert after.summary == SUMMARY
    assert after.id == meeting.pk
    assert "Sisäinen" not in after.summary


def test_the_family_sees_upcoming_meetings_and_past_ones_with_a_summary_newest_first(team: Team):
    today = timezone.localdate()
    past = today - timedelta(days=30)
    held = team.plan(starts_at=datetime(past.year, past.month, past.day, 9, tzinfo=HELSINKI))
    forgotten = team.plan(
        starts_at=datetime(past.year, past.month, past.day, 13, tzinfo=HELSINKI),
        kind="plan_review",
    )
    upcoming = team.plan()
    view_recorded(team, held)
    draft = assessment_compose(
        meeting_id=held.pk, text="", summary=SUMMARY, version=None, by=team.around.aino
    )
    assessment_publish(meeting_id=held.pk, version=draft.version, by=team.around.aino)

    meetings = selectors.meetings_for_family(family_id=team.around.virtanen.family.pk, today=today)

    assert [m.id for m in meetings] == [upcoming.pk, held.pk]
    assert forgotten.pk not in [m.id for m in meetings]
    assert meetings[1].purpose == "monitoimijainen palvelutarpeen arviointi"


# --- Cancelling -------------------------------------------------------------------------------


def test_a_cancelled_meeting_leaves_the_familys_and_mikkos_lists_and_takes_nothing_more(
    team: Team,
):
    meeting = team.plan()
    today = timezone.localdate()
    with pytest.raises(CoordinatorOnly):
        meeting_cancel(meeting_id=meeting.pk, by=team.around.mikko)

    meeting_cancel(meeting_id=meeting.pk, by=team.around.aino)

    assert (
        selectors.meetings_for_family(family_id=team.around.virtanen.family.pk, today=today) == []
    )
    assert selectors.meeting_list_mine(professional=team.around.mikko, today=today) == []
    with pytest.raises(MeetingClosed):
        view_recorded(team, meeting)
    detail = selectors.meeting_detail(meeting_id=meeting.pk, professional=team.around.aino)
    assert not detail.editable
