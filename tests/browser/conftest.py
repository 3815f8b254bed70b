"""Browser tests: Playwright for Python driving Debian's chromium against pytest-django's live
server. `playwright install` cannot download here, so the system chromium is used."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("PERHEKESKUS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE_SOURCE = Path(__file__).parent / "vendor" / "axe.min.js"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium is missing at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the test's own ORM
    # calls are still synchronous, so Django must not refuse them as if they were async code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def live_site(live_server) -> str:
    """The live server, over plain http (see the session settings in tests/conftest.py)."""
    return live_server.url


@pytest.fixture
def reference_data(transactional_db) -> None:
    """Counties, municipalities, postal areas and service types, as the migrations load them;
    a transactional test before this one may have flushed them."""
    from perhekeskus.network.models import County
    from perhekeskus.network.reference_data import reference_data_load

    if not County.objects.exists():
        reference_data_load()


@pytest.fixture
def page(browser) -> Iterator[Any]:
    context = browser.new_context(locale="fi-FI", timezone_id="Europe/Helsinki")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def axe_violations(page: Any, *, exclude: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Serious and critical WCAG 2.1 A/AA violations found by axe-core on the current page."""
    page.add_script_tag(content=AXE_SOURCE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (exclude) => {
            const context = {include: [document], exclude: exclude.map(s => [s])};
            const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
            return await axe.run(context, {runOnly: {type: 'tag', values: tags}});
        }""",
        list(exclude),
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


# --- A phone, the keyboard, and a professional's login ------------------------------------------

PHONE = {
    "viewport": {"width": 375, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "timezone_id": "Europe/Helsinki",
}
LOCALES = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}


def phone_page(browser: Any, lang: str) -> Any:
    """A new phone-sized browser (its own cookies) speaking `lang`; close its `.context`."""
    context = browser.new_context(locale=LOCALES[lang], **PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def tab_to(page: Any, selector: str, *, limit: int = 120) -> None:
    """Press Tab until the element has the focus, and check that the focus can be seen."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            visible = page.evaluate(
                """() => { const s = getComputedStyle(document.activeElement);
                           return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0; }"""
            )
            assert visible, f"no visible focus on {selector}"
            return
    raise AssertionError(f"Tab never reached {selector!r}")


def fits_the_phone(page: Any) -> None:
    """No sideways scrolling at 375 px, and nothing serious for axe-core."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"{page.url} is {overflow}px wider than the phone's screen"
    assert axe_violations(page) == [], page.url


def professional_logs_in(page: Any, base: str, lang: str, professional: Any) -> None:
    """Password, then the code of the professional's authenticator app, keyboard only."""
    from tests.personas import PASSWORD
    from tests.professionals import code_now, totp_device

    device = totp_device(professional)
    page.goto(f"{base}/{lang}/staff/login/")
    fits_the_phone(page)
    tab_to(page, "input[name=username]")
    page.keyboard.type(professional.user.username)
    tab_to(page, "input[name=password]")
    page.keyboard.type(PASSWORD)
    tab_to(page, "[data-testid=login-submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/login/verify/**")
    fits_the_phone(page)
    # The code field has the focus when the page opens.
    if not page.evaluate("() => document.activeElement?.name === 'token'"):
        tab_to(page, "input[name=token]")
    page.keyboard.type(code_now(device))
    tab_to(page, "[data-testid=verify-submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/staff/inbox/**")
