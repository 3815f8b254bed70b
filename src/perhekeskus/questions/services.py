"""Writes of anonymous questions: ask, reply, answer, purge. Nothing about the asker is stored but
what the asker chose to write."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.errors import InvalidInput
from perhekeskus.inbox import services as inbox
from perhekeskus.inbox.models import InboxEvent, InboxItem
from perhekeskus.inbox.topics import topic_codes
from perhekeskus.network.models import Area, Municipality
from perhekeskus.public_forms import TEXT_MAX_LENGTH
from perhekeskus.questions.codes import code_digest, new_code
from perhekeskus.questions.models import AnonymousQuestion, QuestionMessage
from perhekeskus.staff.models import Professional

LANGUAGES = ("fi", "sv", "en")
# Questions purged in one transaction: a long purge never holds the tables for long.
PURGE_BATCH = 500


@dataclass(frozen=True)
class Asked:
    question: AnonymousQuestion
    code: str  # shown to the asker once; never stored


def text_problem(text: str) -> str | None:
    """Why a family's message cannot be taken, or None. The same rule for the page and the API."""
    if not text.strip():
        return str(_("Write your question or message."))
    if len(text) > TEXT_MAX_LENGTH:
        return str(
            _("The text is too long: at most %(limit)d characters.") % {"limit": TEXT_MAX_LENGTH}
        )
    if "\x00" in text:
        return str(_("The text contains characters that cannot be saved."))
    return None


def _check(*, text: str, lang: str | None = None, topic: str | None = None) -> None:
    problems: dict[str, str] = {}
    problem = text_problem(text)
    if problem:
        problems["text"] = problem
    if lang is not None and lang not in LANGUAGES:
        problems["lang"] = str(_("Unknown language: use fi, sv or en."))
    if topic is not None and topic not in topic_codes():
        problems["topic"] = str(_("Unknown topic."))
    if problems:
        raise InvalidInput(details=problems)


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
    """A family asks (kysyy nimettömästi): routed to a queue, due in 2 working days. Raises
    InvalidInput for an empty or too long text, an unknown language or topic, and
    inbox.NoQueue when no queue takes questions."""
    _check(text=text, lang=lang, topic=topic)
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
    _check(text=text)
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


def retention_cutoff(now: datetime | None = None) -> datetime:
    """Questions whose last message is older than this are deleted (säilytysaika, default 90
    days: PERHEKESKUS_QUESTION_RETENTION_DAYS)."""
    days = getattr(settings, "PERHEKESKUS_QUESTION_RETENTION_DAYS", 90)
    return (now or timezone.now()) - timedelta(days=days)


def purge_expired(now: datetime | None = None) -> int:
    """Delete the questions past retention with all their messages; the inbox's log keeps a
    PURGED event for each (no content). Returns how many were deleted; running it again
    deletes nothing more."""
    cutoff = retention_cutoff(now)
    purged = 0
    while True:
        batch = _purge_batch(cutoff)
        purged += batch
        if batch < PURGE_BATCH:
            return purged


@transaction.atomic
def _purge_batch(cutoff: datetime) -> int:
    # Locked, so that a reply arriving meanwhile waits and then finds the question gone,
    # rather than a question being deleted right after its retention was renewed.
    rows = list(
        AnonymousQuestion.objects.select_for_update()
        .filter(last_activity_at__lt=cutoff)
        .order_by("pk")
        .values_list("pk", "queue_id")[:PURGE_BATCH]
    )
    if not rows:
        return 0
    InboxEvent.objects.bulk_create(
        InboxEvent(
            item_kind=InboxEvent.Kind.QUESTION,
            item_id=pk,
            action=InboxEvent.Action.PURGED,
            queue_id=queue_id,
        )
        for pk, queue_id in rows
    )
    AnonymousQuestion.objects.filter(pk__in=[pk for pk, _queue in rows]).delete()
    return len(rows)
