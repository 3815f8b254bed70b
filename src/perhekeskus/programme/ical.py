"""The programme as an iCalendar feed (RFC 5545) for calendar apps.

Each activity is one event with its recurrence rule (RRULE) and the dates it is not held
(EXDATE: cancelled, or its place closed), in Helsinki time with a VTIMEZONE. Calendar apps
(Google, Apple, Outlook, Thunderbird) keep such a series as one event that says "every
Tuesday", and a subscription that refreshes picks up a new cancellation as a removed
occurrence; expanding occurrences instead would give hundreds of loose events that end
silently at the window's edge.
"""

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vRecur

from perhekeskus.network.occurrences import HELSINKI, rrule_parse
from perhekeskus.programme.selectors import ActivityInfo, Series

PRODID = "-//Perhekeskus//Viikko-ohjelma//FI"
# Subscribers fetch again at least this often.
REFRESH = timedelta(hours=12)
TIMEZONE_YEARS = 10


def _recurrence(activity: ActivityInfo, first: datetime) -> vRecur | None:
    """The activity's rule for a calendar app, or None when it is a single date or a rule the
    register cannot read (then the page shows only its first date, and so does the feed).

    The register reads UNTIL in Helsinki wall-clock time; RFC 5545 wants it in UTC when the
    start has a time zone, so it is written as the same moment in UTC.
    """
    text = activity.rrule.strip()
    if not text:
        return None
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    try:
        rule = rrule_parse(text, dtstart=first.replace(tzinfo=None))
        recur = vRecur.from_ical(text)
    except (ValueError, TypeError):
        return None
    until = getattr(rule, "_until", None)
    if until is not None:
        recur["UNTIL"] = [until.replace(tzinfo=HELSINKI).astimezone(UTC)]
    return recur


def _description(activity: ActivityInfo) -> str:
    lines = [activity.description.strip()] if activity.description.strip() else []
    lines.append(_("Ages: %(ages)s") % {"ages": activity.ages_label})
    if activity.languages:
        lines.append(_("Languages: %(languages)s") % {"languages": activity.languages_label})
    lines.append(_("Free of charge") if activity.free_of_charge else _("There is a fee."))
    registration = activity.registration_label
    if activity.registration_url and activity.registration != "none":
        registration = f"{registration}: {activity.registration_url}"
    lines.append(registration[:1].upper() + registration[1:])
    for person in activity.professionals:
        text = person.role + (f" ({person.note})" if person.note else "")
        lines.append(_("Professional present: %(who)s") % {"who": text})
    lines.append(_("Organiser: %(name)s") % {"name": activity.organiser})
    return "\n".join(lines)


def _location(activity: ActivityInfo) -> str:
    place = activity.place
    return ", ".join(part for part in (place.name, place.address) if part)


def _event(series: Series, url_of: Callable[[UUID], str]) -> Event:
    activity = series.activity
    first = datetime.combine(activity.starts_on, activity.start_time, tzinfo=HELSINKI)
    duration = datetime.combine(activity.starts_on, activity.end_time) - datetime.combine(
        activity.starts_on, activity.start_time
    )
    event = Event()
    event.add("uid", str(activity.id))
    event.add("dtstamp", activity.updated_at.astimezone(UTC))
    event.add("last-modified", activity.updated_at.astimezone(UTC))
    event.add("sequence", max(activity.version - 1, 0))
    event.add("dtstart", first)
    event.add("dtend", first + max(duration, timedelta(0)))
    recurrence = _recurrence(activity, first)
    if recurrence is not None:
        event.add("rrule", recurrence)
        if series.not_held:
            event.add(
                "exdate",
                [
                    datetime.combine(day, activity.start_time, tzinfo=HELSINKI)
                    for day in series.not_held
                ],
            )
    elif series.not_held:
        event.add("status", "CANCELLED")
    event.add("summary", activity.title)
    event.add("description", _description(activity))
    event.add("location", _location(activity))
    if activity.place.latitude is not None and activity.place.longitude is not None:
        event.add("geo", (activity.place.latitude, activity.place.longitude))
    event.add("categories", [activity.kind_label])
    event.add("url", url_of(activity.place.id))
    event.add("transp", "TRANSPARENT")
    return event


def programme_ical(*, series: Iterable[Series], title: str, url_of: Callable[[UUID], str]) -> bytes:
    """The feed's bytes; `url_of` gives the page of a site (where the activity is held)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", title)
    calendar.add("x-wr-timezone", "Europe/Helsinki")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    series = list(series)
    for one in series:
        calendar.add_component(_event(one, url_of))
    # The time zone's transitions from the first event for ten years: apps know
    # Europe/Helsinki by name, and those that do not get the rules from the feed.
    first = min((one.activity.starts_on for one in series), default=date.today())
    calendar.add_missing_timezones(
        first_date=first - timedelta(days=1), last_date=date(first.year + TIMEZONE_YEARS, 1, 1)
    )
    return calendar.to_ical()
