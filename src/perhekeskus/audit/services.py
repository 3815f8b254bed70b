"""Writes of the audit log: record an audit event (lokitieto) in the caller's transaction, and
record a supervisor's review of one.

Callers record inside their own `transaction.atomic()`, so a change and its event are committed
together or not at all. A denial is different: the caller raises afterwards, and the exception
would roll the event back with everything else, so record a denial where the error does not
undo it (after the atomic block, or in a block of its own before raising).
"""

from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.audit.chain import CHAIN_FIELDS, GENESIS_HASH, chain_digest
from perhekeskus.audit.models import AuditEvent
from perhekeskus.errors import InvalidInput, InvalidTransition, PermissionDenied

REVIEW_ACTION = "audit.review"
REVIEW_TARGET_TYPE = "audit_event"
# pg_advisory_xact_lock key of the chain head ("pk-audit" as a signed 64-bit integer).
CHAIN_LOCK_KEY = int.from_bytes(b"pk-audit", "big", signed=True)

_HEAD_SQL = f"SELECT sequence, hash FROM {AuditEvent._meta.db_table} ORDER BY sequence DESC LIMIT 1"
_MAX_LENGTHS: dict[str, int] = {
    field.name: field.max_length
    for field in AuditEvent._meta.concrete_fields
    if field.max_length is not None
}


@dataclass(frozen=True, kw_only=True)
class AuditActor:
    """Who acts (toimija): a professional, a family member, the system or an anonymous visitor.

    `label` is what a family sees: role and place ("public health nurse, Espoo"), never a
    name. `role` is the role's code; `organisation_id` the organisation acted for."""

    kind: str
    id: str
    label: str
    role: str = ""
    organisation_id: str = ""


class BreakGlassReasonRequired(InvalidInput):
    """Emergency access (murtautuminen) without a written reason."""

    code = "break_glass_reason_required"
    default_message = _("Emergency access needs a reason: write why you need the information now.")


class SelfReviewRefused(PermissionDenied):
    """Nobody reviews their own emergency access."""

    code = "self_review"
    default_message = _("Someone else must review your own emergency access.")


class AlreadyReviewed(InvalidTransition):
    """An emergency access is reviewed once."""

    code = "already_reviewed"
    default_message = _("Someone has already reviewed this emergency access.")


def audit_record(
    *,
    actor: AuditActor,
    action: str,
    target_type: str,
    target_id: str,
    family_id: str = "",
    data_category: str = "",
    purpose: str,
    outcome: str = AuditEvent.Outcome.ALLOWED,
    reason: str = "",
) -> AuditEvent:
    """Append an audit event (lokitieto) for one read or write of client data, allowed or
    denied, to the hash chain, in the caller's transaction (its own when there is none).

    Raises InvalidInput for an unknown actor kind or outcome, a missing purpose, action or
    record, or a value too long to store; BreakGlassReasonRequired for emergency access
    without a reason."""
    values: dict[str, Any] = {
        "actor_kind": actor.kind,
        "actor_id": actor.id,
        "actor_label": actor.label,
        "actor_role": actor.role,
        "actor_organisation_id": actor.organisation_id,
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "family_id": family_id,
        "data_category": data_category,
        "purpose": purpose,
        "outcome": outcome,
        "reason": reason,
        "flagged_for_review": purpose == AuditEvent.Purpose.BREAK_GLASS,
    }
    _validate(values)
    with transaction.atomic(savepoint=False):
        return _append(values)


def audit_review(*, event: AuditEvent, by: AuditActor, note: str = "") -> AuditEvent:
    """A supervisor has looked into a flagged event (an emergency access): recorded as an audit
    event of its own, since events never change. Who may review is decided by the caller."""
    if by.kind == event.actor_kind and by.id == event.actor_id:
        raise SelfReviewRefused
    reviews = AuditEvent.objects.filter(
        action=REVIEW_ACTION, target_type=REVIEW_TARGET_TYPE, target_id=str(event.sequence)
    )
    if reviews.exists():
        raise AlreadyReviewed
    return audit_record(
        actor=by,
        action=REVIEW_ACTION,
        target_type=REVIEW_TARGET_TYPE,
        target_id=str(event.sequence),
        family_id=event.family_id,
        purpose=AuditEvent.Purpose.SUPERVISION,
        reason=note,
    )


def _validate(values: dict[str, Any]) -> None:
    """Refuse an event the log could not answer for: who, what, why and with what outcome."""
    if values["actor_kind"] not in AuditEvent.ActorKind.values:
        raise InvalidInput(details={"actor_kind": values["actor_kind"]})
    if values["outcome"] not in AuditEvent.Outcome.values:
        raise InvalidInput(details={"outcome": values["outcome"]})
    # Anonymous paths store no identity; everyone else is named by an id.
    anonymous = values["actor_kind"] == AuditEvent.ActorKind.ANONYMOUS
    if anonymous == bool(values["actor_id"]):
        raise InvalidInput(details={"actor_id": values["actor_id"]})
    required = ("actor_label", "action", "target_type", "target_id", "purpose")
    missing = [name for name in required if not str(values[name]).strip()]
    if missing:
        raise InvalidInput(details={"missing": missing})
    too_long = [
        name for name, limit in _MAX_LENGTHS.items() if len(str(values.get(name, ""))) > limit
    ]
    if too_long:
        raise InvalidInput(details={"too_long": too_long})
    if values["flagged_for_review"] and not values["reason"].strip():
        raise BreakGlassReasonRequired


def _append(values: dict[str, Any]) -> AuditEvent:
    """Add the event after the chain's head. Must run in a transaction: on PostgreSQL the
    advisory lock makes appenders wait for each other until commit (read committed sees the
    previous appender's row once it has the lock); on SQLite, settings begin transactions
    IMMEDIATE, which serialises writers from the start."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
        # Every audited read runs this: plain SQL takes a third of the ORM's time here.
        cursor.execute(_HEAD_SQL)
        head = cursor.fetchone()
    sequence, previous_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
    event = AuditEvent(
        sequence=sequence, occurred_at=timezone.now(), previous_hash=previous_hash, **values
    )
    event.hash = chain_digest([getattr(event, name) for name in CHAIN_FIELDS])
    event.save()
    return event
