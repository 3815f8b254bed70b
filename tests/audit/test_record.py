"""Every read and write of client data leaves an audit event: who, in which role and where, what,
which data, why, when, and whether it was allowed; in the same transaction as the change."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from perhekeskus.audit.chain import CHAIN_FIELDS, GENESIS_HASH, chain_digest
from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.services import (
    AuditActor,
    BreakGlassReasonRequired,
    audit_record,
)
from perhekeskus.errors import InvalidInput
from tests.audit.conftest import KORHONEN, VIRTANEN

pytestmark = pytest.mark.django_db


def test_nurses_read_of_a_familys_health_data_is_recorded_with_role_place_and_purpose(aino):
    before = timezone.now()

    event = audit_record(
        actor=aino,
        action="assessment.read",
        target_type="assessment",
        target_id="42",
        family_id=VIRTANEN,
        data_category="health",
        purpose="care",
    )

    stored = AuditEvent.objects.get(sequence=event.sequence)
    assert (stored.actor_kind, stored.actor_id, stored.actor_role) == (
        "professional",
        "aino",
        "public_health_nurse",
    )
    assert stored.actor_label == "public health nurse, Espoo"
    assert stored.actor_organisation_id == "county-west-uusimaa"
    assert (stored.action, stored.target_type, stored.target_id) == (
        "assessment.read",
        "assessment",
        "42",
    )
    assert (stored.family_id, stored.data_category, stored.purpose) == (VIRTANEN, "health", "care")
    assert stored.outcome == "allowed" and not stored.flagged_for_review
    assert before <= stored.occurred_at <= timezone.now()


def test_worker_without_care_relationship_is_denied_and_the_attempt_is_recorded(mikko):
    audit_record(
        actor=mikko,
        action="family.read",
        target_type="family",
        target_id="7",
        family_id=VIRTANEN,
        data_category="social_welfare",
        purpose="care",
        outcome="denied",
    )

    denied = AuditEvent.objects.get(outcome="denied")
    assert (denied.actor_id, denied.family_id, denied.data_category) == (
        "mikko",
        VIRTANEN,
        "social_welfare",
    )


def test_emergency_access_without_a_reason_is_refused_and_nothing_is_written(aino):
    for reason in ("", "   "):
        with pytest.raises(BreakGlassReasonRequired) as refused:
            audit_record(
                actor=aino,
                action="family.read",
                target_type="family",
                target_id="1",
                family_id=KORHONEN,
                purpose="break_glass",
                reason=reason,
            )
        assert refused.value.code == "break_glass_reason_required"
    assert not AuditEvent.objects.exists()


def test_emergency_access_with_a_reason_is_flagged_for_review(aino):
    event = audit_record(
        actor=aino,
        action="family.read",
        target_type="family",
        target_id="1",
        family_id=KORHONEN,
        data_category="health",
        purpose="break_glass",
        reason="Child brought to the clinic injured; own worker unreachable",
    )

    assert AuditEvent.objects.get(sequence=event.sequence).flagged_for_review


@pytest.mark.parametrize(
    ("change", "details"),
    [
        ({"outcome": "maybe"}, {"outcome": "maybe"}),
        ({"purpose": ""}, {"missing": ["purpose"]}),
        ({"target_id": ""}, {"missing": ["target_id"]}),
        ({"action": "x" * 65}, {"too_long": ["action"]}),
    ],
)
def test_an_event_the_log_could_not_answer_for_is_refused(reads, change, details):
    with pytest.raises(InvalidInput) as refused:
        reads(**change)

    assert refused.value.details == details
    assert not AuditEvent.objects.exists()


def test_actors_are_named_by_id_except_anonymous_visitors_who_leave_no_identity(reads):
    with pytest.raises(InvalidInput):
        reads(actor=AuditActor(kind="professional", id="", label="nurse, Espoo"))
    with pytest.raises(InvalidInput):
        reads(actor=AuditActor(kind="anonymous", id="192.0.2.1", label="anonymous visitor"))
    with pytest.raises(InvalidInput):
        reads(actor=AuditActor(kind="robot", id="r2", label="robot"))

    event = reads(actor=AuditActor(kind="anonymous", id="", label="anonymous visitor"))[0]
    assert event.actor_id == ""


def test_the_event_is_committed_with_the_change_or_not_at_all(reads):
    class ChangeFailed(Exception):
        pass

    with pytest.raises(ChangeFailed), transaction.atomic():
        reads(action="plan.update", target_type="plan", data_category="social_welfare")
        raise ChangeFailed

    assert not AuditEvent.objects.exists()

    with transaction.atomic():
        reads(action="plan.update", target_type="plan", data_category="social_welfare")
    assert AuditEvent.objects.filter(action="plan.update").count() == 1


def test_events_are_chained_each_to_the_one_before(reads):
    first, second, third = reads(3)

    assert [first.sequence, second.sequence, third.sequence] == [1, 2, 3]
    assert first.previous_hash == GENESIS_HASH
    assert second.previous_hash == first.hash and third.previous_hash == second.hash
    stored = AuditEvent.objects.values_list(*CHAIN_FIELDS, "hash").get(sequence=2)
    assert chain_digest(stored[:-1]) == stored[-1] == second.hash


def test_the_database_refuses_emergency_access_without_reason_even_past_the_service(aino):
    """A check constraint, for code that would write events without `audit_record`."""
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.create(
            sequence=1,
            actor_kind="professional",
            actor_id="aino",
            actor_label="public health nurse, Espoo",
            action="family.read",
            target_type="family",
            target_id="1",
            purpose="break_glass",
            outcome="allowed",
            flagged_for_review=True,
            previous_hash=GENESIS_HASH,
            hash="f" * 64,
        )
