"""What a worker sees of their work: overdue processes with the deadline missed, the caseload,
and the own worker's reminders."""

from datetime import date

import pytest
from django.utils import translation

from perhekeskus.processes.models import Door, Kind, Outcome
from perhekeskus.processes.selectors import (
    Missed,
    caseload_for_worker,
    own_worker_reminders,
    process_list_for_family,
    processes_overdue,
)
from perhekeskus.processes.services import (
    own_worker_assign,
    plan_action_add,
    plan_action_done,
    process_close,
    process_open,
    process_start,
    process_update_plan,
)
from tests.client_processes.helpers import CLINIC_VISIT, assessment_open, events

pytestmark = pytest.mark.django_db


def overdue(professional, today):
    return [
        (o.process, o.missed, o.since)
        for o in processes_overdue(professional=professional, today=today)
    ]


def test_an_assessment_is_overdue_the_day_after_each_deadline_with_its_reason(county_cares, desk):
    process = assessment_open(county_cares, desk.aino)
    assert overdue(desk.maija, date(2026, 1, 7)) == []
    assert overdue(desk.maija, date(2026, 1, 8)) == [(process, (Missed.START,), date(2026, 1, 7))]

    process = process_start(process_id=process.pk, started_on=date(2026, 1, 12), by=desk.aino)
    process_update_plan(
        process_id=process.pk,
        goals="Vanhemmat jaksavat.",
        support_need_words=process.support_need_words,
        support_needs=process.support_needs,
        review_on=date(2026, 2, 16),
        version=process.version,
        by=desk.aino,
    )
    assert overdue(desk.maija, date(2026, 2, 16)) == []
    assert overdue(desk.maija, date(2026, 2, 17)) == [
        (process, (Missed.REVIEW,), date(2026, 2, 16))
    ]
    assert overdue(desk.maija, date(2026, 3, 23)) == [
        (process, (Missed.COMPLETE, Missed.REVIEW), date(2026, 2, 16))
    ]
    with translation.override("en"):
        assert str(Missed.COMPLETE.label) == "not completed by the due date"
    with translation.override("fi"):
        assert str(Missed.COMPLETE.label) == "ei valmistunut määräaikaan mennessä"
    with translation.override("sv"):
        assert str(Missed.COMPLETE.label) == "inte klar inom tidsfristen"

    process_close(process_id=process.pk, outcome=Outcome.GOALS_MET, outcome_note="", by=desk.aino)
    assert overdue(desk.maija, date(2026, 3, 23)) == []


def test_another_organisation_is_not_told_of_the_countys_overdue_work(county_cares, desk):
    assessment_open(county_cares, desk.aino)
    assert overdue(desk.kalle, date(2026, 6, 1)) == []
    # Not even once Vantaa cares for the family too: the county answers for its own deadlines.
    from perhekeskus.consent.services import care_relationship_start

    care_relationship_start(family=county_cares.family, by=desk.kalle, basis="referral")
    assert overdue(desk.kalle, date(2026, 6, 1)) == []
    assert len(overdue(desk.aino, date(2026, 6, 1))) == 1


def test_the_caseload_holds_the_families_in_care_with_their_open_processes(county_cares, desk):
    assessment = assessment_open(county_cares, desk.aino)
    intake = process_open(
        family_id=county_cares.family.pk,
        kind=Kind.INTAKE,
        door=Door.CLINIC,
        arose_on=CLINIC_VISIT,
        support_need_words="",
        support_needs=[],
        by=desk.aino,
    )
    process_close(process_id=intake.pk, outcome=Outcome.GOALS_MET, outcome_note="", by=desk.aino)

    caseload = caseload_for_worker(professional=desk.maija)

    assert [(c.family, c.processes) for c in caseload.families] == [
        (county_cares.family, [assessment])
    ]
    assert caseload.own == []
    assert events(actor=desk.maija, outcome="allowed", action="process.caseload")
    # The family's own list has both, closed too.
    listed = process_list_for_family(family_id=county_cares.family.pk, professional=desk.maija)
    assert set(listed) == {assessment, intake}


def test_the_own_worker_is_reminded_of_actions_and_reviews_due_soon(county_cares, desk):
    process = process_open(
        family_id=county_cares.family.pk,
        kind=Kind.MANY_SERVICES,
        door=Door.REFERRAL,
        arose_on=date(2026, 1, 12),
        support_need_words="",
        support_needs=["exhaustion"],
        by=desk.aino,
    )
    process = own_worker_assign(process_id=process.pk, worker=desk.maija, reason="", by=desk.aino)
    process = process_update_plan(
        process_id=process.pk,
        goals="",
        support_need_words="",
        support_needs=["exhaustion"],
        review_on=date(2026, 2, 5),
        version=process.version,
        by=desk.maija,
    )

    def action(what, due_on):
        return plan_action_add(
            process_id=process.pk, what=what, who=desk.maija, due_on=due_on, by=desk.maija
        )

    late = action("Kela-hakemus yhdessä", date(2026, 1, 30))
    soon = action("Perhetyön aloituskäynti", date(2026, 2, 4))
    action("Verkostopalaveri", date(2026, 2, 10))
    done = action("Soitto koululle", date(2026, 2, 3))
    plan_action_done(action_id=done.pk, by=desk.maija)

    reminders = own_worker_reminders(professional=desk.maija, today=date(2026, 2, 2))

    assert [(r.process, r.actions, r.review_due) for r in reminders] == [
        (process, [late, soon], True)
    ]
    assert own_worker_reminders(professional=desk.aino, today=date(2026, 2, 2)) == []
    assert caseload_for_worker(professional=desk.maija).own == [process]
