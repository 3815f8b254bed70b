"""The programme's pages: the calendar of a site, an area or a municipality, its iCalendar feed,
and an area's brochure as a printable page and a PDF. Thin: parse, call a selector, render."""

import time as stopwatch
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from perhekeskus.errors import NotFound
from perhekeskus.network.labels import age_label, language_name
from perhekeskus.programme import selectors
from perhekeskus.programme.forms import CalendarForm
from perhekeskus.programme.ical import programme_ical
from perhekeskus.programme.pdf import html_to_pdf
from perhekeskus.programme.selectors import Scope

URL_NAMES = {
    "site": "site-calendar",
    "area": "area-calendar",
    "municipality": "municipality-calendar",
}
URL_ARGS = {"site": "site_id", "area": "area_id", "municipality": "code"}


def _found(read: Callable[..., Any], **kwargs: Any) -> Any:
    try:
        return read(**kwargs)
    except NotFound as error:
        raise Http404(str(error.message)) from error


def _scope_url(scope: Scope, *, ics: bool = False) -> str:
    name = URL_NAMES[scope.kind] + ("-ics" if ics else "")
    return reverse(f"programme:{name}", kwargs={URL_ARGS[scope.kind]: scope.key})


# The family channel's page of the same place, where the calendar is linked from.
PAGE_URL_NAMES = {"site": ("site", "site_id"), "area": ("area", "area_id")}


def _page_url(scope: Scope) -> str | None:
    if scope.kind not in PAGE_URL_NAMES:
        return None
    name, argument = PAGE_URL_NAMES[scope.kind]
    try:
        return reverse(name, kwargs={argument: scope.key})
    except NoReverseMatch:  # the pages app is not installed
        return None


def _form(request: HttpRequest, scope: Scope, *, for_page: bool = True) -> CalendarForm:
    today = selectors.helsinki_today()
    data = request.GET.copy()
    # The form shows the period in view: this week unless another day was asked for.
    if not data.get("date"):
        data["date"] = today.isoformat()
    # Only the page shows the languages to choose from; the feed just checks the code.
    languages = selectors.programme_languages(scope=scope) if for_page else []
    return CalendarForm(data, today=today, languages=languages)


def _link(base: str, **params: Any) -> str:
    query = urlencode({k: v for k, v in params.items() if v is not None and v != ""})
    return f"{base}?{query}" if query else base


def _links(scope: Scope, period: selectors.Period, data: dict[str, Any]) -> dict[str, Any]:
    """Previous, next, this period, week or month, and the feed: all keep the filters."""
    base, view = _scope_url(scope), data["view"]
    keep = {"age_months": data["age_months"], "language": data["language"]}
    return {
        "previous": period.previous and _link(base, view=view, date=period.previous, **keep),
        "next": period.next and _link(base, view=view, date=period.next, **keep),
        "today": _link(base, view=view, **keep),
        "week": _link(base, view="week", date=data["date"], **keep),
        "month": _link(base, view="month", date=data["date"], **keep),
        "ics": _link(_scope_url(scope, ics=True), **keep),
    }


def _shown_for(data: dict[str, Any]) -> list[str]:
    return [
        *([age_label(data["age_months"])] if data["age_months"] is not None else []),
        *([language_name(data["language"])] if data["language"] else []),
    ]


def _calendar_page(request: HttpRequest, scope: Scope) -> HttpResponse:
    form = _form(request, scope)
    context: dict[str, Any] = {"scope": scope, "form": form, "back_url": _page_url(scope)}
    if not form.is_valid():
        return render(request, "programme/calendar.html", context, status=400)
    data = form.cleaned_data
    period = selectors.period_containing(view=data["view"], day=data["date"], today=form.today)
    links = _links(scope, period, data)
    # A subscription follows changes and cancellations; webcal:// opens the calendar app.
    links["subscribe"] = "webcal://" + request.get_host() + links["ics"]
    context.update(
        calendar=selectors.programme_calendar(
            scope=scope, period=period, filters=form.calendar_filters()
        ),
        links=links,
        shown_for=_shown_for(data),
        # A month, or a whole municipality, shows each occurrence on a line or two.
        compact=data["view"] == "month" or scope.kind == "municipality",
        weekdays=range(7),
    )
    # htmx (another page embedding this calendar) gets the calendar without the page around it.
    template = "_calendar.html" if request.headers.get("HX-Request") else "calendar.html"
    return render(request, f"programme/{template}", context)


def _ics(request: HttpRequest, scope: Scope) -> HttpResponse:
    form = _form(request, scope, for_page=False)
    if not form.is_valid():
        problems = [
            f"{form.fields[name].label}: {' '.join(str(error) for error in errors)}"
            for name, errors in form.errors.items()
        ]
        message = "\n".join([_("The calendar could not be made:"), *problems])
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    series = selectors.programme_series(scope=scope, filters=form.calendar_filters())
    title = _("%(name)s: programme") % {"name": scope.name}
    body = programme_ical(
        series=series,
        title=title,
        url_of=lambda site_id: request.build_absolute_uri(
            reverse("programme:site-calendar", kwargs={"site_id": site_id})
        ),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    filename = f"{slugify(title) or 'programme'}.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def site_calendar(request: HttpRequest, site_id: UUID) -> HttpResponse:
    return _calendar_page(request, _found(selectors.programme_scope_site, site_id=site_id))


def area_calendar(request: HttpRequest, area_id: UUID) -> HttpResponse:
    return _calendar_page(request, _found(selectors.programme_scope_area, area_id=area_id))


def municipality_calendar(request: HttpRequest, code: str) -> HttpResponse:
    return _calendar_page(request, _found(selectors.programme_scope_municipality, code=code))


def site_calendar_ics(request: HttpRequest, site_id: UUID) -> HttpResponse:
    return _ics(request, _found(selectors.programme_scope_site, site_id=site_id))


def area_calendar_ics(request: HttpRequest, area_id: UUID) -> HttpResponse:
    return _ics(request, _found(selectors.programme_scope_area, area_id=area_id))


def municipality_calendar_ics(request: HttpRequest, code: str) -> HttpResponse:
    return _ics(request, _found(selectors.programme_scope_municipality, code=code))


def _brochure(request: HttpRequest, area_id: UUID, *, preview: bool) -> tuple[str, str]:
    """The brochure's HTML and a file name for it (without the extension)."""
    brochure = _found(selectors.programme_brochure, area_id=area_id)
    context = {
        "brochure": brochure,
        "preview": preview,
        "pdf_url": reverse("programme:area-brochure", kwargs={"area_id": area_id}),
    }
    html = render_to_string("programme/brochure.html", context, request=request)
    label = _("brochure")
    name = slugify(f"{label} {brochure.name} {get_language()}") or "brochure"
    return html, name


def area_brochure_html(request: HttpRequest, area_id: UUID) -> HttpResponse:
    html, _name = _brochure(request, area_id, preview=True)
    return HttpResponse(html)


def area_brochure_pdf(request: HttpRequest, area_id: UUID) -> HttpResponse:
    started = stopwatch.perf_counter()
    html, name = _brochure(request, area_id, preview=False)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    # How long the PDF took, for the operator's browser tools and logs.
    response["Server-Timing"] = f"pdf;dur={(stopwatch.perf_counter() - started) * 1000:.0f}"
    return response
