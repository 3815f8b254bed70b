"""Did families get help: shares of 'yes' and of 'yes or partly', by service and by area,
hidden where few answered; the feedback's free text never reaches an indicator."""

from datetime import date

import pytest
from django.utils import translation

from perhekeskus.evaluation.indicators import Period, indicator_trend, indicators_compute
from perhekeskus.evaluation.selectors import scope_resolve
from tests.evaluation.building import MARCH, county_scope, feedback, indicator

pytestmark = pytest.mark.django_db


def _values(scope, period=MARCH):
    with translation.override("en"):
        return indicators_compute(scope=scope, period=period)


def test_share_of_families_who_got_help_and_who_got_it_at_least_partly(network):
    where = {"service": network.family_cafe, "site": network.meeting_place}
    feedback(10, got_help="yes", **where)
    feedback(5, got_help="partly", **where)
    feedback(5, got_help="no", **where)
    values = _values(county_scope(network))
    assert indicator(values, "feedback_got_help").value == 50.0
    assert indicator(values, "feedback_got_help_or_partly").value == 75.0


def test_by_service_a_service_with_few_answers_is_hidden(network):
    feedback(6, got_help="yes", service=network.family_cafe, site=network.meeting_place)
    feedback(5, got_help="no", service=network.family_cafe, site=network.meeting_place)
    feedback(4, got_help="yes", service=network.child_health_clinic, site=network.family_centre)
    value = indicator(_values(county_scope(network)), "feedback_got_help_by_service")
    with translation.override("en"):
        cafe, clinic = network.family_cafe.name, network.child_health_clinic.name
    rows = {r.label: (r.value, r.suppressed) for r in value.breakdown}
    assert rows[cafe] == (round(100 * 6 / 11, 1), False)
    assert rows[clinic] == (None, True)


def test_by_area_from_the_feedback_or_its_site(network):
    feedback(5, got_help="yes", area=network.espoo_area)
    feedback(5, got_help="no", site=network.meeting_place)
    value = indicator(_values(county_scope(network)), "feedback_got_help_by_area")
    with translation.override("en"):
        area = network.espoo_area.name
    assert [(r.label, r.value) for r in value.breakdown] == [(area, 50.0)]


def test_feedback_text_never_appears(network):
    feedback(
        6,
        got_help="no",
        service=network.family_cafe,
        site=network.meeting_place,
        text="Virtasen perheen isä huusi",
    )
    values = _values(county_scope(network))
    shown = repr(values)
    assert "Virtasen" not in shown
    assert "huusi" not in shown


def test_feedback_of_another_county_does_not_count(network):
    feedback(8, got_help="yes", service=network.vantaa_family_work, site=network.vantaa_site)
    value = indicator(_values(county_scope(network)), "feedback_got_help")
    assert value.suppressed  # nothing to show a share of


def test_an_organisation_sees_feedback_on_its_own_services(network):
    feedback(5, got_help="yes", service=network.family_cafe, site=network.meeting_place)
    feedback(5, got_help="no", service=network.child_health_clinic, site=network.family_centre)
    scope = scope_resolve(kind="organisation", key=str(network.ngo.hsds_id))
    value = indicator(_values(scope), "feedback_got_help")
    # Only the NGO's family café: five of five got help.
    assert value.value == 100.0


def test_the_trend_of_getting_help_by_month(network):
    where = {"service": network.family_cafe, "site": network.meeting_place}
    feedback(5, got_help="yes", given_on=date(2026, 2, 3), **where)
    feedback(5, got_help="no", given_on=date(2026, 2, 4), **where)
    feedback(3, got_help="yes", given_on=date(2026, 3, 4), **where)
    points = indicator_trend(
        scope=county_scope(network),
        period=Period(date(2026, 2, 1), date(2026, 3, 31)),
        code="feedback_got_help",
    )
    assert [(p.value, p.suppressed) for p in points] == [(50.0, False), (None, True)]
