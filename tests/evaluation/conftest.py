"""Leaders around the indicators, on top of tests.personas' network.

- Helena leads the family centre of the West Uusimaa county ("03"): she follows the county,
  its areas, municipalities and organisations, and may plan its areas.
- Eero leads Espoo's share (a municipality role): Espoo, the areas reaching into it, and the
  county-wide figures of West Uusimaa, but not Vantaa.
- Outi leads the NGO running the family café (an organisation role): her organisation only.
- Aino, the nurse, has no leader role: no indicators for her.

`figures` replaces the indicators with a small known set (with suppressed values whose numbers
a faulty caller might have left in), for tests about what the pages show rather than how the
indicators are counted.
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.test import Client

from perhekeskus.evaluation import indicators
from perhekeskus.evaluation.indicators import (
    BreakdownRow,
    IndicatorValue,
    Period,
    Scope,
    TrendPoint,
)
from perhekeskus.evaluation.models import LeaderRole
from perhekeskus.staff.models import Professional
from tests.personas import Network
from tests.professionals import login_professional
from tests.referrals.around import professional

# Numbers that must never reach a page, a file or a PDF: each sits behind suppressed=True.
HIDDEN_SHARE = 47.3
HIDDEN_COUNT = 3
SEARCH_WORDS = ("perheneuvola ruotsiksi", "isä vauva kerho")


@pytest.fixture
def helena(network: Network) -> Professional:
    leader = professional("helena", network.county_org, Professional.Role.LEADER, network.espoo)
    LeaderRole.objects.create(professional=leader, county=network.west_uusimaa, may_plan=True)
    return leader


@pytest.fixture
def eero(network: Network) -> Professional:
    leader = professional("eero", network.county_org, Professional.Role.LEADER, network.espoo)
    LeaderRole.objects.create(professional=leader, municipality=network.espoo)
    return leader


@pytest.fixture
def outi(network: Network) -> Professional:
    leader = professional("outi", network.ngo, Professional.Role.COORDINATOR, network.espoo)
    LeaderRole.objects.create(professional=leader, organisation=network.ngo)
    return leader


@pytest.fixture
def aino_no_role(network: Network) -> Professional:
    return professional(
        "aino_nurse", network.county_org, Professional.Role.PUBLIC_HEALTH_NURSE, network.espoo
    )


@pytest.fixture
def helena_client(helena: Professional) -> Client:
    return login_professional(Client(), helena)


@pytest.fixture
def eero_client(eero: Professional) -> Client:
    return login_professional(Client(), eero)


@pytest.fixture
def outi_client(outi: Professional) -> Client:
    return login_professional(Client(), outi)


@pytest.fixture
def aino_client(aino_no_role: Professional) -> Client:
    return login_professional(Client(), aino_no_role)


def fake_values(scope: Scope, period: Period) -> list[IndicatorValue]:
    """One or more of each kind: a rate, a suppressed share, breakdowns with a suppressed row,
    the words of searches that found nothing, an indicator that means nothing here."""
    # Periods from 2026 on find more than earlier ones, so that comparisons show a change.
    more = 10 if period.start >= date(2026, 1, 1) else 0
    return [
        IndicatorValue(
            code="services_per_1000_children",
            group="network",
            label="Services per 1 000 children",
            value=12.5,
            unit="per_1000_children",
            suppressed=False,
            definition="Published services divided by children 0–17, times 1 000.",
        ),
        IndicatorValue(
            code="services_by_language",
            group="network",
            label="Services by language",
            value=40 + more,
            unit="count",
            suppressed=False,
            definition="Published services by the languages they are offered in.",
            breakdown=(BreakdownRow("suomi", 38 + more), BreakdownRow("svenska", 12)),
        ),
        IndicatorValue(
            code="searches_empty",
            group="family_channel",
            label="Searches that found nothing",
            value=23 + more,
            unit="count",
            suppressed=False,
            definition="Searches in the family channel that found no service.",
        ),
        IndicatorValue(
            code="searches_empty_words",
            group="family_channel",
            label="Words of searches that found nothing",
            value=23,
            unit="count",
            suppressed=False,
            definition="Words searched at least 5 times; the rest are other words.",
            breakdown=(
                BreakdownRow(SEARCH_WORDS[0], 9),
                BreakdownRow(SEARCH_WORDS[1], 6),
                BreakdownRow("other words", 8),
            ),
        ),
        IndicatorValue(
            code="questions_answered_1_day",
            group="family_channel",
            label="Anonymous questions answered within 1 working day",
            value=HIDDEN_SHARE,  # a faulty caller's leftover: must not be shown
            unit="percent",
            suppressed=True,
            definition="Share of questions answered within one working day.",
        ),
        IndicatorValue(
            code="processes_by_kind",
            group="client_processes",
            label="Client processes started, by kind",
            value=41,
            unit="count",
            suppressed=False,
            definition="Client processes started in the period, by kind.",
            breakdown=(
                BreakdownRow("many services", 30),
                BreakdownRow("team", HIDDEN_COUNT, suppressed=True),
                BreakdownRow("assessment", None, suppressed=True),
            ),
        ),
        IndicatorValue(
            code="referral_days_to_first_contact",
            group="client_processes",
            label="Days from referral to first contact (median)",
            value=6.5 if not more else 4.0,
            unit="days",
            suppressed=False,
            definition="The median of working days from sending to the first contact.",
        ),
        IndicatorValue(
            code="feedback_got_help",
            group="feedback",
            label="Families who got help",
            value=72.0 + more,
            unit="percent",
            suppressed=False,
            definition="Share of feedback saying yes to: did you get help?",
        ),
        IndicatorValue(
            code="feedback_got_help_by_area",
            group="feedback",
            label="Got help, by area",
            value=None,
            unit="percent",
            suppressed=False,
            applicable=False,
            definition="Share who got help, by family centre area.",
        ),
    ]


def fake_trend(scope: Scope, period: Period, code: str) -> list[TrendPoint]:
    months: list[date] = []
    year, month = period.start.year, period.start.month
    while date(year, month, 1) <= period.end and len(months) < 36:
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return [
        # The second suppressed month carries a faulty caller's leftover number.
        TrendPoint(month=m, value=None if i == 2 else HIDDEN_COUNT, suppressed=True)
        if i in (2, 3)
        else TrendPoint(month=m, value=5 + i, suppressed=False)
        for i, m in enumerate(months)
    ]


@dataclass
class Figures:
    calls: list[tuple[Scope, Period]]


@pytest.fixture
def figures(monkeypatch) -> Figures:
    """The indicators replaced by `fake_values` and `fake_trend`; the calls are recorded."""
    seen = Figures(calls=[])

    def compute(*, scope: Scope, period: Period) -> list[IndicatorValue]:
        seen.calls.append((scope, period))
        return fake_values(scope, period)

    def trend(*, scope: Scope, period: Period, code: str) -> list[TrendPoint]:
        return fake_trend(scope, period, code)

    monkeypatch.setattr(indicators, "indicators_compute", compute)
    monkeypatch.setattr(indicators, "indicator_trend", trend)
    monkeypatch.setattr(indicators, "TREND_CODES", ("searches_empty", "feedback_got_help"))
    return seen
