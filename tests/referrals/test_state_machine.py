"""Whatever the professionals click, in whatever order, the referral stays whole: random
sequences of steps against the transitions table.

After every step: the status is one of the table's; a step the table allows is taken and one it
does not is refused with InvalidTransition and changes nothing; every status reached has its
time and the times follow the path's order; a completed, declined or withdrawn referral takes
no further step; and the receiver cares for the family exactly when the referral was accepted
(or did already)."""

from datetime import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from perhekeskus.consent.services import care_relationship_start
from perhekeskus.errors import InvalidTransition
from perhekeskus.referrals.models import Referral
from perhekeskus.referrals.services import (
    referral_accept,
    referral_complete,
    referral_decline,
    referral_receive,
    referral_record_first_contact,
    referral_withdraw,
)
from perhekeskus.referrals.states import (
    AT_FIELDS,
    PATH,
    STEPS,
    TERMINAL,
    TRANSITIONS,
    Action,
    Side,
    allows,
    passed_through,
)

pytestmark = pytest.mark.django_db

# Every action, the way forward more often than its endings, so that sequences also get far.
FORWARD = [Action.RECEIVE, Action.ACCEPT, Action.FIRST_CONTACT, Action.COMPLETE]
ACTIONS = [*FORWARD * 4, *Action.values]
WHOLE_WAY = [*FORWARD, *Action.values]


def take(action: str, referral: Referral, around) -> None:
    """The action, by a professional of the side that takes it."""
    by = around.mikko if STEPS[action].side == Side.RECEIVER else around.maija
    pk = referral.pk
    if action == Action.RECEIVE:
        referral_receive(referral_id=pk, by=by)
    elif action == Action.ACCEPT:
        referral_accept(referral_id=pk, first_contact_by=timezone.localdate(), by=by)
    elif action == Action.FIRST_CONTACT:
        referral_record_first_contact(referral_id=pk, by=by)
    elif action == Action.COMPLETE:
        referral_complete(referral_id=pk, by=by)
    elif action == Action.DECLINE:
        referral_decline(
            referral_id=pk,
            reason_kind="no_capacity",
            reason="Full until spring.",
            suggested_alternative="The NGO",
            by=by,
        )
    else:
        referral_withdraw(referral_id=pk, reason="The family asked to wait.", by=by)


def state(referral: Referral) -> dict[str, object]:
    return Referral.objects.filter(pk=referral.pk).values("status", "version", *AT_FIELDS.values())[
        0
    ]


def assert_whole(now: dict, reached: set[str], receiver_in_care: bool, cared_before: bool) -> None:
    assert now["status"] in TRANSITIONS
    for status, field in AT_FIELDS.items():
        assert (now[field] is not None) == (status in reached), field
        if now["status"] in passed_through(status):
            assert now[field] is not None
    path_times: list[datetime] = [now[AT_FIELDS[s]] for s in PATH if now[AT_FIELDS[s]]]
    assert path_times == sorted(path_times)
    for ending in ("declined_at", "withdrawn_at"):
        if now[ending] is not None:
            assert now[ending] >= path_times[-1]
    assert receiver_in_care == (cared_before or now["accepted_at"] is not None)


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    actions=st.lists(st.sampled_from(ACTIONS), max_size=12),
    cared_before=st.booleans(),
)
@example(actions=WHOLE_WAY, cared_before=False)
@example(
    actions=[Action.RECEIVE, Action.ACCEPT, Action.WITHDRAW, Action.DECLINE], cared_before=True
)
def test_any_sequence_of_steps_keeps_the_referral_whole(around, actions, cared_before):
    # Each example in a savepoint rolled back at its end: a fresh referral and fresh care.
    with transaction.atomic():
        if cared_before:
            care_relationship_start(
                family=around.virtanen.family, by=around.kalle, basis="statutory"
            )
        referral = around.send(basis="legal_basis", legal_basis_text="Lastensuojelulaki 25 §")
        reached = {"sent"}
        for action in actions:
            before = state(referral)
            try:
                take(action, referral, around)
            except InvalidTransition:
                assert not allows(before["status"], action)
                assert state(referral) == before
            else:
                assert before["status"] not in TERMINAL
                assert allows(before["status"], action)
                now = state(referral)
                assert (now["status"], now["version"]) == (STEPS[action].to, before["version"] + 1)
                reached.add(STEPS[action].to)
            assert_whole(state(referral), reached, around.receiver_in_care(), cared_before)
        transaction.set_rollback(True)
