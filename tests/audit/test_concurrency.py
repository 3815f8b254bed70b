"""Several workers append at once, each in its own transaction and connection, as gunicorn's
workers do: the chain stays unbroken. And the long walk of `audit verify`, split between
processes, finds what one process finds."""

import threading

import pytest
from django.db import connection, transaction

from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.services import audit_record
from perhekeskus.audit.verify import audit_verify
from tests.audit.conftest import TABLE, VIRTANEN, needs_postgresql

pytestmark = [needs_postgresql, pytest.mark.django_db(transaction=True)]

PER_WORKER = 40


def test_two_workers_appending_at_once_leave_an_unbroken_chain(
    audit_log_emptied_afterwards, aino, mikko
):
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def work(actor) -> None:
        try:
            start.wait()
            for number in range(PER_WORKER):
                with transaction.atomic():
                    audit_record(
                        actor=actor,
                        action="family.read",
                        target_type="family",
                        target_id=str(number),
                        family_id=VIRTANEN,
                        purpose="care",
                    )
        except BaseException as failure:  # reported by the test, not lost in the thread
            failures.append(failure)
        finally:
            connection.close()

    workers = [threading.Thread(target=work, args=(actor,)) for actor in (aino, mikko)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert failures == []
    sequences = list(AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, 2 * PER_WORKER + 1))
    by_actor = AuditEvent.objects.values_list("actor_id", flat=True)
    assert sorted(set(by_actor)) == ["aino", "mikko"]
    assert audit_verify().ok


def test_verify_in_several_processes_finds_the_first_problem(audit_log_emptied_afterwards, reads):
    reads(9)
    intact = audit_verify(workers=3, chunk=2)
    assert (intact.ok, intact.events_checked, intact.processes) == (True, 9, 3)
    with connection.cursor() as cursor:  # a DBA edits two events, the trigger off
        cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
        cursor.execute(f"UPDATE {TABLE} SET actor_id = 'x' WHERE sequence IN (5, 8)")
        cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER USER")

    result = audit_verify(workers=3, chunk=2)

    assert (result.ok, result.first_bad_sequence, result.events_checked) == (False, 5, 4)
