"""Kalle and Mikko in Vantaa both press "accept" on the same referral at the same moment, each
in their own gunicorn worker: the family is accepted once, by one of them, and the other is
told that someone else has just handled it."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from perhekeskus.audit.models import AuditEvent
from perhekeskus.consent.models import CareRelationship
from perhekeskus.errors import InvalidTransition
from perhekeskus.referrals import services
from perhekeskus.referrals.models import Referral
from perhekeskus.referrals.services import referral_accept, referral_receive
from tests.audit.conftest import audit_log_emptied_afterwards  # noqa: F401

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises all writers, so two workers never race",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def reference_data(transactional_db) -> None:
    """Counties and municipalities, as the migrations load them; a transactional test before
    this one may have flushed them."""
    from perhekeskus.network.models import County
    from perhekeskus.network.reference_data import reference_data_load

    if not County.objects.exists():
        reference_data_load()


def test_two_receivers_accepting_at_once_exactly_one_wins(
    audit_log_emptied_afterwards,  # noqa: F811
    reference_data,
    around,
    monkeypatch,
):
    referral = around.consented_referral()
    referral_receive(referral_id=referral.pk, by=around.kalle)
    both_have_read = threading.Barrier(2, timeout=20)
    read_referral = services.referral_access

    def read_then_wait(**kwargs):
        """Each has seen the referral as received before either writes: a real race."""
        seen = read_referral(**kwargs)
        both_have_read.wait()
        return seen

    monkeypatch.setattr(services, "referral_access", read_then_wait)
    outcomes: dict[str, object] = {}

    def accept(worker) -> None:
        try:
            referral_accept(
                referral_id=referral.pk,
                first_contact_by=timezone.localdate() + timedelta(days=5),
                by=worker,
            )
            outcomes[worker.user.username] = "accepted"
        except BaseException as failure:  # reported by the test, not lost in the thread
            outcomes[worker.user.username] = failure
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(w,)) for w in (around.kalle, around.mikko)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    winners = [name for name, outcome in outcomes.items() if outcome == "accepted"]
    losers = [o for o in outcomes.values() if isinstance(o, InvalidTransition)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert "Joku muu käsitteli juuri tämän lähetteen" in losers[0].message
    referral.refresh_from_db()
    assert (referral.status, referral.version) == (Referral.Status.ACCEPTED, 3)
    assert referral.accepted_by.user.username == winners[0]
    relationships = CareRelationship.objects.filter(organisation=around.vantaa)
    assert relationships.count() == 1
    accepts = AuditEvent.objects.filter(action="referral.accept", target_id=str(referral.pk))
    assert accepts.count() == 1
