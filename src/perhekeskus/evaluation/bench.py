"""Benchmark of the leaders' indicator dashboard at county scale: the server time of one
dashboard (every indicator of a scope, and the monthly trend of each charted indicator) for
counties, areas, municipalities and organisations, and of one `GET /api/v1/indicators`.

Run it on the data of `perhekeskus demo --clients county`. It first refreshes the materialised
monthly figures (`perhekeskus refresh-indicators`, timed) unless told not to, then measures:

- the dashboard as served: figures of client data read from the materialised table; each
  dashboard is measured *cold* (the in-process memo of the table's rows emptied first), so
  every one reads the table;
- the same dashboard counted live from the source tables, for a few county dashboards: what
  the materialised table saves;
- the API as a county leader with a token, through the whole Django stack (in process).

Everything the benchmark writes (a leader, a token) is rolled back.
"""

import random
import statistics
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone, translation

from perhekeskus.benchkit import database_settle, machine_info, percentile, results_write
from perhekeskus.evaluation import materialised
from perhekeskus.evaluation.indicators import (
    TREND_CODES,
    Period,
    Scope,
    indicator_trend,
    indicators_compute,
)
from perhekeskus.evaluation.models import LeaderRole
from perhekeskus.evaluation.selectors import _Registry, period_default
from perhekeskus.network.tokens import api_token_create
from perhekeskus.processes.models import ClientProcess
from perhekeskus.referrals.models import Referral
from perhekeskus.staff.models import Professional

TARGET_P95_MS = 300.0


@dataclass
class Timing:
    name: str
    runs: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float


def _timing(name: str, millis: list[float]) -> Timing:
    ordered = sorted(millis)
    return Timing(
        name=name,
        runs=len(ordered),
        p50_ms=round(statistics.median(ordered), 1),
        p95_ms=round(percentile(ordered, 0.95, method="nearest_index"), 1),
        p99_ms=round(percentile(ordered, 0.99, method="nearest_index"), 1),
        mean_ms=round(statistics.fmean(ordered), 1),
        max_ms=round(ordered[-1], 1),
    )


def _dashboard(scope: Scope, period: Period) -> None:
    indicators_compute(scope=scope, period=period)
    for code in TREND_CODES:
        indicator_trend(scope=scope, period=period, code=code)


def _timed_dashboards(scopes: list[Scope], period: Period, *, runs: int) -> list[float]:
    millis = []
    for i in range(runs):
        scope = scopes[i % len(scopes)]
        materialised._READ_MEMO.clear()  # cold: every dashboard reads the table
        started = time.perf_counter()
        _dashboard(scope, period)
        millis.append((time.perf_counter() - started) * 1000)
    return millis


def _scopes_with_clients(rng: random.Random, per_kind: int) -> dict[str, list[Scope]]:
    """The counties whose organisations have client processes, and a sample of the areas,
    municipalities and organisations in them (those with processes first)."""
    busy_orgs = set(
        ClientProcess.objects.values_list("organisation_id", flat=True).distinct().order_by()
    )
    registry = _Registry()
    counties = [registry.county(c) for c in registry.counties]
    counties = [s for s in counties if s.organisation_ids & busy_orgs]
    county_ids = {s.county_id for s in counties}
    chosen: dict[str, list[Scope]] = {"county": counties}
    for kind, ids in (
        ("area", registry.areas),
        ("municipality", registry.municipalities),
        ("organisation", registry.organisations),
    ):
        scopes = [getattr(registry, kind)(i) for i in ids]
        scopes = [s for s in scopes if s.county_id in county_ids]
        busy = [s for s in scopes if s.organisation_ids & busy_orgs]
        rng.shuffle(busy)
        chosen[kind] = busy[:per_kind] or scopes[:per_kind]
    return chosen


def bench_indicators(
    *,
    runs: int = 100,
    per_kind: int = 20,
    live_runs: int = 10,
    api_requests: int = 50,
    refresh: bool = True,
    seed: int = 1,
) -> dict[str, Any]:
    """Measure `runs` cold dashboards of each scope kind, `live_runs` county dashboards counted
    live, and `api_requests` API calls of a county leader."""
    rng = random.Random(seed)
    refresh_result = None
    if refresh:
        refresh_result = materialised.materialised_refresh()
    if not connection.in_atomic_block:
        database_settle()
    today = timezone.localdate()
    period = period_default(today=today)
    scopes = _scopes_with_clients(rng, per_kind)
    if not scopes["county"]:
        raise RuntimeError(
            "No county with client processes: run `perhekeskus demo --clients county`."
        )
    results: list[Timing] = []
    with translation.override("fi"):
        # Warm-up: imports, the meeting places' repeat rules, the first connection.
        for kind_scopes in scopes.values():
            _dashboard(kind_scopes[0], period)
        for kind in ("county", "area", "municipality", "organisation"):
            results.append(
                _timing(f"dashboard: {kind}", _timed_dashboards(scopes[kind], period, runs=runs))
            )
        # Live: the same county dashboards without the materialised figures.
        live_ms = []
        original = materialised.materialised_read
        materialised.materialised_read = lambda **_kwargs: None  # type: ignore[assignment]
        try:
            live_ms = _timed_dashboards(scopes["county"], period, runs=live_runs)
        finally:
            materialised.materialised_read = original  # type: ignore[assignment]
        live = _timing("dashboard: county, counted live", live_ms)
        api = _api_timing(scopes["county"], period, requests=api_requests)
    dashboards = [asdict(t) for t in results]
    worst = max(t.p95_ms for t in results)
    return {
        "benchmark": "indicators",
        "database": connection.vendor,
        "measured_at": timezone.now().isoformat(timespec="seconds"),
        "machine": machine_info(),
        "data": {
            "client_processes": ClientProcess.objects.count(),
            "referrals": Referral.objects.count(),
            "counties_with_clients": [s.key for s in scopes["county"]],
            "scopes_sampled": {kind: len(s) for kind, s in scopes.items()},
        },
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "trend_codes": list(TREND_CODES),
        "refresh": _refresh_dict(refresh_result),
        "target_p95_ms": TARGET_P95_MS,
        "dashboards": dashboards,
        "worst_dashboard_p95_ms": worst,
        "live": asdict(live),
        "api": asdict(api),
    }


def _refresh_dict(result: materialised.RefreshResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {
        key: value.isoformat() if isinstance(value, date) else value
        for key, value in asdict(result).items()
    }


def _api_timing(counties: list[Scope], period: Period, *, requests: int) -> Timing:
    """`GET /api/v1/indicators` of the busiest county, as a county leader with a token;
    the leader, the role and the token are rolled back."""
    millis = []
    with transaction.atomic():
        user = get_user_model().objects.create_user("bench-indicators-leader")
        organisation_id = min(counties[0].organisation_ids)
        leader = Professional.objects.create(
            user=user,
            organisation_id=organisation_id,
            role=Professional.Role.LEADER,
            municipality_id=min(counties[0].municipality_ids),
        )
        for scope in counties:
            LeaderRole.objects.create(professional=leader, county_id=scope.county_id)
        _token, plaintext = api_token_create(user=user, name="bench")
        client = Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
        for i in range(requests + 3):
            scope = counties[i % len(counties)]
            path = (
                f"/api/v1/indicators?scope=county&id={scope.key}"
                f"&from={period.start.isoformat()}&to={period.end.isoformat()}&lang=fi"
            )
            materialised._READ_MEMO.clear()
            started = time.perf_counter()
            response = client.get(path, secure=True)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"The API answered {response.status_code}: {response.content!r}")
            if i >= 3:  # the first ones warm the stack
                millis.append(elapsed)
        transaction.set_rollback(True)
    return _timing("GET /api/v1/indicators (county, cold)", millis)


def indicators_write_results(report: dict[str, Any], directory: Path) -> tuple[Path, Path]:
    """indicators-<database>.json and .md in `directory`."""
    stem = f"indicators-{report['database']}"
    return results_write(report, directory, stem=stem, markdown=_markdown, ensure_ascii=True)


def _row(t: dict[str, Any]) -> str:
    return (
        f"| {t['name']} | {t['runs']} | {t['p50_ms']} | {t['p95_ms']} | {t['p99_ms']} | "
        f"{t['max_ms']} |"
    )


def _markdown(report: dict[str, Any]) -> str:
    data = report["data"]
    refresh = report["refresh"]
    target = report["target_p95_ms"]
    worst = report["worst_dashboard_p95_ms"]
    lines = [
        f"# Indicator dashboard on {report['database']} ({report['measured_at']})",
        "",
        f"Data: {data['client_processes']} client processes and {data['referrals']} referrals "
        f"(`perhekeskus demo --clients county`); counties with client data: "
        f"{', '.join(data['counties_with_clients'])}. Period {report['period']['from']} – "
        f"{report['period']['to']} (the default: the last 12 full months). "
        f"{report['machine']['cpus']} CPUs, load average {report['machine']['load_average'][0]}, "
        f"Python {report['machine']['python']}.",
        "",
        "One dashboard = `indicators_compute` (all "
        "indicators of the scope) + `indicator_trend` for each charted indicator "
        f"({', '.join(report['trend_codes'])}). Each measured cold: the in-process memo of the "
        "materialised rows emptied before every dashboard.",
        "",
        "| work | runs | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|",
    ]
    lines += [_row(t) for t in report["dashboards"]]
    lines += [_row(report["live"]), _row(report["api"])]
    lines += [
        "",
        f"Worst dashboard p95 {worst} ms: "
        + ("within" if worst <= target else "OVER")
        + f" the {target:g} ms target.",
        "",
        "## Aggregation strategy",
        "",
        "Counted live from the source tables, a county dashboard scans the year's referrals "
        "(tens of thousands, with their routes and timestamps) and processes several times; the "
        "row above shows what that costs. So the client-data figures are **materialised**: "
        "`perhekeskus refresh-indicators` (run nightly) counts, for every county, area, "
        "municipality and organisation, the figures of each month — processes by kind, "
        "assessment deadlines met, referrals by route × status × kind of declining reason, "
        "days to first contact as a histogram, feedback by answer × service × area — into one "
        "table of small rows (`evaluation_monthly_figure`, indexed by scope and month). A "
        "dashboard reads its scope's rows for the period's months with one indexed query and "
        "adds them up; medians come from the summed histograms; suppression is applied when "
        "the figures are shown, never stored. Rows of one refresh never change, so a process "
        "memoises them keyed by the refresh's stamp: a dashboard's trends reuse what its "
        "indicators read.",
        "",
        "Not measured at volume: the county demo has no usage counters, feedback or inbox "
        "items, so those parts read empty tables here (the usage counters are daily "
        "aggregates read through their (event, day) index; feedback is materialised with the "
        "client data).",
        "",
        "Counted live on every request: the network (services, meeting places and their "
        "activities, expanded from their repeat rules and memoised per rule and period), the "
        "usage counters (already daily aggregates), the inbox's answering times, and families "
        "with an own worker (distinct families over the period cannot be added up by month). "
        "A period that is not whole months, a month not yet refreshed (the current one), a "
        "scope made since the refresh, or a database that never ran the refresh: counted live "
        "— the same queries, grouped by month.",
    ]
    if refresh:
        lines += [
            "",
            f"Refresh: {refresh['scopes']} scopes, {refresh['first_month'][:7]} – "
            f"{refresh['last_month'][:7]}, {refresh['rows']} rows in {refresh['seconds']} s.",
        ]
    return "\n".join(lines) + "\n"
