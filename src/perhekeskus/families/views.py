"""The family channel's pages: home, search, service, site, area, organisation and comparison.

Thin views: the form checks the input, `perhekeskus.search` answers the search, `selectors`
read the pages' data; what is left here is which links a page offers. Every page works without
JavaScript; with htmx the search form swaps only the results (see `_is_partial`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from perhekeskus.errors import InvalidInput, NotFound
from perhekeskus.evaluation.usage import usage_search_record
from perhekeskus.families import selectors
from perhekeskus.families.forms import FILTER_PARAMS, SEARCH_PARAMS, SearchForm
from perhekeskus.search.selectors import SearchHit, SearchResults, search_services

# Filters behind "More filters" (the words, age and place are always in view).
MORE_FILTERS = (
    "type",
    "municipality",
    "language",
    "channel",
    "open",
    "free",
    "no_referral",
    "anonymous",
    "accessible",
)

# ---- Links that change the query ----


def _query(
    params: QueryDict,
    *,
    drop: Iterable[str] = (),
    add: Iterable[tuple[str, str]] = (),
    remove: Iterable[tuple[str, str]] = (),
) -> str:
    """The query string of this page with some parameters dropped, added or removed."""
    query = params.copy()
    for key in drop:
        query.pop(key, None)
    for key, value in remove:
        query.setlist(key, [v for v in query.getlist(key) if v != value])
    for key, value in add:
        if value not in query.getlist(key):
            query.appendlist(key, value)
    text = query.urlencode()
    return f"?{text}" if text else "?"


def _search_url(params: QueryDict, **changes: Any) -> str:
    return reverse("search") + _query(params, **changes)


def _is_partial(request: HttpRequest) -> bool:
    """htmx asks for the results only; a history restore after a cache miss needs the page."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "families/not_found.html", status=404)


# ---- Home ----


def _situation_links() -> list[dict[str, Any]]:
    return [
        {"situation": s, "url": reverse("search") + "?" + urlencode(selectors.situation_query(s))}
        for s in selectors.SITUATIONS
    ]


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "families/home.html", {"situations": _situation_links()})


# ---- Search ----


@dataclass
class ResultRow:
    rank: int
    hit: SearchHit
    service: Any
    in_comparison: bool
    compare_url: str  # adds it to, or removes it from, the comparison

    @property
    def why_codes(self) -> set[str]:
        """What the reasons already say, so the facts line does not repeat it."""
        return {reason.code for reason in self.hit.why}


@dataclass
class Chip:
    """A filter in use, with a link that removes it."""

    label: str
    remove_url: str


def _active_filters(form: SearchForm, params: QueryDict) -> list[Chip]:
    if not form.is_bound or form.errors:
        return []
    chips = []
    for used in form.filters_in_use():
        if used.value is None:
            url = _search_url(params, drop=(*used.params, "offset"))
        else:
            url = _search_url(params, drop=("offset",), remove=[(used.params[0], used.value)])
        chips.append(Chip(used.label, url))
    return chips


def _rows(
    results: SearchResults, params: QueryDict, compare_ids: Sequence[UUID]
) -> list[ResultRow]:
    services = selectors.services_by_pk([hit.pk for hit in results.hits])
    rows = []
    for index, hit in enumerate(results.hits):
        service = services.get(hit.pk)
        if service is None:  # unpublished since the index last refreshed
            continue
        chosen = hit.id in compare_ids
        change = {"remove": [("s", str(hit.id))]} if chosen else {"add": [("s", str(hit.id))]}
        rows.append(
            ResultRow(
                rank=results.query.offset + index + 1,
                hit=hit,
                service=service,
                in_comparison=chosen,
                compare_url=_search_url(params, **change) + f"#hit-{hit.id}",
            )
        )
    return rows


def _markers(rows: Sequence[ResultRow], results: SearchResults) -> dict[str, Any]:
    """What the map shows: the sites of the results (numbered as in the list) and the family."""
    markers = []
    for row in rows:
        url = reverse("service", args=[row.hit.id])
        for site in row.hit.sites[:3]:
            if site.lat is None or site.lon is None:
                continue
            markers.append(
                {
                    "lat": site.lat,
                    "lon": site.lon,
                    "rank": row.rank,
                    "title": f"{row.rank}. {row.service.name} – {site.name}",
                    "url": url,
                }
            )
    here = results.location
    return {
        "markers": markers,
        "here": {"lat": here.lat, "lon": here.lon, "title": here.label} if here else None,
    }


def _corrected_text(text: str, corrections: dict[str, str]) -> str:
    words = [corrections.get(word.casefold(), corrections.get(word, word)) for word in text.split()]
    return " ".join(words)


def _paging(results: SearchResults, params: QueryDict) -> dict[str, Any]:
    query = results.query
    first = query.offset + 1 if results.count else 0
    last = min(query.offset + len(results.hits), results.count)
    previous = next_ = None
    if query.offset > 0:
        previous = _search_url(
            params, drop=("offset",), add=[("offset", str(max(0, query.offset - query.limit)))]
        )
    if query.offset + query.limit < results.count:
        next_ = _search_url(
            params, drop=("offset",), add=[("offset", str(query.offset + query.limit))]
        )
    return {"first": first, "last": last, "previous": previous, "next": next_}


def _comparison_bar(params: QueryDict, compare_ids: Sequence[UUID]) -> dict[str, Any] | None:
    if not compare_ids:
        return None
    names = selectors.service_names(compare_ids)
    chosen = [
        {
            "name": names.get(service_id, str(service_id)),
            "remove_url": _search_url(params, remove=[("s", str(service_id))]),
        }
        for service_id in compare_ids
    ]
    location = [(key, params[key]) for key in ("postcode", "lat", "lon") if params.get(key)]
    compare_query = [("s", str(i)) for i in compare_ids] + location
    return {
        "services": chosen,
        "compare_url": reverse("compare") + "?" + urlencode(compare_query),
        "clear_url": _search_url(params, drop=("s",)),
        "enough": selectors.COMPARE_MIN <= len(compare_ids) <= selectors.COMPARE_MAX,
    }


def _search_context(request: HttpRequest) -> dict[str, Any]:
    params = request.GET
    searched = any(key in params for key in SEARCH_PARAMS)
    form = SearchForm(params)
    compare_ids, _invalid = selectors.parse_service_ids(params.getlist("s"))
    results: SearchResults | None = None
    if searched and form.is_valid():
        try:
            results = search_services(form.search_query(lang=get_language() or "fi"))
        except InvalidInput as error:
            form.add_invalid_input(error)
    context: dict[str, Any] = {
        "form": form,
        "searched": searched,
        "results": results,
        "compare_ids": [str(i) for i in compare_ids],
        "comparison": _comparison_bar(params, compare_ids),
        "more_filters_used": sum(1 for key in MORE_FILTERS if params.get(key)),
        "map_tile_url": settings.PERHEKESKUS.get("MAP_TILE_URL", ""),
        "map_tile_attribution": settings.PERHEKESKUS.get("MAP_TILE_ATTRIBUTION", ""),
        "situations": _situation_links(),
    }
    if results is not None:
        rows = _rows(results, params, compare_ids)
        corrected = _corrected_text(form.cleaned_data["q"], results.corrections)
        context.update(
            rows=rows,
            map_data=_markers(rows, results),
            chips=_active_filters(form, params),
            corrected_text=corrected if results.corrections else "",
            corrected_url=_search_url(params, drop=("q", "offset"), add=[("q", corrected)]),
            narrowing=[
                {
                    "label": n.label,
                    "count": n.count,
                    "url": _search_url(params, drop=("offset",), add=[(n.param, n.value)]),
                }
                for n in results.narrowing
            ],
            paging=_paging(results, params),
            clear_filters_url=_search_url(params, drop=(*FILTER_PARAMS, "offset")),
        )
    return context


def _without_empty(params: QueryDict) -> str | None:
    """The query without the empty fields a plain form submits, or None when it has none."""
    if all(value != "" for _key, values in params.lists() for value in values):
        return None
    query = QueryDict(mutable=True)
    for key, values in params.lists():
        query.setlist(key, [value for value in values if value != ""])
    return query.urlencode()


@require_safe
@vary_on_headers("HX-Request")
def search(request: HttpRequest) -> HttpResponse:
    cleaned = _without_empty(request.GET)
    if cleaned is not None and not _is_partial(request):
        # A form sent without JavaScript: the same search at a short, shareable address.
        return redirect(reverse("search") + (f"?{cleaned}" if cleaned else ""))
    context = _search_context(request)
    if (
        context["results"] is not None
        and request.headers.get("HX-History-Restore-Request") != "true"
    ):
        # Counted once per search: the first page only, and not when history is restored.
        usage_search_record(results=context["results"])
    if _is_partial(request):
        return render(request, "families/search_partial.html", context)
    return render(request, "families/search.html", context)


# ---- Service, site, area, organisation ----


@require_safe
def service(request: HttpRequest, service_id: UUID) -> HttpResponse:
    try:
        page = selectors.service_page(service_id=service_id, today=timezone.localdate())
    except NotFound:
        return _not_found(request)
    return render(request, "families/service.html", {"page": page, "service": page.service})


@require_safe
def site(request: HttpRequest, site_id: UUID) -> HttpResponse:
    try:
        page = selectors.site_page(site_id=site_id, today=timezone.localdate())
    except NotFound:
        return _not_found(request)
    return render(request, "families/site.html", {"page": page, "site": page.site})


@require_safe
def area(request: HttpRequest, area_id: UUID) -> HttpResponse:
    try:
        page = selectors.area_page(area_id=area_id)
    except NotFound:
        return _not_found(request)
    return render(request, "families/area.html", {"page": page, "area": page.area})


@require_safe
def organisation(request: HttpRequest, organisation_id: UUID) -> HttpResponse:
    try:
        page = selectors.organisation_page(organisation_id=organisation_id)
    except NotFound:
        return _not_found(request)
    return render(
        request, "families/organisation.html", {"page": page, "organisation": page.organisation}
    )


# ---- Compare ----


def _place(params: QueryDict) -> tuple[selectors.Place | None, str]:
    """The family's location for distances, and a message when the one given is not usable."""
    lat, lon = params.get("lat"), params.get("lon")
    if lat and lon:
        try:
            lat_f, lon_f = float(lat), float(lon)
        except ValueError:
            return None, _("The location in the link is not valid; distances are not shown.")
        if -90 <= lat_f <= 90 and -180 <= lon_f <= 180:
            return selectors.Place(lat_f, lon_f, _("your location")), ""
        return None, _("The location in the link is not valid; distances are not shown.")
    postcode = (params.get("postcode") or "").strip()
    if postcode:
        place = selectors.postal_area_place(postcode) if len(postcode) == 5 else None
        if place is None:
            return None, _("Postal code %(postcode)s was not found; distances are not shown.") % {
                "postcode": postcode[:10]
            }
        return place, ""
    return None, ""


@require_safe
def compare(request: HttpRequest) -> HttpResponse:
    params = request.GET
    ids, invalid = selectors.parse_service_ids(params.getlist("s"))
    place, place_error = _place(params)
    result = selectors.comparison(service_ids=ids, place=place, today=timezone.localdate())
    remove_urls = {
        str(item.service.hsds_id): reverse("compare")
        + _query(params, remove=[("s", str(item.service.hsds_id))])
        for item in result.services
    }
    columns = [
        {"item": item, "remove_url": remove_urls[str(item.service.hsds_id)]}
        for item in result.services
    ]
    count = len(result.services)
    context = {
        "comparison": result,
        "columns": columns,
        "count": count,
        "too_few": count < selectors.COMPARE_MIN,
        "too_many": count > selectors.COMPARE_MAX,
        "compare_max": selectors.COMPARE_MAX,
        "missing": [
            {"id": value, "remove_url": reverse("compare") + _query(params, remove=[("s", value)])}
            for value in result.missing
        ],
        "invalid": [
            {"id": value, "remove_url": reverse("compare") + _query(params, remove=[("s", value)])}
            for value in invalid
        ],
        "place_error": place_error,
        "add_url": reverse("search") + _query(params, drop=()),
        "share_url": request.build_absolute_uri(),
    }
    return render(request, "families/compare.html", context)
