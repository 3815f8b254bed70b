"""Working days (arkipäivät) for response deadlines: Monday to Friday, not public holidays."""

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.Finland(years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(moment: datetime, days: int) -> datetime:
    """The same local time `days` working days after `moment` (a Friday's request with 2 days is
    due on Tuesday; one sent on Christmas Eve waits for the holidays to pass)."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    day = local.date()
    left = days
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return local.replace(year=day.year, month=day.month, day=day.day)


def working_days_between(start: datetime, end: datetime) -> int:
    """Whole working days after `start`'s day up to and including `end`'s day."""
    first = timezone.localtime(start).date() if timezone.is_aware(start) else start.date()
    last = timezone.localtime(end).date() if timezone.is_aware(end) else end.date()
    count = 0
    day = first
    while day < last:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
