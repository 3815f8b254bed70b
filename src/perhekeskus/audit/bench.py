"""Benchmark of the audit log (lokitiedot): how fast a county's years of events are generated and
verified, and what one `audit_record` call costs the service that makes it.

The generated events are as a county would have them (professionals of a few hundred
role-and-place labels, thousands of families, a few denials and emergency accesses), chained
with the same hash function as the service and written 10 000 at a time. By default everything
happens in one transaction that is rolled back, so the audit log is left as it was found;
`keep=True` commits them, for a throwaway database only.
"""

import random
import statistics
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from perhekeskus.audit.chain import CHAIN_FIELDS, GENESIS_HASH, chain_digest
from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.services import AuditActor, audit_record
from perhekeskus.audit.verify import VerifyResult, audit_verify
from perhekeskus.benchkit import database_settle, machine_info, percentile, results_write

ROLES = (
    ("public_health_nurse", "public health nurse"),
    ("social_worker", "social worker"),
    ("family_worker", "family worker"),
    ("psychologist", "psychologist"),
    ("doctor", "doctor"),
    ("home_help", "home help worker"),
)
PLACES = ("Espoo", "Vantaa", "Kauniainen", "Kirkkonummi", "Lohja", "Raasepori", "Hanko")
ACTIONS = (
    ("family.read", "family", "basic", 40),
    ("assessment.read", "assessment", "health", 20),
    ("plan.update", "plan", "social_welfare", 10),
    ("referral.send", "referral", "social_welfare", 5),
    ("referral.accept", "referral", "social_welfare", 5),
    ("contact.read", "family", "contact", 20),
)
COLUMNS = (*CHAIN_FIELDS, "hash")
AUDIT_TABLE = "audit_auditevent"
PROFESSIONALS = 400
FAMILIES = 40_000


class KeepRefused(Exception):
    """`keep` on a database whose audit log is not empty: the events could never be removed."""


@dataclass(frozen=True)
class _Actor:
    id: str
    label: str
    role: str
    organisation_id: str


def _actors(rng: random.Random) -> list[_Actor]:
    actors = []
    for number in range(PROFESSIONALS):
        role, title = rng.choice(ROLES)
        place = rng.choice(PLACES)
        actors.append(_Actor(f"bench-{number}", f"{title}, {place}", role, f"org-{place.lower()}"))
    return actors


def audit_generate(*, events: int, seed: int = 1, batch: int = 10_000) -> float:
    """Append `events` chained audit events after the head, `batch` at a time; return the
    seconds it took. Hashes are computed here exactly as the service computes them."""
    rng = random.Random(seed)
    actors = _actors(rng)
    actions = [action for action in ACTIONS for _ in range(action[3])]
    head = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
    sequence, previous = head if head else (0, GENESIS_HASH)
    # One event every 0.6 s ends now: 5 million events are about a county's month and a half.
    moment = timezone.now() - timedelta(seconds=0.6 * events)
    step = timedelta(seconds=0.6)
    started = time.perf_counter()
    pending: list[tuple[Any, ...]] = []
    for _ in range(events):
        sequence += 1
        moment += step
        row = _event(rng, actors, actions, sequence=sequence, moment=moment, previous=previous)
        previous = row[-1]
        pending.append(row)
        if len(pending) >= batch:
            _write(pending)
            pending = []
    _write(pending)
    return time.perf_counter() - started


def _write(rows: list[tuple[Any, ...]]) -> None:
    """bulk_create; on PostgreSQL COPY, which takes a tenth of the time for the same rows."""
    if not rows:
        return
    if _postgresql():
        columns = ", ".join(COLUMNS)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {AuditEvent._meta.db_table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    AuditEvent.objects.bulk_create(
        [AuditEvent(**dict(zip(COLUMNS, row, strict=True))) for row in rows], batch_size=len(rows)
    )


def _event(
    rng: random.Random,
    actors: list[_Actor],
    actions: list[tuple[str, str, str, int]],
    *,
    sequence: int,
    moment: datetime,
    previous: str,
) -> tuple[Any, ...]:
    """One event's CHAIN_FIELDS values and its hash."""
    actor = rng.choice(actors)
    action, target_type, category, _weight = rng.choice(actions)
    chance = rng.random()
    break_glass = 0.01 <= chance < 0.011
    values = (
        sequence,
        moment,
        "professional",
        actor.id,
        actor.label,
        actor.role,
        actor.organisation_id,
        action,
        target_type,
        str(rng.randrange(1, 10_000_000)),
        f"family-{rng.randrange(FAMILIES)}",
        category,
        "break_glass" if break_glass else "care",
        "denied" if chance < 0.01 else "allowed",
        "Child in danger, own worker unreachable" if break_glass else "",
        break_glass,
        previous,
    )
    return (*values, chain_digest(values))


def _record_costs(*, calls: int, seed: int) -> list[float]:
    """Microseconds of each `audit_record` call, inside a caller's transaction as in service."""
    rng = random.Random(seed)
    actors = _actors(rng)
    timings: list[float] = []
    for number in range(calls + 50):  # the first 50 warm up
        actor = rng.choice(actors)
        started = time.perf_counter()
        audit_record(
            actor=AuditActor(
                kind="professional",
                id=actor.id,
                label=actor.label,
                role=actor.role,
                organisation_id=actor.organisation_id,
            ),
            action="family.read",
            target_type="family",
            target_id=str(number),
            family_id=f"family-{rng.randrange(FAMILIES)}",
            data_category="basic",
            purpose="care",
        )
        if number >= 50:
            timings.append((time.perf_counter() - started) * 1_000_000)
    return timings


def _analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {AUDIT_TABLE}" if _postgresql() else "ANALYZE")


def _postgresql() -> bool:
    return connection.vendor == "postgresql"


def bench_audit(
    *, events: int, record_calls: int = 2000, seed: int = 1, keep: bool = False
) -> dict[str, Any]:
    """Generate `events`, verify the whole chain, and time `record_calls` calls of
    `audit_record`. Rolled back unless `keep` (refused when the log already holds events)."""
    before = AuditEvent.objects.count()
    if keep and before:
        raise KeepRefused(f"the audit log holds {before} events: keep only on an empty database")
    if not connection.in_atomic_block:
        # Rows of earlier rolled-back runs are dead but still in the indexes.
        database_settle(AUDIT_TABLE)
    with transaction.atomic():
        generation = audit_generate(events=events, seed=seed)
        _analyze()  # as autovacuum would have: the planner knows the table is large
        measured = None if keep else _measure(record_calls=record_calls, seed=seed)
        transaction.set_rollback(not keep)
    if measured is None:
        database_settle(AUDIT_TABLE)
        measured = _measure(record_calls=record_calls, seed=seed)
    verify_seconds, verified, timings = measured
    return _report(
        events=events,
        before=before,
        generation=generation,
        verify_seconds=verify_seconds,
        verified=verified,
        timings=timings,
        keep=keep,
    )


def _measure(*, record_calls: int, seed: int) -> tuple[float, VerifyResult, list[float]]:
    """Verify the whole chain, then time `audit_record` in a transaction that is rolled back."""
    started = time.perf_counter()
    verified = audit_verify()
    verify_seconds = time.perf_counter() - started
    if not verified.ok:
        raise RuntimeError(f"the generated chain does not verify: {verified.problem}")
    with transaction.atomic():
        timings = _record_costs(calls=record_calls, seed=seed)
        transaction.set_rollback(True)
    return verify_seconds, verified, timings


def _report(
    *,
    events: int,
    before: int,
    generation: float,
    verify_seconds: float,
    verified: VerifyResult,
    timings: list[float],
    keep: bool,
) -> dict[str, Any]:
    ordered = sorted(timings)
    p95 = percentile(ordered, 0.95, method="nearest_index")
    checked = verified.events_checked
    return {
        "benchmark": "audit",
        "database": connection.vendor,
        "measured_at": timezone.now().isoformat(timespec="seconds"),
        "machine": machine_info(load=False),
        "events_before": before,
        "events_generated": events,
        "committed": keep,
        "generation_seconds": round(generation, 2),
        "generation_events_per_second": round(events / generation) if generation else None,
        "verify_events": checked,
        "verify_processes": verified.processes,
        "verify_seconds": round(verify_seconds, 2),
        "verify_events_per_second": round(checked / verify_seconds) if verify_seconds else None,
        "verify_5m_projected_seconds": round(verify_seconds * 5_000_000 / checked, 1)
        if checked
        else None,
        "record_calls": len(timings),
        "record_mean_us": round(statistics.fmean(timings), 1),
        "record_p50_us": round(statistics.median(timings), 1),
        "record_p95_us": round(p95, 1),
        "record_max_us": round(ordered[-1], 1),
    }


def audit_write_results(report: dict[str, Any], directory: Path) -> tuple[Path, Path]:
    """audit-<database>.json and .md in `directory`."""
    stem = f"audit-{report['database']}"
    return results_write(report, directory, stem=stem, markdown=_markdown, ensure_ascii=True)


def _writer(database: str) -> str:
    return "COPY" if database == "postgresql" else "bulk_create"


def _markdown(report: dict[str, Any]) -> str:
    how = "committed, then VACUUM ANALYZE" if report["committed"] else "one rolled-back transaction"
    lines = [
        f"# Audit log on {report['database']} ({report['measured_at']})",
        "",
        f"{report['events_generated']} events generated after {report['events_before']} "
        f"existing ({how}); {report['machine']['cpus']} CPUs, Python "
        f"{report['machine']['python']}.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| generation ({_writer(report['database'])}, hashes in Python) | "
        f"{report['generation_events_per_second']} events/s |",
        f"| `audit verify` of {report['verify_events']} events, "
        f"{report['verify_processes']} process(es) | {report['verify_seconds']} s "
        f"({report['verify_events_per_second']} events/s) |",
        f"| `audit verify` of 5 million, projected | {report['verify_5m_projected_seconds']} s |",
        f"| `audit_record`, {report['record_calls']} calls in a caller's transaction | "
        f"mean {report['record_mean_us']} µs, p50 {report['record_p50_us']} µs, "
        f"p95 {report['record_p95_us']} µs, max {report['record_max_us']} µs |",
    ]
    return "\n".join(lines) + "\n"
