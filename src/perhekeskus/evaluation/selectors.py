"""Reads for the indicators: which scope an id names, which scopes a leader may pick, and the
period asked for.

What a scope holds (the definitions of the indicators say the same in words):
- a county: its municipalities, its registry areas, and the organisations whose data the county
  maintains or whose home municipality lies in it;
- an area: the municipalities wholly or partly in it, and the organisations based in them; in a
  city split between areas by postal areas, only the city's organisations with a site in this
  area. County-wide organisations (no home municipality) count at county level only;
- a municipality: the areas that reach into it, and the organisations based in it;
- an organisation: itself, with the municipalities and areas of its sites.
"""

import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from perhekeskus.errors import InvalidInput, NotFound
from perhekeskus.evaluation.access import LeaderScopes, scope_allowed
from perhekeskus.evaluation.indicators import Period, Scope
from perhekeskus.network.models import Area, County, Municipality, Organisation, Site

SCOPE_KINDS = ("county", "area", "municipality", "organisation")
# The longest period one request may ask for: five years, leap days included.
MAX_PERIOD_MONTHS = 60
KIND_ORDER = {kind: i for i, kind in enumerate(SCOPE_KINDS)}


class _Registry:
    """The registry's shape within some counties, read in a handful of queries, from which
    scopes are built without a query per scope."""

    def __init__(self, *, county_ids: Iterable[int] | None = None) -> None:
        counties = County.objects.all()
        if county_ids is not None:
            counties = counties.filter(id__in=list(county_ids))
        self.counties = {c.id: c for c in counties.only("id", "code", "name")}
        ids = list(self.counties)
        self.municipalities = {
            m.id: m
            for m in Municipality.objects.filter(county_id__in=ids).only(
                "id", "code", "name", "county_id"
            )
        }
        self.areas = {
            a.id: a
            for a in Area.objects.filter(county_id__in=ids).only(
                "id", "name", "county_id", "hsds_id"
            )
        }
        # Municipalities of each area: whole ones, and those reached by its postal areas.
        self.area_whole: dict[int, set[int]] = defaultdict(set)
        self.area_partial: dict[int, set[int]] = defaultdict(set)
        whole_through: Any = Area.municipalities.through
        partial_through: Any = Area.postal_areas.through
        for area_id, municipality_id in whole_through.objects.filter(
            area_id__in=list(self.areas)
        ).values_list("area_id", "municipality_id"):
            self.area_whole[area_id].add(municipality_id)
        for area_id, municipality_id in partial_through.objects.filter(
            area_id__in=list(self.areas)
        ).values_list("area_id", "postalarea__municipality_id"):
            self.area_partial[area_id].add(municipality_id)
        self.organisations = {
            o.id: o
            for o in Organisation.objects.filter(
                Q(county_id__in=ids) | Q(municipality__county_id__in=ids)
            ).only("id", "name", "county_id", "municipality_id", "hsds_id")
        }
        self.org_site_areas: dict[int, set[int]] = defaultdict(set)
        self.org_site_municipalities: dict[int, set[int]] = defaultdict(set)
        for operator_id, area_id, municipality_id in Site.objects.filter(
            operator_id__in=list(self.organisations)
        ).values_list("operator_id", "area_id", "municipality_id"):
            if area_id is not None:
                self.org_site_areas[operator_id].add(area_id)
            self.org_site_municipalities[operator_id].add(municipality_id)

    def area_municipalities(self, area_id: int) -> set[int]:
        return self.area_whole[area_id] | self.area_partial[area_id]

    def county(self, county_id: int) -> Scope:
        county = self.counties[county_id]
        return Scope(
            kind="county",
            key=county.code,
            label=county.name,
            county_id=county.id,
            municipality_ids=frozenset(
                m for m, row in self.municipalities.items() if row.county_id == county.id
            ),
            area_ids=frozenset(a for a, row in self.areas.items() if row.county_id == county.id),
            organisation_ids=frozenset(
                o
                for o, row in self.organisations.items()
                if row.county_id == county.id
                or (
                    row.municipality_id in self.municipalities
                    and self.municipalities[row.municipality_id].county_id == county.id
                )
            ),
        )

    def area(self, area_id: int) -> Scope:
        area = self.areas[area_id]
        whole = self.area_whole[area_id]
        # A municipality also reached by its postal areas is split between areas.
        split = self.area_partial[area_id] | (whole & self._split_municipalities())
        organisations = {
            o
            for o, row in self.organisations.items()
            if row.municipality_id in whole and row.municipality_id not in split
        } | {
            o
            for o, row in self.organisations.items()
            if row.municipality_id in split and area_id in self.org_site_areas[o]
        }
        return Scope(
            kind="area",
            key=str(area.hsds_id),
            label=area.name,
            county_id=area.county_id,
            municipality_ids=frozenset(self.area_municipalities(area_id)),
            area_ids=frozenset({area_id}),
            organisation_ids=frozenset(organisations),
        )

    def _split_municipalities(self) -> set[int]:
        found: set[int] = set()
        for partial in self.area_partial.values():
            found |= partial
        return found

    def municipality(self, municipality_id: int) -> Scope:
        municipality = self.municipalities[municipality_id]
        return Scope(
            kind="municipality",
            key=municipality.code,
            label=municipality.name,
            county_id=municipality.county_id,
            municipality_ids=frozenset({municipality_id}),
            area_ids=frozenset(
                a for a in self.areas if municipality_id in self.area_municipalities(a)
            ),
            organisation_ids=frozenset(
                o for o, row in self.organisations.items() if row.municipality_id == municipality_id
            ),
        )

    def organisation(self, organisation_id: int) -> Scope:
        organisation = self.organisations[organisation_id]
        county_id = organisation.county_id
        if county_id is None and organisation.municipality_id in self.municipalities:
            county_id = self.municipalities[organisation.municipality_id].county_id
        municipalities = set(self.org_site_municipalities[organisation_id])
        if organisation.municipality_id is not None:
            municipalities.add(organisation.municipality_id)
        return Scope(
            kind="organisation",
            key=str(organisation.hsds_id),
            label=organisation.name,
            county_id=county_id,
            municipality_ids=frozenset(municipalities),
            area_ids=frozenset(self.org_site_areas[organisation_id]),
            organisation_ids=frozenset({organisation_id}),
        )


def _not_found(kind: str) -> NotFound:
    messages = {
        "county": _("No county with this code."),
        "area": _("No family centre area with this id."),
        "municipality": _("No municipality with this code."),
        "organisation": _("No organisation with this id."),
    }
    return NotFound(messages[kind])


def _uuid(kind: str, key: str) -> uuid.UUID:
    try:
        return uuid.UUID(key)
    except (ValueError, AttributeError, TypeError):
        if kind == "area":
            raise InvalidInput(_("The id of a family centre area is its UUID.")) from None
        raise InvalidInput(_("The id of an organisation is its UUID.")) from None


def scope_resolve(*, kind: str, key: str) -> Scope:
    """The scope `key` names: a county or municipality code, or an area's or organisation's
    UUID. InvalidInput for an unknown kind or a malformed id, NotFound for an unknown one."""
    key = (key or "").strip()
    if kind not in SCOPE_KINDS:
        raise InvalidInput(_("Unknown scope: use county, area, municipality or organisation."))
    if not key:
        raise InvalidInput(_("Say which one with its id."))
    if kind == "county":
        county_id = County.objects.filter(code=key).values_list("id", flat=True).first()
        if county_id is None:
            raise _not_found(kind)
        return _Registry(county_ids=[county_id]).county(county_id)
    if kind == "municipality":
        found = Municipality.objects.filter(code=key).values_list("id", "county_id").first()
        if found is None:
            raise _not_found(kind)
        return _Registry(county_ids=[found[1]]).municipality(found[0])
    if kind == "area":
        area = Area.objects.filter(hsds_id=_uuid(kind, key)).values_list("id", "county_id").first()
        if area is None:
            raise _not_found(kind)
        return _Registry(county_ids=[area[1]]).area(area[0])
    organisation = (
        Organisation.objects.filter(hsds_id=_uuid(kind, key))
        .values_list("id", "county_id", "municipality__county_id")
        .first()
    )
    if organisation is None:
        raise _not_found(kind)
    organisation_id, county_id, home_county_id = organisation
    counties = {c for c in (county_id, home_county_id) if c is not None}
    registry = _Registry(county_ids=counties)
    if organisation_id not in registry.organisations:
        # A national organisation (Kela, a state office): no county, no home municipality.
        registry.organisations[organisation_id] = Organisation.objects.only(
            "id", "name", "county_id", "municipality_id", "hsds_id"
        ).get(id=organisation_id)
        for area_id, municipality_id in Site.objects.filter(
            operator_id=organisation_id
        ).values_list("area_id", "municipality_id"):
            if area_id is not None:
                registry.org_site_areas[organisation_id].add(area_id)
            registry.org_site_municipalities[organisation_id].add(municipality_id)
    return registry.organisation(organisation_id)


def scope_choices(*, scopes: LeaderScopes) -> list[Scope]:
    """What a leader may pick: their counties with the areas, municipalities and organisations
    in them; the counties they lead jointly through a municipality; their municipalities and the
    areas reaching into them; their organisations. Counties first, then areas, municipalities
    and organisations, each in the order of their county's code and their name."""
    organisation_counties = set(
        Organisation.objects.filter(id__in=scopes.organisation_ids).values_list(
            "county_id", flat=True
        )
    ) | set(
        Organisation.objects.filter(id__in=scopes.organisation_ids).values_list(
            "municipality__county_id", flat=True
        )
    )
    county_ids = (
        set(scopes.county_ids) | set(scopes.joint_county_ids) | (organisation_counties - {None})
    )
    registry = _Registry(county_ids=county_ids)
    candidates: list[Scope] = [registry.county(c) for c in registry.counties]
    candidates += [registry.area(a) for a in registry.areas]
    candidates += [registry.municipality(m) for m in registry.municipalities]
    wanted_orgs = {
        o
        for o, row in registry.organisations.items()
        if o in scopes.organisation_ids
        or row.county_id in scopes.county_ids
        or (
            row.municipality_id in registry.municipalities
            and registry.municipalities[row.municipality_id].county_id in scopes.county_ids
        )
    }
    candidates += [registry.organisation(o) for o in wanted_orgs]
    allowed = [s for s in candidates if scope_allowed(scopes=scopes, scope=s)]
    county_code = {c.id: c.code for c in registry.counties.values()}
    return sorted(
        allowed,
        key=lambda s: (
            KIND_ORDER[s.kind],
            county_code.get(s.county_id, "") if s.county_id is not None else "",
            s.label.casefold(),
            s.key,
        ),
    )


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _months_back(day: date, months: int) -> date:
    """The first day of the month `months` before `day`'s month."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def period_default(*, today: date) -> Period:
    """The last 12 full months before today's month."""
    end = _month_start(today) - timedelta(days=1)
    return Period(start=_months_back(today, 12), end=end)


_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
FIRST_YEAR, LAST_YEAR = 1900, 2999


def month_parse(value: str, *, what: str) -> date:
    """The first day of the month `value` names: YYYY-MM, or a whole date YYYY-MM-DD, which is
    widened to its month. Periods are whole months so that two periods a day apart cannot reveal
    a small count by subtraction."""
    text = (value or "").strip()
    found = _MONTH.fullmatch(text) or _DAY.fullmatch(text)
    if found is not None:
        year, month = int(found.group(1)), int(found.group(2))
        try:
            if found.re is _DAY:
                date(year, month, int(found.group(3)))  # a real day, or refused
            if FIRST_YEAR <= year <= LAST_YEAR:
                return date(year, month, 1)
        except ValueError:
            pass
    if what == "start":
        raise InvalidInput(_("The first month is not a month: use YYYY-MM, e.g. 2026-01."))
    raise InvalidInput(_("The last month is not a month: use YYYY-MM, e.g. 2026-12."))


def _month_end(first: date) -> date:
    return _months_back(first, -1) - timedelta(days=1)


def period_parse(*, start: str | None, end: str | None, today: date) -> Period:
    """The whole months from `start`'s month to `end`'s month, both included (YYYY-MM; a date
    YYYY-MM-DD stands for its month). Without either: the last 12 full months; with only one,
    12 months from or up to it (not past today's month)."""
    start = (start or "").strip() or None
    end = (end or "").strip() or None
    if start is None and end is None:
        return period_default(today=today)
    first = month_parse(start, what="start") if start is not None else None
    last = month_parse(end, what="end") if end is not None else None
    if first is None:
        assert last is not None
        first = _months_back(last, 11)
    if last is None:
        last = max(min(_month_start(today), _months_back(first, -11)), first)
    if first > last:
        raise InvalidInput(_("The first month must not be after the last month."))
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months > MAX_PERIOD_MONTHS:
        raise InvalidInput(_("The period may be at most five years long."))
    return Period(start=first, end=_month_end(last))
