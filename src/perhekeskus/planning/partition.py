"""Partitioning a graph of places into contiguous areas within a population band.

Plain data in, plain data out (no database): units with a population and a position in km, the
edges that make two units neighbours, and the band. The cost of one area is

    -IN_BAND (when inside the band) + DEVIATION × persons outside the band
    + OFF_MIDDLE × persons from the band's middle + SPREAD × radius of gyration (km),

so the sum over areas ranks partitions by the number of areas in the band first, then by how
far the others fall outside it, then by closeness to the middle, then by compactness.

Two ways of finding a good partition, combined:
- seeded region growing followed by local moves of one boundary unit at a time that keep
  every area connected (AZP-style), from many deterministic starts and area counts;
- a set-partitioning integer programme (scipy.optimize.milp, HiGHS) that chooses the best
  combination of areas among those the runs produced and, when the component is small enough,
  among every connected group of units whose population is not far above the band. When that
  enumeration is complete, the result is optimal for the cost above.
"""

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csc_matrix

IN_BAND = 1_000_000.0
DEVIATION = 10.0
OFF_MIDDLE = 0.1
SPREAD = 50.0

ENUMERATION_UNITS_MAX = 40
ENUMERATION_GROUPS_MAX = 40_000
RESTARTS = 6
KICKS = 6
NODE_LIMIT = 500
COUNTS_MAX = 9
SMOOTH_FIRST = True


@dataclass(frozen=True)
class Unit:
    population: int
    x: float  # km, east
    y: float  # km, north


@dataclass
class Partition:
    groups: list[list[int]]  # unit indices, each group connected
    optimal: bool  # every connected grouping was considered


class _Stats:
    """Population, weight and first and second moments of a group, for O(1) cost updates."""

    __slots__ = ("n", "pop", "sq", "sx", "sy", "w")

    def __init__(self) -> None:
        self.pop = 0
        self.w = 0.0
        self.sx = 0.0
        self.sy = 0.0
        self.sq = 0.0
        self.n = 0


def group_cost(
    pop: int, w: float, sx: float, sy: float, sq: float, band: tuple[int, int], smooth: bool = False
) -> float:
    """The cost of one area; `smooth` leaves out the reward for being in the band, so that
    population can flow through areas already in it towards those below it."""
    low, high = band
    cost = 0.0
    if low <= pop <= high:
        cost -= 0.0 if smooth else IN_BAND
    else:
        cost += DEVIATION * (low - pop if pop < low else pop - high)
    cost += OFF_MIDDLE * abs(pop - (low + high) / 2)
    if w > 0:
        spread = sq / w - (sx / w) ** 2 - (sy / w) ** 2
        cost += SPREAD * math.sqrt(spread) if spread > 0 else 0.0
    return cost


class _Search:
    def __init__(
        self, units: Sequence[Unit], adjacency: list[list[int]], band: tuple[int, int]
    ) -> None:
        self.units = units
        self.adj = adjacency
        self.band = band
        self.n = len(units)
        # Weights for the spread: population, with a floor so empty postal areas still count.
        self.wt = [max(u.population, 1) for u in units]
        self.smooth = False

    def _stats_of(self, labels: list[int], k: int) -> list[_Stats]:
        stats = [_Stats() for _ in range(k)]
        for i, g in enumerate(labels):
            self._add(stats[g], i, 1)
        return stats

    def _add(self, s: _Stats, i: int, sign: int) -> None:
        u, w = self.units[i], self.wt[i]
        s.pop += sign * u.population
        s.w += sign * w
        s.sx += sign * w * u.x
        s.sy += sign * w * u.y
        s.sq += sign * w * (u.x * u.x + u.y * u.y)
        s.n += sign

    def _cost(self, s: _Stats) -> float:
        if s.n == 0:
            return 0.0
        return group_cost(s.pop, s.w, s.sx, s.sy, s.sq, self.band, self.smooth)

    def _cost_with(self, s: _Stats, i: int, sign: int) -> float:
        if s.n + sign == 0:
            return 0.0
        u, w = self.units[i], self.wt[i]
        return group_cost(
            s.pop + sign * u.population,
            s.w + sign * w,
            s.sx + sign * w * u.x,
            s.sy + sign * w * u.y,
            s.sq + sign * w * (u.x * u.x + u.y * u.y),
            self.band,
            self.smooth,
        )

    def _stays_connected(self, labels: list[int], i: int) -> bool:
        g = labels[i]
        start = next((j for j in self.adj[i] if labels[j] == g), None)
        if start is None:
            return True  # i was alone: the group empties
        seen = {i, start}
        stack = [start]
        while stack:
            v = stack.pop()
            for j in self.adj[v]:
                if labels[j] == g and j not in seen:
                    seen.add(j)
                    stack.append(j)
        size = sum(1 for g2 in labels if g2 == g)
        return len(seen) == size

    def grow(self, k: int, rng: random.Random) -> list[int]:
        """k seeds spread apart (farthest-point from a random first), then the smallest group
        takes its nearest unassigned neighbour until every unit belongs to a group."""
        units = self.units
        first = rng.randrange(self.n)
        seeds = [first]
        dist = [math.hypot(u.x - units[first].x, u.y - units[first].y) for u in units]
        while len(seeds) < k:
            far = max(range(self.n), key=lambda j: (dist[j], -j))
            if dist[far] <= 0:
                break
            seeds.append(far)
            for j, u in enumerate(units):
                d = math.hypot(u.x - units[far].x, u.y - units[far].y)
                if d < dist[j]:
                    dist[j] = d
        labels = [-1] * self.n
        stats = [_Stats() for _ in seeds]
        for g, seed in enumerate(seeds):
            labels[seed] = g
            self._add(stats[g], seed, 1)
        open_groups = set(range(len(seeds)))
        left = self.n - len(seeds)
        while left and open_groups:
            g = min(open_groups, key=lambda h: (stats[h].pop, h))
            s = stats[g]
            cx, cy = s.sx / s.w, s.sy / s.w
            frontier = {
                j for i in range(self.n) if labels[i] == g for j in self.adj[i] if labels[j] < 0
            }
            if not frontier:
                open_groups.discard(g)
                continue
            j = min(frontier, key=lambda v: (math.hypot(units[v].x - cx, units[v].y - cy), v))
            labels[j] = g
            self._add(s, j, 1)
            left -= 1
        # Units no group could reach (cannot happen in a connected graph): groups of their own.
        for i in range(self.n):
            if labels[i] < 0:
                labels[i] = len(stats)
                stats.append(_Stats())
                self._add(stats[-1], i, 1)
        return labels

    def improve(self, labels: list[int]) -> list[int]:
        """First without, then with the reward for areas in the band."""
        if SMOOTH_FIRST:
            self.smooth = True
            labels = self._improve(labels)
            self.smooth = False
        return self._improve(labels)

    def _improve(self, labels: list[int]) -> list[int]:
        """Move single boundary units to a neighbouring group while that lowers the total cost
        and leaves the group they leave connected; first improvement, until none helps."""
        k = max(labels) + 1
        stats = self._stats_of(labels, k)
        improved = True
        while improved:
            improved = False
            for i in range(self.n):
                a = labels[i]
                targets = sorted({labels[j] for j in self.adj[i] if labels[j] != a})
                if not targets:
                    continue
                base_a = self._cost(stats[a])
                after_a = self._cost_with(stats[a], i, -1)
                best, best_delta = -1, -1e-6
                for b in targets:
                    delta = (
                        after_a - base_a + self._cost_with(stats[b], i, 1) - self._cost(stats[b])
                    )
                    if delta < best_delta:
                        best, best_delta = b, delta
                if best >= 0 and self._stays_connected(labels, i):
                    self._add(stats[a], i, -1)
                    self._add(stats[best], i, 1)
                    labels[i] = best
                    improved = True
        return labels

    def total(self, labels: list[int]) -> float:
        stats = self._stats_of(labels, max(labels) + 1)
        return sum(self._cost(s) for s in stats)

    def kick(self, labels: list[int], rng: random.Random, moves: int) -> list[int]:
        """Random boundary moves that keep groups connected, to leave a local optimum."""
        labels = list(labels)
        for _ in range(moves * 4):
            if moves <= 0:
                break
            i = rng.randrange(self.n)
            others = sorted({labels[j] for j in self.adj[i] if labels[j] != labels[i]})
            if not others or not self._stays_connected(labels, i):
                continue
            labels[i] = others[rng.randrange(len(others))]
            moves -= 1
        return labels


def _groups(labels: list[int]) -> list[frozenset[int]]:
    by: dict[int, set[int]] = {}
    for i, g in enumerate(labels):
        by.setdefault(g, set()).add(i)
    return [frozenset(v) for v in by.values()]


def connected_groups(
    units: Sequence[Unit], adjacency: list[list[int]], cap: int, limit: int
) -> list[frozenset[int]] | None:
    """Every connected set of units with population ≤ cap, or None when there are more than
    `limit`. Each set is found once: from its lowest unit, and at each step the first frontier
    unit it contains is the one added, the frontier units before it being banned below."""
    found: list[frozenset[int]] = []

    def extend(
        members: frozenset[int], frontier: list[int], banned: frozenset[int], pop: int, root: int
    ) -> bool:
        found.append(members)
        if len(found) > limit:
            return False
        for index, v in enumerate(frontier):
            p = pop + units[v].population
            if p > cap:
                continue
            below = banned | frozenset(frontier[:index])
            grown = members | {v}
            nxt = set(frontier[index + 1 :]) | {
                j for j in adjacency[v] if j > root and j not in grown and j not in below
            }
            if not extend(grown, sorted(nxt - below), below, p, root):
                return False
        return True

    for root in range(len(units)):
        if units[root].population > cap:
            found.append(frozenset({root}))
            continue
        frontier = sorted(j for j in adjacency[root] if j > root)
        if not extend(frozenset({root}), frontier, frozenset(), units[root].population, root):
            return None
    return found


def _set_partition(
    n: int, columns: list[frozenset[int]], costs: list[float]
) -> tuple[list[frozenset[int]], bool] | None:
    """Exactly one chosen column covers each unit, at the least total cost."""
    rows, cols = [], []
    for c, members in enumerate(columns):
        for i in members:
            rows.append(i)
            cols.append(c)
    matrix = csc_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(columns)))
    result = milp(
        c=np.array(costs),
        constraints=[LinearConstraint(matrix, lb=np.ones(n), ub=np.ones(n))],
        integrality=np.ones(len(columns)),
        bounds=Bounds(0, 1),
        # A node limit, not a time limit, so the answer does not depend on the machine's speed.
        options={"node_limit": NODE_LIMIT, "time_limit": 60.0, "mip_rel_gap": 1e-9},
    )
    if result.x is None:
        return None
    return [columns[c] for c in np.flatnonzero(result.x > 0.5)], result.status == 0


def partition(
    *,
    units: Sequence[Unit],
    edges: Iterable[tuple[int, int]],
    band: tuple[int, int],
    seed: int = 2026,
) -> Partition:
    """Contiguous groups of a connected graph of units, as many as possible within the band."""
    n = len(units)
    if n == 0:
        return Partition([], True)
    adjacency: list[set[int]] = [set() for _ in range(n)]
    for a, b in edges:
        if a != b:
            adjacency[a].add(b)
            adjacency[b].add(a)
    adj = [sorted(s) for s in adjacency]
    search = _Search(units, adj, band)
    low, high = band
    total = sum(u.population for u in units)
    k_low = max(1, math.ceil(total / high))
    k_high = max(k_low, total // max(low, 1))
    # Every area count from one below the fewest to one above the most the band allows, or,
    # when that is a long range (a narrow band), a handful spread over it.
    if k_high - k_low <= COUNTS_MAX - 3:
        wanted = list(range(k_low - 1, k_high + 2))
    else:
        step = (k_high - k_low) / (COUNTS_MAX - 3)
        wanted = [k_low - 1, *(round(k_low + i * step) for i in range(COUNTS_MAX - 2)), k_high + 1]
    counts = sorted({min(max(k, 1), n) for k in wanted})

    pool: dict[frozenset[int], float] = {}

    def column_cost(members: frozenset[int]) -> float:
        s = _Stats()
        for i in members:
            search._add(s, i, 1)
        return search._cost(s)

    best_labels: list[int] | None = None
    best_cost = math.inf
    for k in counts:
        # A generator of its own for each count: the runs for one count do not depend on
        # which other counts were tried.
        rng = random.Random(seed * 1_000 + k)
        for _ in range(RESTARTS):
            labels = search.improve(search.grow(k, rng))
            cost = search.total(labels)
            for _ in range(KICKS):
                trial = search.improve(search.kick(labels, rng, max(2, n // 10)))
                trial_cost = search.total(trial)
                if trial_cost < cost - 1e-9:
                    labels, cost = trial, trial_cost
            for g in _groups(labels):
                pool.setdefault(g, 0.0)
            if cost < best_cost - 1e-9:
                best_labels, best_cost = labels, cost

    optimal = False
    if n <= ENUMERATION_UNITS_MAX:
        enumerated = connected_groups(units, adj, high + (high - low) // 2, ENUMERATION_GROUPS_MAX)
        if enumerated is not None:
            optimal = True
            for g in enumerated:
                pool.setdefault(g, 0.0)
    columns = sorted(pool, key=lambda g: sorted(g))
    costs = [column_cost(g) for g in columns]
    solved = _set_partition(n, columns, costs)
    assert best_labels is not None
    chosen = _groups(best_labels)
    if solved is None:
        optimal = False
    else:
        optimal = optimal and solved[1]
        if sum(column_cost(g) for g in solved[0]) <= best_cost + 1e-6:
            chosen = solved[0]
    groups = sorted((sorted(g) for g in chosen), key=lambda g: g[0])
    return Partition(groups, optimal)
