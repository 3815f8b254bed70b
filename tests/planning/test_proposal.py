"""Proposals for real counties, from the reference data: contiguous areas within the band,
large cities split by postal areas and small municipalities never, Kauniainen with Espoo,
islands joined by a ferry link, the same answer every time, honest figures."""

import pytest
from django.utils import translation

from perhekeskus.errors import InvalidInput, NotFound
from perhekeskus.network.models import Area, Municipality, PostalArea
from perhekeskus.planning import selectors
from perhekeskus.planning.proposal import (
    ProposalOptions,
    proposal_options_from_dict,
    propose,
    unit_graph,
)

pytestmark = pytest.mark.django_db

OPTIONS = ProposalOptions()


def _reachable(members: list[int], edges: set[tuple[int, int]]) -> bool:
    inside = set(members)
    neighbours: dict[int, set[int]] = {i: set() for i in members}
    for a, b in edges:
        if a in inside and b in inside:
            neighbours[a].add(b)
            neighbours[b].add(a)
    seen = {members[0]}
    stack = [members[0]]
    while stack:
        for w in neighbours[stack.pop()]:
            if w not in seen:
                seen.add(w)
                stack.append(w)
    return seen == inside


def _assert_contiguous(county_code: str) -> None:
    proposal = propose(county_code=county_code, options=OPTIONS)
    data = selectors.county_data(county_code=county_code)
    units, edges, _ferries = unit_graph(data, OPTIONS)
    index = {(u.kind, u.code): i for i, u in enumerate(units)}
    covered = []
    for area in proposal.areas:
        members = [index[("municipality", c)] for c in area.municipality_codes] + [
            index[("postal_area", c)] for c in area.postal_codes
        ]
        assert _reachable(members, edges), area.name
        covered += members
    assert sorted(covered) == list(range(len(units)))  # every place in exactly one area


@pytest.mark.parametrize("county_code", ["01", "03", "04", "05", "90", "91"])
def test_every_proposed_area_is_contiguous_and_every_place_is_in_one(county_code):
    _assert_contiguous(county_code)


def test_west_uusimaa_splits_espoo_by_postal_areas_and_keeps_small_municipalities_whole():
    proposal = propose(county_code="03", options=OPTIONS)
    espoo_postal = set(
        PostalArea.objects.filter(municipality__code="049").values_list("code", flat=True)
    )
    proposed_postal = {c for a in proposal.areas for c in a.postal_codes}
    assert proposed_postal == espoo_postal
    whole = [c for a in proposal.areas for c in a.municipality_codes]
    small = set(
        Municipality.objects.filter(county__code="03")
        .exclude(code="049")
        .values_list("code", flat=True)
    )
    assert sorted(whole) == sorted(small)  # each small municipality once, whole
    espoo_areas = [a for a in proposal.areas if a.postal_codes]
    assert len(espoo_areas) >= 4
    assert all(a.band == (60_000, 80_000) for a in espoo_areas)
    assert all(a.name.startswith("Espoo – ") for a in espoo_areas)


def test_kauniainen_joins_an_espoo_area():
    proposal = propose(county_code="03", options=OPTIONS)
    (area,) = [a for a in proposal.areas if "235" in a.municipality_codes]
    assert area.postal_codes  # with Espoo's postal areas around it
    assert area.municipality_codes == ["235"]
    assert area.in_band


@pytest.mark.parametrize("county_code,city", [("90", "091"), ("04", "092")])
def test_helsinki_and_vantaa_are_split_into_capital_region_areas_within_the_band(county_code, city):
    proposal = propose(county_code=county_code, options=OPTIONS)
    city_areas = [a for a in proposal.areas if a.postal_codes]
    assert len(city_areas) >= 4
    assert all(a.in_band and 60_000 <= a.population <= 80_000 for a in city_areas)


def test_uusimaa_has_more_areas_within_the_band_than_the_simple_drawing():
    in_band = sum(
        sum(1 for a in propose(county_code=c, options=OPTIONS).areas if a.in_band)
        for c in ("01", "02", "03", "04", "90")
    )
    assert in_band >= 28


def test_islands_without_a_land_border_are_joined_by_a_ferry_link_and_said_so():
    with translation.override("fi"):
        proposal = propose(county_code="05", options=OPTIONS)
    islands = {a for a, _b in proposal.ferry_links}
    assert {"Parainen", "Kemiönsaari"} <= islands
    parainen = next(a for a in proposal.areas if "445" in a.municipality_codes)
    assert parainen.ferry
    assert any("Parainen" in note for note in proposal.notes)


def test_the_same_county_gives_the_same_proposal_every_time():
    first = propose(county_code="03", options=OPTIONS)
    second = propose(county_code="03", options=OPTIONS)
    assert [(a.name, a.municipality_codes, a.postal_codes) for a in first.areas] == [
        (a.name, a.municipality_codes, a.postal_codes) for a in second.areas
    ]


def test_figures_add_up_and_missing_age_data_is_told(uusimaa_sites):
    proposal = propose(county_code="03", options=OPTIONS)
    postal = PostalArea.objects.filter(municipality__county__code="03")
    children = sum(p.children or 0 for p in postal)
    assert sum(a.children for a in proposal.areas) == children
    assert proposal.coverage.children == children
    assert proposal.postal_areas_without_age_data == postal.filter(children__isnull=True).count()
    lohja = next(a for a in proposal.areas if "444" in a.municipality_codes)
    assert lohja.family_centres == 1
    kauniainen = next(a for a in proposal.areas if "235" in a.municipality_codes)
    assert kauniainen.meeting_places == 1
    assert sum(a.meeting_places for a in proposal.areas) == 3  # the personas' café too
    assert 0 < proposal.coverage.meeting_place_share <= proposal.coverage.meeting_place_share_after


def test_suggested_meeting_places_reach_children_not_yet_covered(uusimaa_sites):
    proposal = propose(county_code="03", options=ProposalOptions(new_meeting_places=3))
    assert len(proposal.suggested_meeting_places) == 3
    reached = [s.children_reached for s in proposal.suggested_meeting_places]
    assert reached == sorted(reached, reverse=True) and reached[-1] > 0
    gain = sum(reached) / proposal.coverage.children
    assert proposal.coverage.meeting_place_share_after == pytest.approx(
        proposal.coverage.meeting_place_share + gain
    )
    in_areas = [s for a in proposal.areas for s in a.suggested_meeting_places]
    assert sorted(s.postal_code for s in in_areas) == sorted(
        s.postal_code for s in proposal.suggested_meeting_places
    )


def test_a_proposal_is_compared_with_the_areas_in_use(network):
    proposal = propose(county_code="03", options=OPTIONS)
    assert proposal.in_use_count == Area.objects.filter(county__code="03").count() == 1
    # The personas' Leppävaara area lists the whole of Espoo: every Espoo area overlaps it.
    espoo = [c for c in proposal.comparison if c.proposed.startswith("Espoo")]
    assert espoo and all(c.in_use == network.espoo_area.name for c in espoo)
    assert all(0 < c.overlap < 1 for c in espoo)
    lohja = next(c for c in proposal.comparison if c.proposed == "Lohja")
    assert lohja.in_use is None and lohja.shared_population == 0


def test_an_unknown_county_is_not_found():
    with pytest.raises(NotFound):
        propose(county_code="99", options=OPTIONS)


@pytest.mark.parametrize(
    "options,field",
    [
        (ProposalOptions(band_min=55_000, band_max=35_000), "band_max"),
        (ProposalOptions(capital_band_min=80_000, capital_band_max=80_000), "capital_band_max"),
        (ProposalOptions(meeting_place_km=-1), "meeting_place_km"),
        (ProposalOptions(family_centre_km=0), "family_centre_km"),
        (ProposalOptions(new_meeting_places=51), "new_meeting_places"),
    ],
)
def test_options_that_make_no_sense_are_refused_field_by_field(options, field):
    with pytest.raises(InvalidInput) as refused:
        propose(county_code="03", options=options)
    assert field in refused.value.details


def test_options_from_json_ignore_unknown_keys_and_refuse_words():
    assert proposal_options_from_dict({"band_min": "30000", "other": 1}).band_min == 30_000
    with pytest.raises(InvalidInput):
        proposal_options_from_dict({"meeting_place_km": "far"})


def test_a_narrower_band_splits_more_municipalities():
    options = ProposalOptions(band_min=20_000, band_max=30_000)
    proposal = propose(county_code="03", options=options)
    split = {
        PostalArea.objects.get(code=c).municipality.code
        for a in proposal.areas
        for c in a.postal_codes
    }
    assert "444" in split  # Lohja, 46 000, is now too large for one area
