"""A family gives feedback on a service on a phone, with the keyboard only, in Finnish and in
Swedish; axe-core finds nothing serious on the form, its errors, the thanks or the figures."""

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from perhekeskus.feedback.models import Feedback
from perhekeskus.feedback.services import give_feedback
from tests.browser.conftest import PHONE, fits_the_phone, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORDS = {
    "fi": {"locale": "fi-FI", "title": "Anna palautetta", "thanks": "Kiitos palautteestasi"},
    "sv": {"locale": "sv-FI", "title": "Ge respons", "thanks": "Tack för din respons"},
}


@pytest.fixture
def phone(browser, lang: str) -> Iterator[Any]:
    context = browser.new_context(locale=WORDS[lang]["locale"], **PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_a_family_gives_feedback_with_the_keyboard(live_site, reference_data, network, phone, lang):
    page, words = phone, WORDS[lang]
    clinic = network.child_health_clinic
    for rating in (5, 4, 4, 4):
        give_feedback(lang="fi", got_help="yes", rating=rating, service=clinic)

    page.goto(f"{live_site}/{lang}/services/{clinic.hsds_id}/")
    tab_to(page, "[data-testid=give-feedback]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(words["title"])
    fits_the_phone(page)

    tab_to(page, "[data-testid=feedback-submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("error-summary")).to_be_visible()
    fits_the_phone(page)

    page.locator("main").focus()
    tab_to(page, "input[name=got_help][value=yes]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=rating][value='1']")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect(page.locator("input[name=rating][value='4']")).to_be_checked()
    tab_to(page, "textarea[name=text]")
    page.keyboard.type("Hyvä käynti")
    tab_to(page, "[data-testid=feedback-submit]")
    page.keyboard.press("Enter")

    expect(page.get_by_test_id("feedback-thanks")).to_contain_text(words["thanks"])
    fits_the_phone(page)
    assert Feedback.objects.filter(lang=lang, text="Hyvä käynti").count() == 1

    # The fifth answer: the service page now shows the figures.
    page.goto(f"{live_site}/{lang}/services/{clinic.hsds_id}/")
    expect(page.get_by_test_id("feedback-figures")).to_contain_text("4,2 / 5")
    fits_the_phone(page)
