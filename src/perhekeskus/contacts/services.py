"""Writes of contact requests: received, contacted, closed, erased."""

import secrets

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
def close(request: ContactRequest, professional: Professional, outcome: str) -> ContactRequest:
    if not inbox.may_work_on(professional, request):
        raise inbox.NotAllowed
    request.status = InboxItem.Status.CLOSED
    request.closed_at = timezone.now()
    request.outcome = outcome[:300]
    request.claimed_by = request.claimed_by or professional
    request.save(update_fields=["status", "closed_at", "outcome", "claimed_by"])
    inbox.record(request, InboxEvent.Action.CLOSED, professional)
    return request
