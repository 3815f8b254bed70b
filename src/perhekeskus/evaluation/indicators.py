"""Indicators (mittarit) of a county, an area, a municipality or an organisation over a period.

Interface (fixed; the lead's): `Scope`, `Period`, `IndicatorValue`, `BreakdownRow`, `TrendPoint`,
`indicators_compute`, `indicator_trend`, `TREND_CODES`. Each indicator carries its definition,
shown beside it. Counts that could point at a family are suppressed (see `suppression`).
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

ScopeKind = Literal["county", "area", "municipality", "organisation"]


@dataclass(frozen=True)
class Scope:
    """What the indicators are about. `key` is what the API's `id` takes: the county code
    ("03"), the municipality code ("049"), or the area's or organisation's UUID (hsds_id)."""

    kind: ScopeKind
    key: str
    label: str
    county_id: int | None  # the county the scope lies in (for an organisation, its county)
    municipality_ids: frozenset[int]  # municipalities wholly or partly in the scope
    area_ids: frozenset[int]  # registry areas in the scope
    organisation_ids: frozenset[int]  # organisations in the scope (for client processes)


@dataclass(frozen=True)
class Period:
    """From and to, both days included."""

    start: date
    end: date


@dataclass(frozen=True)
class BreakdownRow:
    label: str
    value: float | int | None
    suppressed: bool = False


@dataclass(frozen=True)
class IndicatorValue:
    code: str
    group: str  # network | family_channel | client_processes | feedback
    label: str
    value: float | int | None  # None when suppressed or not applicable
    unit: str  # "count", "per_1000_children", "percent", "days", "per_week"
    suppressed: bool
    definition: str
    breakdown: tuple[BreakdownRow, ...] = field(default=())
    applicable: bool = True  # False: the indicator means nothing for this kind of scope


@dataclass(frozen=True)
class TrendPoint:
    month: date  # the first day of the month
    value: float | int | None
    suppressed: bool = False


# Indicators drawn as charts of their monthly values.
TREND_CODES: tuple[str, ...] = ()


def indicators_compute(*, scope: Scope, period: Period) -> list[IndicatorValue]:
    raise NotImplementedError


def indicator_trend(*, scope: Scope, period: Period, code: str) -> list[TrendPoint]:
    raise NotImplementedError
