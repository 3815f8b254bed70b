"""Benchmark of the professionals' workspace (työpöytä) at county scale: the server time of a
worker's caseload page and of a family page, the queries each makes, and what auditing costs a
request.

Requests go through the whole Django stack in-process (middleware with the second-factor check,
the idle timeout and sessions, the view, the one road to client data, the templates), as
professionals logged in with their second factor, over varied workers and the families their
organisations care for. Run it on the data of `perhekeskus demo --clients county`.

Auditing is measured twice: the time spent inside `audit_record` during each request (every
module that calls it is given a timing wrapper), and the same requests again with
`audit_record` replaced by a no-op. By default everything happens in one transaction that is
rolled back: the benchmark's own sessions, second-factor devices and audit events are not
left behind, and the audit log is as it was found.
"""

import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from perhekeskus.audit import services as audit_services
from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.verify import audit_verify
from perhekeskus.benchkit import database_settle, machine_info, percentile, results_write
from perhekeskus.clients.models import Family
from perhekeskus.consent.models import CareRelationship
from perhekeskus.processes.models import ClientProcess
from perhekeskus.referrals.models import Referral
from perhekeskus.staff.models import Professional

DEMO_USERNAMES = ("hanna", "mikael")
TARGET_P95_MS = 100.0


@dataclass
class PageResult:
    name: str
    path_example: str
    requests: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    statuses: dict[str, int]
    queries_mean: float
    queries_max: int
    audit_events_per_request: float
    audit_ms_mean: float
    audit_share_percent: float
    without_audit_p50_ms: float
    without_audit_p95_ms: float
    audit_cost_p50_ms: float
    audit_cost_p50_percent: float


@dataclass(frozen=True)
class _Worker:
    professional: Professional
    families: list[int]


class _AuditClock:
    """Times every `audit_record` call made while installed, in whichever module calls it."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.calls = 0

    def wrap(self, original: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.calls += 1

        return timed


@contextmanager
def _audit_record_replaced(replacement: Callable[..., Any]) -> Iterator[None]:
    """Every perhekeskus module imported `audit_record` by name: replace it in each."""
    original = audit_services.audit_record
    patched = [
        module
        for name, module in list(sys.modules.items())
        if name.startswith("perhekeskus.")
        and module is not None
        and getattr(module, "audit_record", None) is original
    ]
    for module in patched:
        module.audit_record = replacement  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for module in patched:
            module.audit_record = original  # type: ignore[attr-defined]


def _no_audit(**_kwargs: Any) -> None:
    return None


def _workers(count: int, rng: random.Random) -> list[_Worker]:
    """hanna and mikael, and professionals of other organisations that care for families."""
    open_care = CareRelationship.objects.filter(
        ended_at__isnull=True, started_at__lte=timezone.now()
    )
    loads = dict(
        open_care.values("organisation_id")
        .annotate(families=Count("id"))
        .values_list("organisation_id", "families")
    )
    candidates = list(
        Professional.objects.filter(organisation_id__in=loads)
        .select_related("user", "organisation", "municipality")
        .order_by("pk")
    )
    chosen = [p for p in candidates if p.user.get_username() in DEMO_USERNAMES]
    others = [p for p in candidates if p not in chosen]
    rng.shuffle(others)
    # One worker per organisation as long as there are organisations: varied caseloads.
    seen = {p.organisation_id for p in chosen}
    for professional in others:
        if len(chosen) >= count:
            break
        if professional.organisation_id not in seen:
            seen.add(professional.organisation_id)
            chosen.append(professional)
    workers = []
    for professional in chosen[:count]:
        families = list(
            open_care.filter(organisation_id=professional.organisation_id)
            .order_by("family_id")
            .values_list("family_id", flat=True)
        )
        workers.append(_Worker(professional, families))
    return workers


def _logged_in(professional: Professional) -> Client:
    """A client logged in with password and second factor, as after the real two-step login."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=professional.user, name="bench", defaults={"confirmed": True}
    )
    client = Client()
    client.force_login(professional.user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _run(
    requests: list[tuple[Client, str]], *, clock: _AuditClock | None = None
) -> tuple[list[float], dict[str, int], float]:
    """Milliseconds of each request, the statuses, and the seconds spent auditing."""
    timings: list[float] = []
    statuses: dict[str, int] = {}
    before = clock.seconds if clock else 0.0
    for client, path in requests:
        started = time.perf_counter()
        # Marked secure: as behind the TLS proxy, so no HTTPS redirect is measured.
        response = client.get(path, secure=True)
        timings.append((time.perf_counter() - started) * 1000)
        statuses[str(response.status_code)] = statuses.get(str(response.status_code), 0) + 1
    return timings, statuses, (clock.seconds - before) if clock else 0.0


def _page(
    name: str, requests: list[tuple[Client, str]], *, warmup: int, count_queries: int
) -> PageResult:
    for client, path in requests[:warmup]:
        client.get(path, secure=True)
    queries = []
    for client, path in requests[:count_queries]:
        with CaptureQueriesContext(connection) as captured:
            client.get(path, secure=True)
        queries.append(len(captured.captured_queries))
    clock = _AuditClock()
    with _audit_record_replaced(clock.wrap(audit_services.audit_record)):
        timings, statuses, audit_seconds = _run(requests, clock=clock)
    with _audit_record_replaced(_no_audit):
        without, _statuses, _none = _run(requests)
    ordered, bare = sorted(timings), sorted(without)
    p50, bare_p50 = statistics.median(ordered), statistics.median(bare)
    total_ms = sum(timings)
    return PageResult(
        name=name,
        path_example=requests[0][1],
        requests=len(requests),
        p50_ms=round(p50, 2),
        p95_ms=round(percentile(ordered, 0.95, method="nearest_index"), 2),
        p99_ms=round(percentile(ordered, 0.99, method="nearest_index"), 2),
        mean_ms=round(statistics.fmean(ordered), 2),
        max_ms=round(ordered[-1], 2),
        statuses=statuses,
        queries_mean=round(statistics.fmean(queries), 1) if queries else 0.0,
        queries_max=max(queries, default=0),
        audit_events_per_request=round(clock.calls / len(requests), 2),
        audit_ms_mean=round(audit_seconds * 1000 / len(requests), 3),
        audit_share_percent=round(100 * audit_seconds * 1000 / total_ms, 1) if total_ms else 0.0,
        without_audit_p50_ms=round(bare_p50, 2),
        without_audit_p95_ms=round(percentile(bare, 0.95, method="nearest_index"), 2),
        audit_cost_p50_ms=round(p50 - bare_p50, 2),
        audit_cost_p50_percent=round(100 * (p50 - bare_p50) / p50, 1) if p50 else 0.0,
    )


def bench_workspace(
    *,
    requests: int = 200,
    workers: int = 20,
    warmup: int = 10,
    count_queries: int = 30,
    seed: int = 1,
    verify: bool = True,
    keep: bool = False,
) -> dict[str, Any]:
    """Measure the caseload page and the family page, `requests` each, spread over `workers`
    professionals and the families in their organisations' care. Rolled back unless `keep`.
    With `verify`, also time `audit verify` of the whole chain afterwards."""
    if not connection.in_atomic_block:
        database_settle()
    rng = random.Random(seed)
    with transaction.atomic():
        chosen = [w for w in _workers(workers, rng) if w.families]
        if not chosen:
            raise RuntimeError(
                "No professional with families in care: run `perhekeskus demo --clients county`."
            )
        clients = {w.professional.pk: _logged_in(w.professional) for w in chosen}
        with translation.override("fi"):
            caseload_path = reverse("workspace:caseload")
            caseload = [
                (clients[w.professional.pk], caseload_path)
                for w in (chosen[i % len(chosen)] for i in range(requests))
            ]
            family: list[tuple[Client, str]] = []
            for i in range(requests):
                worker = chosen[i % len(chosen)]
                family_id = rng.choice(worker.families)
                path = reverse("workspace:family", kwargs={"family_id": family_id})
                family.append((clients[worker.professional.pk], path))
        pages = [
            _page("caseload page", caseload, warmup=warmup, count_queries=count_queries),
            _page("family page", family, warmup=warmup, count_queries=count_queries),
        ]
        transaction.set_rollback(not keep)
    failed = [page.name for page in pages if set(page.statuses) - {"200"}]
    if failed:
        raise RuntimeError(f"Pages answered other than 200: {', '.join(failed)}")
    verify_seconds = verified_events = None
    if verify:
        started = time.perf_counter()
        result = audit_verify()
        verify_seconds = round(time.perf_counter() - started, 2)
        verified_events = result.events_checked
        if not result.ok:
            raise RuntimeError(f"The audit chain does not verify: {result.problem}")
    sizes = sorted(len(w.families) for w in chosen)
    return {
        "benchmark": "workspace",
        "database": connection.vendor,
        "measured_at": timezone.now().isoformat(timespec="seconds"),
        "machine": machine_info(),
        "data": {
            "families": Family.objects.count(),
            "client_processes": ClientProcess.objects.count(),
            "referrals": Referral.objects.count(),
            "audit_events": AuditEvent.objects.count(),
        },
        "workers": len(chosen),
        "workers_demo": [
            f"{w.professional.user.get_username()}: {len(w.families)} families"
            for w in chosen
            if w.professional.user.get_username() in DEMO_USERNAMES
        ],
        "caseload_families": {"min": sizes[0], "median": sizes[len(sizes) // 2], "max": sizes[-1]},
        "committed": keep,
        "verify_seconds": verify_seconds,
        "verify_events": verified_events,
        "target_p95_ms": TARGET_P95_MS,
        "pages": [asdict(page) for page in pages],
    }


def workspace_write_results(report: dict[str, Any], directory: Path) -> tuple[Path, Path]:
    """workspace-<database>.json and .md in `directory`."""
    stem = f"workspace-{report['database']}"
    return results_write(report, directory, stem=stem, markdown=_markdown, ensure_ascii=True)


def _markdown(report: dict[str, Any]) -> str:
    data = report["data"]
    sizes = report["caseload_families"]
    how = "committed" if report["committed"] else "one rolled-back transaction"
    lines = [
        f"# Workspace pages on {report['database']} ({report['measured_at']})",
        "",
        f"Data: {data['families']} families, {data['client_processes']} client processes, "
        f"{data['referrals']} referrals, {data['audit_events']} audit events. "
        f"{report['workers']} workers (families in their organisation's care: min "
        f"{sizes['min']}, median {sizes['median']}, max {sizes['max']}; "
        f"{', '.join(report['workers_demo']) or 'no demo professionals'}). "
        f"Server time in-process through the whole middleware stack, logged in with the second "
        f"factor; {how}. {report['machine']['cpus']} CPUs, load average "
        f"{report['machine']['load_average'][0]}, Python {report['machine']['python']}.",
        "",
        "| page | requests | p50 ms | p95 ms | p99 ms | max ms | queries (mean / max) | statuses |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for page in report["pages"]:
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(page["statuses"].items()))
        lines.append(
            f"| {page['name']} | {page['requests']} | {page['p50_ms']} | {page['p95_ms']} | "
            f"{page['p99_ms']} | {page['max_ms']} | {page['queries_mean']} / "
            f"{page['queries_max']} | {statuses} |"
        )
    lines += [
        "",
        "Auditing per request: the time inside `audit_record`, and the same requests with "
        "`audit_record` replaced by a no-op.",
        "",
        "| page | audit events / request | audit ms / request (share) | p50 / p95 without "
        "audit ms | cost at p50 |",
        "|---|---|---|---|---|",
    ]
    for page in report["pages"]:
        lines.append(
            f"| {page['name']} | {page['audit_events_per_request']} | {page['audit_ms_mean']} "
            f"({page['audit_share_percent']} %) | {page['without_audit_p50_ms']} / "
            f"{page['without_audit_p95_ms']} | {page['audit_cost_p50_ms']} ms "
            f"({page['audit_cost_p50_percent']} %) |"
        )
    target = report["target_p95_ms"]
    verdicts = [
        f"{page['name']} p95 {page['p95_ms']} ms "
        + ("within" if page["p95_ms"] <= target else "OVER")
        + f" the {target:g} ms target"
        for page in report["pages"]
    ]
    lines += ["", "; ".join(verdicts) + "."]
    if report["verify_seconds"] is not None:
        lines.append(
            f"`audit verify` of {report['verify_events']} events afterwards: "
            f"{report['verify_seconds']} s, chain intact."
        )
    return "\n".join(lines) + "\n"
