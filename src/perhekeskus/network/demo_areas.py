"""Drawing family centre areas (perhekeskusalueet) by the model's population rule.

Whole municipalities that share a border are grouped until the group reaches the band
(35 000–55 000); a city too large for one area is split into groups of its postal code areas,
grown greedily by geographic proximity. In the capital region the target is about 70 000, and a
small capital-region municipality (Kauniainen) joins the nearest group of its large neighbour.
Plain data in, plain data out: deterministic for the same input, no database.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from perhekeskus.network.models import (
    AREA_BAND,
    CAPITAL_REGION_AREA_BAND,
    CAPITAL_REGION_MUNICIPALITIES,
)

AREA_TARGET = 45_000
CAPITAL_REGION_AREA_TARGET = 70_000


@dataclass(frozen=True)
class Place:
    """A municipality or a postal area, as the drawing needs it."""

    code: str
    name_fi: str
    name_sv: str
    population: int
    lat: float
    lon: float
    municipality: str  # the municipality code (its own code for a municipality)
    county: str


@dataclass
class AreaPlan:
    county: str
    municipalities: list[Place] = field(default_factory=list)
    postal_areas: list[Place] = field(default_factory=list)
    split_city: Place | None = None  # the city whose postal areas these are

    @property
    def population(self) -> int:
        return sum(p.population for p in self.municipalities) + sum(
            p.population for p in self.postal_areas
        )

    @property
    def members(self) -> list[Place]:
        return [*self.municipalities, *self.postal_areas]

    def centre(self) -> tuple[float, float]:
        return weighted_centre(self.members)


def weighted_centre(places: Iterable[Place]) -> tuple[float, float]:
    places = list(places)
    total = sum(max(p.population, 1) for p in places)
    lat = sum(p.lat * max(p.population, 1) for p in places) / total
    lon = sum(p.lon * max(p.population, 1) for p in places) / total
    return lat, lon


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Equirectangular approximation: good enough within a county."""
    dy = (a[0] - b[0]) * 111.2
    dx = (a[1] - b[1]) * 111.2 * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(dx, dy)


def split_count(population: int, target: int, band: tuple[int, int]) -> int:
    """How many areas a city's population makes: the count whose average is nearest the target,
    preferring one whose average is inside the band."""
    options = range(max(1, population // band[1]), population // max(band[0], 1) + 2)
    inside = [k for k in options if k and band[0] <= population / k <= band[1]]
    candidates = inside or [k for k in options if k] or [1]
    return min(candidates, key=lambda k: (abs(population / k - target), k))


def split_city(city: Place, postal_areas: list[Place], parts: int) -> list[AreaPlan]:
    """Postal areas of one city in `parts` groups of about equal population, each grown from the
    outermost unassigned postal area towards its nearest neighbours."""
    remaining = sorted(postal_areas, key=lambda p: p.code)
    plans: list[AreaPlan] = []
    for index in range(parts):
        if not remaining:
            break
        if index == parts - 1:
            plans.append(AreaPlan(county=city.county, postal_areas=remaining, split_city=city))
            break
        target = sum(p.population for p in remaining) / (parts - index)
        centre = weighted_centre(remaining)
        seed = max(remaining, key=lambda p: (distance_km((p.lat, p.lon), centre), p.code))
        group = [seed]
        remaining.remove(seed)
        population = seed.population
        while remaining and population < target:
            here = weighted_centre(group)
            nearest = min(remaining, key=lambda p: (distance_km((p.lat, p.lon), here), p.code))
            # Stop when taking the next one would overshoot more than leaving it undershoots.
            if population + nearest.population - target > target - population:
                break
            group.append(nearest)
            remaining.remove(nearest)
            population += nearest.population
        plans.append(AreaPlan(county=city.county, postal_areas=group, split_city=city))
    return plans


def balance(plans: list[AreaPlan], band: tuple[int, int], rounds: int = 200) -> None:
    """Move single postal areas from a group that can spare them to a neighbouring group below
    the band, nearest first, until every group is inside the band or no move helps."""
    low, high = band
    for _ in range(rounds):
        short = [p for p in plans if p.population < low]
        if not short:
            return
        plan = min(short, key=lambda p: (p.population, p.postal_areas[0].code))
        here = plan.centre()
        moves = [
            (distance_km((postal.lat, postal.lon), here), postal.code, postal, other)
            for other in plans
            if other is not plan
            for postal in other.postal_areas
            if other.population - postal.population >= low
            and plan.population + postal.population <= high
            and len(other.postal_areas) > 1
        ]
        if not moves:
            return
        _, _, postal, other = min(moves, key=lambda move: (move[0], move[1]))
        other.postal_areas.remove(postal)
        plan.postal_areas.append(postal)


def _group_municipalities(
    places: list[Place], neighbours: dict[str, set[str]], band: tuple[int, int]
) -> list[AreaPlan]:
    low, high = band
    unassigned = {p.code: p for p in places}
    plans: list[AreaPlan] = []
    for seed in sorted(places, key=lambda p: (-p.population, p.code)):
        if seed.code not in unassigned:
            continue
        del unassigned[seed.code]
        group = [seed]
        population = seed.population
        while population < low and unassigned:
            touching = sorted(
                {n for member in group for n in neighbours.get(member.code, ()) if n in unassigned}
            )
            if touching:
                candidates = [unassigned[c] for c in touching]
            else:
                # Islands and municipalities cut off by a split city: the nearest one instead
                # ("contiguous-ish").
                here = weighted_centre(group)
                nearest = min(
                    unassigned.values(),
                    key=lambda p: (distance_km((p.lat, p.lon), here), p.code),
                )
                candidates = [nearest]
            fitting = [c for c in candidates if population + c.population <= high]
            if not fitting:
                break
            chosen = max(fitting, key=lambda p: (p.population, p.code))
            del unassigned[chosen.code]
            group.append(chosen)
            population += chosen.population
        plans.append(AreaPlan(county=seed.county, municipalities=group))
    # Groups left below the band join a neighbouring group when the result stays within it.
    for plan in sorted(plans, key=lambda p: (p.population, p.municipalities[0].code)):
        if plan.population >= low or not plan.municipalities:
            continue
        codes = {m.code for m in plan.municipalities}
        bordering = {n for code in codes for n in neighbours.get(code, ())}
        options = [
            other
            for other in plans
            if other is not plan
            and other.municipalities
            and bordering & {m.code for m in other.municipalities}
            and plan.population + other.population <= high
        ]
        if options:
            target = min(options, key=lambda o: (o.population, o.municipalities[0].code))
            target.municipalities.extend(plan.municipalities)
            plan.municipalities = []
    return [p for p in plans if p.municipalities]


def areas_draw(
    *,
    municipalities: list[Place],
    postal_areas: list[Place],
    neighbours: Iterable[tuple[str, str]],
    counties: Iterable[str] | None = None,
) -> list[AreaPlan]:
    """Family centre areas for the given counties (all when None), in a stable order."""
    adjacency: dict[str, set[str]] = {}
    for a, b in neighbours:
        adjacency.setdefault(a, set()).add(b)
        adjacency.setdefault(b, set()).add(a)
    postal_by_municipality: dict[str, list[Place]] = {}
    for postal in postal_areas:
        postal_by_municipality.setdefault(postal.municipality, []).append(postal)
    wanted = None if counties is None else set(counties)
    by_county: dict[str, list[Place]] = {}
    for place in municipalities:
        if wanted is None or place.county in wanted:
            by_county.setdefault(place.county, []).append(place)

    plans: list[AreaPlan] = []
    for county in sorted(by_county):
        members = sorted(by_county[county], key=lambda p: p.code)
        capital = [m for m in members if m.code in CAPITAL_REGION_MUNICIPALITIES]
        capital_small = [m for m in capital if m.population < CAPITAL_REGION_AREA_BAND[0]]
        split_plans: list[AreaPlan] = []
        whole: list[Place] = []
        for municipality in members:
            in_capital = municipality in capital
            band = CAPITAL_REGION_AREA_BAND if in_capital else AREA_BAND
            target = CAPITAL_REGION_AREA_TARGET if in_capital else AREA_TARGET
            city_postal = postal_by_municipality.get(municipality.code, [])
            if municipality.population > band[1] and len(city_postal) > 1:
                population = sum(p.population for p in city_postal)
                if in_capital:
                    # Small capital-region neighbours join one of these groups.
                    population += sum(m.population for m in capital_small)
                count = split_count(population, target, band)
                parts = split_city(municipality, city_postal, count)
                # Leave room for a small neighbour that joins the city's areas later.
                balance(parts, (band[0], band[1] - 15_000) if in_capital else band)
                split_plans += parts
            elif municipality in capital_small:
                continue
            else:
                whole.append(municipality)
        for small in capital_small:
            candidates = [p for p in split_plans if p.split_city and p.split_city in capital]
            if not candidates:
                whole.append(small)
                continue
            fitting = [
                p
                for p in candidates
                if p.population + small.population <= CAPITAL_REGION_AREA_BAND[1]
            ]
            nearest = min(
                fitting or candidates,
                key=lambda p: (distance_km(p.centre(), (small.lat, small.lon)), p.population),
            )
            nearest.municipalities.append(small)
        plans += split_plans
        plans += _group_municipalities(whole, adjacency, AREA_BAND)
    return plans
