"""Pages of screenings: a family's screenings (and the instruments to record one with), the
form of one instrument, one screening with its follow-ups, and the worklist. Thin: the
selectors and services ask the one road to client data and audit; a family or screening the
professional may not reach is the site's normal 404, exactly as one that does not exist. Each
form posts to its page and, on success, redirects (post/redirect/get); on a refusal the page
is shown again with what was typed and why."""

import contextlib
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from perhekeskus.errors import DomainError, NotFound
from perhekeskus.screenings import selectors, services
from perhekeskus.screenings.forms import FollowUpForm, ScreeningForm
from perhekeskus.screenings.selectors import NotForYourRole
from perhekeskus.staff.access import professional_required
from perhekeskus.staff.models import Professional
from perhekeskus.workspace.forms import error_to_form


def _me(request: HttpRequest) -> Professional:
    return request.professional  # type: ignore[attr-defined]


@require_safe
@professional_required
def worklist(request: HttpRequest) -> HttpResponse:
    """Crossed thresholds without a follow-up, the overdue first."""
    me = _me(request)
    try:
        rows = selectors.screening_worklist(professional=me, today=timezone.localdate())
    except NotForYourRole as error:
        return render(
            request,
            "screenings/worklist.html",
            {"rows": [], "refused": str(error.message), "me": me},
            status=error.status,
        )
    return render(request, "screenings/worklist.html", {"rows": rows, "me": me})


@require_safe
@professional_required
def family(request: HttpRequest, family_id: int) -> HttpResponse:
    """The family's screenings I see, and the instruments to record a new one with."""
    try:
        page = selectors.family_screenings(professional=_me(request), family_id=family_id)
    except NotFound:
        raise Http404 from None
    return render(request, "screenings/family.html", {"page": page, "me": _me(request)})


@require_http_methods(["GET", "HEAD", "POST"])
@professional_required
def record(request: HttpRequest, family_id: int, code: str) -> HttpResponse:
    """Record a result on one instrument for a member of the family."""
    me = _me(request)
    try:
        page = selectors.family_screenings(professional=me, family_id=family_id)
    except NotFound:
        raise Http404 from None
    instrument = next((i for i in page.instruments if i.code == code), None)
    if instrument is None:
        raise Http404
    data = request.POST if request.method == "POST" else None
    initial = {"screened_on": timezone.localdate()}
    form = ScreeningForm(data, initial=initial, instrument=instrument, members=page.members)
    if data is not None and form.is_valid():
        cleaned = form.cleaned_data
        try:
            screening = services.screening_record(
                family_id=page.family.pk,
                person_id=cleaned["person"],
                instrument_id=instrument.pk,
                screened_on=cleaned["screened_on"],
                score=cleaned.get("score"),
                answer_yes=form.answer_yes(),
                concerns=cleaned.get("concerns") or [],
                respondent_sex=cleaned.get("respondent_sex") or "",
                note=cleaned["note"],
                by=me,
            )
        except NotFound:
            raise Http404 from None
        except DomainError as error:
            error_to_form(form, error)
        else:
            due = screening.follow_up_due
            if due is not None:
                messages.warning(
                    request,
                    _(
                        "The screening is recorded. The threshold was crossed: "
                        "follow up by %(date)s."
                    )
                    % {"date": formats.date_format(due, "SHORT_DATE_FORMAT")},
                )
            else:
                messages.success(
                    request, _("The screening is recorded. The threshold was not crossed.")
                )
            return HttpResponseRedirect(reverse("screenings:detail", args=[screening.pk]))
    context = {"page": page, "instrument": instrument, "form": form, "me": me}
    return render(request, "screenings/record.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
@professional_required
def detail(request: HttpRequest, screening_id: int) -> HttpResponse:
    """One screening, its follow-ups, and the form to record a follow-up."""
    me = _me(request)
    if request.method == "POST":
        return _follow_up(request, me, screening_id)
    try:
        page = selectors.screening_detail(professional=me, screening_id=screening_id)
    except NotFound:
        raise Http404 from None
    form = FollowUpForm(
        initial={"done_on": timezone.localdate()},
        meetings=page.meetings,
        referrals=page.referrals,
    )
    return render(request, "screenings/detail.html", {"page": page, "form": form, "me": me})


def _follow_up(request: HttpRequest, me: Professional, screening_id: int) -> HttpResponse:
    page: Any = None
    # When the page is refused, the service says plainly whether the family is no longer in
    # the organisation's care, and refuses (404) anyone else; either way audited there.
    with contextlib.suppress(NotFound):
        page = selectors.screening_detail(professional=me, screening_id=screening_id)
    form = FollowUpForm(
        request.POST,
        meetings=page.meetings if page else [],
        referrals=page.referrals if page else [],
    )
    status = 400
    if form.is_valid():
        cleaned = form.cleaned_data
        try:
            services.follow_up_record(
                screening_id=screening_id,
                kind=cleaned["kind"],
                done_on=cleaned["done_on"],
                note=cleaned["note"],
                meeting_id=cleaned.get("meeting"),
                referral_id=cleaned.get("referral"),
                by=me,
            )
        except NotFound:
            raise Http404 from None
        except DomainError as error:
            error_to_form(form, error)
            status = error.status
        else:
            messages.success(request, _("The follow-up is recorded."))
            return HttpResponseRedirect(reverse("screenings:detail", args=[screening_id]))
    elif page is None:
        raise Http404
    return render(
        request, "screenings/detail.html", {"page": page, "form": form, "me": me}, status=status
    )
