"""Proposing family centre areas for a county (interface fixed by the lead; bodies by the
planning engine): contiguous groups of whole municipalities and, for a city too large for one
area, of its postal areas, within the model's population band; coverage of children by family
centres and meeting places; new meeting places where they reach the most children.

How (see also partition.py and coverage.py):
- Units: every municipality of the county; one too large for an area (population over its
  band's top) is split into its postal areas.
- Contiguity: municipalities by the neighbour pairs of the reference data; postal areas of one
  city by a Delaunay triangulation of their centres without its implausibly long edges (plus a
  minimum spanning tree, so the city stays in one piece); a municipality next to a split city
  links to the city's postal areas its own postal areas are triangulated with (Kauniainen inside
  Espoo); islands with no land neighbour in the county link to the nearest place (a ferry link).
- The capital region (Helsinki, Espoo, Vantaa, Kauniainen) has its own band and is planned
  apart from the rest of a county.
- Children are those of the postal areas (municipalities: the sum of theirs); a few tiny postal
  areas have no age data and count as none.
"""

import math
import time
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from scipy.sparse.csgraph import minimum_spanning_tree
from scipy.spatial import Delaunay

from perhekeskus.errors import InvalidInput
from perhekeskus.network.models import CAPITAL_REGION_MUNICIPALITIES
from perhekeskus.planning import coverage as cov
from perhekeskus.planning import selectors
from perhekeskus.planning.partition import Unit, partition


@dataclass(frozen=True)
class ProposalOptions:
    band_min: int = 35_000
    band_max: int = 55_000
    capital_band_min: int = 60_000
    capital_band_max: int = 80_000
    family_centre_km: float = 5.0  # a child is covered within this distance of a family centre
    meeting_place_km: float = 2.0  # ... and of a meeting place
    new_meeting_places: int = 5  # how many new meeting places to suggest


@dataclass(frozen=True)
class SuggestedMeetingPlace:
    postal_code: str
    name: str
    lat: float
    lon: float
    children_reached: int  # children newly within meeting_place_km


@dataclass
class ProposedArea:
    name: str
    municipality_codes: list[str]  # whole municipalities
    postal_codes: list[str]  # postal areas of split cities
    population: int
    children: int
    family_centres: int
    meeting_places: int
    in_band: bool
    band: tuple[int, int]
    lat: float  # population-weighted centre
    lon: float
    # Member points for the map: [{"code", "name", "lat", "lon", "population", "children"}].
    members: list[dict[str, object]] = field(default_factory=list)
    suggested_meeting_places: list[SuggestedMeetingPlace] = field(default_factory=list)
    # Added by the planning engine (optional):
    key: str = ""  # "a1", "a2", … in the order of Proposal.areas
    # Family centres and meeting places: [{"id", "name", "kind", "lat", "lon"}].
    sites: list[dict[str, object]] = field(default_factory=list)
    ferry: bool = False  # its contiguity relies on a ferry link


@dataclass(frozen=True)
class Coverage:
    children: int
    family_centre_share: float  # 0..1 of children within family_centre_km of a family centre
    meeting_place_share: float  # ... of a meeting place, today
    meeting_place_share_after: float  # ... with the suggested new meeting places


@dataclass(frozen=True)
class AreaComparison:
    """A proposed area beside the registry area (in use) it overlaps most, by population."""

    proposed: str
    in_use: str | None
    shared_population: int
    overlap: float  # shared population / population of the union, 0..1


@dataclass
class Proposal:
    county_code: str
    options: ProposalOptions
    areas: list[ProposedArea]
    coverage: Coverage
    in_use_count: int  # registry areas of the county today
    in_use_in_band: int
    comparison: list[AreaComparison]
    seconds: float  # computing time
    # Added by the planning engine (optional):
    county_name: str = ""
    suggested_meeting_places: list[SuggestedMeetingPlace] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # honest remarks, translated
    ferry_links: list[tuple[str, str]] = field(default_factory=list)
    optimal: bool = False  # every connected grouping was weighed by the integer programme
    postal_areas_without_age_data: int = 0


NEW_MEETING_PLACES_MAX = 50
DISTANCE_KM_MAX = 50.0
BAND_LIMITS = (1_000, 1_000_000)
# A Delaunay edge longer than this many times the typical edge at both its ends crosses a bay
# or runs outside the city: not a neighbour.
LONG_EDGE_FACTOR = 2.5
KM_PER_DEGREE_LAT = 110.57
KM_PER_DEGREE_LON = 111.32


# ---- options ----


def proposal_options_check(options: ProposalOptions) -> None:
    """InvalidInput with details per field when the options make no sense."""
    errors: dict[str, Any] = {}
    for low, high in (("band_min", "band_max"), ("capital_band_min", "capital_band_max")):
        for name in (low, high):
            value = getattr(options, name)
            if not BAND_LIMITS[0] <= value <= BAND_LIMITS[1]:
                errors[name] = _("A population between %(low)s and %(high)s.") % {
                    "low": BAND_LIMITS[0],
                    "high": BAND_LIMITS[1],
                }
        if (
            low not in errors
            and high not in errors
            and getattr(options, low) >= getattr(options, high)
        ):
            errors[high] = _("The top of the band must be above its bottom.")
    for name in ("family_centre_km", "meeting_place_km"):
        value = getattr(options, name)
        if not (isinstance(value, int | float) and math.isfinite(value)) or not (
            0 < value <= DISTANCE_KM_MAX
        ):
            errors[name] = _("A distance above 0 and at most %(km)s km.") % {
                "km": int(DISTANCE_KM_MAX)
            }
    if not 0 <= options.new_meeting_places <= NEW_MEETING_PLACES_MAX:
        errors["new_meeting_places"] = _("Between 0 and %(max)s new meeting places.") % {
            "max": NEW_MEETING_PLACES_MAX
        }
    if errors:
        raise InvalidInput(
            _("The planning options are not valid: see details for each field."), details=errors
        )


def proposal_options_from_dict(data: dict[str, Any]) -> ProposalOptions:
    """Options from JSON (a saved plan, the API); unknown keys are ignored."""
    defaults = ProposalOptions()
    values: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    for name, default in asdict(defaults).items():
        if name not in data or data[name] is None:
            continue
        raw = data[name]
        try:
            if isinstance(raw, bool):
                raise TypeError
            number = float(raw)
            if isinstance(default, int) and number != int(number):
                raise ValueError
            values[name] = int(number) if isinstance(default, int) else number
        except (TypeError, ValueError, OverflowError):
            errors[name] = _("A number, please.")
    if errors:
        raise InvalidInput(
            _("The planning options are not valid: see details for each field."), details=errors
        )
    return ProposalOptions(**values)


def proposal_options_as_dict(options: ProposalOptions) -> dict[str, Any]:
    return asdict(options)


# ---- the proposal ----


@dataclass
class PlaceUnit:
    """A whole municipality or a postal area of a split city: what areas are made of."""

    kind: str  # "municipality" | "postal_area"
    code: str
    names: dict[str, str]
    municipality: str
    population: int
    children: int
    lat: float
    lon: float
    capital: bool
    postal_codes: tuple[str, ...]  # the postal areas it stands for


def _lang() -> str:
    language = (translation.get_language() or "fi")[:2]
    return language if language in ("fi", "sv", "en") else "fi"


def _short(name: str) -> str:
    """A postal area's everyday name: "Kontula - Vesala - Kivikko" → "Kontula"."""
    return name.split(" - ")[0].split("-Keskus")[0].strip() or name


def _weighted(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    total = sum(max(w, 1) for _, _, w in points)
    return (
        sum(lat * max(w, 1) for lat, _, w in points) / total,
        sum(lon * max(w, 1) for _, lon, w in points) / total,
    )


def _units(data: selectors.CountyData, options: ProposalOptions) -> list[PlaceUnit]:
    by_municipality: dict[str, list[selectors.PlaceData]] = {}
    for postal in data.postal_areas:
        by_municipality.setdefault(postal.municipality, []).append(postal)
    units: list[PlaceUnit] = []
    for m in data.municipalities:
        capital = m.code in CAPITAL_REGION_MUNICIPALITIES
        top = options.capital_band_max if capital else options.band_max
        own = [p for p in by_municipality.get(m.code, []) if p.lat is not None]
        if m.population > top and len(own) > 1:
            for p in own:
                units.append(
                    PlaceUnit(
                        "postal_area",
                        p.code,
                        p.names,
                        m.code,
                        p.population,
                        p.children or 0,
                        float(p.lat or 0),
                        float(p.lon or 0),
                        capital,
                        (p.code,),
                    )
                )
            continue
        if m.lat is not None and m.lon is not None:
            lat, lon = m.lat, m.lon
        elif own:
            lat, lon = _weighted([(p.lat or 0, p.lon or 0, p.population) for p in own])
        else:
            continue  # no position at all: cannot be placed on the map or joined to anything
        units.append(
            PlaceUnit(
                "municipality",
                m.code,
                m.names,
                m.code,
                m.population,
                sum(p.children or 0 for p in by_municipality.get(m.code, [])),
                lat,
                lon,
                capital,
                tuple(p.code for p in by_municipality.get(m.code, [])),
            )
        )
    return units


def _xy(lat: float, lon: float, lat0: float) -> tuple[float, float]:
    return lon * KM_PER_DEGREE_LON * math.cos(math.radians(lat0)), lat * KM_PER_DEGREE_LAT


def _edges(
    data: selectors.CountyData, units: list[PlaceUnit], lat0: float
) -> tuple[set[tuple[int, int]], list[tuple[int, int]]]:
    """Neighbour pairs of units, and the ferry links among them."""
    index = {(u.kind, u.code): i for i, u in enumerate(units)}
    whole = {u.code: i for i, u in enumerate(units) if u.kind == "municipality"}
    split = {u.municipality for u in units if u.kind == "postal_area"}
    neighbours = {
        frozenset(pair) for pair in selectors.municipality_neighbours() if pair[0] != pair[1]
    }
    edges: set[tuple[int, int]] = set()

    def link(a: int, b: int) -> None:
        if a != b and units[a].capital == units[b].capital:
            edges.add((min(a, b), max(a, b)))

    for pair in neighbours:
        code_a, code_b = sorted(pair)
        if code_a in whole and code_b in whole:
            link(whole[code_a], whole[code_b])

    # Postal-area centres of the whole county, triangulated: inside a split city they make its
    # neighbours; across a municipal border they tell which of a split city's postal areas
    # touch the municipality next door.
    postal = [p for p in data.postal_areas if p.lat is not None and p.lon is not None]
    unit_of_postal: dict[str, int] = {}
    for p in postal:
        if p.municipality in split:
            unit_of_postal[p.code] = index[("postal_area", p.code)]
        elif p.municipality in whole:
            unit_of_postal[p.code] = whole[p.municipality]
    points = np.array([_xy(p.lat or 0, p.lon or 0, lat0) for p in postal])
    triangulated: set[tuple[int, int]] = set()
    if len(postal) >= 3:
        try:
            triangles = Delaunay(points).simplices
        except Exception:  # collinear or degenerate points: no triangulation
            triangles = np.zeros((0, 3), dtype=int)
        for tri in triangles:
            for a, b in ((tri[0], tri[1]), (tri[1], tri[2]), (tri[0], tri[2])):
                triangulated.add((int(min(a, b)), int(max(a, b))))
    lengths = {e: float(np.hypot(*(points[e[0]] - points[e[1]]))) for e in triangulated}
    incident: dict[int, list[float]] = {}
    for (a, b), length in lengths.items():
        incident.setdefault(a, []).append(length)
        incident.setdefault(b, []).append(length)
    typical = {v: float(np.median(ls)) for v, ls in incident.items()}
    touching: set[tuple[str, str]] = set()  # (whole municipality, split city) linked
    for (a, b), length in sorted(lengths.items()):
        if length > LONG_EDGE_FACTOR * max(typical[a], typical[b]):
            continue
        pa, pb = postal[a], postal[b]
        ua, ub = unit_of_postal.get(pa.code), unit_of_postal.get(pb.code)
        if ua is None or ub is None or ua == ub:
            continue
        if pa.municipality == pb.municipality:
            link(ua, ub)  # two postal areas of one split city
        elif frozenset((pa.municipality, pb.municipality)) in neighbours and (
            pa.municipality in split or pb.municipality in split
        ):
            link(ua, ub)
            touching.add((pa.municipality, pb.municipality))
            touching.add((pb.municipality, pa.municipality))

    # Each split city in one piece whatever the triangulation dropped: its spanning tree.
    for city in sorted(split):
        members = [
            i for i, u in enumerate(units) if u.kind == "postal_area" and u.municipality == city
        ]
        xy = np.array([_xy(units[i].lat, units[i].lon, lat0) for i in members])
        dist = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
        tree = minimum_spanning_tree(dist + 1e-9).tocoo()
        for a, b in zip(tree.row, tree.col, strict=True):
            link(members[int(a)], members[int(b)])

    # A municipality next to a split city that the triangulation did not join: its nearest
    # postal area of the city.
    for code_a, code_b in sorted(tuple(sorted(p)) for p in neighbours):
        for small, city in ((code_a, code_b), (code_b, code_a)):
            if small in whole and city in split and (small, city) not in touching:
                s = units[whole[small]]
                candidates = [
                    i
                    for i, u in enumerate(units)
                    if u.kind == "postal_area" and u.municipality == city
                ]
                nearest = min(
                    candidates,
                    key=lambda i: (
                        cov.equirectangular_km((s.lat, s.lon), (units[i].lat, units[i].lon)),
                        i,
                    ),
                )
                link(whole[small], nearest)

    # Islands: join each group of places with no land link to the rest to the nearest place.
    ferries: list[tuple[int, int]] = []
    for capital in (False, True):
        members = [i for i, u in enumerate(units) if u.capital == capital]
        while True:
            components = _components(members, edges)
            if len(components) <= 1:
                break
            island = min(components, key=lambda c: (sum(units[i].population for i in c), min(c)))
            rest = [i for i in members if i not in island]
            near, far = min(
                ((i, j) for i in island for j in rest),
                key=lambda e: (
                    cov.equirectangular_km(
                        (units[e[0]].lat, units[e[0]].lon), (units[e[1]].lat, units[e[1]].lon)
                    ),
                    e,
                ),
            )
            link(near, far)
            ferries.append((near, far))
    return edges, ferries


def _components(members: list[int], edges: set[tuple[int, int]]) -> list[set[int]]:
    inside = set(members)
    adjacency: dict[int, set[int]] = {i: set() for i in members}
    for a, b in edges:
        if a in inside and b in inside:
            adjacency[a].add(b)
            adjacency[b].add(a)
    seen: set[int] = set()
    components = []
    for start in members:
        if start in seen:
            continue
        component = {start}
        stack = [start]
        while stack:
            v = stack.pop()
            for w in adjacency[v]:
                if w not in component:
                    component.add(w)
                    stack.append(w)
        seen |= component
        components.append(component)
    return components


def area_names(
    units: list[PlaceUnit], municipality_names: dict[str, dict[str, str]]
) -> dict[str, str]:
    """The area's name in fi/sv/en: its largest municipality, or for a part of a split city
    that is larger than any whole municipality in it, "City – its largest postal area"."""
    parts: dict[tuple[str, str], int] = {}
    for u in units:
        key = (u.kind, u.code if u.kind == "municipality" else u.municipality)
        parts[key] = parts.get(key, 0) + u.population
    (kind, code), _pop = max(
        parts.items(), key=lambda item: (item[1], item[0][0] == "municipality", item[0][1])
    )
    if kind == "municipality":
        names = municipality_names[code]
        return {lang: names[lang] for lang in ("fi", "sv", "en")}
    top = max(
        (u for u in units if u.kind == "postal_area" and u.municipality == code),
        key=lambda u: (u.population, u.code),
    )
    city = municipality_names[code]
    return {lang: f"{city[lang]} – {_short(top.names[lang])}" for lang in ("fi", "sv", "en")}


def _site_unit(
    site: selectors.SiteData,
    units: list[PlaceUnit],
    lookup: dict[tuple[str, str], int],
    city_units: dict[str, list[int]],
) -> int | None:
    """The unit a site belongs to: its municipality when whole; in a split city its postal
    area, or the nearest of the city's postal areas when the postal code is not the city's."""
    if ("municipality", site.municipality) in lookup:
        return lookup[("municipality", site.municipality)]
    candidates = city_units.get(site.municipality)
    if not candidates:
        return None
    if ("postal_area", site.postal_code) in lookup:
        unit = lookup[("postal_area", site.postal_code)]
        if units[unit].municipality == site.municipality:
            return unit
    if site.lat is None or site.lon is None:
        return None
    return min(
        candidates,
        key=lambda i: (
            cov.equirectangular_km((site.lat or 0, site.lon or 0), (units[i].lat, units[i].lon)),
            i,
        ),
    )


def site_unit_index(
    *,
    municipality: str,
    postal_code: str,
    lat: float | None,
    lon: float | None,
    whole_municipalities: dict[str, int],
    split_postal: dict[str, int],
    split_centres: dict[str, list[tuple[int, float, float]]],
) -> int | None:
    """Which planned area (by index) a site falls in: the same rule for proposals and for
    applying a plan. `whole_municipalities`: municipality code → area; `split_postal`: postal
    code of a split city → area; `split_centres`: split city → [(area, lat, lon)] of its postal
    areas, for a site whose postal code is not one of the city's."""
    if municipality in whole_municipalities:
        return whole_municipalities[municipality]
    if municipality in split_centres:
        if postal_code in split_postal:
            return split_postal[postal_code]
        if lat is not None and lon is not None:
            return min(
                split_centres[municipality],
                key=lambda c: (cov.equirectangular_km((lat, lon), (c[1], c[2])), c[0]),
            )[0]
        return None
    if postal_code in split_postal:
        return split_postal[postal_code]
    return None


def unit_graph(
    data: selectors.CountyData, options: ProposalOptions
) -> tuple[list[PlaceUnit], set[tuple[int, int]], list[tuple[int, int]]]:
    """The units a county's areas are made of, their neighbour pairs and the ferry links."""
    units = _units(data, options)
    lat0 = sum(u.lat for u in units) / len(units) if units else 60.0
    edges, ferries = _edges(data, units, lat0)
    return units, edges, ferries


def proposal_compute(data: selectors.CountyData, options: ProposalOptions) -> Proposal:
    """The proposal from a county's data (no database)."""
    started = time.perf_counter()
    lang = _lang()
    units, edges, ferries = unit_graph(data, options)
    lat0 = sum(u.lat for u in units) / len(units) if units else 60.0
    municipality_names = {m.code: m.names for m in data.municipalities}

    groups: list[list[int]] = []
    optimal = True
    for capital in (False, True):
        members = [i for i, u in enumerate(units) if u.capital == capital]
        if not members:
            continue
        band = (
            (options.capital_band_min, options.capital_band_max)
            if capital
            else (options.band_min, options.band_max)
        )
        position = {i: k for k, i in enumerate(members)}
        local = [Unit(units[i].population, *_xy(units[i].lat, units[i].lon, lat0)) for i in members]
        local_edges = [
            (position[a], position[b]) for a, b in edges if a in position and b in position
        ]
        result = partition(units=local, edges=local_edges, band=band)
        optimal = optimal and result.optimal
        groups += [[members[k] for k in g] for g in result.groups]

    ferry_units = {i for pair in ferries for i in pair}
    built: list[ProposedArea] = []
    names_by_area: list[dict[str, str]] = []
    for group in groups:
        members_ = [units[i] for i in group]
        capital = members_[0].capital
        band = (
            (options.capital_band_min, options.capital_band_max)
            if capital
            else (options.band_min, options.band_max)
        )
        population = sum(u.population for u in members_)
        names = area_names(members_, municipality_names)
        names_by_area.append(names)
        lat, lon = _weighted([(u.lat, u.lon, u.population) for u in members_])
        built.append(
            ProposedArea(
                name=names[lang],
                municipality_codes=sorted(u.code for u in members_ if u.kind == "municipality"),
                postal_codes=sorted(u.code for u in members_ if u.kind == "postal_area"),
                population=population,
                children=sum(u.children for u in members_),
                family_centres=0,
                meeting_places=0,
                in_band=band[0] <= population <= band[1],
                band=band,
                lat=round(lat, 6),
                lon=round(lon, 6),
                members=[
                    {
                        "kind": u.kind,
                        "code": u.code,
                        "name": u.names[lang],
                        "lat": u.lat,
                        "lon": u.lon,
                        "population": u.population,
                        "children": u.children,
                    }
                    for u in sorted(members_, key=lambda u: (u.kind, u.code))
                ],
                ferry=any(i in ferry_units for i in group),
            )
        )
    # Names are unique within a proposal.
    seen: dict[str, int] = {}
    for area in built:
        seen[area.name] = seen.get(area.name, 0) + 1
    for area in built:
        if seen[area.name] > 1:
            area.name = f"{area.name} ({(area.postal_codes or area.municipality_codes)[0]})"
    order = sorted(range(len(built)), key=lambda k: (built[k].name, k))
    areas = [built[k] for k in order]
    groups = [groups[k] for k in order]
    for k, area in enumerate(areas, start=1):
        area.key = f"a{k}"
    area_of_unit = {i: k for k, g in enumerate(groups) for i in g}

    # Sites: family centres and meeting places of the county, by municipality or postal area.
    whole = {
        units[i].code: area_of_unit[i] for i in area_of_unit if units[i].kind == "municipality"
    }
    split_postal = {
        units[i].code: area_of_unit[i] for i in area_of_unit if units[i].kind == "postal_area"
    }
    split_centres: dict[str, list[tuple[int, float, float]]] = {}
    for i, u in enumerate(units):
        if u.kind == "postal_area":
            split_centres.setdefault(u.municipality, []).append((area_of_unit[i], u.lat, u.lon))
    county_sites = data.family_centres + [s for s in data.meeting_places if s.county == data.code]
    for site in county_sites:
        found = site_unit_index(
            municipality=site.municipality,
            postal_code=site.postal_code,
            lat=site.lat,
            lon=site.lon,
            whole_municipalities=whole,
            split_postal=split_postal,
            split_centres=split_centres,
        )
        if found is None:
            continue
        area = areas[found]
        if site.kind == "family_centre":
            area.family_centres += 1
        else:
            area.meeting_places += 1
        area.sites.append(
            {"id": site.id, "name": site.name, "kind": site.kind, "lat": site.lat, "lon": site.lon}
        )

    # Coverage of children at their postal areas' centres.
    demand = [
        cov.Demand(p.code, p.lat, p.lon, p.children or 0)
        for p in data.postal_areas
        if p.lat is not None and p.lon is not None
    ]
    centres = [
        (s.lat, s.lon) for s in data.family_centres if s.lat is not None and s.lon is not None
    ]
    meeting = [
        (s.lat, s.lon) for s in data.meeting_places if s.lat is not None and s.lon is not None
    ]
    fc_mask = cov.covered_mask(demand, centres, options.family_centre_km)
    mp_mask = cov.covered_mask(demand, meeting, options.meeting_place_km)
    postal_names = {p.code: p.names[lang] for p in data.postal_areas}
    candidates = [cov.Candidate(d.code, postal_names[d.code], d.lat, d.lon) for d in demand]
    chosen = cov.maximal_covering(
        demand=demand,
        covered=mp_mask,
        candidates=candidates,
        km=options.meeting_place_km,
        count=options.new_meeting_places,
    )
    children_total = sum(d.children for d in demand)
    before = cov.share(demand, mp_mask)
    reached = sum(c.children_reached for c in chosen)
    suggestions = [
        SuggestedMeetingPlace(
            c.candidate.code, c.candidate.name, c.candidate.lat, c.candidate.lon, c.children_reached
        )
        for c in chosen
    ]
    postal_municipality = {p.code: p.municipality for p in data.postal_areas}
    for suggestion in suggestions:
        place = site_unit_index(
            municipality=postal_municipality[suggestion.postal_code],
            postal_code=suggestion.postal_code,
            lat=suggestion.lat,
            lon=suggestion.lon,
            whole_municipalities=whole,
            split_postal=split_postal,
            split_centres=split_centres,
        )
        if place is not None:
            areas[place].suggested_meeting_places.append(suggestion)
    coverage = Coverage(
        children=children_total,
        family_centre_share=cov.share(demand, fc_mask),
        meeting_place_share=before,
        meeting_place_share_after=(before * children_total + reached) / children_total
        if children_total
        else 0.0,
    )

    comparison, in_use_in_band = _compare(data, areas, options)
    without_age = sum(1 for p in data.postal_areas if p.children is None)
    ferry_names = [(units[a].names[lang], units[b].names[lang]) for a, b in ferries]
    notes = [
        _(
            "Children are counted at the centre of their postal area: a child counts as covered "
            "when that centre is within the distance of a site."
        ),
        _(
            "Meeting places across the county border count for coverage (they are open to "
            "anyone); family centres only the county's own."
        ),
    ]
    if without_age:
        notes.append(
            ngettext(
                "%(count)s postal area of the county has no age data (too few residents to be "
                "published); its children count as none.",
                "%(count)s postal areas of the county have no age data (too few residents to be "
                "published); their children count as none.",
                without_age,
            )
            % {"count": without_age}
        )
    for a, b in ferry_names:
        notes.append(
            _("%(island)s has no land border in the county: joined to %(other)s by a ferry link.")
            % {"island": a, "other": b}
        )
    notes.append(
        _(
            "The grouping is proved the best for the ranking of areas: every possible grouping "
            "was weighed."
        )
        if optimal
        else _("The grouping is the best of many searches, not proved the best possible.")
    )
    return Proposal(
        county_code=data.code,
        options=options,
        areas=areas,
        coverage=coverage,
        in_use_count=len(data.registry_areas),
        in_use_in_band=in_use_in_band,
        comparison=comparison,
        seconds=time.perf_counter() - started,
        county_name=data.names[lang],
        suggested_meeting_places=suggestions,
        notes=[str(n) for n in notes],
        ferry_links=ferry_names,
        optimal=optimal,
        postal_areas_without_age_data=without_age,
    )


def _compare(
    data: selectors.CountyData, areas: list[ProposedArea], options: ProposalOptions
) -> tuple[list[AreaComparison], int]:
    """Each proposed area beside the registry area it shares most population with, counted
    over postal areas (a whole municipality stands for all its postal areas)."""
    population = {p.code: p.population for p in data.postal_areas}
    of_municipality: dict[str, set[str]] = {}
    for p in data.postal_areas:
        of_municipality.setdefault(p.municipality, set()).add(p.code)
    postal_municipality = {p.code: p.municipality for p in data.postal_areas}

    def postal_set(municipalities: Any, postal_codes: Any) -> set[str]:
        codes = {c for c in postal_codes if c in population}
        listed = {postal_municipality[c] for c in codes}
        for m in municipalities:
            if m not in listed:  # a municipality whose postal areas are not listed: all of them
                codes |= of_municipality.get(m, set())
        return codes

    in_use = [(r, postal_set(r.municipalities, r.postal_codes)) for r in data.registry_areas]
    in_band = 0
    for registry, _codes in in_use:
        members = set(registry.municipalities) | {
            postal_municipality[c] for c in registry.postal_codes if c in postal_municipality
        }
        capital = bool(members) and members <= CAPITAL_REGION_MUNICIPALITIES
        low, high = (
            (options.capital_band_min, options.capital_band_max)
            if capital
            else (options.band_min, options.band_max)
        )
        in_band += low <= registry.population <= high
    comparison = []
    for area in areas:
        mine = postal_set(area.municipality_codes, area.postal_codes)
        best: tuple[int, float, str | None] = (0, 0.0, None)
        for registry, theirs in in_use:
            shared = sum(population[c] for c in mine & theirs)
            if shared <= 0:
                continue
            union = sum(population[c] for c in mine | theirs)
            if shared > best[0]:
                best = (shared, shared / union if union else 0.0, registry.name)
        comparison.append(AreaComparison(area.name, best[2], best[0], round(best[1], 4)))
    return comparison, in_band


def propose(*, county_code: str, options: ProposalOptions) -> Proposal:
    """Family centre areas for a county, their figures, coverage, suggested meeting places and
    the comparison with the areas in use. NotFound for an unknown county, InvalidInput for
    options that make no sense."""
    proposal_options_check(options)
    started = time.perf_counter()
    data = selectors.county_data(county_code=county_code, border_km=options.meeting_place_km)
    proposal = proposal_compute(data, options)
    proposal.seconds = time.perf_counter() - started
    return proposal


def proposal_as_dict(proposal: Proposal) -> dict[str, Any]:
    """JSON-ready (the API's answer, a plan's summary)."""
    body = asdict(proposal)
    body["ferry_links"] = [list(pair) for pair in proposal.ferry_links]
    for area in body["areas"]:
        area["band"] = list(area["band"])
    body["seconds"] = round(proposal.seconds, 3)
    return body
