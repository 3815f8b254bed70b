"""Proposing family centre areas for a county (interface fixed by the lead; bodies by the
planning engine): contiguous groups of whole municipalities and, for a city too large for one
area, of its postal areas, within the model's population band; coverage of children by family
centres and meeting places; new meeting places where they reach the most children."""

from dataclasses import dataclass, field


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


def propose(*, county_code: str, options: ProposalOptions) -> Proposal:
    raise NotImplementedError
