"""Schemas of the family channel's JSON API: the search query and its answer."""

from datetime import date, datetime
from uuid import UUID

from ninja import Field, Schema

from perhekeskus.network.models import AGE_MONTHS_MAX, PREGNANCY_START_MONTHS, Service
from perhekeskus.search.selectors import DEFAULT_LIMIT, SEARCH_LIMIT_MAX


class SearchParams(Schema):
    q: str = Field("", description="Words, in any form; typos are tolerated.")
    lang: str = Field("fi", description="The user's language: fi, sv or en.", max_length=5)
    lat: float | None = Field(None, description="The family's location (with lon).")
    lon: float | None = None
    postcode: str | None = Field(
        None, max_length=10, description="A postal code whose centre stands for the location."
    )
    municipality: str | None = Field(None, max_length=10, description="Municipality code.")
    age_months: int | None = Field(
        None,
        ge=PREGNANCY_START_MONTHS,
        le=AGE_MONTHS_MAX,
        description="The child's age in months; -9…-1 for months of pregnancy.",
    )
    language: str | None = Field(None, max_length=3, description="A language served (ISO 639).")
    type: list[str] = Field([], description="Service type codes; repeat for any of several.")
    open_at: datetime | None = Field(None, description="Open at this moment (ISO 8601).")
    free: bool = False
    no_referral: bool = False
    anonymous: bool = False
    channel: Service.Channel | None = None
    accessible: bool = Field(False, description="Offered at a site with step-free access.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=SEARCH_LIMIT_MAX)
    offset: int = Field(0, ge=0, le=10_000)


class ReasonOut(Schema):
    code: str
    text: str
    data: dict[str, object] = {}


class OrganisationRef(Schema):
    id: UUID
    name: str


class ServiceSummary(Schema):
    id: UUID
    name: str
    summary: str
    organisation: OrganisationRef
    service_types: list[str]
    min_age_months: int | None
    max_age_months: int | None
    languages: list[str]
    channels: list[str]
    cost: str
    referral_required: bool
    anonymous_contact: bool
    last_verified: date | None
    service_area: str = Field(
        "local",
        description="Whom it serves beyond its sites: local, counties (served_counties), "
        "national or national_except_aland. The reason 'service_area' says it in words.",
    )
    served_counties: list[str] = Field([], description="County codes, for 'counties'.")
    url: str | None = Field(description="The service's page for families.")


class SiteOut(Schema):
    id: UUID
    name: str
    municipality: str
    lat: float | None
    lon: float | None
    distance_km: float | None
    open_now: bool | None
    open_until: str | None


class ResultOut(Schema):
    service: ServiceSummary
    sites: list[SiteOut]
    score: float
    distance_km: float | None
    why: list[ReasonOut]


class NarrowingOut(Schema):
    param: str
    value: str
    label: str
    count: int


class LocationOut(Schema):
    lat: float
    lon: float
    label: str


class SearchOut(Schema):
    count: int
    results: list[ResultOut]
    corrections: dict[str, str]
    matched_types: list[str]
    location: LocationOut | None
    too_broad: bool = Field(description="Matches too much: see `narrowing` for filters.")
    narrowing: list[NarrowingOut]
