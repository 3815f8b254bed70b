"""The family logs in to its own view on a phone (375 px wide), in Finnish and Swedish: Anna
Virtanen (a guardian) is identified by a real OpenID provider (the tests' oidc-provider-mock,
its own login form in the browser), sees the family's client process and plan, and the access
log with Aino's (public health nurse) read of the family's health information. axe-core finds
nothing serious on the family's pages."""

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from perhekeskus.consent.access import family_access
from perhekeskus.consent.models import DataCategory
from tests.browser.conftest import fits_the_phone, phone_page, tab_to
from tests.client_processes.helpers import assessment_open
from tests.clients.conftest import identity_keys, virtanen  # noqa: F401
from tests.family_portal.provider import Provider, provider_running
from tests.referrals import around as around_fixtures
from tests.referrals.around import Around

around = around_fixtures.around

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("reference_data", "audit_log_emptied_afterwards"),
]

WORDS = {
    "fi": {
        "login": "Kirjaudu vahvalla tunnistautumisella",
        "family": "Perhe Virtanen",
        "process": "Monitoimijainen palvelutarpeen arviointi",
        "log": "Kuka on käsitellyt tietojamme",
        "nurse": "Terveydenhoitaja",
        "health": "terveystiedot",
    },
    "sv": {
        "login": "Logga in med stark autentisering",
        "family": "Familjen Virtanen",
        "process": "Sektorsövergripande bedömning av servicebehovet",
        "log": "Vem har behandlat våra uppgifter",
        "nurse": "Hälsovårdare",
        "health": "hälsouppgifter",
    },
}


@pytest.fixture
def provider(monkeypatch, settings) -> Iterator[Provider]:
    with provider_running(monkeypatch, settings) as running:
        yield running


@pytest.fixture
def phone(browser, lang: str) -> Iterator[Any]:
    page = phone_page(browser, lang)
    yield page
    page.context.close()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_guardian_logs_in_through_the_provider_and_sees_who_read_the_familys_data(
    phone, live_site, provider, around: Around, lang
):
    words = WORDS[lang]
    assessment_open(around.virtanen, around.aino)
    family_access(
        professional=around.aino,
        family_id=around.virtanen.family.pk,
        category=DataCategory.HEALTH,
    )
    provider.person("anna", national_identification_number=around.virtanen.codes["mother"])

    phone.goto(f"{live_site}/{lang}/my/")
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    assert phone.url.endswith(f"/{lang}/my/login/")
    fits_the_phone(phone)
    tab_to(phone, "[data-testid=oidc-login]")
    expect(phone.locator("[data-testid=oidc-login]")).to_have_text(words["login"])
    phone.keyboard.press("Enter")

    # The identification service's own form.
    phone.wait_for_url(f"{provider.url}/oauth2/authorize**")
    phone.locator("input[name=sub]").fill("anna")
    phone.get_by_role("button", name="Authorize").click()

    phone.wait_for_url(f"{live_site}/{lang}/my/")
    expect(phone.get_by_role("heading", name=words["family"])).to_be_visible()
    expect(phone.locator("[data-testid=process]")).to_contain_text(words["process"])
    expect(phone.locator("[data-testid=process]")).to_contain_text("Emme jaksa enää")
    fits_the_phone(phone)

    tab_to(phone, "[data-testid=access-log-link]")
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("heading", level=1)).to_have_text(words["log"])
    entry = phone.locator("[data-testid=access-log-entry]").filter(has_text=words["health"])
    expect(entry).to_contain_text(words["nurse"])
    expect(entry).to_contain_text(
        around.aino.organisation.name_fi if lang == "fi" else around.aino.organisation.name_sv
    )
    assert "aino" not in phone.locator("main").inner_text().lower()  # roles, never names
    fits_the_phone(phone)

    # The consents page, with its form, is for the phone and for everyone too.
    phone.goto(f"{live_site}/{lang}/my/consents/")
    expect(phone.locator("[data-testid=give-consent]")).to_be_visible()
    fits_the_phone(phone)

    tab_to(phone, "[data-testid=logout]")
    phone.keyboard.press("Enter")
    phone.wait_for_url(f"{live_site}/{lang}/my/login/")
