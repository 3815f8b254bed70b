"""The asker's pages: ask (the code is shown once, in the answer to the POST) and read the thread
with the code. No login, no JavaScript; nothing about the asker is read from the request.

Pages that hold a code or a family's words are never cached (Cache-Control: no-store) and never
send their address onwards in a Referer, so the code does not leak into caches, to other sites or
into logs. Pages without forms send no Referer at all (no-referrer); pages with forms send only
the origin (strict-origin): under no-referrer browsers send `Origin: null` with a POST, which
Django's CSRF check rightly refuses. A wrong, malformed or purged code gets the same page,
slowed (see throttle).
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from perhekeskus.errors import InvalidInput
from perhekeskus.inbox.services import NoQueue
from perhekeskus.questions import selectors, services, throttle
from perhekeskus.questions.forms import AskForm, OpenForm, ReplyForm
from perhekeskus.questions.logging import log_response_redacted
from perhekeskus.questions.models import AnonymousQuestion

LANGUAGES = ("fi", "sv", "en")


def _lang() -> str:
    lang = (get_language() or "fi").split("-")[0]
    return lang if lang in LANGUAGES else "fi"


def _private(response: HttpResponse, *, forms: bool = False) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "strict-origin" if forms else "no-referrer"
    return response


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], **kwargs: Any
) -> HttpResponse:
    return render(request, template, {**_facts(), **context}, **kwargs)


def _facts() -> dict[str, int]:
    """What the pages promise, from the settings that make it true."""
    return {
        "response_days": getattr(settings, "PERHEKESKUS_RESPONSE_WORKING_DAYS", 2),
        "retention_days": getattr(settings, "PERHEKESKUS_QUESTION_RETENTION_DAYS", 90),
    }


def _initial(request: HttpRequest) -> dict[str, str]:
    """?topic= and ?municipality= from a link (a service page, the guidance) preselect."""
    return {
        name: request.GET[name][:40]
        for name in ("topic", "municipality")
        if isinstance(request.GET.get(name), str)
    }


@require_http_methods(["GET", "HEAD", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    lang = _lang()
    if request.method != "POST":
        form = AskForm(lang=lang, initial=_initial(request))
        return _private(_page(request, "questions/ask.html", {"form": form}), forms=True)
    form = AskForm(request.POST, lang=lang)
    status = 400
    if form.is_valid():
        try:
            asked = services.ask(
                text=form.cleaned_data["text"],
                lang=lang,
                topic=form.chosen_topic,
                municipality=form.chosen_municipality,
                child_age_months=form.child_age_months,
            )
        except NoQueue:
            form.add_error(
                None,
                _(
                    "We cannot receive questions right now. Your text is still here: copy it "
                    "and try again later, or call a service directly."
                ),
            )
            status = 409
        except InvalidInput as error:
            for field, message in (error.details or {}).items():
                form.add_error(field if field in form.fields else None, message)
        else:
            return _asked(request, asked)
    response = _page(request, "questions/ask.html", {"form": form}, status=status)
    return _private(response, forms=True)


def _asked(request: HttpRequest, asked: services.Asked) -> HttpResponse:
    """The code, once: rendered straight into the POST's answer, never redirected to, put in a
    session or a cookie."""
    read_url = request.build_absolute_uri(reverse("questions:read", args=[asked.code]))
    context: dict[str, Any] = {
        "question": asked.question,
        "code": asked.code,
        "read_url": read_url,
    }
    return _private(_page(request, "questions/asked.html", context))


def not_found(request: HttpRequest) -> HttpResponse:
    """The one answer to every code that opens nothing. Rendered without the request, so that
    nothing of the address asked for (the language links would hold it) is in the page: every
    wrong code gets byte for byte the same page."""
    throttle.wrong_code()
    body = render_to_string("questions/not_found.html", _facts())
    response = _private(HttpResponse(body, status=404))
    log_response_redacted(request, response)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def read(request: HttpRequest, code: str = "") -> HttpResponse:
    question = selectors.question_by_code(code)
    if question is None:
        return not_found(request)
    status = 200
    sent = False
    if request.method == "POST":
        form = ReplyForm(request.POST)
        if form.is_valid():
            try:
                services.reply(question, form.cleaned_data["text"])
            except InvalidInput as error:
                for message in (error.details or {}).values():
                    form.add_error("text", message)
            else:
                sent = True
                form = ReplyForm()
                question.refresh_from_db()
        if form.errors:
            status = 400
    else:
        form = ReplyForm()
    return _thread_page(request, question, code, form, sent=sent, status=status)


def _thread_page(
    request: HttpRequest,
    question: AnonymousQuestion,
    code: str,
    form: ReplyForm,
    *,
    sent: bool,
    status: int,
) -> HttpResponse:
    context = {
        "thread": selectors.thread_of(question),
        "code": code,
        "form": form,
        "sent": sent,
    }
    response = _private(_page(request, "questions/read.html", context, status=status), forms=True)
    if status >= 400:
        log_response_redacted(request, response)
    return response


@require_http_methods(["POST"])
def open_question(request: HttpRequest) -> HttpResponse:
    """A code typed in (from a note, say) opens the question's page. Sent with POST, so the code
    is in neither the address bar nor the history until the page itself is opened."""
    form = OpenForm(request.POST)
    # A code copied from a note may have picked up spaces or a line break.
    code = "".join(form.cleaned_data["code"].split()) if form.is_valid() else ""
    if selectors.question_by_code(code) is None:
        return not_found(request)
    response = HttpResponseRedirect(reverse("questions:read", args=[code]))
    response.status_code = 303
    return _private(response)
