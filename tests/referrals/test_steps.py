"""The referral's way after sending: received, accepted, first contact, completed; or declined
with a reason and somewhere else to turn; or withdrawn by the sender. Who may take each step,
and what a refusal leaves in the audit log."""

from datetime import timedelta

import pytest
from django.utils import timezone

from perhekeskus.audit.models import AuditEvent
from perhekeskus.consent.access import family_access
from perhekeskus.consent.services import care_relationship_start
from perhekeskus.errors import InvalidInput, InvalidTransition, NotFound
from perhekeskus.referrals import services
from perhekeskus.referrals.models import Referral
from perhekeskus.referrals.selectors import referrals_sent
from perhekeskus.referrals.services import (
    referral_accept,
    referral_complete,
    referral_decline,
    referral_receive,
    referral_record_first_contact,
    referral_withdraw,
)
from tests.referrals.around import last_event

pytestmark = pytest.mark.django_db

Status = Referral.Status


def in_a_week():
    return timezone.localdate() + timedelta(days=7)


def test_the_family_is_held_from_sending_to_completion_and_every_step_is_timed(around):
    referral = around.consented_referral()
    assert not around.receiver_in_care()

    referral_receive(referral_id=referral.pk, by=around.kalle)
    # The receiver reaches the family's own records only once it has taken the family on.
    with pytest.raises(NotFound):
        family_access(
            professional=around.kalle, family_id=around.virtanen.family.pk, category="basic"
        )
    referral_accept(referral_id=referral.pk, first_contact_by=in_a_week(), by=around.mikko)
    assert around.receiver_in_care()
    family_access(professional=around.kalle, family_id=around.virtanen.family.pk, category="basic")
    referral_record_first_contact(referral_id=referral.pk, by=around.mikko)
    referral_complete(referral_id=referral.pk, by=around.kalle)

    referral.refresh_from_db()
    assert referral.status == Status.COMPLETED
    times = [
        referral.sent_at,
        referral.received_at,
        referral.accepted_at,
        referral.first_contact_at,
        referral.completed_at,
    ]
    assert None not in times and times == sorted(times)
    assert (referral.received_by, referral.accepted_by) == (around.kalle, around.mikko)
    assert (referral.first_contact_recorded_by, referral.completed_by) == (
        around.mikko,
        around.kalle,
    )
    assert referral.first_contact_due == in_a_week()
    assert (referral.declined_at, referral.withdrawn_at) == (None, None)
    assert referral.version == 5
    actions = AuditEvent.objects.filter(
        target_type="referral", target_id=str(referral.pk)
    ).order_by("sequence")
    assert list(actions.values_list("action", flat=True)) == [
        "referral.send",
        "referral.receive",
        "referral.accept",
        "referral.first_contact",
        "referral.complete",
    ]
    started = AuditEvent.objects.get(
        action="care_relationship.start", actor_id=str(around.mikko.pk)
    )
    assert started.family_id == str(around.virtanen.family.pk)


def test_a_completed_referral_takes_no_further_step(around):
    referral = around.consented_referral()
    referral_receive(referral_id=referral.pk, by=around.kalle)
    referral_accept(referral_id=referral.pk, first_contact_by=in_a_week(), by=around.kalle)
    referral_record_first_contact(referral_id=referral.pk, by=around.kalle)
    referral_complete(referral_id=referral.pk, by=around.kalle)
    with pytest.raises(InvalidTransition) as refused:
        referral_complete(referral_id=referral.pk, by=around.kalle)
    assert refused.value.as_dict()["code"] == "invalid_transition"
    assert "”valmis”" in refused.value.message  # the status, in the user's language
    with pytest.raises(InvalidTransition):
        referral_withdraw(referral_id=referral.pk, reason="Not needed", by=around.aino)


def test_steps_are_taken_in_order(around):
    referral = around.consented_referral()
    with pytest.raises(InvalidTransition):
        referral_accept(referral_id=referral.pk, first_contact_by=in_a_week(), by=around.kalle)
    with pytest.raises(InvalidTransition):
        referral_record_first_contact(referral_id=referral.pk, by=around.kalle)
    referral.refresh_from_db()
    assert (referral.status, referral.version) == (Status.SENT, 1)
    assert not around.receiver_in_care()


def test_the_first_contact_is_promised_from_today_on(around):
    referral = around.consented_referral()
    referral_receive(referral_id=referral.pk, by=around.kalle)
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(InvalidInput):
        referral_accept(referral_id=referral.pk, first_contact_by=yesterday, by=around.kalle)
    assert not around.receiver_in_care()


def test_declining_needs_a_reason_and_somewhere_else_to_turn(around):
    referral = around.consented_referral()
    referral_receive(referral_id=referral.pk, by=around.kalle)
    with pytest.raises(InvalidInput) as unexplained:
        referral_decline(
            referral_id=referral.pk,
            reason_kind="not_our_service",
            reason="Not our area.",
            suggested_alternative=" ",
            by=around.kalle,
        )
    assert unexplained.value.details == {"missing": ["suggested_alternative"]}
    referral.refresh_from_db()
    assert referral.status == Status.RECEIVED

    with pytest.raises(InvalidInput) as unkinded:
        referral_decline(
            referral_id=referral.pk,
            reason_kind="",
            reason="Not our area.",
            suggested_alternative="Family work in Espoo.",
            by=around.kalle,
        )
    assert unkinded.value.details == {"reason_kind": ""}
    referral.refresh_from_db()
    assert (referral.status, referral.declined_reason_kind) == (Status.RECEIVED, "")

    referral_decline(
        referral_id=referral.pk,
        reason_kind="not_our_service",
        reason="The family lives in Espoo; our family work serves Vantaa and Kerava.",
        suggested_alternative="Family work in Espoo, through the Leppävaara family centre.",
        by=around.kalle,
    )
    referral.refresh_from_db()
    assert (referral.status, referral.declined_by) == (Status.DECLINED, around.kalle)
    assert referral.declined_reason_kind == Referral.DeclineReason.NOT_OUR_SERVICE
    assert referral.declined_at >= referral.received_at
    # The sender learns why and where to turn, so that she can help the family on.
    row = referrals_sent(professional=around.aino)[0]
    assert (row.status, row.suggested_alternative) == (
        Status.DECLINED,
        "Family work in Espoo, through the Leppävaara family centre.",
    )
    assert not around.receiver_in_care()
    with pytest.raises(InvalidTransition):
        referral_accept(referral_id=referral.pk, first_contact_by=in_a_week(), by=around.kalle)


def test_the_sender_withdraws_a_referral_until_it_is_accepted(around):
    referral = around.consented_referral()
    with pytest.raises(InvalidInput):
        referral_withdraw(referral_id=referral.pk, reason="", by=around.aino)
    # A colleague of the sender's organisation may withdraw it as well.
    referral_withdraw(
        referral_id=referral.pk, reason="The family moved to Espoo after all.", by=around.maija
    )
    referral.refresh_from_db()
    assert (referral.status, referral.withdrawn_by) == (Status.WITHDRAWN, around.maija)
    assert referral.withdrawn_reason == "The family moved to Espoo after all."
    with pytest.raises(InvalidTransition):
        referral_receive(referral_id=referral.pk, by=around.kalle)

    accepted = around.send()
    referral_receive(referral_id=accepted.pk, by=around.kalle)
    referral_accept(referral_id=accepted.pk, first_contact_by=in_a_week(), by=around.kalle)
    with pytest.raises(InvalidTransition):
        referral_withdraw(referral_id=accepted.pk, reason="Changed my mind", by=around.aino)


def test_each_side_takes_only_its_own_steps_and_a_wrong_side_is_audited(around):
    referral = around.consented_referral()
    with pytest.raises(NotFound):
        referral_receive(referral_id=referral.pk, by=around.aino)
    assert (last_event().action, last_event().outcome) == ("referral.receive", "denied")
    with pytest.raises(NotFound):
        referral_withdraw(referral_id=referral.pk, reason="Not mine to withdraw", by=around.kalle)
    assert (last_event().action, last_event().outcome) == ("referral.withdraw", "denied")
    referral.refresh_from_db()
    assert (referral.status, referral.version) == (Status.SENT, 1)


def test_a_third_organisation_is_told_nothing_more_than_for_a_missing_referral(around):
    referral = around.consented_referral()
    with pytest.raises(NotFound) as forbidden:
        referral_receive(referral_id=referral.pk, by=around.hanna)
    denied = last_event()
    assert (denied.outcome, denied.target_id, denied.family_id) == ("denied", str(referral.pk), "")
    with pytest.raises(NotFound) as missing:
        referral_receive(referral_id=987654, by=around.hanna)
    assert forbidden.value.as_dict() == missing.value.as_dict()
    with pytest.raises(NotFound):
        referral_receive(referral_id="not-a-number", by=around.hanna)


def test_accepting_a_family_already_in_the_receivers_care_keeps_the_one_relationship(around):
    referral = around.consented_referral()
    relationship = care_relationship_start(
        family=around.virtanen.family, by=around.kalle, basis="statutory"
    )
    referral_receive(referral_id=referral.pk, by=around.kalle)
    referral_accept(referral_id=referral.pk, first_contact_by=in_a_week(), by=around.mikko)
    relationship.refresh_from_db()
    assert relationship.basis == "statutory" and relationship.ended_at is None


def test_a_colleague_who_accepted_in_between_wins_and_the_other_is_told(around, monkeypatch):
    """Kalle and Mikko open the same referral; Mikko accepts first. Kalle's accept, made on
    what he saw, is refused: the referral was accepted once, by Mikko."""
    referral = around.consented_referral()
    referral_receive(referral_id=referral.pk, by=around.kalle)
    seen_by_kalle = Referral.objects.get(pk=referral.pk)
    referral_accept(referral_id=referral.pk, first_contact_by=in_a_week(), by=around.mikko)

    monkeypatch.setattr(services, "referral_access", lambda **_: seen_by_kalle)
    with pytest.raises(InvalidTransition) as overtaken:
        referral_accept(
            referral_id=referral.pk, first_contact_by=in_a_week() + timedelta(1), by=around.kalle
        )
    assert "Joku muu käsitteli juuri tämän lähetteen" in overtaken.value.message
    assert overtaken.value.details == {"status": "accepted"}
    referral.refresh_from_db()
    assert (referral.accepted_by, referral.first_contact_due) == (around.mikko, in_a_week())
    accepts = AuditEvent.objects.filter(action="referral.accept", target_id=str(referral.pk))
    assert [event.actor_id for event in accepts] == [str(around.mikko.pk)]
