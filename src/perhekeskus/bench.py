"""Benchmarks: latency of the public API's list and detail endpoints.

Requests go through the whole Django stack in-process (middleware, routing, queries,
serialisation), without a network hop, so figures are repeatable and compare SQLite with
PostgreSQL on the same data. Results are written as JSON and Markdown under bench/results/.
"""

import random
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.db import connection
from django.test import Client
from django.utils import timezone

from perhekeskus.benchkit import (
    database_settle,
    machine_info,
    peak_rss_mb,
    percentile,
    results_write,
)
from perhekeskus.network.models import Activity, Service, Site


@dataclass
class EndpointResult:
    name: str
    path_example: str
    requests: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    statuses: dict[str, int]


def _measure(
    client: Client, name: str, paths: Callable[[int], str], requests: int, warmup: int
) -> EndpointResult:
    for i in range(warmup):
        client.get(paths(i), secure=True)
    timings: list[float] = []
    statuses: dict[str, int] = {}
    for i in range(requests):
        path = paths(i)
        started = time.perf_counter()
        # Marked secure: as if behind the TLS proxy, so no HTTPS redirect is measured.
        response = client.get(path, secure=True)
        timings.append((time.perf_counter() - started) * 1000)
        statuses[str(response.status_code)] = statuses.get(str(response.status_code), 0) + 1
    ordered = sorted(timings)
    return EndpointResult(
        name=name,
        path_example=paths(0),
        requests=requests,
        p50_ms=round(percentile(ordered, 0.50, method="nearest_index"), 2),
        p95_ms=round(percentile(ordered, 0.95, method="nearest_index"), 2),
        p99_ms=round(percentile(ordered, 0.99, method="nearest_index"), 2),
        mean_ms=round(statistics.fmean(ordered), 2),
        max_ms=round(ordered[-1], 2),
        statuses=statuses,
    )


def bench_api(*, requests: int = 200, warmup: int = 10, seed: int = 1) -> dict[str, Any]:
    """Measure the API endpoints on the data in the current database."""
    database_settle()
    rng = random.Random(seed)
    published = Service.objects.filter(status=Service.Status.PUBLISHED)
    service_ids = [str(u) for u in published.values_list("hsds_id", flat=True)[:5000]]
    site_ids = [str(u) for u in Site.objects.values_list("hsds_id", flat=True)[:5000]]
    municipality_codes = list(
        Site.objects.values_list("municipality__code", flat=True).distinct()[:300]
    )
    if not service_ids or not site_ids:
        raise RuntimeError("No published services or sites: run `perhekeskus demo` first.")
    rng.shuffle(service_ids)
    rng.shuffle(site_ids)
    rng.shuffle(municipality_codes)
    today = timezone.localdate()
    week = f"from={today.isoformat()}&to={(today + timedelta(days=6)).isoformat()}"

    def pick(values: list[str]) -> Callable[[int], str]:
        return lambda i: values[i % len(values)]

    service, site, municipality = pick(service_ids), pick(site_ids), pick(municipality_codes)
    endpoints: list[tuple[str, Callable[[int], str]]] = [
        ("services list", lambda i: f"/api/v1/services?page={1 + i % 20}"),
        (
            "services list by municipality",
            lambda i: f"/api/v1/services?municipality={municipality(i)}",
        ),
        ("services list by type", lambda i: "/api/v1/services?type=child_health_clinic"),
        ("service detail", lambda i: f"/api/v1/services/{service(i)}"),
        ("sites list", lambda i: f"/api/v1/sites?page={1 + i % 20}"),
        ("site detail", lambda i: f"/api/v1/sites/{site(i)}"),
        (
            "activities in a week by municipality",
            lambda i: f"/api/v1/activities?{week}&municipality={municipality(i)}",
        ),
        ("HSDS services list", lambda i: f"/api/hsds/services?page={1 + i % 20}"),
        ("HSDS service detail", lambda i: f"/api/hsds/services/{service(i)}"),
    ]
    client = Client()
    results = [_measure(client, name, paths, requests, warmup) for name, paths in endpoints]
    failed = [r.name for r in results if set(r.statuses) - {"200"}]
    if failed:
        raise RuntimeError(f"Endpoints answered other than 200: {', '.join(failed)}")
    return {
        "benchmark": "api",
        "database": connection.vendor,
        "measured_at": timezone.now().isoformat(timespec="seconds"),
        "machine": machine_info(load=False),
        "data": {
            "services": Service.objects.count(),
            "published_services": published.count(),
            "sites": Site.objects.count(),
            "activities": Activity.objects.count(),
        },
        "max_rss_mb": peak_rss_mb(),
        "endpoints": [asdict(r) for r in results],
    }


def bench_write_results(report: dict[str, Any], directory: Path) -> tuple[Path, Path]:
    """<benchmark>-<database>.json and .md in `directory`."""
    stem = f"{report['benchmark']}-{report['database']}"
    return results_write(report, directory, stem=stem, markdown=_markdown)


def _markdown(report: dict[str, Any]) -> list[str]:
    lines = [
        f"# API latency on {report['database']} ({report['measured_at']})",
        "",
        "Data: " + ", ".join(f"{k} {v}" for k, v in report["data"].items()),
        f"Max RSS of the benchmark process: {report['max_rss_mb']} MB",
        "",
        "| endpoint | requests | p50 ms | p95 ms | p99 ms | max ms | statuses |",
        "|---|---|---|---|---|---|---|",
    ]
    for e in report["endpoints"]:
        lines.append(
            f"| {e['name']} | {e['requests']} | {e['p50_ms']} | {e['p95_ms']} | {e['p99_ms']} "
            f"| {e['max_ms']} | {', '.join(f'{k}: {v}' for k, v in e['statuses'].items())} |"
        )
    return lines
