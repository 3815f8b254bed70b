"""How the programme shows dates and times to people, in their language. Ages and languages are
the register's: `perhekeskus.network.labels`."""

from datetime import date, datetime, time

from django.utils import dateformat
from django.utils.translation import pgettext


def day_heading(day: date) -> str:
    """ "Tuesday 6 January" in the active language's own way (fi: "tiistai 6. tammikuuta")."""
    return dateformat.format(day, pgettext("date format of a day heading", "l j F"))


def short_date(day: date) -> str:
    """ "6 Jan" (fi and sv: "6.1.") for lists of dates."""
    return dateformat.format(day, pgettext("date format of a short date", "j M"))


def full_date(day: date | datetime) -> str:
    return dateformat.format(day, pgettext("date format of a full date", "j F Y"))


def clock(moment: time | datetime) -> str:
    """A time of day, 24-hour: "10:00" (fi: "10.00")."""
    return dateformat.time_format(moment, pgettext("time format of a time of day", "H:i"))


def weekday_name(weekday: int) -> str:
    """Monday is 0, as in Python and OpeningHours."""
    return dateformat.format(date(2024, 1, 1 + weekday), "l")


def weekday_abbr(weekday: int) -> str:
    return dateformat.format(date(2024, 1, 1 + weekday), "D")
