"""Reads of the network register."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from difflib import SequenceMatcher
from typing import TypeVar
from uuid import UUID

from django.conf import settings
from django.db.models import Model, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from perhekeskus.errors import InvalidInput, NotFound
from perhekeskus.network.models import (
    AREA_BAND,
    CAPITAL_REGION_AREA_BAND,
    CAPITAL_REGION_MUNICIPALITIES,
    Activity,
    Area,
    County,
    Municipality,
    Organisation,
    PostalArea,
    ProfessionalPresence,
    Service,
    ServiceAtSite,
    ServiceType,
    Site,
)

T = TypeVar("T", bound=Model)

# Names at least this similar (0–1, difflib ratio) within one organisation are likely duplicates.
DUPLICATE_NAME_SIMILARITY = 0.85


def area_population_compute(area: Area) -> tuple[int, int | None]:
    """Population and children 0–17 of an area: its whole municipalities plus its postal areas
    (postal areas of a municipality already counted whole are not counted again)."""
    municipality_ids = set(area.municipalities.values_list("id", flat=True))
    population = area.municipalities.aggregate(total=Sum("population"))["total"] or 0
    postal = area.postal_areas.exclude(municipality_id__in=municipality_ids)
    totals = postal.aggregate(population=Sum("population"), children=Sum("children"))
    population += totals["population"] or 0
    return population, totals["children"]


def area_in_capital_region(area: Area) -> bool:
    """Whether all of the area lies in Helsinki, Espoo, Vantaa or Kauniainen (uses prefetched
    municipalities and postal areas when the caller has them)."""
    codes = {m.code for m in area.municipalities.all()} | {
        p.municipality.code for p in area.postal_areas.all()
    }
    return bool(codes) and codes <= CAPITAL_REGION_MUNICIPALITIES


def area_population_band(area: Area) -> tuple[int, int]:
    return CAPITAL_REGION_AREA_BAND if area_in_capital_region(area) else AREA_BAND


def area_band_warning(area: Area) -> str | None:
    """A warning when the area's population is outside the model's band, else None."""
    low, high = area_population_band(area)
    if low <= area.population <= high:
        return None
    return _(
        "The population of %(name)s is %(population)s, outside the family centre model's "
        "band of %(low)s–%(high)s."
    ) % {"name": area.name, "population": area.population, "low": low, "high": high}


def services_needing_verification(
    *, queryset: QuerySet[Service] | None = None
) -> QuerySet[Service]:
    """Published services whose data nobody has verified within the configured time (12 months)."""
    max_age = int(settings.PERHEKESKUS["VERIFICATION_MAX_AGE_DAYS"])
    cutoff = timezone.localdate() - timedelta(days=max_age)
    queryset = Service.objects.all() if queryset is None else queryset
    return queryset.filter(status=Service.Status.PUBLISHED).filter(
        Q(last_verified_at__isnull=True) | Q(last_verified_at__lt=cutoff)
    )


def _similar(a: str, b: str) -> bool:
    a, b = a.casefold().strip(), b.casefold().strip()
    return a == b or SequenceMatcher(None, a, b).ratio() >= DUPLICATE_NAME_SIMILARITY


def service_likely_duplicates(service: Service) -> list[Service]:
    """Other services of the same organisation with a similar name in any language."""
    names = [n for n in (service.name_fi, service.name_sv, service.name_en) if n]
    candidates = Service.objects.filter(organisation_id=service.organisation_id).exclude(
        pk=service.pk
    )
    return [
        other
        for other in candidates.exclude(status=Service.Status.ARCHIVED)
        if any(
            _similar(name, other_name)
            for name in names
            for other_name in (other.name_fi, other.name_sv, other.name_en)
            if other_name
        )
    ]


def site_likely_duplicates(site: Site) -> list[Site]:
    """Other sites at the same address, or of the same operator with a similar name."""
    others = Site.objects.exclude(pk=site.pk)
    same_address = Q(pk__in=[])
    if site.street_address_fi and site.postal_code:
        same_address = Q(
            street_address_fi__iexact=site.street_address_fi.strip(),
            postal_code=site.postal_code,
        )
    found = list(others.filter(same_address))
    found += [
        other
        for other in others.filter(operator_id=site.operator_id).exclude(same_address)
        if site.name_fi and _similar(site.name_fi, other.name_fi or "")
    ]
    return found


def moment_in_utc(moment: datetime, *, field: str) -> datetime:
    """A filter's date-time in UTC (naive ones are Helsinki time). PostgreSQL takes offsets only
    up to ±15:59, Python up to ±23:59, so the database never sees the caller's offset."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError) as error:
        raise InvalidInput(
            details={field: _("a date-time that can be expressed in UTC")}
        ) from error


# ---- Public reads (published data for the API and the family channel) below. ----


@dataclass(frozen=True)
class PublicFilters:
    """Filters of the public lists; each is optional and they combine with AND."""

    municipality: str | None = None
    county: str | None = None
    area: UUID | None = None
    organisation: UUID | None = None
    site: UUID | None = None
    types: tuple[str, ...] = ()
    kind: str | None = None
    sector: str | None = None
    language: str | None = None
    age_months: int | None = None
    updated_since: datetime | None = None
    group: str | None = None
    level: str | None = None
    starts_before: date | None = None
    ends_after: date | None = None


def _where(qs: QuerySet[T], filters: PublicFilters, lookups: dict[str, str]) -> QuerySet[T]:
    """Apply each filter that was given through its lookup, e.g. {"county": "county__code"}."""
    for name, lookup in lookups.items():
        value = getattr(filters, name)
        if value is not None and value != "":
            qs = qs.filter(**{lookup: value})
    return qs


def _json_list_has(field: str, value: str) -> Q:
    # JSON lists of codes such as ["fi", "sv"]: `contains` is not available on SQLite, while
    # matching the quoted code in the JSON text works on SQLite and PostgreSQL alike.
    return Q(**{f"{field}__icontains": f'"{value}"'})


def _age_within(age: int) -> Q:
    return (Q(min_age_months__isnull=True) | Q(min_age_months__lte=age)) & (
        Q(max_age_months__isnull=True) | Q(max_age_months__gte=age)
    )


# Where a row is, for rows that hang on a site (a service at a site, an activity).
SITE_LOOKUPS = {
    "municipality": "site__municipality__code",
    "county": "site__municipality__county__code",
    "area": "site__area__hsds_id",
    "site": "site__hsds_id",
}


def public_counties(*, filters: PublicFilters = PublicFilters()) -> QuerySet[County]:
    return County.objects.order_by("code")


def public_municipalities(*, filters: PublicFilters = PublicFilters()) -> QuerySet[Municipality]:
    qs = Municipality.objects.select_related("county").order_by("code")
    return _where(qs, filters, {"county": "county__code", "area": "areas__hsds_id"})


def public_service_types(*, filters: PublicFilters = PublicFilters()) -> QuerySet[ServiceType]:
    return _where(
        ServiceType.objects.order_by("code"), filters, {"group": "group", "level": "level"}
    )


def public_areas(*, filters: PublicFilters = PublicFilters()) -> QuerySet[Area]:
    qs = (
        Area.objects.select_related("county")
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.only("id", "code")),
            Prefetch(
                "postal_areas",
                queryset=PostalArea.objects.select_related("municipality").only(
                    "id", "code", "municipality__code"
                ),
            ),
        )
        .order_by("id")
    )
    if filters.municipality:
        qs = qs.filter(
            pk__in=Area.municipalities.through.objects.filter(
                municipality__code=filters.municipality
            ).values("area_id")
        )
    return _where(qs, filters, {"county": "county__code", "updated_since": "updated_at__gte"})


def public_organisations(*, filters: PublicFilters = PublicFilters()) -> QuerySet[Organisation]:
    qs = Organisation.objects.select_related("county", "municipality").order_by("id")
    return _where(
        qs,
        filters,
        {
            "county": "county__code",
            "municipality": "municipality__code",
            "sector": "sector",
            "updated_since": "updated_at__gte",
        },
    )


def public_sites(*, filters: PublicFilters = PublicFilters()) -> QuerySet[Site]:
    """Sites are public places, listed whether or not a published service is offered there."""
    qs = (
        Site.objects.select_related("area", "operator", "municipality")
        .prefetch_related("opening_hours", "hours_exceptions")
        .order_by("id")
    )
    return _where(
        qs,
        filters,
        {
            "municipality": "municipality__code",
            "county": "municipality__county__code",
            "area": "area__hsds_id",
            "organisation": "operator__hsds_id",
            "kind": "kind",
            "updated_since": "updated_at__gte",
        },
    )


def public_services(*, filters: PublicFilters = PublicFilters()) -> QuerySet[Service]:
    """Published services only: a draft or an archived service never leaves the register."""
    qs = (
        Service.objects.filter(status=Service.Status.PUBLISHED)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("service_types", queryset=ServiceType.objects.only("id", "code")),
            Prefetch("sites", queryset=Site.objects.only("id", "hsds_id")),
            Prefetch("served_counties", queryset=County.objects.only("id", "code")),
            "contacts",
        )
        .order_by("id")
    )
    # Conditions through many-to-many relations go into subqueries: no duplicates, no DISTINCT.
    if filters.municipality or filters.county or filters.area or filters.site:
        at_sites = _where(ServiceAtSite.objects.all(), filters, SITE_LOOKUPS)
        qs = qs.filter(pk__in=at_sites.values("service_id"))
    if filters.types:
        qs = qs.filter(
            pk__in=Service.service_types.through.objects.filter(
                servicetype__code__in=filters.types
            ).values("service_id")
        )
    if filters.language:
        qs = qs.filter(_json_list_has("languages", filters.language))
    if filters.age_months is not None:
        qs = qs.filter(_age_within(filters.age_months))
    return _where(
        qs,
        filters,
        {"organisation": "organisation__hsds_id", "updated_since": "updated_at__gte"},
    )


def public_service_get(*, hsds_id: UUID) -> Service:
    service = public_services().filter(hsds_id=hsds_id).first()
    if service is None:
        raise NotFound()
    return service


def public_activities(*, filters: PublicFilters = PublicFilters()) -> QuerySet[Activity]:
    """Published activities. With a date range, those that may occur in it: a single date
    inside it, or a rule that starts before its end (the expansion tells the rest)."""
    qs: QuerySet[Activity] = (
        Activity.objects.filter(status=Service.Status.PUBLISHED)
        .select_related("site", "organiser", "service")
        .prefetch_related(
            Prefetch(
                "professionals", queryset=ProfessionalPresence.objects.select_related("service")
            )
        )
        .order_by("id")
    )
    qs = _where(
        qs,
        filters,
        {
            **SITE_LOOKUPS,
            "organisation": "organiser__hsds_id",
            "kind": "kind",
            "updated_since": "updated_at__gte",
            "starts_before": "starts_on__lte",
        },
    )
    if filters.language:
        qs = qs.filter(_json_list_has("languages", filters.language))
    if filters.age_months is not None:
        qs = qs.filter(_age_within(filters.age_months))
    if filters.ends_after:
        qs = qs.filter(~Q(rrule="") | Q(starts_on__gte=filters.ends_after))
    if filters.types:
        qs = qs.filter(
            service__in=Service.service_types.through.objects.filter(
                servicetype__code__in=filters.types
            ).values("service_id")
        )
    return qs
