"""A parent asks to be contacted with "no messages": on a phone (375 px wide), with the keyboard
only, in Finnish and in Swedish; axe-core finds nothing serious on the form, its errors or the
acknowledgement, and the request reaches the Espoo queue with the safety choice."""

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from perhekeskus.contacts.models import ContactRequest
from tests.browser.conftest import fits_the_phone, phone_page, professional_logs_in, tab_to
from tests.professionals import desk_build

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORDS = {
    "fi": {
        "title": "Pyydä yhteydenottoa",
        "errors": "Tarkista lomake",
        "received": "Pyyntösi on vastaanotettu",
        "no_message": "Emme jätä viestiä",
        "inbox_marker": "Ei viestejä",
        "do_not_leave": "ÄLÄ jätä viestiä",
    },
    "sv": {
        "title": "Be om ",
        "errors": "Kontrollera formuläret",
        "received": "Din begäran har tagits emot",
        "no_message": "Vi lämnar inget meddelande",
        "inbox_marker": "Inga meddelanden",
        "do_not_leave": "Lämna INTE meddelande",
    },
}


@pytest.fixture
def espoo_desk(reference_data, network, personas):
    return desk_build(network, personas)


@pytest.fixture
def phone(browser, lang: str) -> Iterator[Any]:
    page = phone_page(browser, lang)
    yield page
    page.context.close()


@pytest.fixture
def worker_phone(browser, lang: str) -> Iterator[Any]:
    page = phone_page(browser, lang)
    yield page
    page.context.close()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_a_parent_asks_to_be_contacted_with_no_messages(
    live_site, espoo_desk, phone, worker_phone, lang
):
    page, words = phone, WORDS[lang]
    # From a page about a place in Espoo: the municipality comes with the link.
    page.goto(f"{live_site}/{lang}/contact/?municipality=049")
    expect(page.get_by_role("heading", level=1)).to_contain_text(words["title"])
    fits_the_phone(page)

    # Sent empty: the errors are listed, linked to their fields, and the page stays clean.
    tab_to(page, "[data-testid=contact-submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("error-summary")).to_contain_text(words["errors"])
    fits_the_phone(page)

    page.locator("main").focus()
    tab_to(page, "textarea[name=about]")
    page.keyboard.type("Olen väsynyt ja tarvitsisin juttuseuraa.")
    tab_to(page, "input[name=name]")
    page.keyboard.type("Sanna")
    tab_to(page, "input[name=phone]")
    page.keyboard.type("040 123 4567")
    tab_to(page, "input[name=when_to_call]")
    page.keyboard.type("arkisin klo 15 jälkeen")
    # The radio groups: Tab reaches the first choice, an arrow moves to "no" and chooses it.
    tab_to(page, "input[name=may_leave_message][value=yes]")
    page.keyboard.press("ArrowDown")
    expect(page.locator("input[name=may_leave_message][value=no]")).to_be_checked()
    tab_to(page, "input[name=may_call_any_time][value=any_time]")
    page.keyboard.press("ArrowDown")
    expect(page.locator("input[name=may_call_any_time][value=given_times]")).to_be_checked()
    tab_to(page, "input[name=consent]")
    page.keyboard.press("Space")
    tab_to(page, "[data-testid=contact-submit]")
    page.keyboard.press("Enter")

    acknowledgement = page.get_by_test_id("acknowledgement")
    expect(acknowledgement).to_contain_text(words["received"])
    expect(page.get_by_test_id("safety-reminder")).to_contain_text(words["no_message"])
    fits_the_phone(page)
    request = ContactRequest.objects.get()
    expect(page.get_by_test_id("reference")).to_have_text(request.reference)
    assert request.queue == espoo_desk.espoo_queue
    assert request.may_leave_message is False and request.may_call_any_time is False
    assert request.lang == lang
    assert "040" not in page.url and "Sanna" not in page.url

    # The coordinator of the Espoo queue logs in with the second factor: the request waits
    # there, marked "no messages" already in the list, and its page opens with the warning.
    worker = worker_phone
    professional_logs_in(worker, live_site, lang, espoo_desk.maija)
    row = worker.get_by_test_id("inbox-row").filter(has_text=request.reference)
    expect(row.get_by_test_id("safety").first).to_have_text(words["inbox_marker"])
    fits_the_phone(worker)
    tab_to(worker, f"a[href$='/staff/inbox/requests/{request.pk}/']")
    worker.keyboard.press("Enter")
    expect(worker.get_by_test_id("safety-box")).to_contain_text(words["do_not_leave"])
    expect(worker.get_by_test_id("safety-box")).to_contain_text("arkisin klo 15 jälkeen")
    fits_the_phone(worker)
