"""Planning family centre areas, in a real browser on a phone, in Finnish and Swedish (issue 7,
"Done when"): Pia, who may plan the areas of the East Uusimaa county, proposes areas for it,
looks at them on the map (a circle per municipality in the area's colour, the area's number,
a legend naming the areas), saves the plan and finds it among the saved plans. The planner
page with its proposal and map is checked with axe-core and must fit a 375 px screen.

The planning app's words are translated by the lead at the end: the test finds elements by
id, test id and data attributes, and compares words through gettext in the page's language."""

from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext

from perhekeskus.evaluation.models import LeaderRole
from perhekeskus.network.models import County
from perhekeskus.planning.models import AreaPlan
from perhekeskus.staff.models import Professional
from tests.browser.conftest import fits_the_phone, phone_page, professional_logs_in, tab_to
from tests.referrals.around import professional

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("reference_data", "audit_log_emptied_afterwards"),
]

EAST_UUSIMAA = "01"  # seven municipalities, about 99 000 people: a proposal in a moment
PLAN_NAME = {"fi": "Itä-Uusimaa, kolme aluetta", "sv": "Östra Nyland, tre områden"}


@pytest.fixture(autouse=True)
def _no_device_pause(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def pia(network) -> Professional:
    person = professional("pia", network.county_org, Professional.Role.COORDINATOR, network.espoo)
    county = County.objects.get(code=EAST_UUSIMAA)
    LeaderRole.objects.create(professional=person, county=county, may_plan=True)
    return person


def words(lang: str, text: str) -> str:
    with translation.override(lang):
        return gettext(text)


def texts(page: Any, selector: str) -> list[str]:
    return [" ".join(text.split()) for text in page.locator(selector).all_inner_texts()]


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_pia_proposes_areas_looks_at_the_map_and_saves_the_plan(browser, live_site, pia, lang):
    page = phone_page(browser, lang)
    try:
        professional_logs_in(page, live_site, lang, pia)

        page.goto(f"{live_site}/{lang}/leading/planning/")
        assert page.get_attribute("html", "lang") == lang
        assert page.inner_text("h1") == words(lang, "Area planner")
        fits_the_phone(page)

        # The county and the model's options are there; Pia proposes, keyboard first.
        assert page.input_value("#id_county") == EAST_UUSIMAA
        tab_to(page, "[data-testid=propose]")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**county={EAST_UUSIMAA}**")
        page.wait_for_selector("[data-testid=proposal]")

        # The tables: every area with its figures.
        areas = texts(page, "[data-testid=area-row] th")
        assert len(areas) >= 2
        assert page.inner_text("[data-testid=areas-proposed]") == str(len(areas))

        # The map: drawn, a circle for each member in its area's colour, each area's number
        # at its centre, and a legend that names the areas in the table's order.
        page.wait_for_selector("#map-panel:not([hidden]) .leaflet-container")
        assert page.locator("path.pl-member.leaflet-interactive").count() >= len(areas)
        assert page.locator(".leaflet-marker-icon.pl-area-label").count() == len(areas)
        for number in range(1, len(areas) + 1):
            assert page.locator(f"path.pl-area-{number}").count() >= 1
        assert texts(page, "[data-testid=legend-area]") == areas
        fits_the_phone(page)

        # Pia names the plan and saves it.
        tab_to(page, "#id_name")
        page.keyboard.press("Control+A")
        page.keyboard.type(PLAN_NAME[lang])
        tab_to(page, "[data-testid=save-plan]")
        page.keyboard.press("Enter")
        page.wait_for_url("**/leading/planning/plans/*/")
        plan = AreaPlan.objects.get()
        assert plan.county.code == EAST_UUSIMAA and plan.created_by == pia
        assert plan.name == PLAN_NAME[lang]
        assert plan.areas.count() == len(areas)
        assert page.inner_text("[data-testid=plan-name]") == PLAN_NAME[lang]
        assert page.locator("[data-testid=messages]").count() == 1
        page.wait_for_selector("#map-panel:not([hidden]) .leaflet-container")
        assert page.locator("[data-testid=legend-area]").count() == len(areas)
        fits_the_phone(page)

        # Among the saved plans.
        tab_to(page, "[data-testid=plans-link]")
        page.keyboard.press("Enter")
        page.wait_for_url("**/leading/planning/plans/")
        assert page.get_attribute("html", "lang") == lang
        row = page.locator(f"[data-testid=plan-row][data-plan='{plan.pk}']")
        assert PLAN_NAME[lang] in row.inner_text()
        fits_the_phone(page)
    finally:
        page.context.close()
