"""Passkeys in a real browser, in Finnish and Swedish, on a phone-sized screen: Aino logs in with
her code, adds a passkey on the passkeys page, logs out, and logs in again with her password and
the passkey, straight to the workspace she was going to. Chromium's virtual authenticator (over
the DevTools protocol) stands in for the phone's fingerprint reader."""

import re
from typing import Any

import pytest

from tests.browser.conftest import fits_the_phone, phone_page, professional_logs_in, tab_to
from tests.personas import PASSWORD
from tests.professionals import Desk

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("reference_data", "audit_log_emptied_afterwards"),
]

ADDED = {"fi": "Pääsyavain ”Työläppäri” on lisätty.", "sv": "Nyckeln ”Työläppäri” har lagts till."}
TITLE = {"fi": "Pääsyavaimet", "sv": "Nycklar"}
NONE_YET = {"fi": "Sinulla ei ole vielä pääsyavaimia.", "sv": "Du har inga nycklar ännu."}


def with_fingerprint_reader(page: Any) -> Any:
    """A platform authenticator that holds passkeys and always recognises its owner."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, added["authenticatorId"]


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_aino_adds_a_passkey_and_logs_in_with_it_instead_of_the_code(
    browser, live_site, desk: Desk, lang: str
):
    page = phone_page(browser, lang)
    try:
        cdp, authenticator = with_fingerprint_reader(page)
        professional_logs_in(page, live_site, lang, desk.aino)

        page.click("[data-testid=nav-passkeys]")
        page.wait_for_url(f"**/{lang}/staff/passkeys/")
        assert page.inner_text("h1") == TITLE[lang]
        assert NONE_YET[lang] in page.inner_text("main")
        page.wait_for_selector("#passkey-register-button")  # the browser can: the button shows
        fits_the_phone(page)
        tab_to(page, "input[name=name]")
        page.keyboard.type("Työläppäri")
        tab_to(page, "#passkey-register-button")
        page.keyboard.press("Enter")

        page.wait_for_selector("[data-testid=messages]")
        assert ADDED[lang] in page.inner_text("[data-testid=messages]")
        assert page.locator("[data-testid=passkey]").count() == 1
        assert "Työläppäri" in page.inner_text("[data-testid=passkeys]")
        fits_the_phone(page)
        stored = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
        assert len(stored["credentials"]) == 1

        page.click("[data-testid=logout]")
        page.wait_for_url(f"**/{lang}/staff/login/")

        page.goto(f"{live_site}/{lang}/workspace/")
        page.wait_for_url(re.compile(rf"/{lang}/staff/login/\?next="))
        tab_to(page, "input[name=username]")
        page.keyboard.type("aino")
        tab_to(page, "input[name=password]")
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(rf"/{lang}/staff/login/verify/"))
        page.wait_for_selector("#passkey-verification-button")
        fits_the_phone(page)
        tab_to(page, "#passkey-verification-button")
        page.keyboard.press("Enter")

        page.wait_for_url(re.compile(rf"/{lang}/workspace/$"))
        assert page.locator("[data-testid=logout]").count() == 1
        assert page.get_attribute("html", "lang") == lang
    finally:
        page.context.close()


def test_without_webauthn_the_passkeys_page_says_so_and_the_code_still_works(
    browser, live_site, desk: Desk
):
    """A browser without passkeys (WebAuthn hidden): no button, a plain explanation."""
    page = phone_page(browser, "fi")
    try:
        page.add_init_script("delete window.PublicKeyCredential;")
        professional_logs_in(page, live_site, "fi", desk.aino)
        page.goto(f"{live_site}/fi/staff/passkeys/")
        page.wait_for_selector("[data-testid=passkeys-unavailable]")
        assert page.locator("#passkey-register-button").count() == 0
        fits_the_phone(page)
    finally:
        page.context.close()
