"""Reads of anonymous questions: by code, as the asker sees the thread, and the form's choices."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from perhekeskus.inbox.models import InboxItem
from perhekeskus.inbox.topics import topic_label
from perhekeskus.network.models import Municipality
from perhekeskus.questions.codes import code_digest, digest_matches, looks_like_code
from perhekeskus.questions.models import AnonymousQuestion, QuestionMessage
from perhekeskus.questions.services import retention_cutoff
from perhekeskus.staff.models import Professional

# What the asker is told of the question's state (the inbox's claimed is still waiting).
WAITING = "waiting"
ANSWERED = "answered"
CLOSED = "closed"
FAMILY_STATUS = {
    InboxItem.Status.NEW: WAITING,
    InboxItem.Status.CLAIMED: WAITING,
    InboxItem.Status.ANSWERED: ANSWERED,
    InboxItem.Status.CLOSED: CLOSED,
}


def question_by_code(code: str) -> AnonymousQuestion | None:
    """The question this code opens, or None: a malformed, wrong or purged code alike."""
    if not looks_like_code(code):
        return None
    question = AnonymousQuestion.objects.filter(code_digest=code_digest(code)).first()
    if question is None or not digest_matches(question.code_digest, code):
        return None
    return question


@dataclass(frozen=True)
class AnsweredBy:
    """Who answered, as the family sees it: a role and a place, never a name."""

    role: str
    role_label: str
    place: str


@dataclass(frozen=True)
class ThreadMessage:
    author: str  # QuestionMessage.Author
    text: str
    created_at: datetime
    answered_by: AnsweredBy | None


@dataclass(frozen=True)
class Thread:
    question: AnonymousQuestion
    status: str  # WAITING, ANSWERED or CLOSED
    topic_label: str
    municipality: str
    child_age: str
    messages: tuple[ThreadMessage, ...]

    @property
    def answered(self) -> bool:
        return any(message.answered_by for message in self.messages)


def role_label(role: str) -> str:
    """The role in the active language; an unknown role reads as a family centre professional."""
    try:
        return str(Professional.Role(role).label)
    except ValueError:
        return str(Professional.Role.OTHER.label)


def _place_label(place: str, names: dict[str, str]) -> str:
    # Stored in Finnish at answering time; shown in the page's language where it is known.
    return names.get(place, place)


def _municipality_names(places: set[str]) -> dict[str, str]:
    if not places:
        return {}
    return {m.name_fi: m.name for m in Municipality.objects.filter(name_fi__in=places)}


def child_age_label(months: int | None) -> str:
    if months is None:
        return ""
    if months < 0:
        return _("expecting a baby")
    years, rest = divmod(months, 12)
    if years == 0:
        return ngettext("%(months)d month", "%(months)d months", rest) % {"months": rest}
    label = ngettext("%(years)d year", "%(years)d years", years) % {"years": years}
    if rest and years < 3:
        label += " " + ngettext("%(months)d month", "%(months)d months", rest) % {"months": rest}
    return label


def thread_of(question: AnonymousQuestion) -> Thread:
    """The question and every message in order, as the asker sees them, in the active
    language."""
    messages = list(question.messages.order_by("created_at", "pk"))
    names = _municipality_names(
        {m.place for m in messages if m.author == QuestionMessage.Author.PROFESSIONAL and m.place}
    )
    return Thread(
        question=question,
        status=FAMILY_STATUS.get(InboxItem.Status(question.status), WAITING),
        topic_label=topic_label(question.topic),
        municipality=question.municipality.name if question.municipality else "",
        child_age=child_age_label(question.child_age_months),
        messages=tuple(
            ThreadMessage(
                author=message.author,
                text=message.text,
                created_at=message.created_at,
                answered_by=(
                    AnsweredBy(
                        role=message.role,
                        role_label=role_label(message.role),
                        place=_place_label(message.place, names),
                    )
                    if message.author == QuestionMessage.Author.PROFESSIONAL
                    else None
                ),
            )
            for message in messages
        ),
    )


def _alphabetical(name: str) -> str:
    # Å, Ä and Ö come after Z in Finnish and Swedish.
    return name.casefold().translate({ord("å"): "z\x01", ord("ä"): "z\x02", ord("ö"): "z\x03"})


def municipality_choices() -> list[tuple[str, str]]:
    """Every municipality, by its name in the active language."""
    return sorted(
        ((m.code, m.name) for m in Municipality.objects.all()),
        key=lambda choice: _alphabetical(choice[1]),
    )


def municipality_by_code(code: str) -> Municipality | None:
    return Municipality.objects.filter(code=code.strip()).first() if code else None


def expired() -> QuerySet[AnonymousQuestion]:
    """Questions past retention, which `perhekeskus purge` deletes."""
    return AnonymousQuestion.objects.filter(last_activity_at__lt=retention_cutoff())
