"""Writes of the inbox: routing, claiming, handing over, escalating; each action logged."""

from datetime import datetime
from typing import TypeVar

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from perhekeskus.inbox.models import AnswerTemplate, InboxEvent, InboxItem, Queue
from perhekeskus.network.models import Area, Municipality, Service
from perhekeskus.staff.models import Professional
from perhekeskus.workdays import add_working_days

Item = TypeVar("Item", bound=InboxItem)


class NoQueue(Exception):
    """No active queue takes this kind of item: a maintainer must create one."""


class NotAllowed(Exception):
    """The professional may not do this to this item."""


def item_kind(item: InboxItem) -> str:
    return (
        InboxEvent.Kind.QUESTION
        if item._meta.model_name == "anonymousquestion"
        else InboxEvent.Kind.CONTACT_REQUEST
    )


def municipality_areas(municipality: Municipality) -> list[Area]:
    """The areas a municipality belongs to: whole (a small municipality) or in parts (a city
    divided by postal areas, like Espoo or Helsinki), the whole first, then by id."""
    whole = list(municipality.areas.order_by("id"))
    parts = Area.objects.filter(postal_areas__municipality=municipality).exclude(
        pk__in=[a.pk for a in whole]
    )
    return whole + list(parts.distinct().order_by("id"))


def response_due(received: datetime | None = None) -> datetime:
    """Respond within PERHEKESKUS_RESPONSE_WORKING_DAYS working days (default 2)."""
    days = getattr(settings, "PERHEKESKUS_RESPONSE_WORKING_DAYS", 2)
    return add_working_days(received or timezone.now(), days)


def route(
    *,
    kind: str,
    topic: str,
    municipality: Municipality | None = None,
    area: Area | None = None,
    service: Service | None = None,
) -> Queue:
    """The queue that takes an item: a queue of the service asked about, else one of the area
    (given, or the municipality's: see `municipality_areas`) with the topic, then the area's
    queue for every topic, then a queue without an area, topic before general. Raises NoQueue
    when none is active."""
    takes = (
        Q(takes_questions=True)
        if kind == InboxEvent.Kind.QUESTION
        else Q(takes_contact_requests=True)
    )
    active = Queue.objects.filter(takes, is_active=True)
    if service is not None:
        queue = active.filter(services=service).order_by("id").first()
        if queue is not None:
            return queue
    areas: list[Area] = []
    if area is not None:
        areas.append(area)
    if municipality is not None:
        areas += [a for a in municipality_areas(municipality) if a != area]
    for candidate_area in [*areas, None]:
        candidates = list(active.filter(area=candidate_area).order_by("id"))
        for queue in candidates:
            if topic in (queue.topics or []):
                return queue
        for queue in candidates:
            if not queue.topics:
                return queue
    raise NoQueue(kind)


def record(
    item: InboxItem,
    action: str,
    professional: Professional | None = None,
    *,
    to_queue: Queue | None = None,
    note: str = "",
) -> InboxEvent:
    return InboxEvent.objects.create(
        professional=professional,
        actor=professional.user.get_username() if professional else "",
        item_kind=item_kind(item),
        item_id=item.pk,
        action=action,
        queue=item.queue,
        to_queue=to_queue,
        note=note[:500],
    )


def may_work_on(professional: Professional, item: InboxItem) -> bool:
    """Members of the item's queue work on it; nobody else (deny by default)."""
    return item.queue.memberships.filter(professional=professional).exists()


def _require(professional: Professional, item: InboxItem) -> None:
    if not may_work_on(professional, item):
        raise NotAllowed


@transaction.atomic
def claim(item: Item, professional: Professional) -> Item:
    _require(professional, item)
    if item.status == InboxItem.Status.CLOSED:
        raise NotAllowed
    item.claimed_by = professional
    if item.status == InboxItem.Status.NEW:
        item.status = InboxItem.Status.CLAIMED
    item.save(update_fields=["claimed_by", "status"])
    record(item, InboxEvent.Action.CLAIMED, professional)
    return item


@transaction.atomic
def release(item: Item, professional: Professional) -> Item:
    _require(professional, item)
    item.claimed_by = None
    if item.status == InboxItem.Status.CLAIMED:
        item.status = InboxItem.Status.NEW
    item.save(update_fields=["claimed_by", "status"])
    record(item, InboxEvent.Action.RELEASED, professional)
    return item


@transaction.atomic
def hand_over(item: Item, professional: Professional, to_queue: Queue, note: str = "") -> Item:
    """Move the item to another queue, unclaimed; its deadline stays."""
    _require(professional, item)
    if to_queue == item.queue or not to_queue.is_active:
        raise NotAllowed
    record(item, InboxEvent.Action.HANDED_OVER, professional, to_queue=to_queue, note=note)
    item.queue = to_queue
    item.claimed_by = None
    if item.status == InboxItem.Status.CLAIMED:
        item.status = InboxItem.Status.NEW
    item.save(update_fields=["queue", "claimed_by", "status"])
    return item


@transaction.atomic
def escalate(item: Item, professional: Professional, note: str = "") -> Item:
    """Mark for the queue's leads; escalated items come first after overdue ones."""
    _require(professional, item)
    item.escalated = True
    item.save(update_fields=["escalated"])
    record(item, InboxEvent.Action.ESCALATED, professional, note=note)
    return item


def viewed(item: InboxItem, professional: Professional) -> InboxEvent:
    """Opening an item is logged too: who has read what a family wrote is part of the record."""
    _require(professional, item)
    return record(item, InboxEvent.Action.VIEWED, professional)


# ---- Answer templates (vastauspohjat) ----


def _require_template_rights(professional: Professional, template: AnswerTemplate) -> None:
    from perhekeskus.inbox.selectors import may_edit_template

    if not may_edit_template(professional, template):
        raise NotAllowed


@transaction.atomic
def template_save(
    *,
    professional: Professional,
    title: str,
    text: str,
    lang: str,
    queue: Queue | None = None,
    template: AnswerTemplate | None = None,
) -> AnswerTemplate:
    """Create or change a template: without a queue it is the professional's own; with one it
    is shared in that queue, which only the queue's leads may do."""
    if template is not None:
        _require_template_rights(professional, template)
    target = template or AnswerTemplate()
    target.title, target.text, target.lang = title, text, lang
    target.queue, target.owner = (queue, None) if queue is not None else (None, professional)
    _require_template_rights(professional, target)
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def template_delete(*, professional: Professional, template: AnswerTemplate) -> None:
    _require_template_rights(professional, template)
    template.delete()
