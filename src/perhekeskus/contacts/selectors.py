"""Reads of contact requests."""

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from perhekeskus.contacts.models import ContactRequest
from perhekeskus.inbox.models import InboxItem


def overdue_requests(now: datetime | None = None) -> QuerySet[ContactRequest]:
    """Open requests past their response deadline (due_at), the longest overdue first: the
    overdue alert of the inbox and of its leads."""
    return (
        ContactRequest.objects.exclude(status=InboxItem.Status.CLOSED)
        .filter(due_at__lt=now or timezone.now())
        .select_related("queue", "claimed_by")
        .order_by("due_at", "id")
    )
