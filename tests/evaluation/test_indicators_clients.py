"""Client processes and referrals as indicators: counted by kind and route, rates and medians,
small counts suppressed, free texts never shown; live and materialised figures agree."""

from datetime import date, timedelta

import pytest
from django.utils import translation

from perhekeskus.evaluation import materialised
from perhekeskus.evaluation.indicators import Period, indicator_trend, indicators_compute
from perhekeskus.evaluation.models import MonthlyFigureRefresh, MonthlyFigureRow
from perhekeskus.evaluation.selectors import scope_resolve
from perhekeskus.processes.models import ClientProcess
from perhekeskus.referrals.models import DeclineReason, Referral
from tests.evaluation.building import (
    MARCH,
    at,
    county_scope,
    families,
    indicator,
    process,
    processes,
    referral,
    referrals,
    worker,
)

pytestmark = pytest.mark.django_db
Kind = ClientProcess.Kind
S = Referral.Status


def _values(scope, period=MARCH):
    with translation.override("en"):
        return indicators_compute(scope=scope, period=period)


def _en(label) -> str:
    with translation.override("en"):
        return str(label)


def _cells(value):
    return {row.label: row.value for row in value.breakdown}


def test_processes_by_kind_hide_a_small_kind_and_the_next_smallest(network):
    processes(network.county_org, 6, kind=Kind.INTAKE)
    processes(network.county_org, 7, kind=Kind.OCCASIONAL_SUPPORT)
    processes(network.county_org, 3, kind=Kind.FAMILY_CENTRE_TEAM)
    value = indicator(_values(county_scope(network)), "processes_by_kind")
    cells = _cells(value)
    assert value.value == 16
    assert cells[_en(Kind.FAMILY_CENTRE_TEAM.label)] is None
    # Else 16 − 6 − 7 would give the three away.
    assert cells[_en(Kind.INTAKE.label)] is None
    assert cells[_en(Kind.OCCASIONAL_SUPPORT.label)] == 7
    assert cells[_en(Kind.MANY_SERVICES.label)] == 0


def test_processes_outside_the_period_or_the_scope_do_not_count(network):
    processes(network.county_org, 5, arose_on=date(2026, 2, 28))
    processes(network.vantaa_org, 5)
    assert indicator(_values(county_scope(network)), "processes_by_kind").value == 0


def test_families_in_the_many_services_process_with_an_own_worker(network):
    own = worker(network.county_org, network.espoo)
    processes(network.county_org, 5, kind=Kind.MANY_SERVICES, own_worker=own)
    processes(network.county_org, 5, kind=Kind.MANY_SERVICES)
    value = indicator(_values(county_scope(network)), "many_services_own_worker")
    assert value.value == 50.0


def test_four_of_five_with_an_own_worker_is_not_shown(network):
    own = worker(network.county_org, network.espoo)
    processes(network.county_org, 4, kind=Kind.MANY_SERVICES, own_worker=own)
    processes(network.county_org, 1, kind=Kind.MANY_SERVICES)
    value = indicator(_values(county_scope(network)), "many_services_own_worker")
    assert value.suppressed and value.value is None


def test_assessments_started_and_completed_within_their_deadlines(network):
    due = date(2026, 3, 20)
    for started in [date(2026, 3, 18)] * 5 + [date(2026, 3, 25)] * 5:
        (family,) = families(1)
        process(
            family,
            network.county_org,
            kind=Kind.SERVICE_NEED_ASSESSMENT,
            arose_on=date(2026, 3, 2),
            status=ClientProcess.Status.ACTIVE,
            started_on=started,
            due_start=due,
        )
    for closed in [date(2026, 3, 10)] * 6 + [date(2026, 4, 20)] * 5:
        (family,) = families(1)
        process(
            family,
            network.county_org,
            kind=Kind.SERVICE_NEED_ASSESSMENT,
            arose_on=date(2025, 12, 1),
            status=ClientProcess.Status.CLOSED,
            started_on=date(2025, 12, 5),
            closed_at=at(closed),
            outcome=ClientProcess.Outcome.GOALS_MET,
            due_complete=date(2026, 3, 15),
        )
    values = _values(county_scope(network))
    assert indicator(values, "assessments_started_in_time").value == 50.0
    assert indicator(values, "assessments_completed_in_time").value == round(100 * 6 / 11, 1)


def test_referrals_by_route_between_sectors_with_complementary_suppression(network):
    county_worker = worker(network.county_org, network.espoo)
    ngo_worker = worker(network.ngo, network.espoo)
    referrals(7, sender=county_worker, to=network.ngo)
    referrals(5, sender=county_worker, to=network.vantaa_org)
    referrals(2, sender=ngo_worker, to=network.county_org)
    value = indicator(_values(county_scope(network)), "referrals_by_route")
    assert value.value == 14
    cells = _cells(value)
    assert cells["wellbeing services county → NGO"] == 7
    assert cells["NGO → wellbeing services county"] is None
    assert cells["wellbeing services county → wellbeing services county"] is None


def test_acceptance_rate_counts_decided_referrals_only(network):
    sender = worker(network.county_org, network.espoo)
    referrals(5, sender=sender, to=network.ngo, status=S.ACCEPTED)
    referrals(5, sender=sender, to=network.ngo, status=S.COMPLETED)
    referrals(5, sender=sender, to=network.ngo, status=S.DECLINED, reason_kind="no_capacity")
    referrals(6, sender=sender, to=network.ngo, status=S.SENT)
    referrals(2, sender=sender, to=network.ngo, status=S.WITHDRAWN)
    value = indicator(_values(county_scope(network)), "referrals_accepted")
    assert value.value == round(100 * 10 / 15, 1)


def test_median_days_from_sending_to_first_contact(network):
    sender = worker(network.county_org, network.espoo)
    for days in (1, 2, 3, 4, 10):
        referral(
            sender=sender, to=network.ngo, status=S.FIRST_CONTACT, first_contact_after_days=days
        )
    value = indicator(_values(county_scope(network)), "referral_days_to_first_contact")
    assert value.value == 3.0
    assert value.unit == "days"


def test_a_median_of_four_referrals_is_not_shown(network):
    sender = worker(network.county_org, network.espoo)
    for days in (1, 2, 3, 4):
        referral(
            sender=sender, to=network.ngo, status=S.FIRST_CONTACT, first_contact_after_days=days
        )
    value = indicator(_values(county_scope(network)), "referral_days_to_first_contact")
    assert value.suppressed and value.value is None


def test_the_loop_is_closed_when_taken_on_or_declined_and_withdrawn_ones_are_left_out(network):
    sender = worker(network.county_org, network.espoo)
    referrals(5, sender=sender, to=network.ngo, status=S.ACCEPTED)
    referrals(5, sender=sender, to=network.ngo, status=S.DECLINED, reason_kind="other")
    referrals(5, sender=sender, to=network.ngo, status=S.RECEIVED)
    referrals(5, sender=sender, to=network.ngo, status=S.SENT)
    referrals(7, sender=sender, to=network.ngo, status=S.WITHDRAWN)
    assert indicator(_values(county_scope(network)), "referrals_loop_closed").value == 50.0


def test_declined_reasons_by_kind_never_show_the_written_reason(network):
    sender = worker(network.county_org, network.espoo)
    referrals(6, sender=sender, to=network.ngo, status=S.DECLINED, reason_kind="no_capacity")
    referrals(5, sender=sender, to=network.ngo, status=S.DECLINED, reason_kind="family_declined")
    referrals(2, sender=sender, to=network.ngo, status=S.DECLINED, reason_kind="")
    value = indicator(_values(county_scope(network)), "referrals_declined_reasons")
    with translation.override("en"):
        cells = _cells(value)
        assert cells[_en(DeclineReason.NO_CAPACITY.label)] == 6
        # The next smallest covers the two not recorded.
        assert cells[_en(DeclineReason.FAMILY_DECLINED.label)] is None
        assert cells["not recorded"] is None
    assert value.value == 13
    texts = " ".join([value.definition, *(row.label for row in value.breakdown)])
    assert "sairastaa" not in texts
    assert "seurakunnan" not in texts


def test_an_organisation_sees_referrals_from_and_to_it(network):
    county_worker = worker(network.county_org, network.espoo)
    vantaa_worker = worker(network.vantaa_org, network.vantaa)
    referrals(5, sender=county_worker, to=network.ngo)
    referrals(6, sender=vantaa_worker, to=network.county_org)
    scope = scope_resolve(kind="organisation", key=str(network.ngo.hsds_id))
    assert indicator(_values(scope), "referrals_by_route").value == 5
    # A referral between two other organisations is none of the NGO's business.
    referrals(5, sender=vantaa_worker, to=network.vantaa_org)
    assert indicator(_values(scope), "referrals_by_route").value == 5


def test_an_area_counts_the_organisations_based_in_it_not_county_wide_ones(network):
    processes(network.ngo, 5)
    processes(network.county_org, 8)
    area = scope_resolve(kind="area", key=str(network.espoo_area.hsds_id))
    assert indicator(_values(area), "processes_by_kind").value == 5
    assert indicator(_values(county_scope(network)), "processes_by_kind").value == 13


def test_the_trend_of_processes_hides_a_lonely_small_month_and_its_neighbour(network):
    processes(network.county_org, 3, arose_on=date(2026, 1, 15))
    processes(network.county_org, 6, arose_on=date(2026, 2, 15))
    processes(network.county_org, 9, arose_on=date(2026, 3, 15))
    points = indicator_trend(
        scope=county_scope(network),
        period=Period(date(2026, 1, 1), date(2026, 3, 31)),
        code="processes_by_kind",
    )
    assert [(p.value, p.suppressed) for p in points] == [(None, True), (None, True), (9, False)]


QUARTER = Period(date(2026, 1, 1), date(2026, 4, 30))


def _hidden_months_cannot_be_worked_out(points, total: int) -> None:
    """The period total is shown beside the trend: if any month is hidden, at least two are,
    so the total less the shown months never gives one month's count."""
    hidden = [p for p in points if p.suppressed]
    assert len(hidden) != 1
    assert all(p.value is None for p in hidden)
    assert sum(p.value for p in points if not p.suppressed) <= total


def test_a_referral_trend_hides_the_next_smallest_month_beside_a_lonely_small_one(network):
    sender = worker(network.county_org, network.espoo)
    for n, day in ((7, date(2026, 1, 12)), (2, date(2026, 2, 9)), (12, date(2026, 3, 9))):
        referrals(n, sender=sender, to=network.ngo, sent_on=day)
    # April: none. A zero gives nothing away, so it is shown and not hidden in its place.
    total = indicator(_values(county_scope(network), QUARTER), "referrals_by_route").value
    assert total == 21
    points = indicator_trend(scope=county_scope(network), period=QUARTER, code="referrals_by_route")
    assert [(p.value, p.suppressed) for p in points] == [
        (None, True),  # 7: the next smallest month, hidden beside February's 2
        (None, True),
        (12, False),
        (0, False),
    ]
    _hidden_months_cannot_be_worked_out(points, total)


def test_a_trend_with_two_small_months_hides_no_more(network):
    for n, day in ((3, date(2026, 1, 15)), (2, date(2026, 2, 15)), (8, date(2026, 3, 15))):
        processes(network.county_org, n, arose_on=day)
    points = indicator_trend(scope=county_scope(network), period=QUARTER, code="processes_by_kind")
    assert [(p.value, p.suppressed) for p in points] == [
        (None, True),
        (None, True),
        (8, False),
        (0, False),
    ]


def test_a_trend_counted_month_by_month_hides_the_next_smallest_month_too(network):
    """An indicator outside the charted ones is computed month by month: the same rule."""
    sender = worker(network.county_org, network.espoo)
    for n, day in ((6, date(2026, 1, 12)), (1, date(2026, 2, 9)), (9, date(2026, 3, 9))):
        referrals(
            n,
            sender=sender,
            to=network.ngo,
            status=S.DECLINED,
            sent_on=day,
            reason_kind="no_capacity",
        )
    points = indicator_trend(
        scope=county_scope(network), period=QUARTER, code="referrals_declined_reasons"
    )
    assert [(p.value, p.suppressed) for p in points] == [
        (None, True),
        (None, True),
        (9, False),
        (0, False),
    ]
    _hidden_months_cannot_be_worked_out(points, 16)


def test_stored_trends_are_the_live_trends(network):
    sender = worker(network.county_org, network.espoo)
    for n, day in ((7, date(2026, 1, 12)), (2, date(2026, 2, 9)), (12, date(2026, 3, 9))):
        referrals(n, sender=sender, to=network.ngo, status=S.ACCEPTED, sent_on=day)
    processes(network.county_org, 6, arose_on=date(2026, 2, 15))
    scope = county_scope(network)
    codes = ("referrals_by_route", "processes_by_kind", "referrals_loop_closed")
    live = [indicator_trend(scope=scope, period=QUARTER, code=code) for code in codes]
    materialised.materialised_refresh(months=6, today=date(2026, 5, 15))
    assert MonthlyFigureRow.objects.filter(scope_kind="county", scope_key=scope.key).exists()
    assert materialised.materialised_read(scope=scope, period=QUARTER) is not None
    stored = [indicator_trend(scope=scope, period=QUARTER, code=code) for code in codes]
    assert stored == live


def test_trend_of_the_referral_loop_by_month(network):
    sender = worker(network.county_org, network.espoo)
    referrals(5, sender=sender, to=network.ngo, status=S.ACCEPTED, sent_on=date(2026, 2, 9))
    referrals(5, sender=sender, to=network.ngo, status=S.SENT, sent_on=date(2026, 2, 10))
    referrals(6, sender=sender, to=network.ngo, status=S.DECLINED, sent_on=date(2026, 3, 9))
    points = indicator_trend(
        scope=county_scope(network),
        period=Period(date(2026, 2, 1), date(2026, 3, 31)),
        code="referrals_loop_closed",
    )
    assert [p.value for p in points] == [50.0, 100.0]


def test_materialised_figures_give_the_same_indicators_as_live_counting(network):
    own = worker(network.county_org, network.espoo)
    processes(network.county_org, 6, kind=Kind.MANY_SERVICES, own_worker=own)
    processes(network.ngo, 7, kind=Kind.INTAKE, arose_on=date(2026, 2, 3))
    sender = worker(network.county_org, network.espoo)
    referrals(6, sender=sender, to=network.ngo, status=S.FIRST_CONTACT)
    referrals(5, sender=sender, to=network.ngo, status=S.DECLINED, reason_kind="other")
    period = Period(date(2026, 1, 1), date(2026, 3, 31))
    scopes = [
        county_scope(network),
        scope_resolve(kind="area", key=str(network.espoo_area.hsds_id)),
        scope_resolve(kind="organisation", key=str(network.ngo.hsds_id)),
    ]
    live = [_values(scope, period) for scope in scopes]
    result = materialised.materialised_refresh(months=6, today=date(2026, 4, 15))
    assert result.scopes > 0
    assert MonthlyFigureRow.objects.count() == result.rows
    refresh = MonthlyFigureRefresh.objects.get()
    assert (refresh.first_month, refresh.last_month) == (date(2025, 10, 1), date(2026, 3, 1))
    assert materialised.materialised_read(scope=scopes[0], period=period) is not None
    stored = [_values(scope, period) for scope in scopes]
    assert stored == live
    # A period not of whole months is counted live.
    assert materialised.materialised_read(scope=scopes[0], period=MARCH) is not None
    odd = Period(date(2026, 3, 2), date(2026, 3, 31))
    assert materialised.materialised_read(scope=scopes[0], period=odd) is None
    # Months after the refresh are counted live.
    later = Period(date(2026, 4, 1), date(2026, 4, 30))
    assert materialised.materialised_read(scope=scopes[0], period=later) is None
    # A second refresh replaces the first, rows and mark.
    again = materialised.materialised_refresh(months=6, today=date(2026, 4, 15))
    assert MonthlyFigureRow.objects.count() == again.rows == result.rows
    assert MonthlyFigureRefresh.objects.count() == 1
    assert [_values(scope, period) for scope in scopes] == live


def test_today_limits_the_assessment_deadlines_counted(network):
    soon = date.today() + timedelta(days=3)
    for _ in range(5):
        (family,) = families(1)
        process(
            family,
            network.county_org,
            kind=Kind.SERVICE_NEED_ASSESSMENT,
            arose_on=date.today() - timedelta(days=1),
            due_start=soon,
        )
    period = Period(date.today() - timedelta(days=10), date.today() + timedelta(days=10))
    value = indicator(_values(county_scope(network), period), "assessments_started_in_time")
    # Their time has not come: nothing to judge yet (and no share of nothing is shown).
    assert value.suppressed
