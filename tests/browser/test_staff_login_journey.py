"""The login in a real browser, keyboard only, on a phone-sized screen, in Finnish and
Swedish, with an accessibility check (axe-core) of each page on the way."""

import re
import time
from base64 import b32decode
from typing import Any

import pytest
from django_otp.oath import TOTP

from tests.browser.conftest import axe_violations
from tests.personas import PASSWORD
from tests.professionals import Desk, totp_device
from tests.staff.conftest import code_now, wrong_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("reference_data"),
]
PHONE = {"width": 375, "height": 740}


@pytest.fixture(autouse=True)
def _no_device_pause(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def phone(browser) -> Any:
    context = browser.new_context(locale="fi-FI", timezone_id="Europe/Helsinki", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def focused_id(page: Any) -> str:
    return page.evaluate("() => document.activeElement.id || ''")


def tab_to(page: Any, element_id: str) -> None:
    for _ in range(40):
        page.keyboard.press("Tab")
        if focused_id(page) == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def assert_fits_and_is_accessible(page: Any, *, lang: str, exclude: tuple[str, ...] = ()) -> None:
    assert page.get_attribute("html", "lang") == lang
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page, exclude=exclude) == []


def type_password(page: Any, base: str, lang: str, username: str) -> None:
    page.goto(f"{base}/{lang}/staff/login/")
    assert_fits_and_is_accessible(page, lang=lang)
    tab_to(page, "id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")


def test_aino_sets_up_her_app_and_logs_in_on_her_phone(phone, live_site, desk: Desk):
    type_password(phone, live_site, "fi", "aino")
    phone.wait_for_url(re.compile(r"/fi/staff/login/enrol/"))
    assert phone.locator("[data-testid=qr] svg").count() == 1
    assert_fits_and_is_accessible(phone, lang="fi")
    secret = phone.inner_text("[data-testid=secret]").replace(" ", "")
    totp = TOTP(b32decode(secret), 30, 0, 6, 0)
    totp.time = time.time()

    tab_to(phone, "id_token")
    phone.keyboard.type(f"{totp.token():06d}")
    phone.keyboard.press("Enter")

    phone.wait_for_url(re.compile(r"/fi/staff/inbox/"))


def test_kalle_logs_in_with_his_code_in_swedish(phone, live_site, desk: Desk):
    device = totp_device(desk.kalle)
    type_password(phone, live_site, "sv", "kalle")
    phone.wait_for_url(re.compile(r"/sv/staff/login/verify/"))
    assert "Verifieringskod" in phone.inner_text("h1")
    assert_fits_and_is_accessible(phone, lang="sv")

    phone.keyboard.type(wrong_code(device))
    phone.keyboard.press("Enter")
    phone.wait_for_selector("[data-testid=error-summary]")
    assert_fits_and_is_accessible(phone, lang="sv")
    tab_to(phone, "id_token")
    phone.keyboard.press("Control+a")
    phone.keyboard.type(code_now(device))
    phone.keyboard.press("Enter")

    phone.wait_for_url(re.compile(r"/sv/staff/inbox/"))
    assert phone.locator("[data-testid=logout]").count() == 1
    assert_fits_and_is_accessible(phone, lang="sv", exclude=("main",))
