"""The anonymous questions' JSON API: ask, read with the code, reply. No login; nothing about the
caller is read or stored. Every answer is `Cache-Control: no-store`; a wrong code gets the same
404 as a purged one, slowed site-wide (throttle)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from ninja import Router, Status

from perhekeskus.errors import DomainError, InvalidInput, NotFound
from perhekeskus.inbox.models import InboxItem
from perhekeskus.inbox.services import NoQueue
from perhekeskus.inbox.topics import OTHER, topic_codes
from perhekeskus.network.schemas import ErrorOut
from perhekeskus.public_forms import submission_allowed
from perhekeskus.questions import schemas as s
from perhekeskus.questions import selectors, services, throttle
from perhekeskus.questions.logging import log_response_redacted
from perhekeskus.questions.models import (
    CHILD_AGE_MAX_MONTHS,
    CHILD_AGE_MIN_MONTHS,
    AnonymousQuestion,
)

router = Router(tags=["questions"])

ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut}


class QuestionNotFound(NotFound):
    """The one answer to every code that opens nothing: wrong, malformed or purged."""


class Busy(DomainError):
    code = "busy"
    status = 429
    default_message = gettext_lazy(
        "Many messages are being sent right now. Please try again in a minute."
    )


class NotReceiving(DomainError):
    code = "not_receiving"
    status = 409
    default_message = gettext_lazy(
        "Questions cannot be received right now. Please try again later."
    )


def _private(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """No answer is cached, and an error is logged with the code in its path redacted."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = run(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        if response.status_code >= 400:
            log_response_redacted(request, response)
        return response

    return wrapper


router.add_decorator(_private, mode="view")


def _question(request: HttpRequest, code: str) -> AnonymousQuestion:
    question = selectors.question_by_code(code)
    if question is None:
        throttle.wrong_code()
        days = getattr(settings, "PERHEKESKUS_QUESTION_RETENTION_DAYS", 90)
        with translation.override(_requested_lang(request)):
            message = ngettext(
                "No question with this code. Questions are deleted %(days)d day after the "
                "last message.",
                "No question with this code. Questions are deleted %(days)d days after the "
                "last message.",
                days,
            ) % {"days": days}
        raise QuestionNotFound(message)
    return question


def _requested_lang(request: HttpRequest) -> str:
    wanted = request.GET.get("lang", "")
    return wanted if wanted in services.LANGUAGES else translation.get_language() or "fi"


def _checked(payload: s.QuestionIn) -> dict[str, Any]:
    """The arguments of services.ask, or InvalidInput with every reason, in the question's
    language when it is known."""
    problems: dict[str, str] = {}
    lang = payload.lang if payload.lang in services.LANGUAGES else None
    with translation.override(lang or translation.get_language()):
        if lang is None:
            problems["lang"] = _("Unknown language: use fi, sv or en.")
        problem = services.text_problem(payload.text)
        if problem:
            problems["text"] = problem
        topic = payload.topic or OTHER
        if topic not in topic_codes():
            problems["topic"] = _("Unknown topic.")
        municipality = None
        if payload.municipality:
            municipality = selectors.municipality_by_code(payload.municipality)
            if municipality is None:
                problems["municipality"] = _("Unknown municipality code.")
        age = payload.child_age_months
        if age is not None and not CHILD_AGE_MIN_MONTHS <= age <= CHILD_AGE_MAX_MONTHS:
            problems["child_age_months"] = _(
                "The child's age must be between %(least)d and %(most)d months."
            ) % {"least": CHILD_AGE_MIN_MONTHS, "most": CHILD_AGE_MAX_MONTHS}
        if problems:
            raise InvalidInput(_("The data is not valid."), details=problems)
    return {
        "text": payload.text,
        "lang": lang,
        "topic": topic,
        "municipality": municipality,
        "child_age_months": age,
    }


def _message_out(message: selectors.ThreadMessage) -> dict[str, Any]:
    by = message.answered_by
    return {
        "author": message.author,
        "text": message.text,
        "created_at": message.created_at,
        "answered_by": (
            {"role": by.role, "role_label": by.role_label, "place": by.place} if by else None
        ),
    }


def _lang_of(request: HttpRequest, question: AnonymousQuestion) -> str:
    """Labels of a question speak its own language unless `?lang=` asks for another."""
    wanted = request.GET.get("lang", "")
    return wanted if wanted in services.LANGUAGES else question.lang


@router.post(
    "/questions", response={201: s.AskedOut, **ERRORS}, summary="Ask a question anonymously"
)
def question_ask(request: HttpRequest, payload: s.QuestionIn) -> Any:
    """A family or a young person asks without a name. The answer holds the question's code,
    its only key: show it once and tell the asker it cannot be recovered. A professional
    answers within 2 working days. Too many questions site-wide in a minute answer 429."""
    arguments = _checked(payload)
    if not submission_allowed("question"):
        raise Busy
    try:
        asked = services.ask(**arguments)
    except NoQueue as error:
        raise NotReceiving from error
    with translation.override(arguments["lang"]):
        url = request.build_absolute_uri(reverse("questions:read", args=[asked.code]))
    return Status(201, {"code": asked.code, "url": url})


@router.get("/questions/{code}", response={200: s.QuestionOut, **ERRORS}, summary="Read a question")
def question_read(request: HttpRequest, code: str) -> Any:
    """The question and every message in order; an answer names the role and the place of the
    professional, never the name. Labels are in the question's language (or `?lang=`)."""
    question = _question(request, code)
    with translation.override(_lang_of(request, question)):
        thread = selectors.thread_of(question)
        return Status(
            200,
            {
                "status": thread.status,
                "lang": question.lang,
                "topic": question.topic,
                "topic_label": thread.topic_label,
                "created_at": question.created_at,
                "due_at": question.due_at,
                "messages": [_message_out(message) for message in thread.messages],
            },
        )


@router.post(
    "/questions/{code}/replies",
    response={201: s.ReplyOut, **ERRORS},
    summary="Write more to a question",
)
def question_reply(request: HttpRequest, code: str, payload: s.ReplyIn) -> Any:
    """The asker writes again: the question goes back to the queue with a new deadline."""
    question = _question(request, code)
    with translation.override(_lang_of(request, question)):
        problem = services.text_problem(payload.text)
        if problem:
            raise InvalidInput(_("The data is not valid."), details={"text": problem})
    if not submission_allowed("question_reply"):
        raise Busy
    message = services.reply(question, payload.text)
    return Status(
        201,
        {
            "status": selectors.FAMILY_STATUS[InboxItem.Status(question.status)],
            "due_at": question.due_at,
            "message": {
                "author": message.author,
                "text": message.text,
                "created_at": message.created_at,
                "answered_by": None,
            },
        },
    )
