"""Reads of the inbox: what a professional's queues hold, overdue first."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from perhekeskus.inbox.models import InboxEvent, InboxItem, Queue
from perhekeskus.staff.models import Professional


def queues_of(professional: Professional) -> list[Queue]:
    return list(Queue.objects.filter(memberships__professional=professional, is_active=True))


@dataclass(frozen=True)
class InboxRow:
    kind: str  # InboxEvent.Kind
    item: InboxItem
    overdue: bool


def _sort_key(row: InboxRow) -> tuple[bool, bool, datetime]:
    return (not row.overdue, not row.item.escalated, row.item.due_at)


def inbox_rows(
    professional: Professional, *, queue: Queue | None = None, include_closed: bool = False
) -> list[InboxRow]:
    """Open items in the professional's queues (or one of them): overdue first, then
    escalated, then by deadline."""
    from perhekeskus.contacts.models import ContactRequest
    from perhekeskus.questions.models import AnonymousQuestion

    queues = [queue] if queue is not None else queues_of(professional)
    allowed = [q for q in queues if q.memberships.filter(professional=professional).exists()]
    now = timezone.now()
    rows: list[InboxRow] = []
    for kind, model in (
        (InboxEvent.Kind.QUESTION, AnonymousQuestion),
        (InboxEvent.Kind.CONTACT_REQUEST, ContactRequest),
    ):
        items = model.objects.filter(queue__in=allowed).select_related("queue", "claimed_by")
        if not include_closed:
            items = items.exclude(status__in=_finished(kind))
        rows += [
            InboxRow(kind, item, item.due_at < now and item.status != InboxItem.Status.CLOSED)
            for item in items
        ]
    return sorted(rows, key=_sort_key)


def _finished(kind: str) -> list[str]:
    # A question is done once answered (until the family replies); a request once closed.
    if kind == InboxEvent.Kind.QUESTION:
        return [InboxItem.Status.ANSWERED, InboxItem.Status.CLOSED]
    return [InboxItem.Status.CLOSED]


def overdue_count(professional: Professional) -> int:
    return sum(1 for row in inbox_rows(professional) if row.overdue)


def events_of(item: InboxItem) -> list[InboxEvent]:
    from perhekeskus.inbox.services import item_kind

    return list(
        InboxEvent.objects.filter(item_kind=item_kind(item), item_id=item.pk).select_related(
            "queue", "to_queue"
        )
    )
