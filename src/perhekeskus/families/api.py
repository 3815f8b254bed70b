"""The family channel's JSON API: `GET /api/v1/search`."""

from dataclasses import asdict
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from ninja import Query, Router

from perhekeskus.families import schemas as s
from perhekeskus.network.models import Service, ServiceType
from perhekeskus.search.selectors import SearchQuery, SearchResults, search_services

router = Router(tags=["search"])


def search_query(params: s.SearchParams) -> SearchQuery:
    return SearchQuery(
        text=params.q,
        lang=params.lang,
        lat=params.lat,
        lon=params.lon,
        postcode=params.postcode.strip() if params.postcode else None,
        municipality=params.municipality or None,
        age_months=params.age_months,
        language=params.language or None,
        types=tuple(code for code in params.type if code),
        open_at=params.open_at,
        free=params.free,
        no_referral=params.no_referral,
        anonymous=params.anonymous,
        channel=params.channel.value if params.channel else None,
        accessible=params.accessible,
        limit=params.limit,
        offset=params.offset,
    )


@router.get("/search", response=s.SearchOut, summary="Search services for families")
def search(request: HttpRequest, params: Query[s.SearchParams]) -> HttpResponse:
    """Published services best matching the words and filters, best first, each with the
    reasons it matched. Finnish, Swedish and English words are understood in any inflected
    form, compounds by their parts, typos corrected. An unknown filter value answers 400."""
    results = search_services(search_query(params))
    with translation.override(results.query.lang):
        # Built to SearchOut's shape by hand: validating it again would double the time.
        return JsonResponse(search_answer(results), encoder=DjangoJSONEncoder)


def search_answer(results: SearchResults) -> dict[str, Any]:
    services = (
        Service.objects.filter(pk__in=[hit.pk for hit in results.hits])
        .select_related("organisation")
        .only(
            "pk",
            "hsds_id",
            "name",
            "summary",
            *(f"{f}_{lang}" for f in ("name", "summary") for lang in ("fi", "sv", "en")),
            "organisation__hsds_id",
            "organisation__name",
            *(f"organisation__name_{lang}" for lang in ("fi", "sv", "en")),
            "min_age_months",
            "max_age_months",
            "languages",
            "channels",
            "cost",
            "referral_required",
            "anonymous_contact",
            "last_verified_at",
        )
    )
    by_pk = {service.pk: service for service in services}
    types = _type_codes([hit.pk for hit in results.hits])
    return {
        "count": results.count,
        "results": [
            _result(hit, by_pk[hit.pk], types.get(hit.pk, []))
            for hit in results.hits
            if hit.pk in by_pk
        ],
        "corrections": results.corrections,
        "matched_types": list(results.matched_types),
        "location": asdict(results.location) if results.location else None,
        "too_broad": results.too_broad,
        "narrowing": [asdict(narrowing) for narrowing in results.narrowing],
    }


def _type_codes(pks: list[int]) -> dict[int, list[str]]:
    codes: dict[int, list[str]] = {}
    rows = ServiceType.services.through.objects.filter(service_id__in=pks).values_list(
        "service_id", "servicetype__code"
    )
    for pk, code in rows:
        codes.setdefault(pk, []).append(code)
    return {pk: sorted(found) for pk, found in codes.items()}


def _page_url(service: Service) -> str | None:
    try:
        return reverse("service", kwargs={"service_id": service.hsds_id})
    except NoReverseMatch:  # the family pages are not installed
        return None


def _result(hit: Any, service: Service, types: list[str]) -> dict[str, Any]:
    return {
        "service": {
            "id": service.hsds_id,
            "name": service.name,
            "summary": service.summary or "",
            "organisation": {"id": service.organisation.hsds_id, "name": service.organisation.name},
            "service_types": types,
            "min_age_months": service.min_age_months,
            "max_age_months": service.max_age_months,
            "languages": service.languages,
            "channels": service.channels,
            "cost": service.cost,
            "referral_required": service.referral_required,
            "anonymous_contact": service.anonymous_contact,
            "last_verified": service.last_verified_at,
            "url": _page_url(service),
        },
        "sites": [
            {
                "id": site.id,
                "name": site.name,
                "municipality": site.municipality,
                "lat": site.lat,
                "lon": site.lon,
                "distance_km": site.distance_km,
                "open_now": site.open_now,
                "open_until": site.open_until.strftime("%H:%M") if site.open_until else None,
            }
            for site in hit.sites
        ],
        "score": hit.score,
        "distance_km": hit.distance_km,
        "why": [{"code": r.code, "text": r.text, "data": r.data} for r in hit.why],
    }
