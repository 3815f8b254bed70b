"""Reads of the inbox: what a professional's queues hold, overdue first."""

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Count, Min, Q
from django.utils import timezone

from perhekeskus.inbox.models import AnswerTemplate, InboxEvent, InboxItem, Queue, QueueMembership
from perhekeskus.staff.models import Professional

if TYPE_CHECKING:
    from perhekeskus.contacts.models import ContactRequest
    from perhekeskus.questions.models import AnonymousQuestion, QuestionMessage


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
        items = model.objects.filter(queue__in=allowed).select_related("queue", "claimed_by__user")
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


def is_overdue(item: InboxItem, now: datetime | None = None) -> bool:
    """Past its deadline and still waiting for a professional."""
    from perhekeskus.inbox.services import item_kind

    finished = _finished(item_kind(item))
    return item.due_at < (now or timezone.now()) and item.status not in finished


def overdue_count(professional: Professional) -> int:
    return sum(1 for row in inbox_rows(professional) if row.overdue)


def events_of(item: InboxItem) -> list[InboxEvent]:
    from perhekeskus.inbox.services import item_kind

    return list(
        InboxEvent.objects.filter(item_kind=item_kind(item), item_id=item.pk).select_related(
            "queue", "to_queue", "professional__user"
        )
    )


# ---- One item, one queue: only for its members (missing and forbidden look alike) ----


def queue_for(professional: Professional, queue_id: int) -> Queue | None:
    """One of the professional's own active queues, or None."""
    return Queue.objects.filter(
        pk=queue_id, is_active=True, memberships__professional=professional
    ).first()


def question_for(professional: Professional, pk: int) -> "AnonymousQuestion | None":
    """The question if the professional works its queue; else None, as if it did not exist."""
    from perhekeskus.questions.models import AnonymousQuestion

    return (
        AnonymousQuestion.objects.select_related(
            "queue", "claimed_by__user", "municipality", "area"
        )
        .filter(pk=pk, queue__memberships__professional=professional)
        .first()
    )


def contact_request_for(professional: Professional, pk: int) -> "ContactRequest | None":
    """The contact request if the professional works its queue; else None."""
    from perhekeskus.contacts.models import ContactRequest

    return (
        ContactRequest.objects.select_related(
            "queue", "claimed_by__user", "municipality", "service", "question"
        )
        .filter(pk=pk, queue__memberships__professional=professional)
        .first()
    )


def thread_of(question: "AnonymousQuestion") -> list["QuestionMessage"]:
    """The question and every answer and reply, oldest first."""
    return list(question.messages.select_related("professional__user"))


def handover_targets(item: InboxItem) -> list[Queue]:
    """Active queues that take this kind of item, other than its own: any of them, members or
    not, since handing over is for what belongs to someone else."""
    from perhekeskus.inbox.services import item_kind

    takes = (
        {"takes_questions": True}
        if item_kind(item) == InboxEvent.Kind.QUESTION
        else {"takes_contact_requests": True}
    )
    return list(Queue.objects.filter(is_active=True, **takes).exclude(pk=item.queue_id))


# ---- Answer templates (vastauspohjat) ----


def lead_queues(professional: Professional) -> list[Queue]:
    """Queues whose shared answer templates this professional keeps: those they lead."""
    return list(
        Queue.objects.filter(
            memberships__professional=professional, memberships__is_lead=True, is_active=True
        )
    )


def templates_for(professional: Professional, queue: Queue | None = None) -> list[AnswerTemplate]:
    """The professional's own templates and the shared ones of their queues (or of one queue,
    when answering an item of it)."""
    shared = (
        Q(queue=queue)
        if queue is not None
        else Q(queue__memberships__professional=professional, queue__is_active=True)
    )
    return list(
        AnswerTemplate.objects.filter(Q(owner=professional) | shared)
        .select_related("queue")
        .distinct()
        .order_by("queue_id", "lang", "title")
    )


def template_for(professional: Professional, pk: int) -> AnswerTemplate | None:
    """A template the professional may see (own, or shared in their queue); else None."""
    return next((t for t in templates_for(professional) if t.pk == pk), None)


def may_edit_template(professional: Professional, template: AnswerTemplate) -> bool:
    """Own templates by their owner; a queue's shared ones by its leads only."""
    if template.owner_id is not None:
        return template.owner_id == professional.pk
    if template.queue_id is None:
        return False
    return QueueMembership.objects.filter(
        queue_id=template.queue_id, professional=professional, is_lead=True
    ).exists()


# ---- Overdue (myöhässä), for the operator's scheduler and alerts ----


@dataclass(frozen=True)
class QueueOverdue:
    queue: Queue
    count: int
    oldest_due_at: datetime


def overdue_by_queue(now: datetime | None = None) -> list[QueueOverdue]:
    """Per active queue, the open items past their deadline and the oldest deadline; queues with
    nothing overdue are left out. Oldest first, so the worst is read first."""
    from perhekeskus.contacts.models import ContactRequest
    from perhekeskus.questions.models import AnonymousQuestion

    now = now or timezone.now()
    totals: dict[int, tuple[int, datetime]] = {}
    for kind, model in (
        (InboxEvent.Kind.QUESTION, AnonymousQuestion),
        (InboxEvent.Kind.CONTACT_REQUEST, ContactRequest),
    ):
        rows = (
            model.objects.filter(due_at__lt=now, queue__is_active=True)
            .exclude(status__in=_finished(kind))
            .values("queue_id")
            .annotate(count=Count("id"), oldest=Min("due_at"))
        )
        for row in rows:
            count, oldest = totals.get(row["queue_id"], (0, row["oldest"]))
            totals[row["queue_id"]] = (count + row["count"], min(oldest, row["oldest"]))
    queues = Queue.objects.in_bulk(list(totals))
    result = [
        QueueOverdue(queues[queue_id], count, oldest)
        for queue_id, (count, oldest) in totals.items()
    ]
    return sorted(result, key=lambda row: (row.oldest_due_at, row.queue.pk))
