"""When an activity is not held: cancelled by its organiser, or its place closed that day."""

from datetime import date, time

import pytest

from perhekeskus.network.models import OpeningHoursException, ServiceAtSite
from perhekeskus.programme.occurrences import activity_dates_not_held, activity_occurrences_held
from perhekeskus.programme.selectors import (
    CalendarFilters,
    period_containing,
    programme_calendar,
    programme_scope_site,
)
from tests.programme.conftest import CANCELLED_TUESDAY, CLOSED_TUESDAY

pytestmark = pytest.mark.django_db


def test_a_closed_service_at_the_site_cancels_its_activity(programme):
    cafe = programme.cafe
    link = ServiceAtSite.objects.get(service=cafe.service, site=cafe.site)
    OpeningHoursException.objects.create(
        service_at_site=link, date=date(2026, 11, 17), closed=True, reason="koulutuspäivä"
    )
    closures = {date(2026, 11, 17): "koulutuspäivä"}

    found = activity_occurrences_held(
        activity=cafe, start=date(2026, 11, 16), end=date(2026, 11, 22), closed_on=closures
    )

    assert found.held == ()
    assert [(c.date, c.closed, c.reason) for c in found.cancelled] == [
        (date(2026, 11, 17), True, "koulutuspäivä")
    ]


def test_a_shorter_day_does_not_cancel_the_activity(programme):
    OpeningHoursException.objects.create(
        site=programme.cafe.site, date=date(2026, 11, 24), closed=False, opens=time(9),
        closes=time(12),
    )  # fmt: skip

    period = period_containing(view="week", day=date(2026, 11, 24), today=date(2026, 11, 24))
    calendar = programme_calendar(
        scope=programme_scope_site(site_id=programme.cafe.site.hsds_id),
        period=period,
        filters=CalendarFilters(),
    )

    tuesday = next(day for day in calendar.days if day.date == date(2026, 11, 24))
    assert [entry.activity.title for entry in tuesday.held] == ["Vauvakahvila"]


def test_dates_not_held_are_those_on_the_rule(programme):
    cafe = programme.cafe
    cafe.cancelled_dates = [CANCELLED_TUESDAY.isoformat(), "2026-12-30", "not a date"]

    not_held = activity_dates_not_held(
        activity=cafe, closed_on={CLOSED_TUESDAY: "remontti", date(2027, 3, 3): "x"}
    )

    # 30 December and 3 March are Wednesdays: the café does not meet then anyway.
    assert not_held == [CLOSED_TUESDAY, CANCELLED_TUESDAY]
