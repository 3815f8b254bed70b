"""Reads of the audit log (lokitiedot): what a family sees of who handled its data, and what a
supervisor should look into."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import groupby
from operator import itemgetter

from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast

from perhekeskus.audit.models import AuditEvent, AuditEventQuerySet
from perhekeskus.audit.services import REVIEW_ACTION, REVIEW_TARGET_TYPE

Kind = AuditEvent.ActorKind


@dataclass(frozen=True)
class FamilyAccessEntry:
    """One line of a family's access log: when, who by role and place, what, and why. The
    actor's id is left out on purpose: families see roles, not names."""

    occurred_at: datetime
    actor_label: str
    action: str
    target_type: str
    data_category: str
    data_category_label: str
    purpose: str
    purpose_label: str
    # For a reader who shows the role and the organisation in their own language, and who
    # leaves out a record the viewer may not see (a child's data kept from guardians).
    actor_role: str = ""
    actor_organisation_id: str = ""
    target_id: str = ""
    reason: str = ""


@dataclass(frozen=True)
class AccessBurst:
    """One actor touched many families' data within a short window."""

    actor_kind: str
    actor_id: str
    actor_label: str
    families: int
    first_at: datetime
    last_at: datetime


@dataclass(frozen=True)
class UnusualAccess:
    """What a supervisor looks into: emergency access not yet reviewed, bursts over many
    families, and denied attempts (access outside a care relationship)."""

    unreviewed_break_glass: list[AuditEvent]
    bursts: list[AccessBurst]
    denied: list[AuditEvent]


def audit_family_access_log(*, family_id: str, limit: int = 500) -> list[FamilyAccessEntry]:
    """A family's own access log (lokitiedot perheen tiedoista): allowed reads and writes of its
    data by others (professionals, the system), newest first."""
    if not family_id:
        raise ValueError("family_id is required: a blank id would match events of no family")
    rows = (
        AuditEvent.objects.filter(family_id=family_id, outcome=AuditEvent.Outcome.ALLOWED)
        .exclude(actor_kind=Kind.FAMILY_MEMBER)
        .order_by("-sequence")
        .values_list(
            "occurred_at",
            "actor_label",
            "action",
            "target_type",
            "data_category",
            "purpose",
            "actor_role",
            "actor_organisation_id",
            "target_id",
            "reason",
        )[:limit]
    )
    categories = dict(AuditEvent.DataCategory.choices)
    purposes = dict(AuditEvent.Purpose.choices)
    return [
        FamilyAccessEntry(
            occurred_at=occurred_at,
            actor_label=label,
            action=action,
            target_type=target_type,
            data_category=category,
            data_category_label=str(categories.get(category, category)),
            purpose=purpose,
            purpose_label=str(purposes.get(purpose, purpose)),
            actor_role=role,
            actor_organisation_id=organisation_id,
            target_id=target_id,
            reason=reason,
        )
        for (
            occurred_at,
            label,
            action,
            target_type,
            category,
            purpose,
            role,
            organisation_id,
            target_id,
            reason,
        ) in rows
    ]


def audit_unusual_access(
    *,
    since: datetime,
    many_families_threshold: int = 20,
    window_minutes: int = 10,
    limit: int = 500,
    organisation_id: str | None = None,
) -> UnusualAccess:
    """For a supervisor: every emergency access not yet reviewed (however old), and since
    `since` the actors who touched more than `many_families_threshold` families within
    `window_minutes`, and the denied attempts, newest first. With `organisation_id`, only the
    events of actors acting for that organisation (a supervisor sees their own)."""
    denied = AuditEvent.objects.filter(outcome=AuditEvent.Outcome.DENIED, occurred_at__gte=since)
    return UnusualAccess(
        unreviewed_break_glass=list(
            _unreviewed_break_glass(organisation_id=organisation_id)[:limit]
        ),
        bursts=_bursts(
            since=since,
            threshold=many_families_threshold,
            window=timedelta(minutes=window_minutes),
            organisation_id=organisation_id,
        ),
        denied=list(_of_organisation(denied, organisation_id).order_by("-sequence")[:limit]),
    )


def _of_organisation(events: AuditEventQuerySet, organisation_id: str | None) -> AuditEventQuerySet:
    """The events of actors acting for the organisation; all of them when it is None."""
    if organisation_id is None:
        return events
    return events.filter(actor_organisation_id=organisation_id)


def _unreviewed_break_glass(*, organisation_id: str | None = None) -> AuditEventQuerySet:
    reviews = AuditEvent.objects.filter(
        action=REVIEW_ACTION,
        target_type=REVIEW_TARGET_TYPE,
        target_id=Cast(OuterRef("sequence"), output_field=CharField()),
    )
    flagged = AuditEvent.objects.filter(flagged_for_review=True)
    return _of_organisation(flagged, organisation_id).exclude(Exists(reviews)).order_by("sequence")


def _bursts(
    *, since: datetime, threshold: int, window: timedelta, organisation_id: str | None = None
) -> list[AccessBurst]:
    """Per actor, the window of at most `window` in which they touched the most distinct
    families, when that is more than `threshold`. The system's jobs and reviews of the log
    itself are not counted."""
    rows = (
        _of_organisation(AuditEvent.objects.filter(occurred_at__gte=since), organisation_id)
        .exclude(family_id="")
        .exclude(actor_kind__in=[Kind.SYSTEM, Kind.ANONYMOUS])
        .exclude(action=REVIEW_ACTION)
        .order_by("actor_kind", "actor_id", "occurred_at", "sequence")
        .values_list("actor_kind", "actor_id", "actor_label", "occurred_at", "family_id")
    )
    bursts = []
    for _actor, actor_rows in groupby(rows.iterator(chunk_size=5000), key=itemgetter(0, 1)):
        burst = _peak_window(list(actor_rows), threshold=threshold, window=window)
        if burst is not None:
            bursts.append(burst)
    return sorted(bursts, key=lambda burst: (-burst.families, burst.first_at))


def _peak_window(
    rows: list[tuple[str, str, str, datetime, str]], *, threshold: int, window: timedelta
) -> AccessBurst | None:
    """Two pointers over one actor's events in time order, counting families in the window."""
    families: Counter[str] = Counter()
    best, best_span = 0, (0, 0)
    start = 0
    for end, (_, _, _, at, family) in enumerate(rows):
        families[family] += 1
        while at - rows[start][3] > window:
            leaving = rows[start][4]
            families[leaving] -= 1
            if not families[leaving]:
                del families[leaving]
            start += 1
        if len(families) > best:
            best, best_span = len(families), (start, end)
    if best <= threshold:
        return None
    first, last = rows[best_span[0]], rows[best_span[1]]
    return AccessBurst(
        actor_kind=first[0],
        actor_id=first[1],
        actor_label=last[2],
        families=best,
        first_at=first[3],
        last_at=last[3],
    )
