"""Occurrences of a repeating activity (toistuva toiminta) between two dates.

An activity repeats by an iCalendar RRULE from its first date and start time. The rule is read in
Helsinki wall-clock time, so a café at 10:00 stays at 10:00 across the change to and from summer
time. Cancelled dates are skipped. Used by the API and the family channel's calendar.
"""

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, rrulestr
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from perhekeskus.errors import InvalidInput

logger = logging.getLogger(__name__)

HELSINKI = ZoneInfo("Europe/Helsinki")
# The longest range one request may expand: a year, leap years included.
MAX_RANGE_DAYS = 366
# Activities meet at most daily; finer rules would only be mistakes that expand to thousands.
ALLOWED_FREQUENCIES = frozenset({DAILY, WEEKLY, MONTHLY, YEARLY})
RRULE_MAX_LENGTH = 300
_UNTIL_UTC = re.compile(r"UNTIL=(\d{8}T\d{6})Z", re.IGNORECASE)


@dataclass(frozen=True)
class Occurrence:
    date: date
    starts_at: datetime
    ends_at: datetime


def _local_until(match: re.Match[str]) -> str:
    # An UNTIL in UTC (as calendars write it) becomes Helsinki wall-clock time, like DTSTART.
    moment = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    return "UNTIL=" + moment.astimezone(HELSINKI).strftime("%Y%m%dT%H%M%S")


def rrule_parse(value: str, *, dtstart: datetime) -> rrule:
    """The rule of `value` starting at the naive local `dtstart`; ValueError when not usable."""
    text = value.strip()
    if len(text) > RRULE_MAX_LENGTH or "\n" in text or "\r" in text:
        raise ValueError("an RRULE is one line of at most 300 characters")
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    if "DTSTART" in text.upper():
        raise ValueError("the first date and time come from the activity, not the rule")
    text = _UNTIL_UTC.sub(_local_until, text)
    try:
        rule = rrulestr(text, dtstart=dtstart)
    except (ValueError, TypeError, OverflowError, KeyError, IndexError) as error:
        raise ValueError(str(error)) from error
    # dateutil keeps the parsed parts private; they are stable across its releases.
    if not isinstance(rule, rrule) or getattr(rule, "_freq", None) not in ALLOWED_FREQUENCIES:
        raise ValueError("the rule must repeat daily, weekly, monthly or yearly")
    interval = getattr(rule, "_interval", 0)
    if not interval or interval < 1:
        raise ValueError("the interval must be at least 1")
    return rule


def validate_rrule(value: str) -> None:
    """Model validator for `Activity.rrule`: an empty value means a single occurrence."""
    if not value:
        return
    try:
        rrule_parse(value, dtstart=datetime(2000, 1, 1))
    except ValueError as error:
        raise ValidationError(
            _("%(value)s is not a usable recurrence rule (RRULE): %(reason)s."),
            code="invalid_rrule",
            params={"value": value[:80], "reason": str(error)},
        ) from error


def _cancelled(values: Any) -> set[date]:
    """Cancelled dates as dates; entries that are not ISO dates are ignored, not fatal."""
    found: set[date] = set()
    for value in values if isinstance(values, list | tuple | set) else ():
        try:
            found.add(value if isinstance(value, date) else date.fromisoformat(str(value)))
        except ValueError:
            continue
    return found


def occurrence_range_check(*, start: date, end: date) -> None:
    """Refuse a reversed or an over-long range with a message the caller can act on."""
    if start > end:
        raise InvalidInput(_("The start date must not be after the end date."))
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        raise InvalidInput(
            _("The date range may be at most %(days)s days long.") % {"days": MAX_RANGE_DAYS}
        )


def occurrences_between(
    *,
    starts_on: date,
    start_time: time,
    end_time: time,
    rrule_text: str,
    cancelled_dates: Iterable[Any],
    start: date,
    end: date,
) -> list[Occurrence]:
    """Occurrences from `start` to `end` inclusive, in order, without cancelled dates.

    A rule that cannot be read (old data, an import) yields only the first date instead of an
    error: the activity still shows, and the admin's validator asks for the rule to be fixed.
    """
    occurrence_range_check(start=start, end=end)
    first = datetime.combine(starts_on, start_time)
    days: list[date]
    if not rrule_text:
        days = [starts_on]
    else:
        try:
            rule = rrule_parse(rrule_text, dtstart=first)
            days = [
                moment.date()
                for moment in rule.between(
                    datetime.combine(start, time.min), datetime.combine(end, time.max), inc=True
                )
            ]
        except (ValueError, OverflowError) as error:
            logger.warning("Unusable RRULE %r: %s", rrule_text, error)
            days = [starts_on]
    skipped = _cancelled(list(cancelled_dates))
    duration = datetime.combine(starts_on, end_time) - first
    if duration <= timedelta(0):
        duration = timedelta(0)
    found = []
    for day in days:
        if not start <= day <= end or day in skipped:
            continue
        starts_at = datetime.combine(day, start_time, tzinfo=HELSINKI)
        found.append(Occurrence(day, starts_at, starts_at + duration))
    return found


def activity_occurrences(*, activity: Any, start: date, end: date) -> list[Occurrence]:
    """Occurrences of an `Activity` between two dates (inclusive)."""
    return occurrences_between(
        starts_on=activity.starts_on,
        start_time=activity.start_time,
        end_time=activity.end_time,
        rrule_text=activity.rrule,
        cancelled_dates=activity.cancelled_dates or [],
        start=start,
        end=end,
    )
