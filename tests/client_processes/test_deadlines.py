"""Due dates of client processes: the Social Welfare Act's for a service-need assessment, and an
area's own from the settings."""

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured

from perhekeskus.processes.deadlines import due_dates
from perhekeskus.processes.models import Kind


def test_an_assessment_arising_before_christmas_starts_after_the_holidays():
    # Monday 21 December 2026. Working days after it: Tue 22 (1), Wed 23 (2); Christmas Eve,
    # Christmas Day, Boxing Day and the weekend are not; Mon 28 (3), Tue 29 (4), Wed 30 (5),
    # Thu 31 (6); New Year's Day and the weekend are not; Mon 4 January 2027 (7).
    due_start, due_complete = due_dates(
        kind=Kind.SERVICE_NEED_ASSESSMENT, arose_on=date(2026, 12, 21)
    )
    assert due_start == date(2027, 1, 4)
    # Three calendar months.
    assert due_complete == date(2027, 3, 21)


def test_three_months_end_on_the_last_day_of_a_shorter_month():
    _, due_complete = due_dates(kind=Kind.SERVICE_NEED_ASSESSMENT, arose_on=date(2026, 11, 30))
    assert due_complete == date(2027, 2, 28)


@pytest.mark.parametrize("kind", [k for k in Kind.values if k != Kind.SERVICE_NEED_ASSESSMENT])
def test_other_processes_have_no_deadline_unless_the_area_sets_one(kind):
    assert due_dates(kind=kind, arose_on=date(2026, 12, 21)) == (None, None)


def test_the_areas_own_deadlines_replace_the_defaults(settings):
    settings.PERHEKESKUS_PROCESS_DEADLINES = {
        "service_need_assessment": {"start_working_days": 3, "complete_days": 30},
        "early_support": {"start_working_days": 5},
    }
    # Tue 22, Wed 23, then Mon 28 December.
    assert due_dates(kind=Kind.SERVICE_NEED_ASSESSMENT, arose_on=date(2026, 12, 21)) == (
        date(2026, 12, 28),
        date(2027, 1, 20),
    )
    # 22, 23, 28, 29, 30 December.
    assert due_dates(kind=Kind.EARLY_SUPPORT, arose_on=date(2026, 12, 21)) == (
        date(2026, 12, 30),
        None,
    )
    assert due_dates(kind=Kind.INTAKE, arose_on=date(2026, 12, 21)) == (None, None)


@pytest.mark.parametrize(
    "setting",
    [
        {"service_need_assessment": {"start_days": 7}},
        {"service_need_assessment": {"start_working_days": -1}},
        {"service_need_assessment": {"start_working_days": "7"}},
        {"service_need_assessment": {"complete_days": 90, "complete_months": 3}},
        {"assessment": {"start_working_days": 7}},
    ],
)
def test_a_deadline_setting_that_cannot_be_read_stops_the_operator(settings, setting):
    settings.PERHEKESKUS_PROCESS_DEADLINES = setting
    with pytest.raises(ImproperlyConfigured):
        due_dates(kind=Kind.SERVICE_NEED_ASSESSMENT, arose_on=date(2026, 12, 21))
