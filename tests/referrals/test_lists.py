"""The receiver's inbox, the sender's list of referrals sent, and the reminders the sender gets
while the family waits: the sender holds the family until the receiver has taken it on."""

from datetime import timedelta

import pytest

from perhekeskus.referrals.selectors import (
    referrals_inbox,
    referrals_needing_reminder,
    referrals_sent,
)
from perhekeskus.referrals.services import (
    referral_accept,
    referral_decline,
    referral_receive,
    referral_record_first_contact,
)

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def test_the_inbox_holds_what_the_receiving_organisation_has_not_yet_taken_on(around):
    first = around.consented_referral()
    second = around.send()
    declined = around.send()
    referral_receive(referral_id=second.pk, by=around.kalle)
    referral_decline(
        referral_id=declined.pk,
        reason_kind="already_client",
        reason="A duplicate of the first.",
        suggested_alternative="The first referral.",
        by=around.kalle,
    )
    rows = referrals_inbox(professional=around.mikko)
    assert [(row.id, row.status) for row in rows] == [(first.pk, "sent"), (second.pk, "received")]
    assert rows[0].receive_due == first.receive_due and not rows[0].overdue
    assert rows[0].from_organisation == str(around.aino.organisation)
    # The inbox names no one: opening a referral does, and is audited.
    assert rows[0].family_name == "" and rows[0].family_id is None
    late = referrals_inbox(professional=around.mikko, today=first.receive_due + DAY)
    assert all(row.overdue for row in late)

    referral_accept(referral_id=second.pk, first_contact_by=second.receive_due, by=around.mikko)
    assert [row.id for row in referrals_inbox(professional=around.kalle)] == [first.pk]
    for outsider in (around.aino, around.hanna):
        assert referrals_inbox(professional=outsider) == []


def test_the_sender_sees_where_each_of_her_organisations_referrals_stands(around):
    first = around.consented_referral()
    second = around.send()
    referral_receive(referral_id=first.pk, by=around.kalle)
    rows = referrals_sent(professional=around.maija)
    assert {(row.id, row.status) for row in rows} == {(first.pk, "received"), (second.pk, "sent")}
    assert {row.family_name for row in rows} == {"Virtanen"}
    assert referrals_sent(professional=around.kalle) == []


def test_the_sender_is_reminded_while_the_receiver_has_not_taken_the_family_on(around):
    referral = around.consented_referral()
    due = referral.receive_due

    def waiting(today):
        rows = referrals_needing_reminder(professional=around.aino, today=today)
        return [(row.id, row.waiting_for) for row in rows]

    assert waiting(due) == []
    assert waiting(due + DAY) == [(referral.pk, "receive")]
    referral_receive(referral_id=referral.pk, by=around.kalle)
    assert waiting(due + DAY) == [(referral.pk, "decide")]

    contact_by = due + 3 * DAY
    referral_accept(referral_id=referral.pk, first_contact_by=contact_by, by=around.kalle)
    assert waiting(due + DAY) == []
    assert waiting(contact_by) == []
    assert waiting(contact_by + DAY) == [(referral.pk, "first_contact")]
    # The reminder is the sender's: the receiver's organisation gets none.
    assert referrals_needing_reminder(professional=around.kalle, today=contact_by + DAY) == []

    referral_record_first_contact(referral_id=referral.pk, by=around.mikko)
    assert waiting(contact_by + 30 * DAY) == []
