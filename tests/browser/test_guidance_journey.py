"""A parent describes the situation in everyday words and reaches a service: on a phone
(375 px wide), with the keyboard only, in Finnish and in Swedish; axe-core finds nothing serious
on the form or on the answer."""

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from perhekeskus.guidance.engine import model_warm
from tests.browser.conftest import fits_the_phone, tab_to
from tests.browser.family_data import FamilyRegister, family_register_build

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {
    "viewport": {"width": 375, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "timezone_id": "Europe/Helsinki",
}

JOURNEY = {
    "fi": {
        "locale": "fi-FI",
        "situation": "vauva ei nuku ja olen ihan loppu",
        "understood": "Mitä ymmärsimme",
        "services": "Palvelut",
    },
    "sv": {
        "locale": "sv-FI",
        "situation": "bebisen sover inte och jag är helt slut",
        "understood": "Det här förstod vi",
        "services": "Tjänster",
    },
}


@pytest.fixture(scope="module", autouse=True)
def _model_loaded() -> None:
    """The embedding model loads once per worker, before the first family asks (as a server's
    master process does), so no page waits for it."""
    model_warm()


@pytest.fixture
def register(reference_data) -> FamilyRegister:
    return family_register_build()


@pytest.fixture
def phone(browser, lang: str) -> Iterator[Any]:
    context = browser.new_context(locale=JOURNEY[lang]["locale"], **PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_a_parent_describes_the_situation_and_reaches_a_service(live_site, register, phone, lang):
    page, words = phone, JOURNEY[lang]
    page.goto(f"{live_site}/{lang}/guidance/")
    assert page.get_attribute("html", "lang") == lang
    fits_the_phone(page)

    tab_to(page, "textarea[name=text]")
    page.keyboard.type(words["situation"])
    tab_to(page, "[data-testid=guidance-submit]")
    page.keyboard.press("Enter")

    understood = page.get_by_test_id("understood")
    expect(understood.get_by_role("heading", name=words["understood"])).to_be_visible()
    expect(understood.locator("li").first).to_be_visible()
    expect(page.get_by_test_id("kinds").locator("li").first).to_be_visible()
    service = page.get_by_test_id("service").first
    expect(service).to_be_visible()
    # What the parent wrote stays in the form, to be told more.
    expect(page.locator("textarea[name=text]")).to_have_value(words["situation"])
    assert "ihan loppu" not in page.url and "slut" not in page.url
    fits_the_phone(page)

    name = service.locator("h3 a").inner_text()
    tab_to(page, "[data-testid=service] h3 a")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    assert "/services/" in page.url
