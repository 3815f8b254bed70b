"""Reads of the programme (viikko-ohjelma): the calendar of a site, an area or a municipality,
the series behind its iCalendar feed, and an area's brochure. Published data only.

Each read returns plain dataclasses with the texts in the active language, so templates and the
iCalendar builder never touch a queryset.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property
from itertools import pairwise
from typing import Literal
from uuid import UUID

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from perhekeskus.errors import InvalidInput, NotFound
from perhekeskus.network.labels import age_range_label, language_names
from perhekeskus.network.models import (
    Activity,
    Area,
    Municipality,
    OpeningHours,
    OpeningHoursException,
    Service,
    ServiceAtSite,
    ServiceContact,
    ServiceType,
    Site,
)
from perhekeskus.network.occurrences import HELSINKI
from perhekeskus.network.selectors import PublicFilters, public_activities
from perhekeskus.programme.occurrences import (
    activity_dates_not_held,
    activity_meets_between,
    activity_occurrences_held,
)

View = Literal["week", "month"]
# A calendar reaches this far from today; further out the data says little and a rule that
# started long ago would be expanded for nothing.
REACH_YEARS = 2
# The feed holds the series that meet from a month ago to a year ahead.
FEED_PAST_DAYS = 31
FEED_DAYS = 365
# The brochure's weekly programme covers this many weeks from the week it is printed.
BROCHURE_WEEKS = 4
# Groups of the service type vocabulary, in the order a family reads them.
GROUP_ORDER = [choice.value for choice in ServiceType.Group]


def helsinki_today() -> date:
    return timezone.localdate(timezone=HELSINKI)


# ---- what is shown ------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Whose programme: one site, a family centre area or a municipality."""

    kind: Literal["site", "area", "municipality"]
    key: str  # the public id (hsds_id) or the municipality code, as in the URL
    name: str
    filters: PublicFilters  # where, as the network's public filters say it


@dataclass(frozen=True)
class Place:
    id: UUID
    name: str
    kind: str
    kind_label: str
    street_address: str
    postal_code: str
    post_office: str
    municipality: str
    latitude: float | None
    longitude: float | None

    @property
    def address(self) -> str:
        town = " ".join(part for part in (self.postal_code, self.post_office) if part)
        return ", ".join(part for part in (self.street_address, town or self.municipality) if part)


@dataclass(frozen=True)
class Presence:
    """A professional present at an activity (jalkautuva työ)."""

    role: str
    note: str
    service: str


@dataclass(frozen=True)
class ActivityInfo:
    id: UUID
    title: str
    kind: str
    kind_label: str
    description: str
    place: Place
    organiser: str
    min_age_months: int | None
    max_age_months: int | None
    languages: tuple[str, ...]
    registration: str
    registration_label: str
    registration_url: str
    capacity: int | None
    free_of_charge: bool
    professionals: tuple[Presence, ...]
    starts_on: date
    start_time: time
    end_time: time
    rrule: str
    version: int
    updated_at: datetime

    # Each occurrence of an activity shows the same labels: made once per activity.
    @cached_property
    def ages_label(self) -> str:
        return age_range_label(self.min_age_months, self.max_age_months)

    @cached_property
    def languages_label(self) -> str:
        return language_names(self.languages)


@dataclass(frozen=True)
class Entry:
    """One occurrence of an activity in a calendar; `cancelled` ones are shown as such."""

    activity: ActivityInfo
    starts_at: datetime
    ends_at: datetime
    cancelled: bool = False
    closed_reason: str = ""


@dataclass(frozen=True)
class CalendarDay:
    date: date
    entries: tuple[Entry, ...]
    is_today: bool

    @property
    def held(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if not e.cancelled)

    @property
    def cancelled(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.cancelled)


@dataclass(frozen=True)
class Period:
    """A week (Monday to Sunday) or a calendar month, with its neighbours within reach."""

    view: View
    start: date
    end: date
    previous: date | None
    next: date | None

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]

    @property
    def week_number(self) -> int:
        return self.start.isocalendar().week


@dataclass(frozen=True)
class CalendarFilters:
    age_months: int | None = None
    language: str | None = None


@dataclass(frozen=True)
class Calendar:
    scope: Scope
    period: Period
    filters: CalendarFilters
    days: tuple[CalendarDay, ...]

    @property
    def held_count(self) -> int:
        return sum(len(day.held) for day in self.days)

    @property
    def weeks(self) -> list[list[CalendarDay | None]]:
        """The days in rows of Monday to Sunday, with None for days outside the period."""
        rows: list[list[CalendarDay | None]] = []
        for day in self.days:
            if not rows or day.date.weekday() == 0:
                rows.append([None] * day.date.weekday())
            rows[-1].append(day)
        rows[-1] += [None] * (7 - len(rows[-1]))
        return rows


@dataclass(frozen=True)
class Series:
    """An activity as a calendar app keeps it: its rule and the dates it is not held."""

    activity: ActivityInfo
    not_held: tuple[date, ...]


# ---- scopes --------------------------------------------------------------------------------


def programme_scope_site(*, site_id: UUID) -> Scope:
    site = Site.objects.filter(hsds_id=site_id).only("hsds_id", "name").first()
    if site is None:
        raise NotFound()
    return Scope("site", str(site.hsds_id), site.name, PublicFilters(site=site.hsds_id))


def programme_scope_area(*, area_id: UUID) -> Scope:
    area = Area.objects.filter(hsds_id=area_id).only("hsds_id", "name").first()
    if area is None:
        raise NotFound()
    return Scope("area", str(area.hsds_id), area.name, PublicFilters(area=area.hsds_id))


def programme_scope_municipality(*, code: str) -> Scope:
    municipality = Municipality.objects.filter(code=code).only("code", "name").first()
    if municipality is None:
        raise NotFound()
    return Scope(
        "municipality",
        municipality.code,
        municipality.name,
        PublicFilters(municipality=municipality.code),
    )


# ---- periods -------------------------------------------------------------------------------


def _reach(today: date) -> tuple[date, date]:
    return (
        date(today.year - REACH_YEARS, 1, 1),
        date(today.year + REACH_YEARS, 12, 31),
    )


def period_check(*, day: date, today: date) -> None:
    first, last = _reach(today)
    if not first <= day <= last:
        raise InvalidInput(
            details={
                "date": _("Choose a date between %(first)s and %(last)s.")
                % {"first": first.strftime("%d.%m.%Y"), "last": last.strftime("%d.%m.%Y")}
            }
        )


def period_containing(*, view: View, day: date, today: date) -> Period:
    """The week or month that holds `day`; raises InvalidInput for a day out of reach."""
    period_check(day=day, today=today)
    if view == "week":
        start = day - timedelta(days=day.weekday())
        end = start + timedelta(days=6)
        before, after = start - timedelta(days=7), end + timedelta(days=1)
    else:
        start = day.replace(day=1)
        after = (start + timedelta(days=32)).replace(day=1)
        end = after - timedelta(days=1)
        before = (start - timedelta(days=1)).replace(day=1)
    first, last = _reach(today)
    return Period(
        view=view,
        start=start,
        end=end,
        previous=max(before, first) if start > first else None,
        next=after if after <= last else None,
    )


# ---- activities ----------------------------------------------------------------------------


def _place(site: Site) -> Place:
    return Place(
        id=site.hsds_id,
        name=site.name,
        kind=site.kind,
        kind_label=str(site.get_kind_display()),
        street_address=site.street_address,
        postal_code=site.postal_code,
        post_office=site.post_office,
        municipality=site.municipality.name,
        latitude=site.latitude,
        longitude=site.longitude,
    )


def _activity_info(activity: Activity, places: dict[int, Place]) -> ActivityInfo:
    if activity.site_id not in places:
        places[activity.site_id] = _place(activity.site)
    return ActivityInfo(
        id=activity.hsds_id,
        title=activity.title,
        kind=activity.kind,
        kind_label=str(activity.get_kind_display()),
        description=activity.description,
        place=places[activity.site_id],
        organiser=activity.organiser.name,
        min_age_months=activity.min_age_months,
        max_age_months=activity.max_age_months,
        languages=tuple(activity.languages or ()),
        registration=activity.registration,
        registration_label=str(activity.get_registration_display()),
        registration_url=activity.registration_url,
        capacity=activity.capacity,
        free_of_charge=activity.free_of_charge,
        professionals=tuple(
            Presence(
                role=p.role,
                note=p.note,
                service=p.service.name
                if p.service and p.service.status == Service.Status.PUBLISHED
                else "",
            )
            for p in activity.professionals.all()
        ),
        starts_on=activity.starts_on,
        start_time=activity.start_time,
        end_time=activity.end_time,
        rrule=activity.rrule,
        version=activity.version,
        updated_at=activity.updated_at,
    )


def _activities(
    scope: Scope, filters: CalendarFilters, *, start: date, end: date
) -> list[Activity]:
    criteria = PublicFilters(
        site=scope.filters.site,
        area=scope.filters.area,
        municipality=scope.filters.municipality,
        age_months=filters.age_months,
        language=filters.language,
        starts_before=end,
        ends_after=start,
    )
    qs = public_activities(filters=criteria).select_related("site__municipality")
    return list(qs.order_by("start_time", "id"))


def _closures(
    activities: Iterable[Activity], *, start: date | None = None, end: date | None = None
) -> dict[int, dict[date, str]]:
    """Dates the place of each activity is closed for the whole day, with the reason, by
    activity pk: its site's closures and those of its own service at that site."""
    activities = list(activities)
    if not activities:
        return {}
    site_ids = {a.site_id for a in activities}
    pairs = {(a.service_id, a.site_id) for a in activities if a.service_id}
    qs = OpeningHoursException.objects.filter(closed=True).filter(
        Q(site_id__in=site_ids)
        | Q(
            service_at_site__site_id__in=site_ids,
            service_at_site__service_id__in={service for service, _ in pairs},
        )
    )
    if start is not None:
        qs = qs.filter(date__gte=start)
    if end is not None:
        qs = qs.filter(date__lte=end)
    by_site: dict[int, dict[date, str]] = defaultdict(dict)
    by_pair: dict[tuple[int, int], dict[date, str]] = defaultdict(dict)
    for closure in qs.select_related("service_at_site"):
        reason = closure.reason or _("closed")
        if closure.site_id:
            by_site[closure.site_id][closure.date] = reason
        elif closure.service_at_site:
            link = closure.service_at_site
            by_pair[(link.service_id, link.site_id)][closure.date] = reason
    found: dict[int, dict[date, str]] = {}
    for activity in activities:
        closed = dict(by_pair.get((activity.service_id or 0, activity.site_id), {}))
        closed.update(by_site.get(activity.site_id, {}))
        found[activity.pk] = closed
    return found


def programme_calendar(
    *, scope: Scope, period: Period, filters: CalendarFilters = CalendarFilters()
) -> Calendar:
    """The occurrences of the scope's published activities in the period, day by day."""
    activities = _activities(scope, filters, start=period.start, end=period.end)
    closures = _closures(activities, start=period.start, end=period.end)
    places: dict[int, Place] = {}
    by_day: dict[date, list[Entry]] = defaultdict(list)
    for activity in activities:
        found = activity_occurrences_held(
            activity=activity,
            start=period.start,
            end=period.end,
            closed_on=closures.get(activity.pk, {}),
        )
        if not found.held and not found.cancelled:
            continue
        info = _activity_info(activity, places)
        for held in found.held:
            by_day[held.date].append(Entry(info, held.starts_at, held.ends_at))
        for off in found.cancelled:
            by_day[off.date].append(
                Entry(info, off.starts_at, off.ends_at, cancelled=True, closed_reason=off.reason)
            )
    today = helsinki_today()
    days = tuple(
        CalendarDay(
            date=day,
            entries=tuple(sorted(by_day[day], key=lambda e: (e.starts_at, e.activity.place.name))),
            is_today=day == today,
        )
        for day in period.days
    )
    return Calendar(scope=scope, period=period, filters=filters, days=days)


def programme_languages(*, scope: Scope) -> list[str]:
    """The languages the scope's published activities are held in, for the filter's choices."""
    found: set[str] = set()
    for languages in public_activities(filters=scope.filters).values_list("languages", flat=True):
        found.update(code for code in languages or () if isinstance(code, str))
    return sorted(found)


def programme_series(
    *, scope: Scope, filters: CalendarFilters = CalendarFilters(), today: date | None = None
) -> list[Series]:
    """The scope's published activities that meet from a month ago to a year ahead, each with
    the dates it is not held (cancelled or its place closed), for the iCalendar feed."""
    today = today or helsinki_today()
    start = today - timedelta(days=FEED_PAST_DAYS)
    end = start + timedelta(days=FEED_DAYS)
    activities = [
        activity
        for activity in _activities(scope, filters, start=start, end=end)
        if activity_meets_between(activity=activity, start=start, end=end)
    ]
    closures = _closures(activities, start=start)
    places: dict[int, Place] = {}
    series = []
    for activity in activities:
        closed = closures.get(activity.pk, {})
        series.append(
            Series(
                activity=_activity_info(activity, places),
                not_held=tuple(activity_dates_not_held(activity=activity, closed_on=closed)),
            )
        )
    return sorted(series, key=lambda s: (s.activity.starts_on, s.activity.start_time))


# ---- the area brochure ---------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    name: str
    title: str
    phone: str
    email: str


@dataclass(frozen=True)
class BrochureService:
    id: UUID
    name: str
    summary: str
    organisation: str
    min_age_months: int | None
    max_age_months: int | None
    languages: tuple[str, ...]
    cost: str
    cost_label: str
    referral_required: bool
    anonymous_contact: bool
    phone: str
    email: str
    website: str
    contacts: tuple[Contact, ...]
    places: tuple[str, ...]
    last_verified_at: date | None


@dataclass(frozen=True)
class ServiceGroup:
    code: str
    label: str
    services: tuple[BrochureService, ...]


@dataclass(frozen=True)
class Slot:
    """An activity on one weekday of the brochure's weeks: every week, every other week, or on
    the dates listed; `not_on` are the dates of its pattern on which it is not held."""

    activity: ActivityInfo
    starts_at: time
    ends_at: time
    every: int | None  # 1 = every week, 2 = every other week, None = only on `dates`
    dates: tuple[date, ...]
    not_on: tuple[date, ...]


@dataclass(frozen=True)
class WeekdayProgramme:
    weekday: int
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class OpeningLine:
    first_weekday: int
    last_weekday: int
    opens: time
    closes: time


@dataclass(frozen=True)
class BrochurePlace:
    place: Place
    phone: str
    email: str
    opening_hours: tuple[OpeningLine, ...]


@dataclass(frozen=True)
class Brochure:
    area_id: UUID
    name: str
    description: str
    municipalities: tuple[str, ...]
    groups: tuple[ServiceGroup, ...]
    places: tuple[BrochurePlace, ...]
    programme: tuple[WeekdayProgramme, ...]
    programme_start: date
    programme_end: date
    printed_at: datetime
    verified_oldest: date | None
    verified_newest: date | None

    @property
    def slot_count(self) -> int:
        return sum(len(day.slots) for day in self.programme)

    @property
    def service_count(self) -> int:
        return sum(len(group.services) for group in self.groups)


def _service_group(service: Service) -> str:
    groups = {t.group for t in service.service_types.all()}
    return next((code for code in GROUP_ORDER if code in groups), GROUP_ORDER[-1])


def _brochure_services(area: Area, places: Mapping[int, Place]) -> tuple[ServiceGroup, ...]:
    """The published services offered at the area's own sites, each once, by its type group."""
    links = ServiceAtSite.objects.filter(
        site__area=area, service__status=Service.Status.PUBLISHED
    ).values_list("service_id", "site_id")
    sites_of: dict[int, list[int]] = defaultdict(list)
    for service_id, site_id in links:
        sites_of[service_id].append(site_id)
    services = (
        Service.objects.filter(pk__in=sites_of)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("service_types", queryset=ServiceType.objects.only("id", "code", "group")),
            Prefetch("contacts", queryset=ServiceContact.objects.order_by("id")),
        )
        .order_by("name", "id")
    )
    grouped: dict[str, list[BrochureService]] = defaultdict(list)
    for service in services:
        grouped[_service_group(service)].append(
            BrochureService(
                id=service.hsds_id,
                name=service.name,
                summary=service.summary,
                organisation=service.organisation.name,
                min_age_months=service.min_age_months,
                max_age_months=service.max_age_months,
                languages=tuple(service.languages or ()),
                cost=service.cost,
                cost_label=str(service.get_cost_display()),
                referral_required=service.referral_required,
                anonymous_contact=service.anonymous_contact,
                phone=service.phone,
                email=service.email,
                website=service.website,
                contacts=tuple(
                    Contact(c.name, c.title, c.phone, c.email) for c in service.contacts.all()
                ),
                places=tuple(sorted({places[s].name for s in sites_of[service.pk]})),
                last_verified_at=service.last_verified_at,
            )
        )
    labels = dict(ServiceType.Group.choices)
    return tuple(
        ServiceGroup(code, str(labels[code]), tuple(grouped[code]))
        for code in GROUP_ORDER
        if grouped[code]
    )


def _opening_lines(hours: Iterable[OpeningHours], today: date) -> tuple[OpeningLine, ...]:
    """Regular hours valid today, with consecutive days of equal hours joined (Mon–Fri)."""
    valid = sorted(
        (h.weekday, h.opens, h.closes)
        for h in hours
        if (h.valid_from is None or h.valid_from <= today)
        and (h.valid_to is None or today <= h.valid_to)
    )
    lines: list[OpeningLine] = []
    for weekday, opens, closes in valid:
        last = lines[-1] if lines else None
        if (
            last
            and (last.opens, last.closes) == (opens, closes)
            and last.last_weekday + 1 == weekday
        ):
            lines[-1] = OpeningLine(last.first_weekday, weekday, opens, closes)
        else:
            lines.append(OpeningLine(weekday, weekday, opens, closes))
    return tuple(lines)


def _slot(info: ActivityInfo, scheduled: list[date], held: list[date], weeks: int) -> Slot | None:
    """How often the activity meets on one weekday over the brochure's weeks."""
    if not held:
        return None
    gaps = {(b - a).days for a, b in pairwise(scheduled)}
    if len(scheduled) == weeks:
        every: int | None = 1
    elif len(scheduled) >= 2 and gaps == {14}:
        every = 2
    else:
        every = None
    not_on = tuple(d for d in scheduled if d not in held) if every else ()
    return Slot(info, info.start_time, info.end_time, every, tuple(held), not_on)


def _weekly_programme(
    activities: list[Activity],
    closures: Mapping[int, Mapping[date, str]],
    places: dict[int, Place],
    *,
    start: date,
    end: date,
) -> tuple[WeekdayProgramme, ...]:
    """The area's programme over the weeks from `start` to `end`, by weekday, time and place."""
    weeks = ((end - start).days + 1) // 7
    by_weekday: dict[int, list[Slot]] = defaultdict(list)
    for activity in activities:
        found = activity_occurrences_held(
            activity=activity, start=start, end=end, closed_on=closures.get(activity.pk, {})
        )
        held = [o.date for o in found.held]
        if not held:
            continue
        scheduled = sorted(held + [c.date for c in found.cancelled])
        info = _activity_info(activity, places)
        for weekday in sorted({d.weekday() for d in scheduled}):
            slot = _slot(
                info,
                [d for d in scheduled if d.weekday() == weekday],
                [d for d in held if d.weekday() == weekday],
                weeks,
            )
            if slot:
                by_weekday[weekday].append(slot)
    return tuple(
        WeekdayProgramme(
            weekday,
            tuple(
                sorted(slots, key=lambda s: (s.starts_at, s.activity.place.name, s.activity.title))
            ),
        )
        for weekday, slots in sorted(by_weekday.items())
    )


KIND_ORDER = [choice.value for choice in Site.Kind]


def programme_brochure(*, area_id: UUID, now: datetime | None = None) -> Brochure:
    """An area's services, places and the weekly programme of the coming weeks, for print."""
    area = (
        Area.objects.filter(hsds_id=area_id)
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name"))
        )
        .first()
    )
    if area is None:
        raise NotFound()
    now = (now or timezone.now()).astimezone(HELSINKI)
    today = now.date()
    start = today - timedelta(days=today.weekday())
    end = start + timedelta(weeks=BROCHURE_WEEKS, days=-1)
    sites = list(
        Site.objects.filter(area=area)
        .select_related("municipality")
        .prefetch_related("opening_hours")
        .order_by("name", "id")
    )
    places = {site.pk: _place(site) for site in sites}
    scope = Scope("area", str(area.hsds_id), area.name, PublicFilters(area=area.hsds_id))
    activities = _activities(scope, CalendarFilters(), start=start, end=end)
    closures = _closures(activities, start=start, end=end)
    programme = _weekly_programme(activities, closures, places, start=start, end=end)
    groups = _brochure_services(area, places)
    verified = [s.last_verified_at for g in groups for s in g.services if s.last_verified_at]
    return Brochure(
        area_id=area.hsds_id,
        name=area.name,
        description=area.description,
        municipalities=tuple(m.name for m in area.municipalities.all()),
        groups=groups,
        places=tuple(
            BrochurePlace(
                place=places[site.pk],
                phone=site.phone,
                email=site.email,
                opening_hours=_opening_lines(site.opening_hours.all(), today),
            )
            for site in sorted(sites, key=lambda s: (KIND_ORDER.index(s.kind), s.name))
        ),
        programme=programme,
        programme_start=start,
        programme_end=end,
        printed_at=now,
        verified_oldest=min(verified, default=None),
        verified_newest=max(verified, default=None),
    )
