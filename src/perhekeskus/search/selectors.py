"""Search of published services for families: the query, its answer, and why each result matched.

`search_services(query)` answers from the in-memory index of this process (see `index.py`),
refreshed from the database within seconds of a published change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from uuid import UUID

SEARCH_LIMIT_MAX = 100
DEFAULT_LIMIT = 20


@dataclass(frozen=True)
class SearchQuery:
    """What a family asks: words and filters, all optional; filters combine with AND."""

    text: str = ""
    lang: str = "fi"  # the user's language: fi, sv or en
    lat: float | None = None
    lon: float | None = None
    postcode: str | None = None  # a postal area's centre stands for the family's location
    municipality: str | None = None  # municipality code, e.g. "049"
    age_months: int | None = None  # negative: months of pregnancy before the due date
    language: str | None = None  # a language served, ISO 639-1
    types: tuple[str, ...] = ()  # service type codes; any of them
    open_at: datetime | None = None
    free: bool = False
    no_referral: bool = False
    anonymous: bool = False
    channel: str | None = None
    accessible: bool = False  # offered at a step-free site
    limit: int = DEFAULT_LIMIT
    offset: int = 0


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float
    label: str  # "02100 Tapiola" or "your location"
    # Where the family lives, for the services that serve it from afar (None: not known).
    municipality: str | None = None
    county: str | None = None


@dataclass(frozen=True)
class Reason:
    """One reason a result matched, for people (`text`, in the query's language) and for
    programs (`code` and `data`). Codes: words, type, age, distance, open, language, free,
    no_referral, anonymous, channel, accessible, municipality, service_area, verified."""

    code: str
    text: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteHit:
    id: UUID  # the site's public id (hsds_id)
    pk: int
    name: str  # in the query's language
    municipality: str
    lat: float | None
    lon: float | None
    distance_km: float | None
    open_now: bool | None  # at `open_at`, or now; None when the site has no hours
    open_until: time | None


@dataclass(frozen=True)
class SearchHit:
    id: UUID  # the service's public id (hsds_id)
    pk: int
    score: float
    why: tuple[Reason, ...]
    sites: tuple[SiteHit, ...]  # nearest first when a location was given
    distance_km: float | None
    last_verified: date | None
    service_types: tuple[str, ...] = ()
    # Whom it serves beyond its sites: local, counties (the codes named), national or
    # national_except_aland (see perhekeskus.network.service_areas).
    service_area: str = "local"
    served_counties: tuple[str, ...] = ()


@dataclass(frozen=True)
class Narrowing:
    """A way to narrow a query that matches too much: a filter and how many it would leave."""

    param: str  # "type", "municipality", "age_months", ...
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class SearchResults:
    query: SearchQuery
    count: int
    hits: tuple[SearchHit, ...]
    location: Location | None = None
    corrections: dict[str, str] = field(default_factory=dict)  # {"nevola": "neuvola"}
    matched_types: tuple[str, ...] = ()  # service types the words were understood as
    too_broad: bool = False
    narrowing: tuple[Narrowing, ...] = ()


def search_services(query: SearchQuery) -> SearchResults:
    """Published services best matching `query`, best first. Raises InvalidInput for a bad
    filter (an unknown postal code, a latitude without a longitude, ...)."""
    from perhekeskus.search.engine import search

    return search(query)
