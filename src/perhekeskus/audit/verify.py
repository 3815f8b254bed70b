"""Checking the hash chain of audit events (lokitiedot), for `perhekeskus audit verify`.

The walk reads plain tuples in sequence order, a chunk at a time by key range (one index range
scan each, nothing held open between them; on PostgreSQL in the binary format, the next chunk
read while this one is checked) and recomputes each hash in a tight loop, without model
instances. Hashing is what costs, so a long log is cut into consecutive slices walked by one
process per CPU; the slices' joints are checked afterwards like any other link.

What the chain cannot show by itself: someone who may write SQL can rewrite every hash from
the row they changed to the end, or cut off the newest events. Against that, keep the head
printed by a successful run (`sequence:hash`) somewhere else and pass it back as `--anchor`.
"""

import multiprocessing
import os
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import connection, connections

from perhekeskus.audit.chain import CHAIN_FIELDS, GENESIS_HASH, PREVIOUS_HASH, chain_digest
from perhekeskus.audit.models import AuditEvent

# Below this many events one process is quicker than starting several.
PARALLEL_FROM_EVENTS = 200_000
MAX_WORKERS = 8

_POSTGRESQL_CHUNK = (
    f"SELECT {', '.join([*CHAIN_FIELDS, 'hash'])} FROM {AuditEvent._meta.db_table} "
    "WHERE sequence > %s AND sequence <= %s ORDER BY sequence LIMIT %s"
)


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of a walk: how many events were checked, and the first one found wrong."""

    ok: bool
    events_checked: int
    first_bad_sequence: int | None = None
    problem: str = ""
    head_sequence: int | None = None
    head_hash: str = ""
    processes: int = 1


@dataclass(frozen=True)
class _Slice:
    """What the walk of one slice found: its first event's position and link (checked against
    the slice before it), its last event, and the first problem inside it."""

    first: tuple[int, str] | None
    last: tuple[int, str] | None
    checked: int
    broken: tuple[int, str] | None


class _Broken(Exception):
    def __init__(self, sequence: int, problem: str, *, good: int = 0) -> None:
        super().__init__(problem)
        self.sequence = sequence
        self.problem = problem
        self.good = good  # events found good before this one


def audit_verify(
    *,
    chunk: int = 20_000,
    from_sequence: int = 1,
    anchors: Mapping[int, str] | None = None,
    workers: int | None = None,
) -> VerifyResult:
    """Walk the audit events (lokitiedot) from `from_sequence` to the head as it was when the
    walk began, and report the first one that was changed, removed, reordered or inserted.

    `from_sequence` > 1 trusts the stored hash of the event before it (checked by an earlier
    run). `anchors` maps sequence numbers to hashes recorded earlier, elsewhere. `workers`:
    processes (default: one per CPU for a long log, up to 8); inside a transaction the slices
    are walked in this process, since other processes would not see its data."""
    head = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first()
    try:
        start = _start(from_sequence)
        ranges = _ranges(after=start[0], until=head or 0, workers=workers)
        last, checked = _stitch(start, _walk_all(ranges, chunk=chunk))
        _check_anchors(anchors or {}, checked=checked)
    except _Broken as broken:
        return VerifyResult(
            ok=False,
            events_checked=broken.good,
            first_bad_sequence=broken.sequence,
            problem=broken.problem,
        )
    return VerifyResult(
        ok=True,
        events_checked=checked,
        head_sequence=last[0] or None,
        head_hash=last[1] if last[0] else "",
        processes=_processes(ranges),
    )


def _start(from_sequence: int) -> tuple[int, str]:
    """The (sequence, hash) the walk continues from."""
    if from_sequence <= 1:
        return 0, GENESIS_HASH
    before = from_sequence - 1
    stored = AuditEvent.objects.filter(sequence=before).values_list("hash", flat=True).first()
    if stored is None:
        raise _Broken(before, f"event {before} is missing: the walk cannot start after it")
    return before, stored


def _ranges(*, after: int, until: int, workers: int | None) -> list[tuple[int, int]]:
    """Consecutive (after, until] ranges of sequence numbers, one per worker."""
    if until <= after:
        return [(after, after)]
    if workers is None:
        many = until - after >= PARALLEL_FROM_EVENTS and not connection.in_atomic_block
        workers = min(MAX_WORKERS, _cpus()) if many else 1
    count = max(1, min(workers, until - after))
    size = -(-(until - after) // count)
    return [(low, min(low + size, until)) for low in range(after, until, size)] or [(after, until)]


def _cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _processes(ranges: list[tuple[int, int]]) -> int:
    """Several ranges are walked in as many processes, except inside a transaction."""
    return 1 if connection.in_atomic_block else len(ranges)


def _walk_all(ranges: list[tuple[int, int]], *, chunk: int) -> list[_Slice]:
    """Each range walked in a process of its own (forked, with its own database connection),
    or here, one after the other, for a single range or inside a transaction."""
    if _processes(ranges) == 1:
        return [_walk(after, until, chunk) for after, until in ranges]
    connections.close_all()  # a forked child must not share this process's connection
    with multiprocessing.get_context("fork").Pool(len(ranges)) as pool:
        return pool.starmap(_walk_in_child, [(after, until, chunk) for after, until in ranges])


def _walk_in_child(after: int, until: int, chunk: int) -> _Slice:
    try:
        return _walk(after, until, chunk)
    finally:
        connections.close_all()


def _walk(after: int, until: int, chunk: int) -> _Slice:
    """Check the events in (after, until]. The first one's position and link are taken as
    found; `_stitch` checks them against the slice before."""
    first: tuple[int, str] | None = None
    state: tuple[int, str] | None = None
    checked = 0
    for rows in _chunks(after=after, until=until, size=chunk):
        if state is None:
            first = (rows[0][0], rows[0][PREVIOUS_HASH])
            state = (first[0] - 1, first[1])
        try:
            state = _check(rows, state)
        except _Broken as broken:
            return _Slice(first, None, checked + broken.good, (broken.sequence, broken.problem))
        checked += len(rows)
    return _Slice(first, state, checked, None)


def _stitch(start: tuple[int, str], slices: list[_Slice]) -> tuple[tuple[int, str], int]:
    """Join the slices in order: each must begin where the one before ended. Returns the last
    event and the number checked; raises at the first problem, in sequence order."""
    previous, checked = start, 0
    for part in slices:
        if part.first is None:
            continue  # no events in the range: the next joint shows the gap
        sequence, link = part.first
        if sequence != previous[0] + 1:
            raise _Broken(previous[0] + 1, _missing(previous[0], sequence), good=checked)
        if link != previous[1]:
            raise _Broken(sequence, _unlinked(sequence, previous[0]), good=checked)
        if part.broken is not None or part.last is None:
            bad, problem = part.broken or (sequence, "the walk stopped")
            raise _Broken(bad, problem, good=checked + part.checked)
        previous, checked = part.last, checked + part.checked
    return previous, checked


def _chunks(*, after: int, until: int, size: int) -> Iterator[list[tuple[Any, ...]]]:
    """The events after `after` up to `until` in sequence order, `size` at a time."""
    if connection.vendor != "postgresql":
        while batch := _fetch_orm(after=after, until=until, size=size):
            yield batch
            after = batch[-1][0]
        return
    connection.ensure_connection()
    fetch = partial(_fetch_postgresql, connection.connection, until=until, size=size)
    with ThreadPoolExecutor(max_workers=1) as prefetcher:
        # While one chunk is checked, the next is read, on the same session (so in the same
        # transaction, and through the same psycopg connection, which is thread-safe).
        pending = prefetcher.submit(fetch, after=after)
        while batch := pending.result():
            pending = prefetcher.submit(fetch, after=batch[-1][0])
            yield batch


def _fetch_orm(*, after: int, until: int, size: int) -> list[tuple[Any, ...]]:
    return list(
        AuditEvent.objects.order_by("sequence")
        .filter(sequence__gt=after, sequence__lte=until)
        .values_list(*CHAIN_FIELDS, "hash")[:size]
    )


def _fetch_postgresql(session: Any, *, after: int, until: int, size: int) -> list[tuple[Any, ...]]:
    """As `_fetch_orm`, in PostgreSQL's binary format, which is read three times faster than
    the text that Django's cursors ask for."""
    import psycopg

    with psycopg.Cursor(session) as cursor:
        cursor.execute(_POSTGRESQL_CHUNK, [after, until, size], binary=True)
        return cursor.fetchall()


def _check(rows: Sequence[tuple[Any, ...]], previous: tuple[int, str]) -> tuple[int, str]:
    """The hot loop: sequence continues, the link matches, the contents match the hash."""
    first, (last_sequence, last_hash) = previous[0], previous
    digest = chain_digest
    link = PREVIOUS_HASH
    for row in rows:
        sequence = row[0]
        if sequence != last_sequence + 1:
            problem = _missing(last_sequence, sequence)
            raise _Broken(last_sequence + 1, problem, good=last_sequence - first)
        if row[link] != last_hash:
            problem = _unlinked(sequence, last_sequence)
            raise _Broken(sequence, problem, good=last_sequence - first)
        computed = digest(row[:-1])
        if computed != row[-1]:
            problem = f"event {sequence} has been changed: its contents do not match its hash"
            raise _Broken(sequence, problem, good=last_sequence - first)
        last_sequence, last_hash = sequence, computed
    return last_sequence, last_hash


def _missing(last_sequence: int, found: object) -> str:
    expected = last_sequence + 1
    if last_sequence == 0:
        return f"event {expected} is missing: the log starts at event {found} (deleted?)"
    return f"event {expected} is missing: event {found} follows event {last_sequence} (deleted?)"


def _unlinked(sequence: int, last_sequence: int) -> str:
    return (
        f"event {sequence} does not follow event {last_sequence}: its previous hash does not "
        "match (events reordered, inserted or replaced?)"
    )


def _check_anchors(anchors: Mapping[int, str], *, checked: int) -> None:
    """Each anchored event is still there with the hash recorded for it."""
    stored = dict(
        AuditEvent.objects.filter(sequence__in=list(anchors)).values_list("sequence", "hash")
    )
    for sequence, expected in sorted(anchors.items()):
        if sequence not in stored:
            problem = f"anchored event {sequence} is missing (newest events removed?)"
            raise _Broken(sequence, problem, good=checked)
        if stored[sequence] != expected:
            problem = (
                f"event {sequence} does not match its anchor: the chain was rewritten from "
                "this event or before"
            )
            raise _Broken(sequence, problem, good=checked)
