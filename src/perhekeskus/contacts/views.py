"""The contact request page: a family asks to be contacted, safely, without logging in.

The acknowledgement is rendered in answer to the POST itself: the reference and the safety
choices are shown once and never put in an address. Nothing of these pages is cached, in the
browser or on the way (Cache-Control: no-store), since they hold a family's personal data.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from perhekeskus.contacts import services
from perhekeskus.contacts.forms import ContactRequestForm
from perhekeskus.contacts.models import ContactRequest
from perhekeskus.inbox.services import NoQueue
from perhekeskus.inbox.topics import topic_codes, topic_label
from perhekeskus.questions.selectors import question_by_code


def _lang() -> str:
    lang = (get_language() or "fi")[:2]
    return lang if lang in ("fi", "sv", "en") else "fi"


def _initial_from_query(request: HttpRequest) -> dict[str, Any]:
    """Links from a service page (?service=), a topic (?topic=) or a place (?municipality=)."""
    params = request.GET
    initial: dict[str, Any] = {}
    if params.get("topic") in topic_codes():
        initial["topic"] = params["topic"]
    if params.get("service"):
        initial["service"] = params["service"][:64]
    if params.get("municipality"):
        initial["municipality"] = params["municipality"][:3]
    return initial


def _step_up_initial(request: HttpRequest) -> dict[str, Any]:
    """Arriving from an anonymous question (a POST with its code and nothing else): the
    question's topic and municipality are filled in. A code that opens nothing gives the plain
    form, with no sign that anything was wrong."""
    code = request.POST.get("question_code", "")
    question = question_by_code(code)
    if question is None:
        return {}
    return {
        "question_code": code,
        "topic": question.topic,
        "municipality": question.municipality.code if question.municipality else "",
    }


def _form_page(request: HttpRequest, form: ContactRequestForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "contacts/request.html",
        {"form": form, "service": form.service_obj, "stepping_up": form.stepping_up},
        status=status,
    )


def _acknowledgement(request: HttpRequest, contact: ContactRequest) -> HttpResponse:
    return render(
        request,
        "contacts/acknowledgement.html",
        {
            "contact": contact,
            "topic": topic_label(contact.topic, _lang()),
            "linked_question": contact.question_id is not None,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def contact_request(request: HttpRequest) -> HttpResponse:
    lang = _lang()
    if request.method == "GET":
        return _form_page(
            request, ContactRequestForm(initial=_initial_from_query(request), lang=lang)
        )
    if "stamp" not in request.POST:
        # Not this form: a "please contact me" button elsewhere (an anonymous question's page).
        return _form_page(request, ContactRequestForm(initial=_step_up_initial(request), lang=lang))
    form = ContactRequestForm(request.POST, lang=lang)
    if not form.is_valid():
        return _form_page(request, form)
    try:
        contact = services.request_contact(**form.request_arguments(lang))
    except NoQueue:
        form.add_error(
            None,
            _(
                "We cannot receive contact requests on this topic here right now. Your details "
                "were not sent. Please call the service directly, or try again later."
            ),
        )
        return _form_page(request, form, status=503)
    return _acknowledgement(request, contact)
