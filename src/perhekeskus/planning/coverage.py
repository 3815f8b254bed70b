"""Coverage of children by family centres and meeting places, and where new meeting places would
reach the most children: a maximal covering location problem (MCLP, Church & ReVelle 1974)
solved exactly as an integer programme with scipy.optimize.milp (HiGHS).

Plain data in, plain data out. Children are counted where their postal area's centre is (the
finest level the population data has), so a child counts as covered when that centre lies within
the distance of a site; distances are equirectangular, good to well under 1 % within a county.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

KM_PER_DEGREE = 111.2


@dataclass(frozen=True)
class Demand:
    code: str
    lat: float
    lon: float
    children: int


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Chosen:
    candidate: Candidate
    children_reached: int  # newly covered, in the order chosen


def distances_km(a: Sequence[tuple[float, float]], b: Sequence[tuple[float, float]]) -> np.ndarray:
    """|a| × |b| matrix of distances between (lat, lon) points."""
    if not a or not b:
        return np.zeros((len(a), len(b)))
    pa = np.radians(np.asarray(a, dtype=float))
    pb = np.radians(np.asarray(b, dtype=float))
    mean_lat = (pa[:, 0][:, None] + pb[:, 0][None, :]) / 2
    dy = pa[:, 0][:, None] - pb[:, 0][None, :]
    dx = (pa[:, 1][:, None] - pb[:, 1][None, :]) * np.cos(mean_lat)
    return np.degrees(np.hypot(dx, dy)) * KM_PER_DEGREE


def covered_mask(
    demand: Sequence[Demand], sites: Sequence[tuple[float, float]], km: float
) -> np.ndarray:
    """Which demand points lie within `km` of at least one site."""
    if not demand or not sites:
        return np.zeros(len(demand), dtype=bool)
    matrix = distances_km([(d.lat, d.lon) for d in demand], list(sites))
    return np.asarray((matrix <= km).any(axis=1))


def share(demand: Sequence[Demand], mask: np.ndarray) -> float:
    total = sum(d.children for d in demand)
    if total == 0:
        return 0.0
    return sum(d.children for d, m in zip(demand, mask, strict=True) if m) / total


def maximal_covering(
    *,
    demand: Sequence[Demand],
    covered: np.ndarray,
    candidates: Sequence[Candidate],
    km: float,
    count: int,
) -> list[Chosen]:
    """Choose up to `count` candidates that bring the most children not yet covered within `km`.

    max Σ c_i y_i  subject to  y_i ≤ Σ_j a_ij x_j,  Σ x_j ≤ count,  x binary, 0 ≤ y ≤ 1,
    over the uncovered demand i and the candidates j that reach at least one of them. The
    chosen ones are listed greedily by what each adds, each child counted once.
    """
    if count <= 0:
        return []
    open_demand = [d for d, m in zip(demand, covered, strict=True) if not m and d.children > 0]
    if not open_demand or not candidates:
        return []
    reach = (
        distances_km([(d.lat, d.lon) for d in open_demand], [(c.lat, c.lon) for c in candidates])
        <= km
    )
    useful = [j for j in range(len(candidates)) if reach[:, j].any()]
    if not useful:
        return []
    a = reach[:, useful].astype(float)
    n_demand, n_cand = a.shape
    weights = np.array([d.children for d in open_demand], dtype=float)
    # Variables: x (candidates) then y (demand). A tiny cost on x keeps the choice minimal
    # when fewer places reach everyone.
    c = np.concatenate([np.full(n_cand, 1e-6), -weights])
    link = np.hstack([-a, np.eye(n_demand)])  # y_i - Σ a_ij x_j ≤ 0
    budget = np.concatenate([np.ones(n_cand), np.zeros(n_demand)])
    result = milp(
        c=c,
        constraints=[
            LinearConstraint(link, lb=-np.inf, ub=0),
            LinearConstraint(budget[None, :], lb=0, ub=min(count, n_cand)),
        ],
        integrality=np.concatenate([np.ones(n_cand), np.zeros(n_demand)]),
        bounds=Bounds(0, 1),
        options={"time_limit": 20.0},
    )
    if result.x is None:
        return []
    picked = [useful[j] for j in np.flatnonzero(result.x[:n_cand] > 0.5)]
    left = set(range(n_demand))
    chosen: list[Chosen] = []
    while picked:
        gains = {j: sum(open_demand[i].children for i in left if reach[i, j]) for j in picked}
        j = max(picked, key=lambda k: (gains[k], -k))
        if gains[j] <= 0:
            break
        chosen.append(Chosen(candidates[j], gains[j]))
        left -= {i for i in left if reach[i, j]}
        picked.remove(j)
    return chosen


def equirectangular_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy = (a[0] - b[0]) * KM_PER_DEGREE
    dx = (a[1] - b[1]) * KM_PER_DEGREE * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(dx, dy)
