"""The planning engine's pure parts: partitioning a graph of places within a band, and the
maximal covering model that suggests new meeting places. No database."""

import numpy as np

from perhekeskus.planning.coverage import Candidate, Demand, covered_mask, maximal_covering, share
from perhekeskus.planning.partition import Unit, connected_groups, partition


def _connected(group: list[int], edges: set[tuple[int, int]]) -> bool:
    inside = set(group)
    seen = {group[0]}
    stack = [group[0]]
    while stack:
        v = stack.pop()
        for a, b in edges:
            for x, y in ((a, b), (b, a)):
                if x == v and y in inside and y not in seen:
                    seen.add(y)
                    stack.append(y)
    return seen == inside


def _grid(width: int, height: int, population: int) -> tuple[list[Unit], set[tuple[int, int]]]:
    units = [
        Unit(population, float(x) * 3, float(y) * 3) for y in range(height) for x in range(width)
    ]
    edges = set()
    for y in range(height):
        for x in range(width):
            i = y * width + x
            if x + 1 < width:
                edges.add((i, i + 1))
            if y + 1 < height:
                edges.add((i, i + width))
    return units, edges


def test_a_city_grid_is_cut_into_contiguous_areas_all_within_the_band():
    units, edges = _grid(8, 8, 5_000)  # 320 000 people in 64 blocks
    result = partition(units=units, edges=edges, band=(35_000, 55_000))
    assert sorted(i for g in result.groups for i in g) == list(range(64))
    assert all(_connected(g, edges) for g in result.groups)
    populations = [sum(units[i].population for i in g) for g in result.groups]
    assert all(35_000 <= p <= 55_000 for p in populations)
    assert len(populations) == 9  # as many as the band allows: 320 000 / 35 000 → 9


def test_the_same_input_gives_the_same_areas():
    units, edges = _grid(7, 6, 4_000)
    first = partition(units=units, edges=edges, band=(35_000, 55_000))
    second = partition(units=units, edges=edges, band=(35_000, 55_000))
    assert first.groups == second.groups


def test_a_small_chain_of_municipalities_is_solved_exactly():
    # Populations along a road: the only way to two areas in band is 20+20 | 10+30.
    pops = [20_000, 20_000, 10_000, 30_000]
    units = [Unit(p, float(i) * 20, 0.0) for i, p in enumerate(pops)]
    edges = {(0, 1), (1, 2), (2, 3)}
    result = partition(units=units, edges=edges, band=(35_000, 55_000))
    assert result.optimal
    assert result.groups == [[0, 1], [2, 3]]


def test_a_group_too_small_for_the_band_stays_one_area_rather_than_scattered_pieces():
    units = [Unit(3_000, float(i) * 10, 0.0) for i in range(6)]  # 18 000 people in all
    edges = {(i, i + 1) for i in range(5)}
    result = partition(units=units, edges=edges, band=(35_000, 55_000))
    assert result.groups == [[0, 1, 2, 3, 4, 5]]


def test_every_connected_group_is_enumerated_once():
    units, edges = _grid(3, 3, 1)
    adjacency = [
        sorted({b for a, b in edges if a == i} | {a for a, b in edges if b == i}) for i in range(9)
    ]
    groups = connected_groups(units, adjacency, cap=9, limit=10_000)
    assert groups is not None
    assert len(groups) == len(set(groups))
    assert frozenset(range(9)) in groups
    assert frozenset({0, 8}) not in groups  # corners do not touch


def test_the_covering_model_picks_the_candidate_that_reaches_the_most_children():
    demand = [
        Demand("00100", 60.00, 25.00, 100),  # covered already by the meeting place
        Demand("00200", 60.10, 25.00, 40),
        Demand("00300", 60.20, 25.30, 500),  # a big estate far from everything
        Demand("00400", 60.201, 25.301, 300),  # next to it
    ]
    covered = covered_mask(demand, [(60.0, 25.0)], km=2.0)
    assert list(covered) == [True, False, False, False]
    candidates = [
        Candidate("00200", "small", 60.10, 25.00),
        Candidate("00300", "estate", 60.20, 25.30),
        Candidate("00100", "old", 60.00, 25.00),
    ]
    chosen = maximal_covering(
        demand=demand, covered=covered, candidates=candidates, km=2.0, count=1
    )
    assert [c.candidate.code for c in chosen] == ["00300"]
    assert chosen[0].children_reached == 800
    before = share(demand, covered)
    after_mask = np.array(covered) | covered_mask(demand, [(60.20, 25.30)], km=2.0)
    assert share(demand, after_mask) > before
    assert round(before, 3) == round(100 / 940, 3)


def test_the_covering_model_suggests_nothing_when_every_child_is_covered():
    demand = [Demand("00100", 60.0, 25.0, 10)]
    covered = covered_mask(demand, [(60.0, 25.0)], km=1.0)
    chosen = maximal_covering(
        demand=demand,
        covered=covered,
        candidates=[Candidate("00100", "x", 60.0, 25.0)],
        km=1.0,
        count=3,
    )
    assert chosen == []
