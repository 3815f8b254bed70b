"""Reads for the family channel's pages (perhekeskuksen sähköinen kanava): published data only.

The situations on the home page, the choices of the search form, and the data of the service,
site, area, organisation and comparison pages. Search itself is `perhekeskus.search`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any
from uuid import UUID

from django.core.cache import cache
from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils.dates import WEEKDAYS
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from perhekeskus.errors import NotFound
from perhekeskus.network.labels import language_name
from perhekeskus.network.models import (
    Activity,
    Area,
    Municipality,
    OpeningHours,
    OpeningHoursException,
    Organisation,
    PostalArea,
    Service,
    ServiceAtSite,
    ServiceType,
    Site,
)
from perhekeskus.network.occurrences import Occurrence, activity_occurrences
from perhekeskus.network.selectors import (
    PublicFilters,
    public_activities,
    public_services,
)
from perhekeskus.network.service_areas import serving_county_q

# ---- Situations: the home page's shortcuts into search, kept as data. ----


@dataclass(frozen=True)
class Situation:
    """A common situation a family is in, and the search that answers it."""

    slug: str
    title: Promise
    description: Promise
    types: tuple[str, ...]
    age_months: int | None = None


# Ages are in months; a negative age is a month of pregnancy, and -5 lies inside every
# pregnancy range the register uses (-9 … -1).
PREGNANCY_AGE_MONTHS = -5

SITUATIONS: tuple[Situation, ...] = (
    Situation(
        "expecting",
        _("Expecting a baby"),
        _("Maternity clinic, antenatal classes, benefits and peer support."),
        ("maternity_clinic", "parenting_support", "kela_family_benefits", "meeting_place"),
        PREGNANCY_AGE_MONTHS,
    ),
    Situation(
        "baby",
        _("A baby at home"),
        _("Child health clinic, family cafés, home help and support for parents."),
        ("child_health_clinic", "meeting_place", "parenting_support", "home_help", "peer_support"),
        3,
    ),
    Situation(
        "behaviour",
        _("Worried about a child's behaviour or mood"),
        _("Family counselling, family work and mental health services for children and young."),
        (
            "family_counselling",
            "family_work",
            "child_mental_health",
            "youth_mental_health",
            "helpline",
        ),
    ),
    Situation(
        "separation",
        _("Separation"),
        _("Help in separating, agreements on the children, mediation and relationship support."),
        (
            "separation_support",
            "family_law_services",
            "family_mediation",
            "couple_relationship_support",
        ),
    ),
    Situation(
        "violence",
        _("Violence at home"),
        _("Help with violence in close relationships, crisis help and helplines. In danger: 112."),
        ("domestic_violence_services", "crisis_support", "helpline"),
    ),
    Situation(
        "money",
        _("Money worries"),
        _("Financial and debt counselling, Kela's benefits and social work for families."),
        ("financial_counselling", "kela_family_benefits", "family_social_work"),
    ),
    Situation(
        "new-to-finland",
        _("New to Finland"),
        _("Support in settling in, meeting places and peer groups for families."),
        ("immigrant_integration", "meeting_place", "peer_support"),
    ),
)


def situation_query(situation: Situation) -> list[tuple[str, str]]:
    """The search parameters of a situation, for a link to the search page."""
    params = [("type", code) for code in situation.types]
    if situation.age_months is not None:
        params.append(("age_months", str(situation.age_months)))
    return params


# ---- Choices of the search form. ----

# The child's age, by the steps in which services change; each value is a representative age
# in months (the first month of the step).
AGE_CHOICES: tuple[tuple[int, Promise], ...] = (
    (PREGNANCY_AGE_MONTHS, _("Expecting (pregnancy)")),
    (0, _("0–2 months")),
    (3, _("3–5 months")),
    (6, _("6–11 months")),
    (12, _("1 year")),
    (24, _("2 years")),
    (36, _("3 years")),
    (48, _("4 years")),
    (60, _("5 years")),
    (72, _("6 years")),
    (84, _("7–9 years")),
    (120, _("10–12 years")),
    (156, _("13–15 years")),
    (192, _("16–17 years")),
    (216, _("18 years or older")),
)

NATIONAL_LANGUAGES = ("fi", "sv", "en")


def _stamp(model: Any) -> str:
    """Changes when rows of `model` are added, removed or edited: a cache key part."""
    found = model.objects.aggregate(count=Count("pk"), latest=Max("updated_at"))
    latest = found["latest"]
    return f"{found['count']}:{latest.timestamp() if latest else 0}"


def languages_served() -> list[str]:
    """Finnish, Swedish and English first, then every other language a published service is
    offered in, by name. Reading every service's languages is slow in a national register and
    they rarely change, so the list is kept until services change."""
    key = f"families:languages:{get_language()}:{_stamp(Service)}"
    found = cache.get(key)
    if found is None:
        found = _languages_served()
        cache.set(key, found, timeout=3600)
    return list(found)


def _languages_served() -> list[str]:
    found: set[str] = set()
    lists = (
        Service.objects.filter(status=Service.Status.PUBLISHED)
        .order_by()
        .values_list("languages", flat=True)
        .distinct()
    )
    for codes in lists:
        if isinstance(codes, list):
            found.update(code for code in codes if isinstance(code, str))
    others = sorted(found - set(NATIONAL_LANGUAGES), key=lambda code: language_name(code).lower())
    return [*NATIONAL_LANGUAGES, *others]


# Finnish and Swedish alphabets end with å, ä, ö: sort them after z.
_NORDIC_ORDER = str.maketrans({"å": "z{", "ä": "z|", "ö": "z}"})


def _alphabetical(text: str) -> str:
    return text.casefold().translate(_NORDIC_ORDER)


def municipality_choices() -> list[tuple[str, str]]:
    """Municipalities that have a site, by name in the active language."""
    key = f"families:municipalities:{get_language()}:{_stamp(Site)}"
    found = cache.get(key)
    if found is None:
        with_sites = Municipality.objects.filter(
            pk__in=Site.objects.order_by().values("municipality_id")
        )
        found = sorted(
            ((m.code, m.name) for m in with_sites), key=lambda choice: _alphabetical(choice[1])
        )
        cache.set(key, found, timeout=3600)
    return list(found)


def municipality_name(code: str) -> str | None:
    municipality = Municipality.objects.filter(code=code).first()
    return municipality.name if municipality else None


def service_type_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Service types grouped as the national model groups them, by name within a group."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    types = list(ServiceType.objects.all())
    for group, label in ServiceType.Group.choices:
        members = sorted(
            ((t.code, t.name) for t in types if t.group == group),
            key=lambda choice: _alphabetical(choice[1]),
        )
        if members:
            groups.append((str(label), members))
    return groups


# ---- Where the family is. ----


@dataclass(frozen=True)
class Place:
    lat: float
    lon: float
    label: str


def postal_area_place(code: str) -> Place | None:
    """The centre of a postal area, standing for a family that gave its postal code."""
    area = PostalArea.objects.filter(code=code).first()
    if area is None or area.latitude is None or area.longitude is None:
        return None
    return Place(area.latitude, area.longitude, f"{area.code} {area.name}")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


# ---- Opening hours. ----


@dataclass(frozen=True)
class HoursRow:
    """Days with the same hours: "Monday–Friday 8.00–16.00"."""

    days: str
    spans: tuple[tuple[time, time], ...]


def _valid_on(hours: OpeningHours, day: date) -> bool:
    return (hours.valid_from is None or hours.valid_from <= day) and (
        hours.valid_to is None or hours.valid_to >= day
    )


def weekly_hours(hours: Iterable[OpeningHours], *, on: date) -> list[HoursRow]:
    """Regular hours valid on `on`, consecutive days with the same hours joined."""
    by_day: dict[int, list[tuple[time, time]]] = {}
    for row in hours:
        if _valid_on(row, on):
            by_day.setdefault(row.weekday, []).append((row.opens, row.closes))
    spans_of = {day: tuple(sorted(spans)) for day, spans in by_day.items()}
    rows: list[HoursRow] = []
    day = 0
    while day < 7:
        spans = spans_of.get(day)
        if not spans:
            day += 1
            continue
        last = day
        while last + 1 < 7 and spans_of.get(last + 1) == spans:
            last += 1
        days = str(WEEKDAYS[day]) if last == day else f"{WEEKDAYS[day]}–{WEEKDAYS[last]}"
        rows.append(HoursRow(days, spans))
        day = last + 1
    return rows


def hours_exceptions_ahead(
    exceptions: Iterable[OpeningHoursException], *, today: date, days: int = 28
) -> list[OpeningHoursException]:
    """Closures and other hours from today for the coming weeks."""
    last = today + timedelta(days=days - 1)
    return sorted((e for e in exceptions if today <= e.date <= last), key=lambda e: e.date)


# ---- Service page. ----


@dataclass
class ServiceSite:
    """A site where a service is offered, with the hours that apply to the service there."""

    site: Site
    description: str
    hours: list[HoursRow]
    exceptions: list[OpeningHoursException]


@dataclass
class ServicePage:
    service: Service
    types: list[ServiceType]
    sites: list[ServiceSite]
    contacts: list[Any]


def _at_sites_prefetch() -> Prefetch:  # type: ignore[type-arg]
    return Prefetch(
        "at_sites",
        queryset=ServiceAtSite.objects.select_related("site", "site__municipality")
        .prefetch_related(
            "opening_hours",
            "hours_exceptions",
            "site__opening_hours",
            "site__hours_exceptions",
        )
        .order_by("site__name"),
    )


def _service_sites(service: Service, *, today: date) -> list[ServiceSite]:
    found = []
    for link in service.at_sites.all():
        own_hours = list(link.opening_hours.all())
        hours = own_hours or list(link.site.opening_hours.all())
        exceptions = list(link.hours_exceptions.all()) + list(link.site.hours_exceptions.all())
        found.append(
            ServiceSite(
                site=link.site,
                description=link.description,
                hours=weekly_hours(hours, on=today),
                exceptions=hours_exceptions_ahead(exceptions, today=today),
            )
        )
    return found


def published_services() -> QuerySet[Service]:
    return (
        Service.objects.filter(status=Service.Status.PUBLISHED)
        .select_related("organisation")
        .prefetch_related("service_types", "contacts", "served_counties", _at_sites_prefetch())
    )


def service_page(*, service_id: UUID, today: date) -> ServicePage:
    """A published service; NotFound for a draft, an archived or an unknown one."""
    service = published_services().filter(hsds_id=service_id).first()
    if service is None:
        raise NotFound()
    return ServicePage(
        service=service,
        types=list(service.service_types.all()),
        sites=_service_sites(service, today=today),
        contacts=list(service.contacts.all()),
    )


def services_by_pk(pks: Sequence[int]) -> dict[int, Service]:
    """Published services for search hits (a hit may have been unpublished since)."""
    return {
        s.pk: s
        for s in Service.objects.filter(pk__in=pks, status=Service.Status.PUBLISHED)
        .select_related("organisation")
        .prefetch_related("service_types", "served_counties")
    }


# ---- Site page. ----


@dataclass(frozen=True)
class ActivityOccurrence:
    activity: Activity
    occurrence: Occurrence


@dataclass
class DayProgramme:
    day: date
    occurrences: list[ActivityOccurrence]


@dataclass(frozen=True)
class Visit:
    """A professional who visits the site's activities (jalkautuva työ)."""

    role: str
    note: str
    activity: Activity
    service: Service | None  # only when published


@dataclass
class SitePage:
    site: Site
    services: list[Service]
    week: list[DayProgramme]
    week_start: date
    visits: list[Visit]
    hours: list[HoursRow]
    exceptions: list[OpeningHoursException]
    accessibility_features: list[str]

    @property
    def has_activities(self) -> bool:
        return any(day.occurrences for day in self.week)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _site_get(site_id: UUID) -> Site:
    site = (
        Site.objects.select_related("area", "operator", "municipality")
        .prefetch_related("opening_hours", "hours_exceptions")
        .filter(hsds_id=site_id)
        .first()
    )
    if site is None:
        raise NotFound()
    return site


def accessibility_features(site: Site) -> list[str]:
    features = [
        (site.step_free_access, _("Step-free access")),
        (site.accessible_toilet, _("Accessible toilet")),
        (site.induction_loop, _("Induction loop")),
        (site.pram_parking, _("Pram parking")),
    ]
    return [str(label) for present, label in features if present]


def _week_programme(activities: Iterable[Activity], *, start: date) -> list[DayProgramme]:
    days = [DayProgramme(start + timedelta(days=n), []) for n in range(7)]
    for activity in activities:
        for occurrence in activity_occurrences(
            activity=activity, start=start, end=start + timedelta(days=6)
        ):
            days[(occurrence.date - start).days].occurrences.append(
                ActivityOccurrence(activity, occurrence)
            )
    for day in days:
        day.occurrences.sort(key=lambda item: item.occurrence.starts_at)
    return days


def _visits(activities: Iterable[Activity]) -> list[Visit]:
    visits = []
    for activity in activities:
        for presence in activity.professionals.all():
            service = presence.service
            published = service if service and service.status == Service.Status.PUBLISHED else None
            visits.append(Visit(presence.role, presence.note, activity, published))
    return visits


def site_page(*, site_id: UUID, today: date) -> SitePage:
    """A site with its published services and activities; NotFound for an unknown id."""
    site = _site_get(site_id)
    services = list(
        public_services(filters=PublicFilters(site=site.hsds_id)).order_by("name", "id")
    )
    start = week_start(today)
    activities = list(public_activities(filters=PublicFilters(site=site.hsds_id, ends_after=start)))
    return SitePage(
        site=site,
        services=services,
        week=_week_programme(activities, start=start),
        week_start=start,
        visits=_visits(activities),
        hours=weekly_hours(site.opening_hours.all(), on=today),
        exceptions=hours_exceptions_ahead(site.hours_exceptions.all(), today=today),
        accessibility_features=accessibility_features(site),
    )


# ---- Area page. ----


@dataclass
class AreaPage:
    area: Area
    family_centres: list[Site]
    service_points: list[Site]
    meeting_places: list[Site]
    other_sites: list[Site]
    municipalities: list[Municipality]
    # Services from outside the region that serve the area's county (national helplines,
    # Kela, a university hospital's service for several counties): found here too.
    from_afar: list[Service] = field(default_factory=list)

    @property
    def contacts(self) -> list[Site]:
        """Places to call or write to first: the family centres, then the service points."""
        return [s for s in self.family_centres + self.service_points if s.phone or s.email]


def area_page(*, area_id: UUID) -> AreaPage:
    area = Area.objects.select_related("county").filter(hsds_id=area_id).first()
    if area is None:
        raise NotFound()
    sites = list(
        Site.objects.filter(area=area).select_related("municipality", "operator").order_by("name")
    )

    def of_kind(kind: str) -> list[Site]:
        return [s for s in sites if s.kind == kind]

    return AreaPage(
        area=area,
        family_centres=of_kind(Site.Kind.FAMILY_CENTRE),
        service_points=of_kind(Site.Kind.SERVICE_POINT),
        meeting_places=of_kind(Site.Kind.MEETING_PLACE),
        other_sites=of_kind(Site.Kind.OTHER),
        municipalities=sorted(area.municipalities.all(), key=lambda m: _alphabetical(m.name)),
        from_afar=services_serving_county(county_code=area.county.code),
    )


# A county's page lists at most this many services from outside the region; search has all.
FROM_AFAR_SHOWN = 30


def services_serving_county(*, county_code: str) -> list[Service]:
    """Published services whose area covers the county beyond their sites (the whole country,
    or the county named), by name."""
    return list(
        Service.objects.filter(status=Service.Status.PUBLISHED)
        .filter(serving_county_q(county_code))
        .select_related("organisation")
        .prefetch_related("served_counties")
        .order_by("name", "id")[:FROM_AFAR_SHOWN]
    )


# ---- Organisation page. ----


@dataclass
class OrganisationPage:
    organisation: Organisation
    services: list[Service]
    sites: list[Site]


def organisation_page(*, organisation_id: UUID) -> OrganisationPage:
    organisation = (
        Organisation.objects.select_related("county", "municipality")
        .filter(hsds_id=organisation_id)
        .first()
    )
    if organisation is None:
        raise NotFound()
    services = (
        Service.objects.filter(organisation=organisation, status=Service.Status.PUBLISHED)
        .prefetch_related("service_types")
        .order_by("name", "id")
    )
    sites = Site.objects.filter(operator=organisation).select_related("municipality")
    return OrganisationPage(organisation, list(services), list(sites.order_by("name", "id")))


# ---- Comparison. ----

COMPARE_MIN = 2
COMPARE_MAX = 4


@dataclass
class ComparedService:
    service: Service
    sites: list[ServiceSite]
    distance_km: float | None = None
    nearest_site: Site | None = None


@dataclass
class Comparison:
    services: list[ComparedService]
    missing: list[str] = field(default_factory=list)  # ids given that no published service has
    place: Place | None = None


def parse_service_ids(values: Iterable[str]) -> tuple[list[UUID], list[str]]:
    """Valid ids in the order given without repeats, and the values that are not ids."""
    ids: list[UUID] = []
    invalid: list[str] = []
    for value in values:
        try:
            service_id = UUID(value.strip())
        except (ValueError, AttributeError):
            invalid.append(value)
            continue
        if service_id not in ids:
            ids.append(service_id)
    return ids, invalid


def _nearest(compared: ComparedService, place: Place) -> None:
    for item in compared.sites:
        site = item.site
        if site.latitude is None or site.longitude is None:
            continue
        km = distance_km(place.lat, place.lon, site.latitude, site.longitude)
        if compared.distance_km is None or km < compared.distance_km:
            compared.distance_km, compared.nearest_site = km, site


def comparison(*, service_ids: Sequence[UUID], place: Place | None, today: date) -> Comparison:
    """Published services in the order asked; ids not found are reported, not fatal."""
    found = {s.hsds_id: s for s in published_services().filter(hsds_id__in=list(service_ids))}
    result = Comparison(services=[], place=place)
    for service_id in service_ids:
        service = found.get(service_id)
        if service is None:
            result.missing.append(str(service_id))
            continue
        compared = ComparedService(service, _service_sites(service, today=today))
        if place is not None:
            _nearest(compared, place)
        result.services.append(compared)
    return result


def service_names(service_ids: Sequence[UUID]) -> dict[UUID, str]:
    """Names of published services, for the comparison bar of the search page."""
    services = Service.objects.filter(
        hsds_id__in=list(service_ids), status=Service.Status.PUBLISHED
    )
    return {service.hsds_id: service.name for service in services}
