"""Finding a risk early, on a phone (375 px wide), in Finnish and Swedish: Aino (public health
nurse, West Uusimaa county) records the mother's EPDS from the Virtanens' family page. She
first types a score the scale does not have and is told so, with what she typed kept; then
the real score, 14, crosses the threshold. The family appears on her screening worklist and
in the caseload's count until she records the follow-up (early support offered), and then it
is gone. axe-core finds nothing serious on the way; the forms are used with the keyboard."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from perhekeskus.screenings.instruments import instruments_seed
from perhekeskus.screenings.models import ConcernArea, FollowUp, Screening, ScreeningInstrument
from tests.browser.conftest import fits_the_phone, phone_page, professional_logs_in, tab_to
from tests.clients.conftest import identity_keys, virtanen  # noqa: F401
from tests.referrals.around import Around, around  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("reference_data", "audit_log_emptied_afterwards"),
]

WORDS = {
    "fi": {
        "screenings_of": "seulonnat",
        "out_of_range": "0–30",
        "recorded": "Seulonta on kirjattu. Raja-arvo ylittyi",
        "crossed": "Raja-arvo ylittyi",
        "worklist": "Seulontojen työlista",
        "waiting": "1 odottaa jatkotoimia",
        "follow_up_recorded": "Jatkotoimi on kirjattu",
        "followed_up": "Varhaista tukea tarjottu",
        "empty": "Jokaisen ylittyneen raja-arvon jatkotoimet on kirjattu",
    },
    "sv": {
        "screenings_of": "screeningar",
        "out_of_range": "från 0 till 30",
        "recorded": "Screeningen är registrerad. Gränsvärdet överskreds",
        "crossed": "Gränsvärdet överskreds",
        "worklist": "Arbetslista för screeningar",
        "waiting": "1 väntar på fortsatta åtgärder",
        "follow_up_recorded": "Den fortsatta åtgärden är registrerad",
        "followed_up": "Tidigt stöd erbjudet",
        "empty": "Varje överskridet gränsvärde har följts upp",
    },
}
NOTE = "Äiti kertoo itkevänsä usein ja nukkuvansa huonosti."
FOLLOW_UP = "Tarjottu perhetyön kotikäyntejä ja äitien vertaisryhmää."


@pytest.fixture(autouse=True)
def _no_device_pause(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture(autouse=True)
def _instruments(reference_data) -> None:
    """The instruments as the data migration seeds them: a transactional test before this one
    may have flushed them."""
    instruments_seed(ScreeningInstrument, ConcernArea)


@pytest.fixture
def aino_phone(browser, lang: str) -> Iterator[Any]:
    page = phone_page(browser, lang)
    yield page
    page.context.close()


def type_into(page: Any, selector: str, text: str) -> None:
    page.locator(selector).focus()
    page.keyboard.type(text)


def submit(page: Any, testid: str) -> None:
    """From the field just filled, Tab to the form's button and press Enter."""
    tab_to(page, f"[data-testid={testid}]", limit=40)
    page.keyboard.press("Enter")


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_a_nurse_records_an_epds_over_the_threshold_and_follows_it_up(
    live_site,
    around: Around,  # noqa: F811 (the fixture, imported above)
    aino_phone,
    lang,
):
    words, family = WORDS[lang], around.virtanen.family
    aino = aino_phone
    professional_logs_in(aino, live_site, lang, around.aino)

    # From the family's page to its screenings, and the EPDS form.
    aino.goto(f"{live_site}/{lang}/workspace/families/{family.pk}/")
    tab_to(aino, "[data-testid=screenings-link]")
    aino.keyboard.press("Enter")
    aino.wait_for_url(re.compile(rf"/{lang}/workspace/screenings/families/{family.pk}/$"))
    expect(aino.get_by_role("heading", level=1)).to_contain_text(words["screenings_of"])
    assert aino.get_attribute("html", "lang") == lang
    fits_the_phone(aino)
    tab_to(aino, "[data-testid=record-epds]")
    aino.keyboard.press("Enter")
    aino.wait_for_url(re.compile(r"/record/epds/$"))
    expect(aino.get_by_test_id("threshold")).to_contain_text("10")
    fits_the_phone(aino)

    # A score the scale does not have: refused, with what was typed kept.
    aino.select_option("#id_person", str(around.virtanen.mother.pk))
    aino.locator("#id_person").focus()
    type_into(aino, "#id_score", "31")
    type_into(aino, "#id_note", NOTE)
    submit(aino, "screening-submit")
    expect(aino.get_by_test_id("error-summary")).to_contain_text(words["out_of_range"])
    expect(aino.locator("#id_score")).to_have_value("31")
    expect(aino.locator("#id_note")).to_have_value(NOTE)
    fits_the_phone(aino)
    assert not Screening.objects.exists()

    # The real score crosses the threshold.
    aino.locator("#id_score").fill("")
    type_into(aino, "#id_score", "14")
    submit(aino, "screening-submit")
    aino.wait_for_url(re.compile(rf"/{lang}/workspace/screenings/\d+/$"))
    expect(aino.get_by_test_id("messages")).to_contain_text(words["recorded"])
    expect(aino.get_by_test_id("crossed")).to_have_text(words["crossed"])
    fits_the_phone(aino)

    # The family is on the worklist, and counted on the caseload.
    aino.get_by_test_id("nav-screenings").click()
    aino.wait_for_url(re.compile(rf"/{lang}/workspace/screenings/worklist/$"))
    expect(aino.get_by_role("heading", level=1)).to_have_text(words["worklist"])
    expect(aino.get_by_test_id("worklist-row")).to_have_count(1)
    expect(aino.get_by_test_id("worklist-row")).to_contain_text(family.name)
    fits_the_phone(aino)
    aino.goto(f"{live_site}/{lang}/workspace/")
    expect(aino.get_by_test_id("screenings-waiting")).to_contain_text(words["waiting"])

    # Until the follow-up is recorded.
    aino.goto(f"{live_site}/{lang}/workspace/screenings/worklist/")
    aino.get_by_test_id("worklist-row").get_by_role("link").click()
    aino.wait_for_url(re.compile(rf"/{lang}/workspace/screenings/\d+/$"))
    aino.locator("#id_kind_0").focus()
    aino.keyboard.press("Space")
    type_into(aino, "#id_note", FOLLOW_UP)
    submit(aino, "follow-up-submit")
    expect(aino.get_by_test_id("messages")).to_contain_text(words["follow_up_recorded"])
    expect(aino.get_by_test_id("follow-up")).to_contain_text(words["followed_up"])
    fits_the_phone(aino)

    aino.goto(f"{live_site}/{lang}/workspace/screenings/worklist/")
    expect(aino.get_by_test_id("worklist-empty")).to_contain_text(words["empty"])
    expect(aino.get_by_test_id("worklist-row")).to_have_count(0)
    fits_the_phone(aino)

    [screening] = Screening.objects.all()
    assert (screening.score, screening.crossed, screening.note) == (14, True, NOTE)
    [follow_up] = FollowUp.objects.filter(screening=screening)
    assert (follow_up.kind, follow_up.note) == (FollowUp.Kind.EARLY_SUPPORT, FOLLOW_UP)
