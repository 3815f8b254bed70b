"""Evaluation: the same indicators for two periods of one scope or for two scopes in one period,
with the change where both values are shown; and the printable report for a cooperation meeting
of the county and its municipalities, read back from the PDF as text."""

import subprocess
from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from tests.evaluation.conftest import HIDDEN_SHARE, SEARCH_WORDS
from tests.families.html import parse

pytestmark = pytest.mark.django_db

COMPARE = "/{lang}/leading/indicators/compare/"
REPORT = "/{lang}/leading/indicators/report.pdf"
TWO_HALVES = "mode=periods&scope=county:03&from=2026-01&to=2026-06&b_from=2025-01&b_to=2025-06"


def rows(response) -> dict[str, dict[str, str]]:
    found = {}
    for row in parse(response).by_testid("compare-row"):
        found[row.get("data-code")] = {
            side: row.by_testid(f"compare-{side}")[0].text
            for side in ("a", "b", "change", "relative")
        }
    return found


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return done.stdout.decode()


def test_two_periods_of_one_scope_side_by_side_with_the_change(helena_client, figures):
    response = helena_client.get(COMPARE.format(lang="fi") + "?" + TWO_HALVES)
    assert response.status_code == 200
    assert [(s.kind, p.start) for s, p in figures.calls] == [
        ("county", date(2026, 1, 1)),
        ("county", date(2025, 1, 1)),
    ]
    found = rows(response)
    with translation.override("fi"):
        fewer = _("fewer than 5")
        points = _("%(sign)s%(number)s percentage points") % {"sign": "+", "number": "10,0"}
    assert found["services_by_language"] == {
        "a": "50",
        "b": "40",
        "change": "+10",
        "relative": "+25,0 %",
    }
    # A share changes in percentage points, and no relative change is made of it.
    assert found["feedback_got_help"]["change"] == points
    assert found["feedback_got_help"]["relative"] == "–"
    assert found["referral_days_to_first_contact"]["change"] == "−2,5"
    # Suppressed on either side: no change is worked out.
    assert found["questions_answered_1_day"] == {
        "a": fewer,
        "b": fewer,
        "change": "–",
        "relative": "–",
    }
    assert str(HIDDEN_SHARE) not in response.content.decode()
    assert "47,3" not in response.content.decode()


def test_without_b_the_period_just_before_is_compared(helena_client, figures):
    response = helena_client.get(
        COMPARE.format(lang="sv") + "?scope=county:03&from=2026-01&to=2026-06"
    )
    assert response.status_code == 200
    assert figures.calls[1][1].start == date(2025, 7, 1)
    assert figures.calls[1][1].end == date(2025, 12, 31)
    page = parse(response)
    assert page.by_id("id_b_from").get("value") == "2025-07"
    assert page.by_id("id_b_to").get("value") == "2025-12"
    assert page.by_id("id_b_from").get("type") == "month"


def test_compared_periods_are_whole_months_too(helena_client, figures):
    response = helena_client.get(
        COMPARE.format(lang="fi")
        + "?scope=county:03&from=2026-01-02&to=2026-06-29&b_from=2025-01-31&b_to=2025-06-01"
    )
    assert response.status_code == 200
    (_a, period_a), (_b, period_b) = figures.calls
    assert (period_a.start, period_a.end) == (date(2026, 1, 1), date(2026, 6, 30))
    assert (period_b.start, period_b.end) == (date(2025, 1, 1), date(2025, 6, 30))


def test_a_b_month_that_is_not_a_month_is_refused_and_kept(helena_client, figures):
    response = helena_client.get(
        COMPARE.format(lang="fi") + "?scope=county:03&from=2026-01&to=2026-06&b_from=kesäkuu"
    )
    assert response.status_code == 400
    field = parse(response).by_id("id_b_from")
    assert field.get("value") == "kesäkuu" and field.get("aria-invalid") == "true"
    assert not figures.calls


def test_two_areas_in_one_period(helena_client, figures, network):
    area = f"area:{network.espoo_area.hsds_id}"
    response = helena_client.get(
        COMPARE.format(lang="fi")
        + f"?mode=scopes&scope={area}&b_scope=municipality:049&from=2026-01&to=2026-06"
    )
    assert response.status_code == 200
    (a, period_a), (b, period_b) = figures.calls
    assert (a.kind, b.kind) == ("area", "municipality")
    assert period_a == period_b
    page = parse(response)
    assert network.espoo_area.name in page.one("side-a").text
    assert network.espoo.name in page.one("side-b").text
    assert rows(response)["services_by_language"]["change"] == "±0"


def test_comparing_with_a_scope_the_leader_does_not_lead_is_refused(eero_client, figures):
    response = eero_client.get(
        COMPARE.format(lang="fi") + "?mode=scopes&scope=municipality:049&b_scope=municipality:092"
    )
    assert response.status_code == 403
    assert parse(response).by_testid("refused-reason")
    assert not figures.calls


def test_bad_dates_for_b_are_shown_and_kept(helena_client, figures):
    response = helena_client.get(
        COMPARE.format(lang="fi")
        + "?mode=periods&scope=county:03&from=2026-01&to=2026-06"
        + "&b_from=2025-06&b_to=2025-01"
    )
    assert response.status_code == 400
    page = parse(response)
    assert page.by_testid("error-summary")
    assert page.by_id("id_b_from").get("value") == "2025-06"
    assert not page.by_testid("comparison")


def test_the_report_of_one_period_names_the_scope_and_the_suppression_rule(
    helena_client, figures, network
):
    response = helena_client.get(
        REPORT.format(lang="fi") + "?scope=county:03&from=2026-01&to=2026-06"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    with translation.override("fi"):
        assert _("Evaluation report") in text
        assert _("How to read this report") in text
        assert _("fewer than 5") in text
        assert str(_("The service network")) in text
    assert network.west_uusimaa.name in text
    assert "1.1.2026" in text and "30.6.2026" in text
    assert "Published services divided by children" in text  # the definitions
    assert SEARCH_WORDS[0] in text
    assert "47,3" not in text and str(HIDDEN_SHARE) not in text


def test_the_report_of_a_comparison_has_the_comparison_table(helena_client, figures):
    response = helena_client.get(REPORT.format(lang="sv") + "?" + TWO_HALVES)
    assert response.status_code == 200
    text = " ".join(pdf_text(response.content).split())
    with translation.override("sv"):
        assert _("Comparison") in text
        assert _("Change (A − B)").split()[0] in text
    assert "1.1.2025" in text and "30.6.2025" in text
    assert "+25,0 %" in text


def test_no_report_for_a_scope_the_leader_does_not_lead(eero_client, figures):
    response = eero_client.get(REPORT.format(lang="fi") + "?scope=municipality:092")
    assert response.status_code == 403
    assert not response.content.startswith(b"%PDF")


def test_the_report_with_the_real_indicators(helena_client, network):
    response = helena_client.get(REPORT.format(lang="fi") + "?scope=county:03")
    assert response.status_code == 200
    assert network.west_uusimaa.name in pdf_text(response.content)
