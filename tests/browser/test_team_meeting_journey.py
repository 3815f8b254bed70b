"""A team meeting with two organisations, on phones (375 px wide), in Finnish and Swedish:
Aino (public health nurse, West Uusimaa county) plans the Virtanens' joint assessment and
invites Mikko (social worker, Vantaa and Kerava county; both counties care for the family).
The family's view is recorded first, both professionals contribute, a decision goes into the
plan, and Aino publishes the summary the family then sees. axe-core finds nothing serious on
the way; the forms are used with the keyboard."""

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from perhekeskus.meetings.selectors import meetings_for_family
from perhekeskus.processes.models import PlanAction
from tests.browser.conftest import fits_the_phone, phone_page, professional_logs_in, tab_to
from tests.clients.conftest import identity_keys, virtanen  # noqa: F401
from tests.meetings.team import FAMILY_VIEW, Team, team  # noqa: F401
from tests.referrals.around import around  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("reference_data", "audit_log_emptied_afterwards"),
]

WORDS = {
    "fi": {
        "meetings_of": "tiimitapaamiset",
        "planned": "Tapaaminen on suunniteltu",
        "family_first": "Perheen oma näkemys",
        "waits": "kun perheen näkemys on kirjattu",
        "upcoming": "Tulevat tiimitapaamiset",
        "draft": "Luonnos",
        "published": "Julkaistu perheelle",
    },
    "sv": {
        "meetings_of": "teammöten",
        "planned": "Mötet är planerat",
        "family_first": "Familjens egen syn",
        "waits": "när familjens syn har skrivits in",
        "upcoming": "Kommande teammöten",
        "draft": "Utkast",
        "published": "Publicerad för familjen",
    },
}
AINO_SAYS = "Neuvolassa näkyy vanhempien uupumus; Einon kasvu on hyvää."
MIKKO_SAYS = "Vantaan perhetyö voi aloittaa kotikäynnit kahden viikon kuluessa."
DECISION = "Perhetyön kotikäynnit alkavat"
SUMMARY = (
    "Saatte perhetyöntekijän kotikäynneille kahdesti viikossa. "
    "Seuraava tapaaminen kuukauden päästä."
)


@pytest.fixture(autouse=True)
def _no_device_pause(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def meeting_team(team) -> Team:  # noqa: F811 (the fixture, imported above)
    """Both counties care for the family; Aino has opened the assessment (tests.meetings.team)."""
    return team


@pytest.fixture
def aino_phone(browser, lang: str) -> Iterator[Any]:
    page = phone_page(browser, lang)
    yield page
    page.context.close()


@pytest.fixture
def mikko_phone(browser, lang: str) -> Iterator[Any]:
    page = phone_page(browser, lang)
    yield page
    page.context.close()


def type_into(page: Any, selector: str, text: str) -> None:
    page.locator(selector).focus()
    page.keyboard.type(text)


def choose(page: Any, selector: str, value: str) -> None:
    page.select_option(selector, value)
    page.locator(selector).focus()


def submit(page: Any, testid: str) -> None:
    """From the field just filled, Tab to the form's button and press Enter."""
    tab_to(page, f"[data-testid={testid}]", limit=40)
    page.keyboard.press("Enter")


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_a_team_meeting_with_two_organisations_ends_in_a_summary_for_the_family(
    live_site, meeting_team: Team, aino_phone, mikko_phone, lang
):
    words, people = WORDS[lang], meeting_team.around
    family = people.virtanen.family
    county, vantaa = (getattr(o, f"name_{lang}") for o in (people.aino.organisation, people.vantaa))
    aino = aino_phone
    professional_logs_in(aino, live_site, lang, people.aino)

    # Aino plans the meeting from the family's meetings page.
    aino.goto(f"{live_site}/{lang}/workspace/meetings/families/{family.pk}/")
    expect(aino.get_by_role("heading", level=1)).to_contain_text(words["meetings_of"])
    assert aino.get_attribute("html", "lang") == lang
    fits_the_phone(aino)
    choose(aino, "#id_process", str(meeting_team.process.pk))
    day = timezone.localdate() + timedelta(days=7)
    aino.fill("#id_day", day.isoformat())
    aino.fill("#id_time", "09:30")
    type_into(aino, "#id_place", "Leppävaaran neuvola, huone 3")
    type_into(aino, "#id_agenda", "Arjen jaksaminen\nLiisan koulunkäynti")
    submit(aino, "plan-submit")
    aino.wait_for_url(re.compile(rf"/{lang}/workspace/meetings/\d+/$"))
    expect(aino.get_by_test_id("messages")).to_contain_text(words["planned"])
    fits_the_phone(aino)

    # Mikko's organisation cares for the family too: he can be invited.
    choose(aino, "#id_invite-professional", str(people.mikko.pk))
    submit(aino, "invite-submit")
    expect(aino.get_by_test_id("participants")).to_contain_text(vantaa)

    # Nobody contributes before the family has spoken.
    expect(aino.get_by_test_id("contribution-waits")).to_contain_text(words["waits"])
    expect(aino.locator("#family-view-title")).to_have_text(words["family_first"])
    type_into(aino, "#id_family_view-text", FAMILY_VIEW)
    submit(aino, "family-view-submit")
    expect(aino.get_by_test_id("family-view-text")).to_contain_text("Eino herää öisin")
    type_into(aino, "#id_contribution-text", AINO_SAYS)
    submit(aino, "contribution-submit")
    expect(aino.get_by_test_id("contribution")).to_contain_text(AINO_SAYS)
    fits_the_phone(aino)

    # Mikko finds the meeting among his own and contributes for Vantaa.
    mikko = mikko_phone
    professional_logs_in(mikko, live_site, lang, people.mikko)
    mikko.goto(f"{live_site}/{lang}/workspace/meetings/")
    expect(mikko.get_by_test_id("upcoming")).to_contain_text(words["upcoming"])
    fits_the_phone(mikko)
    mikko.get_by_test_id("meeting").get_by_role("link").click()
    mikko.wait_for_url(re.compile(rf"/{lang}/workspace/meetings/\d+/$"))
    type_into(mikko, "#id_contribution-text", MIKKO_SAYS)
    submit(mikko, "contribution-submit")
    expect(mikko.get_by_test_id("contribution")).to_have_count(2)
    expect(mikko.get_by_test_id("contribution").nth(1)).to_contain_text(vantaa)
    fits_the_phone(mikko)

    # The decision: Mikko's home visits, into the plan.
    aino.reload()
    type_into(aino, "#id_decision-what", DECISION)
    aino.fill("#id_decision-due_on", (day + timedelta(days=14)).isoformat())
    choose(aino, "#id_decision-who", str(people.mikko.pk))
    submit(aino, "decision-submit")
    expect(aino.get_by_test_id("decision")).to_contain_text(DECISION)

    # Aino composes the summary, sees it as a draft, and publishes it.
    type_into(aino, "#id_assessment-summary", SUMMARY)
    submit(aino, "assessment-submit")
    expect(aino.get_by_test_id("draft")).to_contain_text(words["draft"])
    assert meetings_for_family(family_id=family.pk, today=timezone.localdate())[0].summary == ""
    submit(aino, "publish-submit")
    expect(aino.get_by_test_id("published")).to_contain_text(words["published"])
    fits_the_phone(aino)

    with translation.override(lang):  # the family portal reads it in the family's language
        [seen] = meetings_for_family(family_id=family.pk, today=timezone.localdate())
    assert seen.summary == SUMMARY
    assert set(seen.organisation_names) == {county, vantaa}
    action = PlanAction.objects.get(process=meeting_team.process)
    assert (action.what, action.who) == (DECISION, people.mikko)
