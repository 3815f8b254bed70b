"""Writes of anonymous questions: ask, reply, answer. Nothing about the asker is stored but what
the asker chose to write."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from perhekeskus.inbox import services as inbox
from perhekeskus.inbox.models import InboxEvent, InboxItem
from perhekeskus.network.models import Area, Municipality
from perhekeskus.questions.codes import code_digest, new_code
from perhekeskus.questions.models import AnonymousQuestion, QuestionMessage
from perhekeskus.staff.models import Professional


@dataclass(frozen=True)
class Asked:
    question: AnonymousQuestion
    code: str  # shown to the asker once; never stored


@transaction.atomic
def ask(
    *,
    text: str,
    lang: str,
    topic: str,
    municipality: Municipality | None = None,
    area: Area | None = None,
    child_age_months: int | None = None,
) -> Asked:
    queue = inbox.route(
        kind=InboxEvent.Kind.QUESTION, topic=topic, municipality=municipality, area=area
    )
    code = new_code()
    question = AnonymousQuestion.objects.create(
        code_digest=code_digest(code),
        lang=lang,
        topic=topic,
        municipality=municipality,
        area=area,
        child_age_months=child_age_months,
        queue=queue,
        due_at=inbox.response_due(),
    )
    QuestionMessage.objects.create(
        question=question, author=QuestionMessage.Author.FAMILY, text=text
    )
    inbox.record(question, InboxEvent.Action.RECEIVED)
    return Asked(question, code)


@transaction.atomic
def reply(question: AnonymousQuestion, text: str) -> QuestionMessage:
    """The asker writes again: the question is back in the queue with a new deadline."""
    message = QuestionMessage.objects.create(
        question=question, author=QuestionMessage.Author.FAMILY, text=text
    )
    now = timezone.now()
    question.status = InboxItem.Status.CLAIMED if question.claimed_by_id else InboxItem.Status.NEW
    question.due_at = inbox.response_due(now)
    question.last_activity_at = now
    question.closed_at = None
    question.save(update_fields=["status", "due_at", "last_activity_at", "closed_at"])
    inbox.record(question, InboxEvent.Action.FAMILY_REPLIED)
    return message


@transaction.atomic
def answer(question: AnonymousQuestion, professional: Professional, text: str) -> QuestionMessage:
    """A professional answers; the asker sees the role and the place, never the name."""
    if not inbox.may_work_on(professional, question):
        raise inbox.NotAllowed
    message = QuestionMessage.objects.create(
        question=question,
        author=QuestionMessage.Author.PROFESSIONAL,
        text=text,
        role=professional.role,
        place=professional.municipality.name_fi,
        professional=professional,
    )
    question.status = InboxItem.Status.ANSWERED
    question.claimed_by = question.claimed_by or professional
    question.last_activity_at = timezone.now()
    question.save(update_fields=["status", "claimed_by", "last_activity_at"])
    inbox.record(question, InboxEvent.Action.ANSWERED, professional)
    return message
