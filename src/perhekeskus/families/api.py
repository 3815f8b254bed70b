"""The family channel's JSON API: `GET /api/v1/search`."""

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any
from uuid import UUID

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from ninja import Query, Router

from perhekeskus.evaluation.usage import usage_search_record
from perhekeskus.families import schemas as s
from perhekeskus.network.models import Service
from perhekeskus.search.analysis import LANGUAGES
from perhekeskus.search.selectors import SearchHit, SearchQuery, SearchResults, search_services

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
    usage_search_record(results=results)  # the first page only: see evaluation.usage
    with translation.override(results.query.lang):
        # Built to SearchOut's shape by hand: validating it again would double the time.
        return JsonResponse(search_answer(results), encoder=DjangoJSONEncoder)


SERVICE_CARD_FIELDS = (
    "pk",
    "hsds_id",
    *(f"{name}_{lang}" for name in ("name", "summary") for lang in LANGUAGES),
    "organisation__hsds_id",
    *(f"organisation__name_{lang}" for lang in LANGUAGES),
    "min_age_months",
    "max_age_months",
    "languages",
    "channels",
    "cost",
    "referral_required",
    "anonymous_contact",
    "last_verified_at",
)


def search_answer(results: SearchResults) -> dict[str, Any]:
    """The JSON answer: the services of the hits as rows, not model instances (the answer is
    on the hot path of every search)."""
    lang = results.query.lang
    return {
        "count": results.count,
        "results": search_answer_results(results.hits, lang),
        "corrections": results.corrections,
        "matched_types": list(results.matched_types),
        "location": asdict(results.location) if results.location else None,
        "too_broad": results.too_broad,
        "narrowing": [asdict(narrowing) for narrowing in results.narrowing],
    }


def search_answer_results(hits: Sequence[SearchHit], lang: str) -> list[dict[str, Any]]:
    """Hits as the API's results: the service's card, its sites, score and reasons."""
    rows = Service.objects.filter(pk__in=[hit.pk for hit in hits]).values(*SERVICE_CARD_FIELDS)
    by_pk = {row["pk"]: row for row in rows}
    return [_result(hit, by_pk[hit.pk], lang) for hit in hits if hit.pk in by_pk]


def _in_language(row: dict[str, Any], field: str, lang: str) -> str:
    return row[f"{field}_{lang}"] or row[f"{field}_fi"] or ""


def _page_url(service_id: UUID) -> str | None:
    try:
        return reverse("service", kwargs={"service_id": service_id})
    except NoReverseMatch:  # the family pages are not installed
        return None


def _result(hit: SearchHit, row: dict[str, Any], lang: str) -> dict[str, Any]:
    return {
        "service": {
            "id": row["hsds_id"],
            "name": _in_language(row, "name", lang),
            "summary": _in_language(row, "summary", lang),
            "organisation": {
                "id": row["organisation__hsds_id"],
                "name": _in_language(row, "organisation__name", lang),
            },
            "service_types": list(hit.service_types),
            "min_age_months": row["min_age_months"],
            "max_age_months": row["max_age_months"],
            "languages": row["languages"],
            "channels": row["channels"],
            "cost": row["cost"],
            "referral_required": row["referral_required"],
            "anonymous_contact": row["anonymous_contact"],
            "last_verified": row["last_verified_at"],
            "service_area": hit.service_area,
            "served_counties": list(hit.served_counties),
            "url": _page_url(row["hsds_id"]),
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
