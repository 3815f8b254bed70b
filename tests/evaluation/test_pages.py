"""The indicator dashboard as a leader sees it: one scope over one period, each value with its
definition, the searches that found nothing first, trend charts with their tables, and
"fewer than 5" wherever a number could point at a family. Who may see which scope."""

from datetime import date

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from perhekeskus.evaluation.selectors import period_default
from tests.evaluation.conftest import HIDDEN_SHARE, SEARCH_WORDS
from tests.families.html import parse

pytestmark = pytest.mark.django_db

PAGE = "/{lang}/leading/indicators/"


def page_url(lang: str = "fi", **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return PAGE.format(lang=lang) + (f"?{query}" if query else "")


def by_testid(response, testid: str):
    return parse(response).by_testid(testid)


def indicator(response, code: str):
    return next(e for e in by_testid(response, "indicator") if e.get("data-code") == code)


def test_county_leader_sees_the_county_over_the_last_12_months(helena_client, figures, network):
    response = helena_client.get(page_url())
    assert response.status_code == 200
    scope, period = figures.calls[0]
    assert (scope.kind, scope.key) == ("county", "03")
    assert period == period_default(today=timezone.localdate())
    assert network.west_uusimaa.name in by_testid(response, "dashboard-scope")[0].text
    groups = [e.get("data-group") for e in by_testid(response, "group")]
    assert groups == ["network", "family_channel", "client_processes", "feedback"]


def test_each_value_is_shown_for_the_locale_with_its_definition_beside_it(helena_client, figures):
    response = helena_client.get(page_url())
    rate = indicator(response, "services_per_1000_children")
    with translation.override("fi"):
        expected = _("%(number)s per 1 000 children") % {"number": "12,5"}
    assert rate.by_testid("indicator-value")[0].text == expected
    definition = rate.by_testid("indicator-definition")[0].text
    assert "Published services divided by children 0–17" in definition

    response = helena_client.get(page_url("sv"))
    assert parse(response).find_all("html")[0].get("lang") == "sv"
    days = indicator(response, "referral_days_to_first_contact")
    with translation.override("sv"):
        expected = _("%(number)s days") % {"number": "6,5"}
    assert days.by_testid("indicator-value")[0].text == expected


def test_searches_that_found_nothing_come_first_with_their_words(helena_client, figures):
    response = helena_client.get(page_url())
    html = response.content.decode()
    gaps = by_testid(response, "zero-results")[0]
    words = [row.find_all("th")[0].text for row in gaps.by_testid("zero-result")]
    assert words == [SEARCH_WORDS[0], SEARCH_WORDS[1], "other words"]
    assert html.index('data-testid="zero-results"') < html.index('data-testid="group"')
    assert "23" in gaps.by_testid("zero-results-total")[0].text


def test_a_suppressed_value_reads_fewer_than_five_and_its_number_is_nowhere(helena_client, figures):
    response = helena_client.get(page_url())
    with translation.override("fi"):
        fewer = _("fewer than 5")
    share = indicator(response, "questions_answered_1_day")
    assert share.by_testid("indicator-value")[0].text == fewer
    rows = indicator(response, "processes_by_kind").by_testid("breakdown")[0].find_all("tr")
    cells = {row.find_all("th")[0].text: row.find_all("td")[0].text for row in rows[1:]}
    assert cells == {"many services": "30", "team": fewer, "assessment": fewer}
    html = response.content.decode()
    assert "47,3" not in html and str(HIDDEN_SHARE) not in html
    assert "data-value" not in html


def test_an_indicator_that_means_nothing_here_says_so(helena_client, figures):
    response = helena_client.get(page_url())
    with translation.override("fi"):
        expected = _("not applicable")
    value = indicator(response, "feedback_got_help_by_area").by_testid("indicator-value")[0]
    assert value.text == expected


def test_trends_are_drawn_as_svg_with_a_title_a_description_and_a_table(helena_client, figures):
    response = helena_client.get(page_url(**{"from": "2026-01", "to": "2026-06"}))
    trends = {e.get("data-code"): e for e in by_testid(response, "trend")}
    assert set(trends) == {"searches_empty", "feedback_got_help"}
    trend = trends["searches_empty"]
    svg = trend.find_all("svg")[0]
    assert svg.get("role") == "img"
    assert svg.find_all("title") and svg.find_all("desc")
    # Six months, two of them suppressed: gaps in the line, marked <5, "fewer than 5" in the table.
    rows = trend.find_all("tbody")[0].find_all("tr")
    assert len(rows) == 6
    with translation.override("fi"):
        fewer = _("fewer than 5")
    assert [row.find_all("td")[0].text for row in rows] == ["5", "6", fewer, fewer, "9", "10"]
    # The line breaks at the gap, and no point is drawn for a suppressed month.
    assert len(svg.find_all("polyline")) == 2
    assert len(svg.find_all("circle")) == 4
    assert svg.text.count("<5") >= 2


def test_the_leader_filters_to_an_area_and_a_period(helena_client, figures, network):
    area = f"area:{network.espoo_area.hsds_id}"
    response = helena_client.get(page_url(scope=area, **{"from": "2026-03", "to": "2026-05"}))
    assert response.status_code == 200
    scope, period = figures.calls[-1]
    assert scope.kind == "area" and scope.label == network.espoo_area.name
    assert period.start == date(2026, 3, 1) and period.end == date(2026, 5, 31)
    select = parse(response).by_id("id_scope")
    selected = [o for o in select.find_all("option") if "selected" in o.attrs]
    assert [o.get("value") for o in selected] == [area]


def test_the_apis_scope_and_id_are_understood_too(helena_client, figures):
    response = helena_client.get(page_url(scope="municipality", id="049"))
    assert response.status_code == 200
    assert figures.calls[-1][0].kind == "municipality"


def test_links_to_exports_comparison_and_report_keep_the_filters(helena_client, figures):
    response = helena_client.get(
        page_url(scope="municipality:049", **{"from": "2026-02", "to": "2026-04"})
    )
    for testid in ("export-csv", "export-xlsx", "compare-link", "report-link"):
        href = by_testid(response, testid)[0].get("href")
        assert "scope=municipality%3A049" in href, testid
        assert "from=2026-02" in href and "to=2026-04" in href, testid


def test_months_in_the_wrong_order_are_refused_and_what_was_typed_is_kept(helena_client, figures):
    response = helena_client.get(page_url(**{"from": "2026-05", "to": "2026-02"}))
    assert response.status_code == 400
    assert by_testid(response, "error-summary")
    with translation.override("fi"):
        message = _("The first month must not be after the last month.")
    assert message in response.content.decode()
    page = parse(response)
    assert page.by_id("id_from").get("value") == "2026-05"
    assert page.by_id("id_to").get("value") == "2026-02"
    assert page.by_id("id_to").get("aria-invalid") == "true"
    assert not by_testid(response, "indicator") and not figures.calls


def test_a_month_that_does_not_exist_is_refused_and_kept(helena_client, figures):
    response = helena_client.get(page_url("sv", **{"from": "2026-13"}))
    assert response.status_code == 400
    page = parse(response)
    assert page.by_id("id_from").get("value") == "2026-13"
    assert page.by_id("id_from").get("aria-invalid") == "true"
    with translation.override("sv"):
        assert (
            _("The first month is not a month: use YYYY-MM, e.g. 2026-01.")
            in response.content.decode()
        )
    assert not figures.calls


def test_the_filters_are_month_fields_that_work_as_plain_text_too(helena_client, figures):
    page = parse(helena_client.get(page_url(**{"from": "2026-02", "to": "2026-04"})))
    for name in ("id_from", "id_to"):
        field = page.by_id(name)
        assert field.get("type") == "month"
        assert field.get("pattern") and field.get("placeholder") == "YYYY-MM"
    assert page.by_id("id_from").get("value") == "2026-02"
    # Typed by hand where the browser shows a text box: 2.2026 and 04/2026 are months too.
    helena_client.get(page_url(**{"from": "2.2026", "to": "04/2026"}))
    assert figures.calls[-1][1] == figures.calls[0][1]


def test_periods_are_whole_months_so_a_day_apart_shows_the_same_figures(helena_client, figures):
    helena_client.get(page_url(**{"from": "2026-02-02", "to": "2026-04-29"}))
    helena_client.get(page_url(**{"from": "2026-02", "to": "2026-04"}))
    (_scope_a, widened), (_scope_b, months) = figures.calls[0][:2], figures.calls[-1][:2]
    assert widened == months
    assert (months.start, months.end) == (date(2026, 2, 1), date(2026, 4, 30))


def test_municipality_leader_picks_among_espoo_and_the_joint_county_not_vantaa(
    eero_client, figures, network
):
    response = eero_client.get(page_url())
    assert response.status_code == 200
    options = [o.get("value") for o in parse(response).by_id("id_scope").find_all("option")]
    assert "municipality:049" in options and "county:03" in options
    assert "municipality:092" not in options
    assert f"area:{network.espoo_area.hsds_id}" in options


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_a_scope_the_leader_does_not_lead_gets_403_with_the_reason(
    eero_client, figures, network, lang
):
    response = eero_client.get(page_url(lang, scope="municipality:092"))
    assert response.status_code == 403
    reason = by_testid(response, "refused-reason")[0].text
    with translation.override(lang):
        assert network.vantaa.name in reason
        assert _("Indicators not shown") in parse(response).find_all("h1")[0].text
    assert not figures.calls


def test_an_organisation_leader_sees_only_the_organisation(outi_client, figures, network):
    response = outi_client.get(page_url())
    assert response.status_code == 200
    assert figures.calls[-1][0].kind == "organisation"
    assert figures.calls[-1][0].label == network.ngo.name
    assert outi_client.get(page_url(scope="county:03")).status_code == 403
    assert outi_client.get(page_url(scope="municipality:049")).status_code == 403


def test_an_unknown_scope_is_not_found_with_the_reason(helena_client, figures):
    response = helena_client.get(page_url(scope="municipality:999"))
    assert response.status_code == 404
    with translation.override("fi"):
        assert _("No municipality with this code.") in response.content.decode()
    assert helena_client.get(page_url(scope="planet:earth")).status_code == 404


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_a_professional_without_a_leader_role_is_told_why_in_their_language(
    aino_client, figures, lang
):
    response = aino_client.get(page_url(lang))
    assert response.status_code == 403
    with translation.override(lang):
        reason = _(
            "The indicators are for professionals with a leader role: a county, a "
            "municipality or an organisation whose indicators they follow. Ask your "
            "organisation's administrator if you should have one."
        )
    assert by_testid(response, "refused-reason")[0].text.strip() == reason
    assert f'lang="{lang}"' in response.content.decode()
    assert not by_testid(response, "refused-back")  # no way round in circles
    assert not figures.calls


def test_a_professional_without_a_leader_role_sees_no_indicators(aino_client, figures, client):
    assert aino_client.get(page_url()).status_code == 403
    assert not figures.calls
    anonymous = client.get(page_url())
    assert anonymous.status_code == 302 and "/staff/login/" in anonymous["Location"]


def test_the_dashboard_with_the_real_indicators_opens(helena_client):
    """No fakes: the page works with what `indicators` computes for the test network."""
    response = helena_client.get(page_url(scope="county:03"))
    assert response.status_code == 200
    assert by_testid(response, "indicator")


def test_leaders_find_the_indicators_in_the_menu_and_planners_the_planner_beside_them(
    helena_client, eero_client, aino_client, figures
):
    # /fi/leading/ is the address leaders are given: it opens the dashboard.
    assert helena_client.get("/fi/leading/").url == PAGE.format(lang="fi")
    dashboard = helena_client.get(page_url())
    assert by_testid(dashboard, "nav-leading")
    assert by_testid(dashboard, "planner-link")  # Helena plans West Uusimaa's areas
    # Eero follows Espoo's indicators but plans nothing; Aino leads nothing at all.
    assert not by_testid(eero_client.get(page_url()), "planner-link")
    assert by_testid(eero_client.get("/fi/workspace/"), "nav-leading")
    assert not by_testid(aino_client.get("/fi/workspace/"), "nav-leading")


def test_a_long_breakdown_shows_its_figures_first_and_folds_the_rest(helena_client, monkeypatch):
    from perhekeskus.evaluation import indicators
    from perhekeskus.evaluation.indicators import BreakdownRow, IndicatorValue

    # Feedback by service in a county: dozens of services, most with too few answers.
    rows = tuple(
        BreakdownRow(f"Palvelu {n:02d}", None, True)
        if n % 3
        else BreakdownRow(f"Palvelu {n:02d}", 50 + n, False)
        for n in range(30)
    )
    by_service = IndicatorValue(
        code="feedback_got_help_by_service",
        group="feedback",
        label="Got help, by service",
        value=None,
        unit="percent",
        suppressed=False,
        definition="Share who got help, by service.",
        breakdown=rows,
    )
    monkeypatch.setattr(indicators, "indicators_compute", lambda **_kw: [by_service])
    monkeypatch.setattr(indicators, "TREND_CODES", ())
    page = parse(helena_client.get(page_url()))
    first = page.by_testid("breakdown")[0].find_all("tbody")[0].find_all("tr")
    more = page.by_testid("breakdown-more")[0].find_all("tbody")[0].find_all("tr")
    # The ten services with a figure come first; the rest, hidden ones included, fold away.
    assert len(first) == 10 and len(more) == 20
    assert all("ev-suppressed" not in (tr.get("class") or "") for tr in first)
    assert "ev-suppressed" in (more[-1].get("class") or "")
