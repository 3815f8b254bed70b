"""The referral's state machine (lähetteen tilat), in one place: the statuses, the actions,
which action each status allows, which side of the referral takes it, and which timestamp
and professional it records. Services, selectors, the model's constraints and the tests all
read this table; nothing else decides what may follow what."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    """Where the referral stands."""

    SENT = "sent", pgettext_lazy("referral", "sent")
    RECEIVED = "received", pgettext_lazy("referral", "received")
    ACCEPTED = "accepted", pgettext_lazy("referral", "accepted")
    FIRST_CONTACT = "first_contact", pgettext_lazy("referral", "first contact made")
    COMPLETED = "completed", pgettext_lazy("referral", "completed")
    DECLINED = "declined", pgettext_lazy("referral", "declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("referral", "withdrawn")


class Action(models.TextChoices):
    """What a professional does to a referral after sending it."""

    RECEIVE = "receive", pgettext_lazy("referral", "mark as received")
    ACCEPT = "accept", pgettext_lazy("referral", "accept")
    FIRST_CONTACT = "first_contact", pgettext_lazy("referral", "record the first contact")
    COMPLETE = "complete", pgettext_lazy("referral", "complete")
    DECLINE = "decline", pgettext_lazy("referral", "decline")
    WITHDRAW = "withdraw", pgettext_lazy("referral", "withdraw")


class Side(StrEnum):
    """Whose action it is: the sending or the receiving organisation's professionals."""

    SENDER = "sender"
    RECEIVER = "receiver"


@dataclass(frozen=True)
class Step:
    """One action: who takes it, where it leads, and the fields that record when and by whom."""

    side: Side
    to: Status
    at_field: str
    by_field: str


STEPS: dict[str, Step] = {
    Action.RECEIVE: Step(Side.RECEIVER, Status.RECEIVED, "received_at", "received_by"),
    Action.ACCEPT: Step(Side.RECEIVER, Status.ACCEPTED, "accepted_at", "accepted_by"),
    Action.FIRST_CONTACT: Step(
        Side.RECEIVER, Status.FIRST_CONTACT, "first_contact_at", "first_contact_recorded_by"
    ),
    Action.COMPLETE: Step(Side.RECEIVER, Status.COMPLETED, "completed_at", "completed_by"),
    Action.DECLINE: Step(Side.RECEIVER, Status.DECLINED, "declined_at", "declined_by"),
    Action.WITHDRAW: Step(Side.SENDER, Status.WITHDRAWN, "withdrawn_at", "withdrawn_by"),
}

# From-status → the actions it allows. The sender may take the referral back only until the
# receiver has taken the family on (accepted): from then on the receiver holds the family.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.SENT: frozenset({Action.RECEIVE, Action.DECLINE, Action.WITHDRAW}),
    Status.RECEIVED: frozenset({Action.ACCEPT, Action.DECLINE, Action.WITHDRAW}),
    Status.ACCEPTED: frozenset({Action.FIRST_CONTACT}),
    Status.FIRST_CONTACT: frozenset({Action.COMPLETE}),
    Status.COMPLETED: frozenset(),
    Status.DECLINED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}

# The way through, in order; each status's timestamp is at or after the previous one's.
PATH: tuple[str, ...] = (
    Status.SENT,
    Status.RECEIVED,
    Status.ACCEPTED,
    Status.FIRST_CONTACT,
    Status.COMPLETED,
)
TERMINAL = frozenset(status for status, actions in TRANSITIONS.items() if not actions)
# Not yet taken on by the receiver: the sender still holds the family.
PENDING = frozenset({Status.SENT, Status.RECEIVED})
AT_FIELDS: dict[str, str] = {
    str(Status.SENT): "sent_at",
    **{str(step.to): step.at_field for step in STEPS.values()},
}


def allows(status: str, action: str) -> bool:
    return action in TRANSITIONS.get(status, frozenset())


def reachable_from(start: str, *, avoiding: str | None = None) -> frozenset[str]:
    """The statuses a referral can be in after `start` (itself included), optionally without
    ever passing through `avoiding`."""
    seen: set[str] = set()
    todo = [start] if start != avoiding else []
    while todo:
        status = todo.pop()
        if status in seen:
            continue
        seen.add(status)
        todo.extend(STEPS[a].to for a in TRANSITIONS[status] if STEPS[a].to != avoiding)
    return frozenset(seen)


def passed_through(status: str) -> frozenset[str]:
    """The statuses every referral now in one of them has gone through `status` to reach:
    those that cannot be reached from sending without it."""
    return frozenset(TRANSITIONS) - reachable_from(Status.SENT, avoiding=status)
