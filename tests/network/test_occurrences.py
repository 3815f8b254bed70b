"""Occurrences of repeating activities between two dates."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from perhekeskus.errors import InvalidInput
from perhekeskus.network.occurrences import (
    activity_occurrences,
    occurrences_between,
    validate_rrule,
)

HELSINKI = ZoneInfo("Europe/Helsinki")


def _weekly_tuesday_cafe(**changes):
    fields = {
        "starts_on": date(2026, 1, 6),
        "start_time": time(10),
        "end_time": time(12),
        "rrule_text": "FREQ=WEEKLY;BYDAY=TU",
        "cancelled_dates": [],
    }
    fields.update(changes)
    return fields


def test_a_weekly_cafe_meets_every_tuesday_of_the_month():
    found = occurrences_between(
        **_weekly_tuesday_cafe(), start=date(2026, 2, 1), end=date(2026, 2, 28)
    )
    assert [o.date for o in found] == [
        date(2026, 2, 3),
        date(2026, 2, 10),
        date(2026, 2, 17),
        date(2026, 2, 24),
    ]
    assert found[0].starts_at == datetime(2026, 2, 3, 10, tzinfo=HELSINKI)
    assert found[0].ends_at == datetime(2026, 2, 3, 12, tzinfo=HELSINKI)


def test_a_cancelled_tuesday_is_skipped():
    found = occurrences_between(
        **_weekly_tuesday_cafe(cancelled_dates=["2026-02-10", "not a date"]),
        start=date(2026, 2, 1),
        end=date(2026, 2, 28),
    )
    assert date(2026, 2, 10) not in [o.date for o in found]
    assert len(found) == 3


def test_the_cafe_stays_at_ten_oclock_across_the_change_to_summer_time():
    found = occurrences_between(
        **_weekly_tuesday_cafe(), start=date(2026, 3, 24), end=date(2026, 3, 31)
    )
    before, after = found
    assert before.starts_at.isoformat() == "2026-03-24T10:00:00+02:00"
    assert after.starts_at.isoformat() == "2026-03-31T10:00:00+03:00"


def test_nothing_before_the_first_date_and_nothing_after_until():
    found = occurrences_between(
        **_weekly_tuesday_cafe(rrule_text="FREQ=WEEKLY;BYDAY=TU;UNTIL=20260120T220000Z"),
        start=date(2025, 12, 1),
        end=date(2026, 3, 1),
    )
    assert [o.date for o in found] == [date(2026, 1, 6), date(2026, 1, 13), date(2026, 1, 20)]


def test_a_single_event_occurs_once_when_inside_the_range():
    single = _weekly_tuesday_cafe(rrule_text="")
    assert len(occurrences_between(**single, start=date(2026, 1, 1), end=date(2026, 1, 31))) == 1
    assert occurrences_between(**single, start=date(2026, 2, 1), end=date(2026, 2, 28)) == []


def test_an_unreadable_rule_in_old_data_shows_only_the_first_date_instead_of_failing():
    found = occurrences_between(
        **_weekly_tuesday_cafe(rrule_text="FREQ=SOMETIMES"),
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
    )
    assert [o.date for o in found] == [date(2026, 1, 6)]


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(2026, 2, 1), date(2026, 1, 1)), (date(2026, 1, 1), date(2027, 1, 2))],
)
def test_a_reversed_or_too_long_range_is_refused(start, end):
    with pytest.raises(InvalidInput):
        occurrences_between(**_weekly_tuesday_cafe(), start=start, end=end)


@pytest.mark.parametrize(
    "rule", ["FREQ=WEEKLY;BYDAY=TU", "RRULE:FREQ=MONTHLY;BYDAY=1TU", "FREQ=DAILY;COUNT=5", ""]
)
def test_usable_rules_pass_the_validator(rule):
    validate_rrule(rule)


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SOMETIMES",
        "every tuesday",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=MINUTELY",
        "FREQ=WEEKLY;INTERVAL=0",
        "DTSTART:20260101T100000\nRRULE:FREQ=DAILY",
        "FREQ=WEEKLY;BYDAY=TU\nEXDATE:20260106",
    ],
)
def test_the_validator_explains_an_unusable_rule(rule):
    with pytest.raises(ValidationError) as raised:
        validate_rrule(rule)
    assert raised.value.code == "invalid_rrule"


def test_the_network_baby_cafe_skips_the_cancelled_date_at_new_year(network):
    found = activity_occurrences(
        activity=network.cafe_activity, start=date(2026, 12, 1), end=date(2026, 12, 31)
    )
    assert [o.date.day for o in found] == [1, 8, 15, 22]
