"""The demo screenings for `make run`: recorded through the services in the nurse's families,
some on the worklist and overdue, one followed up; and never twice."""

import io

import pytest

from perhekeskus.audit.models import AuditEvent
from perhekeskus.screenings.demo import screenings_demo
from perhekeskus.screenings.models import FollowUp, Screening
from perhekeskus.screenings.selectors import screening_worklist
from tests.referrals.around import Around

pytestmark = pytest.mark.django_db


def test_the_demo_fills_the_nurses_worklist_once(around: Around):
    out = io.StringIO()

    recorded = screenings_demo(nurse_username="aino", stdout=out)

    # One family in Aino's care: the first planned result, the mother's EPDS of 15.
    assert recorded == 1
    assert "Demo screenings recorded by aino: 1" in out.getvalue()
    [row] = screening_worklist(professional=around.aino)
    assert row.overdue and row.screening.score == 15
    assert (
        AuditEvent.objects.filter(action="screening.record", target_type="screening").count() == 1
    )
    assert screenings_demo(nurse_username="aino") == 0
    assert Screening.objects.count() == 1 and not FollowUp.objects.exists()


def test_the_demo_does_nothing_without_its_nurse(around: Around):
    assert screenings_demo(nurse_username="nobody") == 0
    assert not Screening.objects.exists()
