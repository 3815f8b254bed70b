"""Aino and Mikko both write down the family's view at the same moment, each in their own
gunicorn worker: one view is saved, whole, and the other is told that someone saved it in the
meantime, instead of one silently overwriting the other's words."""

import threading

import pytest
from django.db import connection

from perhekeskus.audit.models import AuditEvent
from perhekeskus.errors import StaleEdit
from perhekeskus.meetings import services
from perhekeskus.meetings.models import FamilyView

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises all writers, so two workers never race",
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("audit_log_emptied_afterwards"),
]


@pytest.fixture
def reference_data(transactional_db) -> None:
    from perhekeskus.network.models import County
    from perhekeskus.network.reference_data import reference_data_load

    if not County.objects.exists():
        reference_data_load()


def test_two_recording_the_familys_view_at_once_one_is_saved_the_other_told(
    reference_data,
    team,
    monkeypatch,
):
    meeting = team.plan()
    both_have_read = threading.Barrier(2, timeout=20)
    allowed = services._for_participant

    def read_then_wait(*args):
        """Each has found no view yet before either writes: a real race."""
        seen = allowed(*args)
        both_have_read.wait()
        return seen

    monkeypatch.setattr(services, "_for_participant", read_then_wait)
    outcomes: dict[str, object] = {}

    def record(worker, words: str) -> None:
        try:
            services.family_view_record(meeting_id=meeting.pk, text=words, version=None, by=worker)
            outcomes[words] = "saved"
        except BaseException as failure:  # reported by the test, not lost in the thread
            outcomes[words] = failure
        finally:
            connection.close()

    writers = [(team.around.aino, "Ainon kirjaama"), (team.around.mikko, "Mikon kirjaama")]
    threads = [threading.Thread(target=record, args=writer) for writer in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    saved = [words for words, outcome in outcomes.items() if outcome == "saved"]
    refused = [o for o in outcomes.values() if isinstance(o, StaleEdit)]
    assert len(saved) == 1 and len(refused) == 1, outcomes
    assert FamilyView.objects.get(meeting=meeting).text == saved[0]
    recorded = AuditEvent.objects.filter(
        action="meeting.family_view", target_type="team_meeting", target_id=str(meeting.pk)
    )
    assert recorded.count() == 1
