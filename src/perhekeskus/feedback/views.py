"""Feedback pages: the anonymous form and its thanks, and the staff's reading of free text.

The form is reached by a link from a service or a place (?service=, ?site=) or by a POST from
an anonymous question's page (hidden context=answer and topic); nothing that identifies the
question travels with it.
"""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from perhekeskus.feedback import selectors, services
from perhekeskus.feedback.forms import FeedbackForm, published_service, site_by_id
from perhekeskus.staff.access import professional_required


def _lang() -> str:
    lang = (get_language() or "fi")[:2]
    return lang if lang in ("fi", "sv", "en") else "fi"


def _form_page(request: HttpRequest, form: FeedbackForm) -> HttpResponse:
    return render(
        request,
        "feedback/give.html",
        {
            "form": form,
            "service": form.service_obj,
            "site": form.site_obj,
            "context_value": form.context_value,
            "topic_value": form.topic_value,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def give(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        initial = {key: request.GET.get(key, "")[:64] for key in ("service", "site")}
        return _form_page(request, FeedbackForm(initial=initial))
    if "stamp" not in request.POST:
        # A "give feedback" button on another page (an answer): start with an empty form.
        initial = {key: request.POST.get(key, "")[:64] for key in ("context", "topic")}
        return _form_page(request, FeedbackForm(initial=initial))
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _form_page(request, form)
    feedback = services.give_feedback(**form.feedback_arguments(_lang()))
    # Post/redirect/get: reloading the thanks does not send the feedback twice.
    back = {}
    if feedback.service is not None:
        back["service"] = str(feedback.service.hsds_id)
    elif feedback.site is not None:
        back["site"] = str(feedback.site.hsds_id)
    query = f"?{urlencode(back)}" if back else ""
    return redirect(reverse("feedback:thanks") + query)


@require_safe
def thanks(request: HttpRequest) -> HttpResponse:
    service = published_service(request.GET.get("service"))
    site = None if service else site_by_id(request.GET.get("site"))
    return render(request, "feedback/thanks.html", {"service": service, "site": site})


@never_cache
@require_safe
@professional_required
def staff(request: HttpRequest) -> HttpResponse:
    """Free text only for the staff of the organisation whose service it is about."""
    organisation = request.professional.organisation  # type: ignore[attr-defined]
    return render(
        request,
        "feedback/staff.html",
        {
            "organisation": organisation,
            "services": selectors.service_figures_for_staff(organisation),
            "feedback": selectors.feedback_for_staff(organisation),
            "min_answers": selectors.MIN_ANSWERS,
        },
    )
