"""The network's development plan: goals tied to the evaluation's indicators, each with a
baseline, a target and the whole months it is measured over. The plan page shows each goal's
current value computed by the evaluation's indicators for the plan's scope, suppression
included (a figure about fewer than five families is not shown, and nothing is derived from
it), and whether the goal is on track."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from perhekeskus.cooperation import selectors, services
from perhekeskus.cooperation.access import cooperation_scopes
from perhekeskus.cooperation.models import PlanGoal
from perhekeskus.cooperation.selectors import Standing, goal_standing
from perhekeskus.errors import InvalidInput
from perhekeskus.evaluation import indicators
from perhekeskus.evaluation.indicators import IndicatorValue, Period
from perhekeskus.feedback.models import Feedback
from tests.cooperation.building import assign, role
from tests.evaluation.building import feedback, usage
from tests.families.html import parse

pytestmark = pytest.mark.django_db


def month(back: int) -> date:
    """The first day of the month `back` months before this one."""
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


# Six months: three whole months behind us, three ahead.
START, END = month(3), month(-3) - timedelta(days=1)
IN_PERIOD = month(2) + timedelta(days=9)


@pytest.fixture
def plan(cast):
    return services.plan_create(
        by=cast.maija,
        county=cast.network.west_uusimaa,
        area=cast.network.espoo_area,
        title="Leppävaaran kehittämissuunnitelma",
        starts_on=START,
        ends_on=END,
    )


def goal(cast, plan, indicator: str, baseline: float, target: float, **period) -> PlanGoal:
    return services.goal_add(
        by=cast.maija,
        plan_id=plan.pk,
        text=f"Tavoite: {indicator}",
        indicator=indicator,
        baseline=baseline,
        target=target,
        period_start=period.get("start", START),
        period_end=period.get("end", END),
    )


def statuses(cast, plan, person=None):
    return selectors.goal_statuses(
        scopes=cooperation_scopes(person or cast.maija), plan=plan, today=timezone.localdate()
    )


def plan_page(client, plan):
    return parse(client.get(f"/fi/leading/cooperation/plans/{plan.pk}/"))


def got_help(yes: int, no: int, area) -> None:
    feedback(yes, got_help=Feedback.GotHelp.YES, given_on=IN_PERIOD, area=area)
    feedback(no, got_help=Feedback.GotHelp.NO, given_on=IN_PERIOD, area=area)


def test_the_goal_shows_the_areas_indicator_over_its_months_so_far(cast, plan, client_of):
    got_help(20, 5, cast.network.espoo_area)
    got_help(1, 9, None)  # feedback elsewhere: not the area's
    goal(cast, plan, "feedback_got_help", baseline=60, target=80)
    (status,) = statuses(cast, plan)
    assert status.measured == Period(START, month(0) - timedelta(days=1))
    assert status.value.value == 80.0 and not status.value.suppressed
    assert status.standing == Standing.REACHED

    row = plan_page(client_of(cast.maija), plan).by_testid("goal")[0]
    assert row.by_testid("goal-value")[0].text == "80,0 %"
    assert row.by_testid("goal-baseline")[0].text == "60,0 %"
    assert row.by_testid("goal-standing")[0].get("data-standing") == "reached"


def test_a_suppressed_value_is_not_shown_and_gives_no_standing(cast, plan, client_of):
    # 4 of 10 got help: "4" could point at families, so the share is hidden.
    got_help(4, 6, cast.network.espoo_area)
    goal(cast, plan, "feedback_got_help", baseline=30, target=60)
    (status,) = statuses(cast, plan)
    assert status.value.suppressed and status.value.value is None
    assert status.standing == Standing.HIDDEN and status.projected is None

    page = plan_page(client_of(cast.maija), plan)
    row = page.by_testid("goal")[0]
    with translation.override("fi"):
        assert row.by_testid("goal-value")[0].text == _("fewer than 5")
    html = row.text
    assert "40,0" not in html and "40 %" not in html
    assert row.by_testid("goal-standing")[0].get("data-standing") == "hidden"


def test_a_count_is_judged_at_its_pace_over_the_whole_period(cast, plan, client_of):
    # Searches that found nothing: 120 in six months before, 60 wanted.
    area_id = cast.network.espoo_area.pk
    usage("search_empty", 20, day=IN_PERIOD, area_id=area_id)
    searches = goal(cast, plan, "searches_empty", baseline=120, target=60)
    (status,) = statuses(cast, plan)
    assert status.value.value == 20
    assert status.projected == 40 and status.standing == Standing.ON_TRACK
    row = plan_page(client_of(cast.maija), plan).by_testid("goal")[0]
    assert "40" in row.by_testid("goal-projected")[0].text

    usage("search_empty", 25, day=IN_PERIOD + timedelta(days=1), area_id=area_id)
    (status,) = statuses(cast, plan)
    assert status.projected == 90 and status.standing == Standing.BEHIND
    assert searches.plan == plan


def test_goals_of_the_same_months_are_computed_once_for_the_plans_scope(cast, plan, monkeypatch):
    calls = []
    real = indicators.indicators_compute

    def recording(*, scope, period):
        calls.append((scope.kind, scope.key, period))
        return real(scope=scope, period=period)

    monkeypatch.setattr(indicators, "indicators_compute", recording)
    goal(cast, plan, "searches_empty", baseline=10, target=5)
    goal(cast, plan, "feedback_got_help", baseline=60, target=80)
    goal(cast, plan, "searches", baseline=100, target=200, start=month(-1), end=END)
    found = statuses(cast, plan)
    area = cast.network.espoo_area
    assert calls == [("area", str(area.hsds_id), Period(START, month(0) - timedelta(days=1)))]
    assert [s.standing for s in found][2] == Standing.NOT_STARTED


def test_a_county_plan_is_measured_for_the_whole_county(cast):
    county_plan = services.plan_create(
        by=cast.helena,
        county=cast.network.west_uusimaa,
        area=None,
        title="Läänin suunnitelma",
        starts_on=START,
        ends_on=END,
    )
    usage("search_empty", 7, day=IN_PERIOD, municipality_code="049")
    goal(cast, county_plan, "searches_empty", baseline=10, target=5)
    (status,) = statuses(cast, county_plan)
    assert status.value.value == 7


def test_figures_are_shown_only_to_those_who_lead_the_scope(cast, plan, client_of):
    got_help(20, 5, cast.network.espoo_area)
    goal(cast, plan, "feedback_got_help", baseline=60, target=80)
    assign(cast, role(cast, cast.parish), professional=cast.pia)
    # Pia, a contact person, sees the plan and its goals, not the figures.
    (status,) = statuses(cast, plan, cast.pia)
    assert status.standing == Standing.NOT_SHOWN and status.value is None
    page = plan_page(client_of(cast.pia), plan)
    assert page.by_testid("figures-not-shown")
    assert page.by_testid("goal-value")[0].text == "–"
    assert page.by_testid("goal-standing")[0].get("data-standing") == "not_shown"
    assert not page.by_testid("goal-projected")
    # Eero leads Espoo, which the area reaches into: he sees them on the indicator pages too.
    (status,) = statuses(cast, plan, cast.eero)
    assert status.value.value == 80.0


def test_a_goal_is_added_on_the_page_with_its_months(cast, plan, client_of):
    client = client_of(cast.maija)
    address = f"/fi/leading/cooperation/plans/{plan.pk}/"
    response = client.post(
        address,
        {
            "action": "goal",
            "goal-text": "Perheet saavat apua",
            "goal-indicator": "feedback_got_help",
            "goal-baseline": "65",
            "goal-target": "80",
            "goal-period_start": f"{START:%Y-%m}",
            "goal-period_end": f"{END:%Y-%m}",
        },
    )
    assert response.status_code == 302
    made = plan.goals.get()
    assert (made.period_start, made.period_end) == (START, END)

    response = client.post(
        address,
        {
            "action": "goal",
            "goal-text": "Outo",
            "goal-indicator": "no_such_indicator",
            "goal-baseline": "1",
            "goal-target": "2",
            "goal-period_start": "2026-13",
            "goal-period_end": f"{END:%Y-%m}",
        },
    )
    assert response.status_code == 400
    page = parse(response)
    assert page.by_id("id_goal-text").get("value") == "Outo"
    assert len(page.by_testid("error-summary")[0].find_all("li")) == 2
    assert plan.goals.count() == 1


def test_the_service_refuses_an_unknown_indicator_and_a_partial_month(cast, plan):
    with pytest.raises(InvalidInput):
        goal(cast, plan, "no_such_indicator", baseline=1, target=2)
    with pytest.raises(InvalidInput):
        goal(cast, plan, "searches", baseline=1, target=2, start=START + timedelta(days=3))


def _value(value, unit="percent", suppressed=False):
    return IndicatorValue("x", "feedback", "x", value, unit, suppressed, "")


@pytest.mark.parametrize(
    ("baseline", "target", "value", "expected"),
    [
        (60, 80, 71, Standing.ON_TRACK),  # half-way by half-time: 70 expected
        (60, 80, 69, Standing.BEHIND),
        (60, 80, 85, Standing.REACHED),
        (20, 10, 14, Standing.ON_TRACK),  # lower is better: 15 expected
        (20, 10, 16, Standing.BEHIND),
    ],
)
def test_a_share_is_compared_with_the_straight_line_to_the_target(
    cast, plan, baseline, target, value, expected
):
    made = PlanGoal(
        plan=plan,
        text="x",
        indicator="feedback_got_help",
        baseline=baseline,
        target=target,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
    )
    standing, projected = goal_standing(
        goal=made, value=_value(value), measured=Period(date(2026, 1, 1), date(2026, 6, 30))
    )
    assert (standing, projected) == (expected, None)
    hidden = goal_standing(
        goal=made,
        value=_value(None, suppressed=True),
        measured=Period(date(2026, 1, 1), date(2026, 6, 30)),
    )
    assert hidden == (Standing.HIDDEN, None)
