"""A family adds a meeting place's programme to its own calendar app (iCalendar)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rruleset, rrulestr
from icalendar import Calendar

from perhekeskus.programme.selectors import helsinki_today
from tests.programme.conftest import CANCELLED_TUESDAY, CLOSED_TUESDAY, Programme

pytestmark = pytest.mark.django_db

HELSINKI = ZoneInfo("Europe/Helsinki")


def feed(client, url: str, **params) -> Calendar:
    response = client.get(url, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.ics"')
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def dates_held(event, start: date, end: date) -> list[date]:
    """What a calendar app shows: the rule from the start, without the excluded dates."""
    rules = rruleset()
    first = event.decoded("DTSTART")
    rules.rrule(rrulestr(event["RRULE"].to_ical().decode(), dtstart=first))
    for excluded in (
        event.get("EXDATE", []) if isinstance(event.get("EXDATE"), list) else [event["EXDATE"]]
    ):
        for moment in excluded.dts:
            rules.exdate(moment.dt)
    window = (
        datetime.combine(start, time.min, HELSINKI),
        datetime.combine(end, time.max, HELSINKI),
    )
    return [moment.date() for moment in rules.between(*window, inc=True)]


def test_the_meeting_place_feed_holds_the_weekly_cafe_with_its_cancellation(client, programme):
    site = programme.network.meeting_place
    calendar = feed(client, f"/fi/sites/{site.hsds_id}/calendar.ics")

    assert calendar["X-WR-CALNAME"] == "Perhekahvila Kupla: viikko-ohjelma"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    cafe = events(calendar)[str(programme.cafe.hsds_id)]
    assert cafe["SUMMARY"] == "Vauvakahvila"
    assert cafe.decoded("DTSTART") == datetime(2026, 1, 6, 10, tzinfo=HELSINKI)
    assert cafe["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert cafe.decoded("DTEND") == datetime(2026, 1, 6, 12, tzinfo=HELSINKI)
    assert cafe["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=TU"
    december = dates_held(cafe, date(2026, 12, 1), date(2026, 12, 31))
    assert december == [date(2026, 12, 1), date(2026, 12, 15), date(2026, 12, 22)]
    assert CANCELLED_TUESDAY not in december
    assert CLOSED_TUESDAY not in december
    description = str(cafe["DESCRIPTION"])
    assert (
        "Paikalla ammattilainen: terveydenhoitaja lastenneuvolasta (kuun ensimmäinen tiistai)"
        in (description)
    )
    assert "Ikä: 0–6 v" in description
    assert str(cafe["LOCATION"]).startswith("Perhekahvila Kupla")


def test_summer_time_keeps_the_cafe_at_ten(client, programme):
    site = programme.network.meeting_place
    cafe = events(feed(client, f"/fi/sites/{site.hsds_id}/calendar.ics"))[
        str(programme.cafe.hsds_id)
    ]

    june = dates_held(cafe, date(2026, 6, 1), date(2026, 6, 30))
    assert june == [date(2026, 6, day) for day in (2, 9, 16, 23, 30)]
    assert b"DTSTART;TZID=Europe/Helsinki:20260106T100000" in cafe.to_ical()


def test_the_feed_is_in_swedish_under_sv(client, programme):
    site = programme.network.meeting_place
    calendar = feed(client, f"/sv/sites/{site.hsds_id}/calendar.ics")

    cafe = events(calendar)[str(programme.cafe.hsds_id)]
    assert calendar["X-WR-CALNAME"] == "Familjecafé Bubblan: veckoprogram"
    assert cafe["SUMMARY"] == "Babycafé"
    assert "hälsovårdare från barnrådgivningen" in str(cafe["DESCRIPTION"])


def test_area_and_municipality_feeds_hold_their_own_activities_with_the_filters(client, programme):
    area = programme.network.espoo_area
    everything = events(feed(client, f"/fi/areas/{area.hsds_id}/calendar.ics"))
    in_swedish = events(feed(client, f"/fi/areas/{area.hsds_id}/calendar.ics", language="sv"))
    expecting = events(feed(client, f"/fi/areas/{area.hsds_id}/calendar.ics", age_months=-3))
    vantaa = events(feed(client, "/fi/municipalities/092/calendar.ics"))

    ids = {name: str(a.hsds_id) for name, a in vars(programme).items() if hasattr(a, "hsds_id")}
    assert set(everything) == {ids["cafe"], ids["playgroup"], ids["pregnancy_group"]}
    assert set(in_swedish) == {ids["cafe"], ids["playgroup"]}
    assert set(expecting) == {ids["pregnancy_group"]}
    assert set(vantaa) == {ids["vantaa_club"]}
    assert ids["draft"] not in everything


def test_uids_are_stable_between_downloads(client, programme):
    url = f"/fi/sites/{programme.network.meeting_place.hsds_id}/calendar.ics"

    assert client.get(url).content == client.get(url).content


def test_a_bad_filter_gets_a_plain_400_with_the_reason(client, programme):
    url = f"/fi/sites/{programme.network.meeting_place.hsds_id}/calendar.ics"
    response = client.get(url, {"age_months": "vauva"})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Lapsen ikä: Valitse lapsen ikä luettelosta." in response.content.decode()


def test_a_single_event_that_is_cancelled_is_marked_cancelled(client, programme: Programme):
    cafe = programme.cafe
    cafe.rrule = ""
    cafe.starts_on = helsinki_today() + timedelta(days=14)
    cafe.cancelled_dates = [cafe.starts_on.isoformat()]
    cafe.save()
    calendar = feed(client, f"/fi/sites/{programme.network.meeting_place.hsds_id}/calendar.ics")

    event = events(calendar)[str(cafe.hsds_id)]
    assert event["STATUS"] == "CANCELLED"
    assert "RRULE" not in event


def test_an_end_date_in_helsinki_time_is_written_in_utc(client, programme):
    cafe = programme.cafe
    cafe.rrule = "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T235959"
    cafe.save()
    calendar = feed(client, f"/fi/sites/{programme.network.meeting_place.hsds_id}/calendar.ics")

    event = events(calendar)[str(cafe.hsds_id)]
    # RFC 5545: with a time zone on DTSTART, UNTIL is in UTC; 23:59:59 in summer is 20:59:59Z.
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20270630T205959Z;BYDAY=TU"
