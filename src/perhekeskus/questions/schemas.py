"""Shapes of the anonymous questions' API."""

from datetime import datetime

from ninja import Field, Schema

from perhekeskus.public_forms import TEXT_MAX_LENGTH
from perhekeskus.questions.models import CHILD_AGE_MAX_MONTHS, CHILD_AGE_MIN_MONTHS


class QuestionIn(Schema):
    text: str = Field(
        description=f"The question, 1–{TEXT_MAX_LENGTH} characters. Ask the asker not to write "
        "a name or an identity number."
    )
    lang: str = Field(description="fi, sv or en: the question's language and its page's.")
    topic: str | None = Field(
        None, description="A topic code (inbox topics, e.g. `sleep_eating`); default `other`."
    )
    municipality: str | None = Field(
        None, description='A municipality code, e.g. "049" (Espoo): routes to its area.'
    )
    child_age_months: int | None = Field(
        None,
        description=f"The child's age in months ({CHILD_AGE_MIN_MONTHS}–{CHILD_AGE_MAX_MONTHS}); "
        "a negative value: expecting a baby.",
    )


class AskedOut(Schema):
    code: str = Field(
        description="The only key to the question: show it to the asker once; it cannot be "
        "recovered."
    )
    url: str = Field(description="The question's page, in the question's language.")


class AnsweredByOut(Schema):
    role: str = Field(description="The role code of the professional who answered.")
    role_label: str = Field(description="The role in the question's language.")
    place: str = Field(description="The municipality the professional works in.")


class MessageOut(Schema):
    author: str = Field(description="`family` or `professional`.")
    text: str
    created_at: datetime
    answered_by: AnsweredByOut | None = Field(
        description="Who answered, by role and place (never a name); null for the family."
    )


class QuestionOut(Schema):
    status: str = Field(description="`waiting` (for an answer), `answered` or `closed`.")
    lang: str
    topic: str
    topic_label: str
    created_at: datetime
    due_at: datetime = Field(description="By when a professional answers.")
    messages: list[MessageOut] = Field(description="The question and every message, in order.")


class ReplyIn(Schema):
    text: str = Field(description=f"The asker's message, 1–{TEXT_MAX_LENGTH} characters.")


class ReplyOut(Schema):
    status: str
    due_at: datetime
    message: MessageOut
