"""Writes of contact requests (yhteydenottopyynnöt): received, contacted, closed, erased.

Every change is recorded in the inbox's action log (InboxEvent) in the same transaction.
"""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from perhekeskus.contacts.models import ContactRequest
from perhekeskus.inbox import services as inbox
from perhekeskus.inbox.models import InboxEvent, InboxItem
from perhekeskus.network.models import Municipality, Service
from perhekeskus.questions.models import AnonymousQuestion
from perhekeskus.staff.models import Professional

# No 0/O or 1/I/L: read aloud over the phone without mistakes.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_reference() -> str:
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{body[:4]}-{body[4:]}"


@transaction.atomic
def request_contact(
    *,
    lang: str,
    topic: str,
    about: str,
    may_leave_message: bool,
    may_call_any_time: bool,
    name: str = "",
    phone: str = "",
    email: str = "",
    preferred_channel: str = ContactRequest.Channel.PHONE,
    when_to_call: str = "",
    municipality: Municipality | None = None,
    service: Service | None = None,
    question: AnonymousQuestion | None = None,
) -> ContactRequest:
    """Received with the family's consent (the form requires it); routed to a queue at once."""
    queue = inbox.route(
        kind=InboxEvent.Kind.CONTACT_REQUEST,
        topic=topic,
        municipality=municipality,
        service=service,
        area=question.area if question else None,
    )
    now = timezone.now()
    request = ContactRequest.objects.create(
        reference=new_reference(),
        lang=lang,
        topic=topic,
        about=about,
        name=name,
        phone=phone,
        email=email,
        preferred_channel=preferred_channel,
        when_to_call=when_to_call,
        may_leave_message=may_leave_message,
        may_call_any_time=may_call_any_time,
        municipality=municipality,
        service=service,
        question=question,
        consent_at=now,
        queue=queue,
        due_at=inbox.response_due(now),
    )
    inbox.record(request, InboxEvent.Action.RECEIVED)
    if question is not None:
        inbox.record(question, InboxEvent.Action.STEPPED_UP)
    return request


@transaction.atomic
def mark_contacted(
    request: ContactRequest, professional: Professional, note: str = ""
) -> ContactRequest:
    """The professional reached the family (or tried to: the note says). The request stays
    claimed by whoever works on it until it is closed with an outcome."""
    if not inbox.may_work_on(professional, request) or request.status == InboxItem.Status.CLOSED:
        raise inbox.NotAllowed
    request.claimed_by = request.claimed_by or professional
    request.status = InboxItem.Status.CLAIMED
    request.save(update_fields=["claimed_by", "status"])
    inbox.record(request, InboxEvent.Action.CONTACTED, professional, note=note)
    return request


@transaction.atomic
def close(request: ContactRequest, professional: Professional, outcome: str) -> ContactRequest:
    """Done: the outcome in a few words. Retention (PERHEKESKUS_CONTACT_RETENTION_DAYS) counts
    from now, so a request is closed once; reopening is not a road back to erased data."""
    if not inbox.may_work_on(professional, request) or request.status == InboxItem.Status.CLOSED:
        raise inbox.NotAllowed
    request.status = InboxItem.Status.CLOSED
    request.closed_at = timezone.now()
    request.outcome = outcome[:300]
    request.claimed_by = request.claimed_by or professional
    request.save(update_fields=["status", "closed_at", "outcome", "claimed_by"])
    inbox.record(request, InboxEvent.Action.CLOSED, professional)
    return request


ERASED = "[erased]"


def erase_expired(now: datetime | None = None) -> int:
    """Erase the family's personal data from requests closed more than
    PERHEKESKUS_CONTACT_RETENTION_DAYS ago (default 30); returns how many were erased.

    What stays is what the inbox's figures need: the reference, queue, topic, service,
    municipality and the times. The link to an anonymous question is cut too, so that the
    question cannot be tied to a person any more. `perhekeskus purge` calls this."""
    now = now or timezone.now()
    days = getattr(settings, "PERHEKESKUS_CONTACT_RETENTION_DAYS", 30)
    expired = ContactRequest.objects.filter(
        status=InboxItem.Status.CLOSED,
        closed_at__lt=now - timedelta(days=days),
        erased_at__isnull=True,
    ).select_related("queue")
    erased = 0
    for request in expired:
        _erase(request, now)
        erased += 1
    return erased


@transaction.atomic
def _erase(request: ContactRequest, now: datetime) -> None:
    request.name = ""
    request.phone = ""
    request.email = ""
    request.when_to_call = ""
    request.about = ERASED
    request.outcome = ERASED if request.outcome else ""
    request.question = None
    request.erased_at = now
    request.save(
        update_fields=[
            "name",
            "phone",
            "email",
            "when_to_call",
            "about",
            "outcome",
            "question",
            "erased_at",
        ]
    )
    inbox.record(request, InboxEvent.Action.ERASED)
