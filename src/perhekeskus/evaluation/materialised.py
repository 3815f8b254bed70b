"""Materialised monthly figures (kuukausiluvut): the client-data figures of every scope, month by
month, counted once by `perhekeskus refresh-indicators` (nightly) so that a leader's dashboard
reads a few thousand small rows instead of scanning the year's referrals and processes.

What is stored is exactly what `indicators.monthly_figures_live` counts: counts by month and by a
kind, a route or a status, never a family, a person or a free text; suppression happens when the
figures are shown, as for live ones. The table is used only for periods of whole months that it
covers, and only for scopes it was refreshed for; anything else is counted live.

The rows live in `MonthlyFigureRow` (indexed by scope and month), the covered months in
`MonthlyFigureRefresh`; both are migrated tables but a cache: emptied and rebuilt by every
refresh, and a database that never ran the refresh simply counts live. The refresh writes with
raw `executemany` into the model's table, 5 000 rows a call (no model instance for each of half
a million rows), and a dashboard reads its scope with one raw query on the scope index.
"""

import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from django.db import connection, transaction
from django.utils import timezone

from perhekeskus.evaluation.indicators import (
    MonthlyFigure,
    Period,
    Scope,
    monthly_figures_live,
)
from perhekeskus.evaluation.models import MonthlyFigureRefresh, MonthlyFigureRow

TABLE = MonthlyFigureRow._meta.db_table
SCOPE_MARK = "_scope"  # one row per refreshed scope: its figures are complete
BATCH = 5000


class Writer(Protocol):
    def write(self, text: str) -> Any: ...


@dataclass(frozen=True)
class RefreshResult:
    scopes: int
    rows: int
    first_month: date
    last_month: date
    seconds: float


def _whole_months(period: Period) -> bool:
    return period.start.day == 1 and (period.end + timedelta(days=1)).day == 1


# What one refresh stored never changes: read once per process and scope, for as long as that
# refresh is the latest (its stamp is part of the key).
_READ_MEMO: OrderedDict[tuple[Any, ...], list[MonthlyFigure] | None] = OrderedDict()
READ_MEMO_SIZE = 256


def materialised_read(*, scope: Scope, period: Period) -> list[MonthlyFigure] | None:
    """The stored figures of the scope for the period's months, or None when they must be
    counted live: no table, a period not of whole months, months not covered, or a scope the
    refresh did not reach (made since)."""
    if not _whole_months(period):
        return None
    first = period.start
    last = period.end.replace(day=1)
    mark = (
        MonthlyFigureRefresh.objects.order_by("-pk")
        .values_list("first_month", "last_month", "stamp")
        .first()
    )
    if mark is None:
        return None
    covered_from, covered_to, stamp = mark
    if first < covered_from or last > covered_to:
        return None
    key: tuple[Any, ...] = (connection.alias, connection.settings_dict.get("NAME"), stamp)
    key += (scope.kind, scope.key, first, last)
    if key in _READ_MEMO:
        _READ_MEMO.move_to_end(key)
        return _READ_MEMO[key]
    found = _read(scope=scope, first=first, last=last)
    _READ_MEMO[key] = found
    while len(_READ_MEMO) > READ_MEMO_SIZE:
        _READ_MEMO.popitem(last=False)
    return found


def _read(*, scope: Scope, first: date, last: date) -> list[MonthlyFigure] | None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT code, month, figure_key, n, d FROM {TABLE} "
            "WHERE scope_kind = %s AND scope_key = %s "
            "AND ((month >= %s AND month <= %s) OR code = %s)",
            [scope.kind, scope.key, first, last, SCOPE_MARK],
        )
        rows = cursor.fetchall()
    if not any(code == SCOPE_MARK for code, *_rest in rows):
        return None
    return [
        MonthlyFigure(code, _as_date(month), key, int(n), int(d))
        for code, month, key, n, d in rows
        if code != SCOPE_MARK
    ]


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _all_scopes() -> list[Scope]:
    from perhekeskus.evaluation.selectors import _Registry

    registry = _Registry()
    scopes = [registry.county(c) for c in registry.counties]
    scopes += [registry.area(a) for a in registry.areas]
    scopes += [registry.municipality(m) for m in registry.municipalities]
    scopes += [registry.organisation(o) for o in registry.organisations]
    return scopes


def _insert(rows: Iterable[tuple[Any, ...]]) -> int:
    batch = list(rows)
    with connection.cursor() as cursor:
        for at in range(0, len(batch), BATCH):
            cursor.executemany(
                f"INSERT INTO {TABLE} (scope_kind, scope_key, month, code, figure_key, n, d) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                batch[at : at + BATCH],
            )
    return len(batch)


def materialised_refresh(
    *, months: int = 36, today: date | None = None, stdout: Writer | None = None
) -> RefreshResult:
    """Count the figures of every county, area, municipality and organisation in a county for
    the last `months` full months and the current month so far, and replace the table's
    contents with them in one transaction (readers see the old figures until it commits)."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    this_month = today.replace(day=1)
    index = this_month.year * 12 + this_month.month - 1 - months
    first = date(index // 12, index % 12 + 1, 1)
    # Whole months only: the current month is left to live counting.
    last = this_month - timedelta(days=1)
    period = Period(first, last)
    scopes = _all_scopes()
    total = 0
    with transaction.atomic():
        MonthlyFigureRefresh.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")
        for number, scope in enumerate(scopes, start=1):
            figures = monthly_figures_live(scope=scope, period=period, today=today)
            total += _insert(
                [(scope.kind, scope.key, f.month, f.code, f.key, f.n, f.d) for f in figures]
                + [(scope.kind, scope.key, first, SCOPE_MARK, "", 0, 0)]
            )
            if stdout is not None and number % 100 == 0:
                stdout.write(f"  {number} / {len(scopes)} scopes\n")
        # The stamp tells one refresh from another (memoised reads are keyed by it).
        MonthlyFigureRefresh.objects.create(
            first_month=first,
            last_month=last.replace(day=1),
            stamp=time.time_ns(),
            refreshed_at=timezone.now(),
        )
    return RefreshResult(
        scopes=len(scopes),
        rows=total,
        first_month=first,
        last_month=last.replace(day=1),
        seconds=round(time.perf_counter() - started, 1),
    )
