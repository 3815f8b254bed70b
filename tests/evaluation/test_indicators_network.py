"""The network's indicators: services and meeting places per 1 000 children, verification,
languages and channels, the meeting places' activities and the professionals visiting them.
Figures about organisations: never suppressed, however small."""

from datetime import date, time, timedelta

import pytest
from django.db.models import Sum
from django.utils import translation

from perhekeskus.evaluation.indicators import (
    CHILDREN_YEAR,
    Period,
    indicator_trend,
    indicators_compute,
)
from perhekeskus.evaluation.selectors import scope_resolve
from perhekeskus.network.models import Activity, PostalArea, Service
from tests.evaluation.building import MARCH, indicator

pytestmark = pytest.mark.django_db


def _espoo(network):
    return scope_resolve(kind="municipality", key=network.espoo.code)


def _values(scope, period=MARCH):
    with translation.override("en"):
        return indicators_compute(scope=scope, period=period)


def test_services_per_thousand_children_count_published_services_of_the_municipality(network):
    children = PostalArea.objects.filter(municipality=network.espoo).aggregate(n=Sum("children"))[
        "n"
    ]
    value = indicator(_values(_espoo(network)), "services_per_1000_children")
    # The child health clinic and the family café; the draft service is not offered yet.
    assert value.value == round(2 * 1000 / children, 2)
    assert not value.suppressed
    assert str(CHILDREN_YEAR) in value.definition


def test_meeting_places_per_thousand_children(network):
    children = PostalArea.objects.filter(municipality=network.espoo).aggregate(n=Sum("children"))[
        "n"
    ]
    value = indicator(_values(_espoo(network)), "meeting_places_per_1000_children")
    assert value.value == round(1000 / children, 2)


def test_an_organisation_has_no_children_of_its_own(network):
    scope = scope_resolve(kind="organisation", key=str(network.ngo.hsds_id))
    value = indicator(_values(scope), "services_per_1000_children")
    assert value.applicable is False
    assert value.value is None


def test_share_of_services_verified_in_the_twelve_months_before_the_period_ends(network):
    Service.objects.filter(pk=network.child_health_clinic.pk).update(
        last_verified_at=MARCH.end - timedelta(days=100)
    )
    Service.objects.filter(pk=network.family_cafe.pk).update(
        last_verified_at=MARCH.end - timedelta(days=400)
    )
    assert indicator(_values(_espoo(network)), "services_verified").value == 50.0


def test_services_by_language_and_channel_count_each_service_in_each(network):
    Service.objects.filter(pk=network.child_health_clinic.pk).update(
        languages=["fi", "sv"], channels=["in_person", "phone"]
    )
    Service.objects.filter(pk=network.family_cafe.pk).update(
        languages=["fi"], channels=["in_person"]
    )
    values = _values(_espoo(network))
    languages = indicator(values, "services_by_language")
    assert languages.value == 2
    assert {(r.label, r.value) for r in languages.breakdown} == {("Finnish", 2), ("Swedish", 1)}
    channels = {r.label: r.value for r in indicator(values, "services_by_channel").breakdown}
    assert channels["in person"] == 2
    assert channels["phone"] == 1
    assert channels["chat"] == 0


def test_meeting_place_activities_per_week_come_from_their_repeat_rules(network):
    # The baby café meets on Tuesdays: five in March 2026, 31 days make 4.43 weeks.
    value = indicator(_values(_espoo(network)), "meeting_place_activities_per_week")
    assert value.value == round(5 / (31 / 7), 1)
    assert [(r.label, r.value) for r in value.breakdown] == [
        ("family café", round(5 / (31 / 7), 1))
    ]


def test_cancelled_dates_do_not_count(network):
    Activity.objects.filter(pk=network.cafe_activity.pk).update(
        cancelled_dates=["2026-03-10", "2026-03-17"]
    )
    value = indicator(_values(_espoo(network)), "meeting_place_activities_per_week")
    assert value.value == round(3 / (31 / 7), 1)


def test_where_professionals_visit_the_meeting_places(network):
    Activity.objects.create(
        site=network.meeting_place,
        organiser=network.ngo,
        kind=Activity.Kind.FAMILY_CLUB,
        starts_on=date(2026, 1, 8),
        start_time=time(9),
        end_time=time(11),
        rrule="FREQ=WEEKLY;BYDAY=TH",
        title="Perhekerho",
    )
    value = indicator(_values(_espoo(network)), "activities_with_professionals")
    # Two activities met in March; a nurse of the child health clinic visits one of them.
    assert value.value == 50.0
    assert [(r.label, r.value) for r in value.breakdown] == [
        (network.child_health_clinic.name_en, 1)
    ]


def test_network_figures_are_not_suppressed_however_small(network):
    values = _values(_espoo(network))
    assert indicator(values, "services_by_language").value == 2
    assert all(not v.suppressed for v in values if v.group == "network")


def test_an_area_counts_the_sites_in_it(network):
    area = scope_resolve(kind="area", key=str(network.espoo_area.hsds_id))
    # The Vantaa family centre is in another county and area.
    assert indicator(_values(area), "services_by_language").value == 2


def test_meeting_place_activity_trend_is_monthly(network):
    points = indicator_trend(
        scope=_espoo(network),
        period=Period(date(2026, 1, 1), date(2026, 3, 31)),
        code="meeting_place_activities_per_week",
    )
    assert [p.month for p in points] == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    # January: Tuesdays from the 6th (4); February: 4; March: 5.
    assert [p.value for p in points] == [
        round(4 / (31 / 7), 1),
        round(4 / 4, 1),
        round(5 / (31 / 7), 1),
    ]
