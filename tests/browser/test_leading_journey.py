"""Leading the network, in a real browser on a phone, in Finnish and Swedish: Helena, who leads
the family centre of the West Uusimaa county, opens the indicators, filters to the Leppävaara
area and the last three months, reads the searches that found nothing, exports the figures to
Excel, compares the period with the one before and prints the evaluation report for the
cooperation meeting, keyboard first. The dashboard and the comparison are checked with axe-core
and must fit a 375 px screen.

The evaluation app's own words are translated later: texts are compared through gettext, and
elements are found by id, role and test id."""

import io
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from perhekeskus.evaluation.models import LeaderRole, UsageCount
from perhekeskus.staff.models import Professional
from tests.browser.conftest import (
    axe_violations,
    fits_the_phone,
    phone_page,
    professional_logs_in,
    tab_to,
)
from tests.referrals.around import professional

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("reference_data", "audit_log_emptied_afterwards"),
]

GAP = "perheneuvola ruotsiksi"  # searched 7 times without a result: shown
RARE = "harvinainen hakusana"  # searched twice: only in "other words"


@pytest.fixture(autouse=True)
def _no_device_pause(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def helena(network) -> Professional:
    leader = professional("helena", network.county_org, Professional.Role.LEADER, network.espoo)
    LeaderRole.objects.create(professional=leader, county=network.west_uusimaa, may_plan=True)
    return leader


def last_three_months(today: date) -> tuple[date, date]:
    end = today.replace(day=1) - timedelta(days=1)
    start = end.replace(day=1)
    for _month in range(2):
        start = (start - timedelta(days=1)).replace(day=1)
    return start, end


@pytest.fixture
def searches(network) -> tuple[date, date]:
    """Families in the Leppävaara area searched for things the network does not offer."""
    start, end = last_three_months(timezone.localdate())
    area = network.espoo_area
    for day, text, count in ((start, GAP, 4), (end, GAP, 3), (start, RARE, 2)):
        UsageCount.objects.create(
            day=day,
            event=UsageCount.Event.SEARCH_EMPTY,
            municipality_code="049",
            area_id=area.id,
            text=text,
            count=count,
        )
    return start, end


def pdf_text(content: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_county_leader_follows_an_area_compares_and_prints_the_report(
    browser, live_site, helena, network, searches, lang
):
    start, end = searches
    area = network.espoo_area
    with translation.override(lang):
        area_name, county_name = area.name, network.west_uusimaa.name
        fewer = _("fewer than 5")
    page = phone_page(browser, lang)
    try:
        professional_logs_in(page, live_site, lang, helena)

        # The dashboard opens on the county, over the last 12 full months.
        page.goto(f"{live_site}/{lang}/leading/indicators/")
        assert page.get_attribute("html", "lang") == lang
        assert county_name in page.inner_text("[data-testid=dashboard-scope]")
        fits_the_phone(page)

        # To the Leppävaara area and the last three months.
        page.select_option("#id_scope", f"area:{area.hsds_id}")
        # Periods are whole months: month fields.
        assert page.get_attribute("#id_from", "type") == "month"
        page.fill("#id_from", f"{start:%Y-%m}")
        page.fill("#id_to", f"{end:%Y-%m}")
        tab_to(page, "[data-testid=filters-submit]")
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "scope=area" in url)
        assert area_name in page.inner_text("[data-testid=dashboard-scope]")
        assert page.input_value("#id_from") == f"{start:%Y-%m}"
        assert f"from={start:%Y-%m}" in page.url

        # The gaps families meet: words searched at least five times, the rest summed.
        gaps = page.locator("[data-testid=zero-result]")
        assert gaps.count() == 2
        assert GAP in gaps.nth(0).inner_text() and "7" in gaps.nth(0).inner_text()
        assert RARE not in page.content()
        assert "9" in page.inner_text("[data-testid=zero-results-total]")
        fits_the_phone(page)
        assert page.locator("svg[role=img]").count() >= 1
        assert fewer not in page.inner_text("[data-testid=zero-results]")

        # The figures to Excel.
        tab_to(page, "[data-testid=export-xlsx]")
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        assert download.value.suggested_filename.endswith(".xlsx")
        book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
        rows = list(book.active.iter_rows(values_only=True))
        gap_rows = [row for row in rows if row[5] == "searches_empty_words" and row[8] == GAP]
        assert [row[9] for row in gap_rows] == [7]
        assert {row[2] for row in rows if row[5] == "searches_empty_words"} == {area_name}

        # This period against the one before it.
        tab_to(page, "[data-testid=compare-link]")
        page.keyboard.press("Enter")
        page.wait_for_url("**/leading/indicators/compare/**")
        page.wait_for_selector("[data-testid=comparison]")
        assert area_name in page.inner_text("[data-testid=side-a]")
        before = page.input_value("#id_b_to")
        assert before == f"{start - timedelta(days=1):%Y-%m}"
        row = page.locator("[data-testid=compare-row][data-code=searches_empty]")
        assert row.locator("[data-testid=compare-a]").inner_text() == "9"
        assert row.locator("[data-testid=compare-b]").inner_text() == "0"
        assert row.locator("[data-testid=compare-change]").inner_text() == "+9"
        assert axe_violations(page) == []
        fits_the_phone(page)

        # The report for the cooperation meeting.
        tab_to(page, "[data-testid=report-link]")
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        content = Path(download.value.path()).read_bytes()
        assert content.startswith(b"%PDF")
        text = pdf_text(content)
        assert area_name in text
        with translation.override(lang):
            assert _("Evaluation report") in text
            assert _("Searches that found nothing") in text
        assert GAP in text and RARE not in text
    finally:
        page.context.close()


def test_the_dashboard_passes_axe_on_a_wide_screen(browser, live_site, helena, searches):
    """The desktop layout (values beside their breakdowns, charts beside their tables)."""
    context = browser.new_context(locale="fi-FI", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        professional_logs_in(page, live_site, "fi", helena)
        page.goto(f"{live_site}/fi/leading/indicators/")
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_a_professional_without_a_leader_role_is_told_why(browser, live_site, network, lang):
    worker = professional(
        "aino", network.county_org, Professional.Role.SOCIAL_WORKER, network.espoo
    )
    with translation.override(lang):
        reason = _(
            "The indicators are for professionals with a leader role: a county, a "
            "municipality or an organisation whose indicators they follow. Ask your "
            "organisation's administrator if you should have one."
        )
    page = phone_page(browser, lang)
    try:
        professional_logs_in(page, live_site, lang, worker)
        response = page.goto(f"{live_site}/{lang}/leading/indicators/")
        assert response is not None and response.status == 403
        assert page.get_attribute("html", "lang") == lang
        assert page.inner_text("[data-testid=refused-reason]").strip() == reason
        assert page.locator("h1").count() == 1
        assert axe_violations(page) == []
        fits_the_phone(page)
    finally:
        page.context.close()
