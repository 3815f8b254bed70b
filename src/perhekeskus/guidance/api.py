"""Guidance's JSON API: `GET /api/v1/guidance`. Nothing of the request is stored."""

from dataclasses import asdict
from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from ninja import Field, Query, Router, Schema

from perhekeskus.evaluation.usage import usage_guidance_record
from perhekeskus.families.api import search_answer_results
from perhekeskus.guidance.engine import MAX_TEXT_CHARS, Guidance, guide
from perhekeskus.guidance.selectors import meeting_places_fit, meeting_places_this_week

router = Router(tags=["guidance"])


class GuidanceParams(Schema):
    text: str = Field("", description="The situation in the family's own words.")
    lang: str = Field("fi", max_length=5, description="fi, sv or en")
    age_months: list[int] = Field([], description="Children's ages in months; repeatable.")
    municipality: str | None = Field(None, max_length=10, description="Municipality code.")
    need: list[str] = Field([], description="Need codes chosen from the tiles; repeatable.")


class HelpOut(Schema):
    code: str
    name: str
    phone: str
    url: str
    hours: str
    note: str


class NeedOut(Schema):
    code: str
    label: str
    score: float
    urgent: bool


class TypeOut(Schema):
    code: str
    label: str
    score: float
    why: str


class MeetingOut(Schema):
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    site_id: UUID
    address: str
    ages: str
    url: str = Field(description="The meeting place's page.")


class GuidanceOut(Schema):
    urgent: bool = Field(description="Signs of urgent danger: show `urgent_help` first.")
    urgent_help: list[HelpOut]
    needs: list[NeedOut]
    service_types: list[TypeOut] = Field(description="Kinds of help, best first.")
    services: list[dict[str, Any]]
    meeting_places: list[MeetingOut] = Field(
        description="This week's meetings at meeting places in the municipality, soonest "
        "first, when they fit the needs (a parent's loneliness, life with a baby, peer "
        "support …) and a municipality was given; else empty."
    )


def _meetings(result: Guidance, municipality: str | None, ages: tuple[int, ...]) -> list[dict]:
    if not municipality or not meeting_places_fit(result):
        return []
    return [
        {
            "title": entry.activity.title,
            "starts_at": entry.starts_at,
            "ends_at": entry.ends_at,
            "place": entry.activity.place.name,
            "site_id": entry.activity.place.id,
            "address": entry.activity.place.address,
            "ages": entry.activity.ages_label,
            "url": reverse("site", kwargs={"site_id": entry.activity.place.id}),
        }
        for entry in meeting_places_this_week(municipality=municipality, ages=ages)
    ]


@router.get("/guidance", response=GuidanceOut, summary="Guide a family to the right help")
def guidance(request: HttpRequest, params: Query[GuidanceParams]) -> HttpResponse:
    """What a family's own words (and chosen needs) point to: the needs understood, the kinds
    of help that fit, best first, with why, services of those kinds and, where they fit,
    this week's meeting places in the municipality. Urgent danger puts emergency and crisis
    help first."""
    result = guide(
        params.text[:MAX_TEXT_CHARS],
        params.lang,
        ages=tuple(params.age_months),
        municipality=params.municipality or None,
        needs=tuple(params.need),
    )
    usage_guidance_record(
        needs=[need.code for need in result.needs], municipality=params.municipality or ""
    )
    with translation.override(result.lang):
        body = {
            "urgent": result.urgent,
            "urgent_help": [asdict(help_) for help_ in result.urgent_help],
            "needs": [asdict(need) for need in result.needs],
            "service_types": [asdict(match) for match in result.service_types],
            "services": search_answer_results(result.services, result.lang),
            "meeting_places": _meetings(
                result, params.municipality or None, tuple(params.age_months)
            ),
        }
    response = JsonResponse(body, encoder=DjangoJSONEncoder)
    # What a family writes about itself must not linger in caches.
    response["Cache-Control"] = "no-store"
    return response
