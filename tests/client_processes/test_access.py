"""Who may and may not reach the Virtanen family's processes. Kalle works for Vantaa, which does
not care for the family: he can neither list, open nor change its processes, he is told the
same as for a process that does not exist, and every refusal is in the audit log."""

from datetime import date

import pytest

from perhekeskus.audit.models import AuditEvent
from perhekeskus.consent.services import care_relationship_end
from perhekeskus.errors import NotFound
from perhekeskus.processes.models import ClientProcess, Door, Kind, Outcome, PlanAction, Status
from perhekeskus.processes.selectors import (
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

# What an outsider tries, with the action the audit log names.
ATTEMPTS = {
    "process.list": lambda p, a, who, desk: process_list_for_family(
        family_id=p.family_id, professional=who
    ),
    "process.open": lambda p, a, who, desk: process_open(
        family_id=p.family_id,
        kind=Kind.EARLY_SUPPORT,
        door=Door.OWN_CONTACT,
        arose_on=CLINIC_VISIT,
        support_need_words="",
        support_needs=[],
        by=who,
    ),
    "process.start": lambda p, a, who, desk: process_start(process_id=p.pk, by=who),
    "process.update_plan": lambda p, a, who, desk: process_update_plan(
        process_id=p.pk,
        goals="Vantaan tavoitteet",
        support_need_words="",
        support_needs=[],
        review_on=None,
        version=p.version,
        by=who,
    ),
    "plan_action.add": lambda p, a, who, desk: plan_action_add(
        process_id=p.pk, what="Vantaan toimi", who_text="Vantaa", by=who
    ),
    "plan_action.done": lambda p, a, who, desk: plan_action_done(action_id=a.pk, by=who),
    "process.own_worker": lambda p, a, who, desk: own_worker_assign(
        process_id=p.pk, worker=desk.maija, reason="", by=who
    ),
    "process.close": lambda p, a, who, desk: process_close(
        process_id=p.pk, outcome=Outcome.GOALS_MET, outcome_note="", by=who
    ),
}


@pytest.fixture
def assessment(county_cares, desk):
    process = assessment_open(county_cares, desk.aino)
    action = plan_action_add(
        process_id=process.pk,
        what="Kotikäynti",
        who=desk.aino,
        due_on=date(2026, 1, 8),
        by=desk.aino,
    )
    return process, action


def unchanged(process: ClientProcess, action: PlanAction) -> bool:
    before = (process.version, process.status, process.goals, process.own_worker_id)
    process.refresh_from_db()
    action.refresh_from_db()
    after = (process.version, process.status, process.goals, process.own_worker_id)
    return before == after and action.done_at is None and process.status == Status.OPEN


@pytest.mark.parametrize("attempt", list(ATTEMPTS))
def test_a_worker_without_care_relationship_is_refused_and_audited(assessment, desk, attempt):
    process, action = assessment
    with pytest.raises(NotFound):
        ATTEMPTS[attempt](process, action, desk.kalle, desk)

    assert unchanged(process, action)
    assert ClientProcess.objects.count() == 1 and PlanAction.objects.count() == 1
    denied = events(actor=desk.kalle, outcome="denied")
    assert [(e.action, e.data_category) for e in denied] == [(attempt, "plan")]
    # The refusal names no family: it does not tell that the family is a client somewhere.
    assert denied[0].family_id == ""
    assert events(actor=desk.kalle, outcome="allowed", action=attempt) == []


@pytest.mark.parametrize(
    "attempt", [a for a in ATTEMPTS if a not in {"process.list", "process.open"}]
)
def test_a_process_that_does_not_exist_looks_the_same_and_is_audited(assessment, desk, attempt):
    process, action = assessment
    process.pk, action.pk = 999_999, 999_999
    with pytest.raises(NotFound):
        ATTEMPTS[attempt](process, action, desk.aino, desk)
    denied = events(actor=desk.aino, outcome="denied")
    assert [(e.action, e.target_id) for e in denied] == [(attempt, "999999")]


def test_the_outsiders_work_lists_hold_nothing_of_the_family(assessment, desk):
    caseload = caseload_for_worker(professional=desk.kalle)
    assert (caseload.families, caseload.own) == ([], [])
    assert processes_overdue(professional=desk.kalle, today=date(2026, 6, 1)) == []
    assert own_worker_reminders(professional=desk.kalle, today=date(2026, 1, 8)) == []


def test_when_the_countys_care_ends_its_own_worker_loses_the_family(county_cares, desk):
    process = process_open(
        family_id=county_cares.family.pk,
        kind=Kind.MANY_SERVICES,
        door=Door.CLINIC,
        arose_on=CLINIC_VISIT,
        support_need_words="",
        support_needs=[],
        by=desk.aino,
    )
    own_worker_assign(process_id=process.pk, worker=desk.maija, reason="", by=desk.aino)
    assert caseload_for_worker(professional=desk.maija).own == [process]

    care_relationship_end(family_id=county_cares.family.pk, by=desk.aino)

    assert caseload_for_worker(professional=desk.maija).own == []
    with pytest.raises(NotFound):
        process_list_for_family(family_id=county_cares.family.pk, professional=desk.maija)
    assert AuditEvent.objects.filter(
        actor_id=str(desk.maija.pk), action="process.list", outcome="denied"
    ).exists()
