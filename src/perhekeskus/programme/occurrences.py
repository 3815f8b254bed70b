"""Occurrences of an activity as a family meets them: the network's expansion of the rule
(`perhekeskus.network.occurrences`), told apart into those that take place and those that do not.

An occurrence does not take place when the organiser cancelled it (`Activity.cancelled_dates`)
or when its place is closed for the whole day: an `OpeningHoursException` with `closed=True`
for the site, or for the activity's own service at that site (a holiday, a renovation). An
activity cannot meet behind closed doors, and organisers rarely remember to cancel each holiday
by hand; a closure with other hours (a shorter day) leaves the activity as it is.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from perhekeskus.network.occurrences import MAX_RANGE_DAYS, Occurrence, occurrences_between


@dataclass(frozen=True)
class Cancellation:
    """An occurrence that does not take place; `reason` is the closure's reason, if any."""

    date: date
    starts_at: datetime
    ends_at: datetime
    closed: bool
    reason: str


@dataclass(frozen=True)
class Occurrences:
    held: tuple[Occurrence, ...]
    cancelled: tuple[Cancellation, ...]


def _scheduled(activity: Any, *, start: date, end: date) -> list[Occurrence]:
    """The rule's occurrences, cancellations aside: this module tells those apart itself."""
    return occurrences_between(
        starts_on=activity.starts_on,
        start_time=activity.start_time,
        end_time=activity.end_time,
        rrule_text=activity.rrule,
        cancelled_dates=[],
        start=start,
        end=end,
    )


def cancelled_dates(values: Any) -> set[date]:
    """`Activity.cancelled_dates` as dates; entries that are not ISO dates are ignored, as the
    network's expansion ignores them."""
    found: set[date] = set()
    for value in values if isinstance(values, list | tuple | set) else ():
        try:
            found.add(value if isinstance(value, date) else date.fromisoformat(str(value)))
        except ValueError:
            continue
    return found


def activity_occurrences_held(
    *, activity: Any, start: date, end: date, closed_on: Mapping[date, str]
) -> Occurrences:
    """Occurrences from `start` to `end` inclusive, held and cancelled, in order.

    `closed_on` maps the dates the activity's place is closed to the closure's reason.
    """
    cancelled_on = cancelled_dates(activity.cancelled_dates)
    held: list[Occurrence] = []
    cancelled: list[Cancellation] = []
    for occurrence in _scheduled(activity, start=start, end=end):
        closed = occurrence.date in closed_on
        if not closed and occurrence.date not in cancelled_on:
            held.append(occurrence)
            continue
        cancelled.append(
            Cancellation(
                date=occurrence.date,
                starts_at=occurrence.starts_at,
                ends_at=occurrence.ends_at,
                closed=closed,
                reason=closed_on.get(occurrence.date, ""),
            )
        )
    return Occurrences(tuple(held), tuple(cancelled))


def activity_meets_between(*, activity: Any, start: date, end: date) -> bool:
    """Whether the activity's rule (cancellations aside) has an occurrence in the range."""
    return bool(_scheduled(activity, start=start, end=end))


def activity_dates_not_held(*, activity: Any, closed_on: Mapping[date, str]) -> list[date]:
    """Every date on the activity's rule that is cancelled or closed, for a calendar's EXDATE.

    Entries of `cancelled_dates` that are not ISO dates, or not on the rule, are left out, as
    the expansion leaves them out.
    """
    candidates = set(closed_on) | cancelled_dates(activity.cancelled_dates)
    wanted = sorted(day for day in candidates if day >= activity.starts_on)
    found: list[date] = []
    # One expansion per year of candidates rather than one per candidate.
    while wanted:
        first = wanted[0]
        last = first + timedelta(days=MAX_RANGE_DAYS - 1)
        window = [day for day in wanted if day <= last]
        scheduled = {o.date for o in _scheduled(activity, start=first, end=window[-1])}
        found += [day for day in window if day in scheduled]
        wanted = wanted[len(window) :]
    return found
