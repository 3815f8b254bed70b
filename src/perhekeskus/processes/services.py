"""Writes of client processes (asiakasprosessit): open, start, plan, act, assign an own worker,
close. Each asks `family_access` first (category "plan"), outside its transaction so that a
refusal stays in the audit log, then changes the rows and writes its audit event in one
transaction. Who may act is the one road's answer: anyone whose organisation cares for the
family, since the plan is shared; the audit log tells who did what.
"""

from datetime import date
from typing import Any, NoReturn

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus import errors
from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.services import audit_record
from perhekeskus.clients.services import NewMember, family_register
from perhekeskus.consent.access import actor_of, family_access, in_care
from perhekeskus.consent.models import DataCategory, Purpose
from perhekeskus.errors import InvalidInput, NotFound, StaleEdit
from perhekeskus.guidance.engine import needs_vocabulary
from perhekeskus.methods.models import Method
from perhekeskus.processes.deadlines import due_dates
from perhekeskus.processes.models import (
    ClientProcess,
    Door,
    Kind,
    Outcome,
    OwnWorkerHandover,
    PlanAction,
    Status,
)
from perhekeskus.rows import clean_or_invalid, int_or_none, versioned_save
from perhekeskus.staff.models import Professional

TARGET = "client_process"


class InvalidTransition(errors.InvalidTransition):
    """The process is not at a stage where this can be done: closed, or started already."""

    default_message = _("This cannot be done at this stage of the process.")


class OwnWorkerNotInCare(InvalidInput):
    """An own worker must be able to reach the family's plan: their organisation cares for it."""

    code = "own_worker_not_in_care"
    default_message = _("The own worker must work for an organisation that cares for the family.")


def process_open(
    *,
    family_id: int,
    kind: str,
    door: str,
    arose_on: date,
    support_need_words: str,
    support_needs: list[str],
    by: Professional,
) -> ClientProcess:
    """The professional's organisation opens a client process (asiakasprosessi) with the
    family: how the family came, when the matter arose, the support need in the family's own
    words and as needs; the due dates follow from the kind (see `deadlines`)."""
    family = family_access(
        professional=by, family_id=family_id, category=DataCategory.PLAN, action="process.open"
    )
    needs = _opening_checked(kind, door, arose_on, support_needs)
    due_start, due_complete = due_dates(kind=kind, arose_on=arose_on)
    process = ClientProcess(
        family=family,
        organisation_id=by.organisation_id,
        kind=kind,
        door=door,
        arose_on=arose_on,
        support_need_words=support_need_words.strip(),
        support_needs=needs,
        due_start=due_start,
        due_complete=due_complete,
        opened_by=by,
    )
    clean_or_invalid(process)
    try:
        with transaction.atomic():
            process.save()
            _audit(by, "process.open", process)
    except IntegrityError as error:
        # Another opened the same kind at the same moment; full_clean had found none.
        raise InvalidInput(details={"kind": "already open with the family"}) from error
    return process


def process_start(
    *, process_id: int, by: Professional, started_on: date | None = None
) -> ClientProcess:
    """Work with the family has started (e.g. the assessment's first meeting), today unless
    said: the process is active and its start deadline met or missed for good."""
    process = _process_for(process_id, by, "process.start")
    day = started_on or timezone.localdate()
    with transaction.atomic():
        process = _locked(process)
        if process.status != Status.OPEN:
            raise InvalidTransition()
        if not process.arose_on <= day <= timezone.localdate():
            raise InvalidInput(details={"started_on": "between the matter arising and today"})
        process.status, process.started_on = Status.ACTIVE, day
        versioned_save(process, ["status", "started_on"])
        _audit(by, "process.start", process)
    return process


def process_update_plan(
    *,
    process_id: int,
    goals: str,
    support_need_words: str,
    support_needs: list[str],
    review_on: date | None,
    version: int,
    by: Professional,
) -> ClientProcess:
    """The plan (suunnitelma) agreed with the family: goals, the support need as the family
    says it and as needs, and the next review. StaleEdit when someone saved the process after
    `version` was read."""
    process = _process_for(process_id, by, "process.update_plan")
    needs = _known_needs(support_needs)
    with transaction.atomic():
        process = _locked(process)
        _require_not_closed(process)
        if process.version != version:
            raise StaleEdit()
        if review_on is not None and review_on < process.arose_on:
            raise InvalidInput(details={"review_on": "before the matter arose"})
        process.goals = goals.strip()
        process.support_need_words = support_need_words.strip()
        process.support_needs = needs
        process.review_on = review_on
        versioned_save(process, ["goals", "support_need_words", "support_needs", "review_on"])
        _audit(by, "process.update_plan", process)
    return process


def plan_action_add(
    *,
    process_id: int,
    what: str,
    by: Professional,
    who: Professional | None = None,
    who_text: str = "",
    due_on: date | None = None,
    method: Method | None = None,
) -> PlanAction:
    """An action of the plan: what is done, by whom (a professional whose organisation cares
    for the family, or someone named in words such as the family itself), by when, and with
    which method of the catalogue, if any."""
    process = _process_for(process_id, by, "plan_action.add")
    if not what.strip() or (who is None and not who_text.strip()):
        raise InvalidInput(details={"what": "what is done and who does it"})
    with transaction.atomic():
        process = _locked(process)
        _require_not_closed(process)
        if who is not None and not in_care(who, process.family_id):
            raise InvalidInput(details={"who": "not in an organisation caring for the family"})
        if due_on is not None and due_on < process.arose_on:
            raise InvalidInput(details={"due_on": "before the matter arose"})
        action = PlanAction(
            process=process,
            what=what.strip(),
            who=who,
            who_text=who_text.strip(),
            due_on=due_on,
            method=method,
            created_by=by,
        )
        clean_or_invalid(action)
        action.save()
        _audit(by, "plan_action.add", process)
    return action


def plan_action_done(*, action_id: int, by: Professional) -> PlanAction:
    """The action is done, now."""
    pk = int_or_none(action_id)
    action = PlanAction.objects.filter(pk=pk).first() if pk is not None else None
    if action is None:
        _deny(by, "plan_action.done", "plan_action", action_id)
    process = _process_for(action.process_id, by, "plan_action.done")
    with transaction.atomic():
        process = _locked(process)
        _require_not_closed(process)
        action = PlanAction.objects.select_for_update().get(pk=action.pk)
        if action.done_at is not None:
            raise InvalidTransition()
        action.done_at, action.done_by = timezone.now(), by
        action.save(update_fields=["done_at", "done_by"])
        _audit(by, "plan_action.done", process)
    return action


def own_worker_assign(
    *, process_id: int, worker: Professional, reason: str, by: Professional
) -> ClientProcess:
    """Own worker (oma työntekijä) of a family that needs many services: assigned, or handed
    over from the present one with a reason. The worker's organisation must care for the
    family. Every assignment is kept as an OwnWorkerHandover."""
    process = _process_for(process_id, by, "process.own_worker")
    with transaction.atomic():
        process = _locked(process)
        _require_not_closed(process)
        _require_assignable(process, worker, reason)
        OwnWorkerHandover.objects.create(
            process=process,
            from_worker_id=process.own_worker_id,
            to_worker=worker,
            reason=reason.strip(),
            by=by,
        )
        process.own_worker = worker
        versioned_save(process, ["own_worker"])
        _audit(by, "process.own_worker", process)
    return process


def process_close(
    *, process_id: int, outcome: str, outcome_note: str, by: Professional
) -> ClientProcess:
    """The process ends with an outcome (and a note, which "other" requires). Plan actions not
    done stay as they are, for the record."""
    process = _process_for(process_id, by, "process.close")
    _require_choice("outcome", outcome, Outcome.values)
    if outcome == Outcome.OTHER and not outcome_note.strip():
        raise InvalidInput(details={"outcome_note": "say how the process ended"})
    with transaction.atomic():
        process = _locked(process)
        _require_not_closed(process)
        process.status, process.closed_at, process.closed_by = Status.CLOSED, timezone.now(), by
        process.outcome, process.outcome_note = outcome, outcome_note.strip()
        versioned_save(process, ["status", "closed_at", "closed_by", "outcome", "outcome_note"])
        _audit(by, "process.close", process)
    return process


def intake_record(
    *,
    family_name: str,
    members: list[NewMember],
    safety_flag: str,
    safety_note: str,
    kind: str,
    door: str,
    arose_on: date,
    support_need_words: str,
    support_needs: list[str],
    by: Professional,
) -> ClientProcess:
    """Intake (asiakkaaksi tulo) through any door in one go: the family and its members are
    registered, the professional's organisation starts its care relationship and opens a
    client process. All or nothing: on any error no row is left behind."""
    _opening_checked(kind, door, arose_on, support_needs)
    with transaction.atomic():
        family = family_register(
            name=family_name,
            members=members,
            by=by,
            safety_flag=safety_flag,
            safety_note=safety_note.strip(),
        )
        return process_open(
            family_id=family.pk,
            kind=kind,
            door=door,
            arose_on=arose_on,
            support_need_words=support_need_words,
            support_needs=support_needs,
            by=by,
        )


# --- Helpers ----------------------------------------------------------------------------------


def _process_for(process_id: int | str, by: Professional, action: str) -> ClientProcess:
    """The process when the professional may reach its family's plan; NotFound (audited)
    otherwise, the same for a process that does not exist."""
    pk = int_or_none(process_id)
    process = ClientProcess.objects.filter(pk=pk).first() if pk is not None else None
    if process is None:
        _deny(by, action, TARGET, process_id)
    family_access(
        professional=by, family_id=process.family_id, category=DataCategory.PLAN, action=action
    )
    return process


def _deny(by: Professional, action: str, target_type: str, target_id: int | str) -> NoReturn:
    """Record a refusal for a row that does not exist, then raise NotFound."""
    audit_record(
        actor=actor_of(by),
        action=action,
        target_type=target_type,
        target_id=str(target_id)[:64] or "-",
        data_category=DataCategory.PLAN,
        purpose=Purpose.CARE,
        outcome=AuditEvent.Outcome.DENIED,
    )
    raise NotFound()


def _locked(process: ClientProcess) -> ClientProcess:
    """The process read again under a row lock: its state as the change finds it."""
    return ClientProcess.objects.select_for_update().get(pk=process.pk)


def _require_not_closed(process: ClientProcess) -> None:
    if process.status == Status.CLOSED:
        raise InvalidTransition()


def _require_choice(name: str, value: str, allowed: list[str]) -> None:
    if value not in allowed:
        raise InvalidInput(details={name: value})


def _opening_checked(kind: str, door: str, arose_on: date, support_needs: Any) -> list[str]:
    """The needs of a process to open, once its kind, door and day are known to be right."""
    _require_choice("kind", kind, Kind.values)
    _require_choice("door", door, Door.values)
    if arose_on > timezone.localdate():
        raise InvalidInput(details={"arose_on": "the matter cannot arise in the future"})
    return _known_needs(support_needs)


def _require_assignable(process: ClientProcess, worker: Professional, reason: str) -> None:
    if process.kind != Kind.MANY_SERVICES:
        raise InvalidInput(details={"kind": "an own worker is for a family needing many services"})
    if not in_care(worker, process.family_id):
        raise OwnWorkerNotInCare()
    if process.own_worker_id == worker.pk:
        raise InvalidInput(details={"worker": "already the own worker"})
    if process.own_worker_id is not None and not reason.strip():
        raise InvalidInput(details={"reason": "a hand-over needs a reason"})


def _known_needs(codes: Any) -> list[str]:
    """The codes in order, once each; InvalidInput naming those the needs vocabulary lacks."""
    if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
        raise InvalidInput(details={"support_needs": "a list of need codes"})
    vocabulary = needs_vocabulary()
    unknown = [code for code in codes if code not in vocabulary]
    if unknown:
        raise InvalidInput(details={"support_needs": unknown})
    return list(dict.fromkeys(codes))


def _audit(by: Professional, action: str, process: ClientProcess) -> None:
    audit_record(
        actor=actor_of(by),
        action=action,
        target_type=TARGET,
        target_id=str(process.pk),
        family_id=str(process.family_id),
        data_category=DataCategory.PLAN,
        purpose=Purpose.CARE,
    )
