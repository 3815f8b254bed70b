"""A family's journeys on the public pages in a real browser: on a phone (375 px wide), with the
keyboard only, in Finnish and in Swedish, with JavaScript and without it.

Search "neuvola" for a three-month-old near Tapiola (02100), filter to what is free, compare two
clinics and share the comparison; open a meeting place, its calendar by week and by month and
download it as an iCalendar file; print the family centre area's brochure. With JavaScript on,
axe-core checks every page on the way (axe itself needs JavaScript)."""

import calendar
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.browser.family_data import CAFE_WEEKDAY, FamilyRegister, family_register_build

# Data migrations load the reference data; a transactional test flushes the database, so the
# data is serialised and restored around each test (as in test_admin_browser.py).
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
TAB_LIMIT = 150
OPTION_LIMIT = 20

# What a family reads on the pages, in each language.
UI: dict[str, dict[str, Any]] = {
    "fi": {
        "locale": "fi-FI",
        "free": "Maksuton",
        "compare": "Vertaile rinnakkain",
        "rows": (
            "Ikä",
            "Kielet",
            "Hinta",
            "Lähete",
            "Missä ja milloin",
            "Etäisyys",
            "Tiedot tarkistettu",
        ),
        "distance": "Etäisyys",
        "verified": "Tiedot tarkistettu",
        "where": "Missä ja milloin",
        "month": "Kuukausi",
        "professional": "Paikalla ammattilainen",
    },
    "sv": {
        "locale": "sv-FI",
        "free": "Avgiftsfritt",
        "compare": "Jämför sida vid sida",
        "rows": (
            "Ålder",
            "Språk",
            "Kostnad",
            "Remiss",
            "Var och när",
            "Avstånd",
            "Uppgifterna kontrollerade",
        ),
        "distance": "Avstånd",
        "verified": "Uppgifterna kontrollerade",
        "where": "Var och när",
        "month": "Månad",
        "professional": "Yrkesperson på plats",
    },
}
LANGS = pytest.mark.parametrize("lang", ["fi", "sv"])
SCRIPT = pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
DISTANCE = re.compile(r"\d[\d,.]*\s(m|km)\b")
HOURS = re.compile(r"\d{1,2}[.:]\d{2}\s*[–-]\s*\d{1,2}[.:]\d{2}")


@pytest.fixture
def register(reference_data) -> FamilyRegister:
    return family_register_build()


def _phone(browser: Any, *, lang: str, js: bool) -> Any:
    context = browser.new_context(locale=UI[lang]["locale"], java_script_enabled=js, **PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def phone(browser, lang: str, js: bool) -> Iterator[Any]:
    """A phone's browser, JavaScript on or off, in the family's language."""
    page = _phone(browser, lang=lang, js=js)
    yield page
    page.context.close()


# ---- The keyboard ----


def _describe_focus(page: Any) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement; return e ? e.outerHTML.slice(0, 120) : ''; }"
    )


def tab_to(page: Any, selector: str) -> None:
    """Press Tab until the element has the focus, as a keyboard user does, and check that the
    focus can be seen."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => !!document.activeElement && document.activeElement.matches(s)", selector
        ):
            outline = page.evaluate(
                """() => { const s = getComputedStyle(document.activeElement);
                           return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0; }"""
            )
            assert outline, f"no visible focus on {_describe_focus(page)}"
            return
    raise AssertionError(f"Tab never reached {selector!r}; focus is on {_describe_focus(page)}")


def choose_option(page: Any, value: str) -> None:
    """Move through the focused list box with the arrow keys until `value` is chosen."""
    for _ in range(OPTION_LIMIT):
        if page.evaluate("() => document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"the arrow keys never reached the option {value!r}")


# ---- Each page on the way ----


def mark_document(page: Any) -> None:
    page.evaluate("() => { document.documentElement.dataset.journey = 'before'; }")


def assert_updated_in_place(page: Any, *, js: bool) -> None:
    """With JavaScript, htmx swaps the results into the same document; without it, the form
    loads a new page."""
    kept = page.evaluate("() => document.documentElement.dataset.journey === 'before'")
    assert kept is js, "htmx did not update the results in place" if js else "not a new page"


def check_page(page: Any, *, lang: str, js: bool) -> None:
    """In the family's language, one main landmark and a heading, fits a phone's width, and
    (where axe can run) no serious or critical accessibility violation."""
    assert page.get_attribute("html", "lang") == lang, page.url
    assert page.locator("main").count() == 1, page.url
    assert page.locator("h1").count() == 1, page.url
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"{page.url} is {overflow}px wider than the phone's screen"
    if js:
        assert axe_violations(page) == [], page.url


def says_date(text: str, day: date | None) -> bool:
    """The text gives the day and the year (the month may be a word or a number)."""
    assert day is not None
    return str(day.year) in text and re.search(rf"\b0?{day.day}\b", text) is not None


def result_named(page: Any, name: str) -> Any:
    return page.get_by_test_id("result").filter(
        has=page.get_by_role("heading", name=name, exact=True)
    )


def row_cells(table: Any, heading: str) -> list[str]:
    row = table.locator("tbody tr").filter(
        has=table.page.get_by_role("rowheader", name=heading, exact=True)
    )
    expect(row).to_have_count(1)
    return [cell.strip() for cell in row.locator("td").all_inner_texts()]


# ---- 1–3: search, filter, compare ----


@LANGS
@SCRIPT
def test_family_finds_filters_and_compares_clinics_for_a_baby_near_tapiola(
    live_site, register, phone, lang, js
):
    page, ui = phone, UI[lang]
    tapiola, matinkyla = register.tapiola_clinic, register.matinkyla_clinic

    page.goto(f"{live_site}/{lang}/")
    check_page(page, lang=lang, js=js)
    tab_to(page, "#home-q")
    page.keyboard.type("neuvola")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=neuvola$"))

    # The search page asks for the child's age and the place.
    tab_to(page, "#id_age_months")
    choose_option(page, "3")
    tab_to(page, "#id_postcode")
    page.keyboard.type("02100")
    mark_document(page)
    tab_to(page, "[data-testid=search-submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "age_months=3" in url and "postcode=02100" in url)
    results = page.get_by_test_id("result")
    expect(results.first.locator(".result__why [data-code=distance]")).to_be_visible()
    assert_updated_in_place(page, js=js)
    check_page(page, lang=lang, js=js)
    # The map shows the results' places with JavaScript; without it the list is complete.
    if js:
        expect(page.locator("#map.leaflet-container")).to_be_visible()
        expect(page.locator("#map .map-marker").first).to_be_visible()
    else:
        expect(page.locator("#map")).to_be_hidden()

    names = results.locator(".result__title").all_inner_texts()
    assert register.tapiola_clinic_name[lang] in names[:3], names
    assert register.private_clinic_name[lang] in names, names
    assert register.matinkyla_clinic_name[lang] in names, names
    # The maternity clinic is for the months before the birth, not for a baby.
    expect(page.locator(f'[data-service-id="{register.maternity_clinic.hsds_id}"]')).to_have_count(
        0
    )
    services = (tapiola, matinkyla, register.private_clinic)
    verified_on = {str(service.hsds_id): service.last_verified_at for service in services}
    for result in results.all():
        why = result.locator(".result__why")
        assert why.locator("[data-code=words], [data-code=type]").count() >= 1
        assert why.locator("[data-code=age]").inner_text().strip()
        assert "km" in why.locator("[data-code=distance]").inner_text()
        verified = result.locator("[data-code=verified], .result__verified").inner_text()
        assert says_date(verified, verified_on[result.get_attribute("data-service-id") or ""])
    tapiola_why = result_named(page, register.tapiola_clinic_name[lang]).locator(".result__why")
    assert "neuvola" in tapiola_why.locator("[data-code=words]").inner_text()

    # Filter: free of charge, among "more filters".
    tab_to(page, "[data-testid=filters-toggle]")
    page.keyboard.press("Enter")
    expect(page.locator("#filters")).to_have_attribute("open", "")
    tab_to(page, "#id_free")
    page.keyboard.press("Space")
    expect(page.locator("#id_free")).to_be_checked()
    mark_document(page)
    tab_to(page, "#filters button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "free=on" in url)
    expect(page.locator(".chips")).to_contain_text(ui["free"])
    assert_updated_in_place(page, js=js)
    expect(result_named(page, register.private_clinic_name[lang])).to_have_count(0)
    expect(result_named(page, register.tapiola_clinic_name[lang])).to_have_count(1)
    check_page(page, lang=lang, js=js)

    # Choose two clinics for the comparison, then compare them.
    for chosen in (tapiola, matinkyla):
        tab_to(page, f'[data-service-id="{chosen.hsds_id}"] [data-testid=compare-toggle]')
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url, chosen=chosen: f"s={chosen.hsds_id}" in url)
    expect(page.get_by_test_id("compare-bar")).to_contain_text(register.matinkyla_clinic_name[lang])
    tab_to(page, "[data-testid=compare-link]")
    assert page.evaluate("() => document.activeElement.innerText.trim()") == ui["compare"]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/compare/\?"))
    check_page(page, lang=lang, js=js)

    table = page.get_by_test_id("compare-table")
    columns = table.locator("thead th").all_inner_texts()
    assert len(columns) == 2
    assert register.tapiola_clinic_name[lang] in columns[0]
    assert register.matinkyla_clinic_name[lang] in columns[1]
    for heading in ui["rows"]:
        cells = row_cells(table, heading)
        assert len(cells) == 2 and all(cells), (heading, cells)
    assert all(DISTANCE.search(cell) for cell in row_cells(table, ui["distance"]))
    assert all(HOURS.search(cell) for cell in row_cells(table, ui["where"]))
    verified_cells = row_cells(table, ui["verified"])
    assert says_date(verified_cells[0], tapiola.last_verified_at), verified_cells
    assert says_date(verified_cells[1], matinkyla.last_verified_at), verified_cells
    seen = table.inner_text()

    # The address can be shared: reloaded, or opened in another browser, it shows the same.
    share_url = page.get_by_test_id("share-url").input_value()
    assert share_url == page.url
    page.reload()
    assert page.get_by_test_id("compare-table").inner_text() == seen
    friend = _phone(page.context.browser, lang=lang, js=js)
    try:
        friend.goto(share_url)
        assert friend.get_by_test_id("compare-table").inner_text() == seen
    finally:
        friend.context.close()


# ---- 4: a meeting place's calendar and its iCalendar file ----


@LANGS
@SCRIPT
def test_family_follows_the_meeting_place_calendar_and_saves_it_to_their_phone(
    live_site, register, phone, lang, js
):
    page, ui = phone, UI[lang]
    place, cafe_title = register.meeting_place, register.cafe_title[lang]
    today = timezone.localdate()
    this_wednesday = today + timedelta(days=CAFE_WEEKDAY - today.weekday())

    page.goto(f"{live_site}/{lang}/areas/{register.area.hsds_id}/")
    check_page(page, lang=lang, js=js)
    tab_to(page, f'main a[href$="/sites/{place.hsds_id}/"]')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/{lang}/sites/{place.hsds_id}/$"))
    check_page(page, lang=lang, js=js)
    expect(page.locator("h1")).to_have_text(register.meeting_place_name[lang])
    week = page.get_by_test_id("site-week")
    expect(week).to_contain_text(cafe_title)
    expect(week).to_contain_text(register.nurse_role[lang])

    tab_to(page, "[data-testid=site-calendar-link]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/{lang}/sites/{place.hsds_id}/calendar/"))
    check_page(page, lang=lang, js=js)
    wednesday = page.locator(f'section[aria-labelledby="day-{this_wednesday.isoformat()}"]')
    expect(wednesday).to_contain_text(cafe_title)
    present = wednesday.locator(".prog-professionals")
    expect(present).to_contain_text(ui["professional"])
    expect(present).to_contain_text(register.nurse_role[lang], ignore_case=True)

    tab_to(page, 'a[href*="view=month"]')
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "view=month" in url)
    check_page(page, lang=lang, js=js)
    expect(page.locator('a[aria-current="page"]')).to_have_text(ui["month"])
    wednesdays_this_month = sum(
        1 for week in calendar.monthcalendar(today.year, today.month) if week[CAFE_WEEKDAY]
    )
    expect(page.locator(".prog-entry", has_text=cafe_title)).to_have_count(wednesdays_this_month)
    expect(page.locator(".prog-professionals").first).to_contain_text(ui["professional"])

    # The file itself, not the webcal:// subscription next to it.
    tab_to(page, 'a[download][href*="calendar.ics"]')
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR")
    assert download.value.suggested_filename.endswith(".ics")
    events = Calendar.from_ical(text).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == [cafe_title]
    rule: Any = events[0]["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["WE"]
    starts = events[0].decoded("DTSTART")
    assert (starts.weekday(), starts.hour, starts.minute) == (CAFE_WEEKDAY, 9, 30)
    assert str(starts.tzinfo) == "Europe/Helsinki"
    assert register.nurse_role[lang] in str(events[0]["DESCRIPTION"])


# ---- 5: the area's brochure ----


@LANGS
@SCRIPT
def test_family_prints_the_area_brochure_for_the_notice_board(live_site, register, phone, lang, js):
    page = phone
    page.goto(f"{live_site}/{lang}/areas/{register.area.hsds_id}/")
    check_page(page, lang=lang, js=js)
    expect(page.locator("h1")).to_have_text(register.area_name[lang])
    expect(page.locator("main")).to_contain_text(register.meeting_place_name[lang])

    tab_to(page, "[data-testid=area-brochure-link]")
    with page.expect_response(lambda response: "brochure.pdf" in response.url) as answer:
        page.keyboard.press("Enter")
    response = answer.value
    assert response.status == 200
    assert response.url == f"{live_site}/{lang}/areas/{register.area.hsds_id}/brochure.pdf"
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].endswith(f'-{lang}.pdf"')
    # Chromium shows the PDF in its viewer, which hides the bytes: fetch the same address.
    pdf = page.context.request.get(response.url).body()
    assert pdf.startswith(b"%PDF-")
    assert b"%%EOF" in pdf[-1024:]

    # The same brochure as a page (the PDF is made from it): the week's programme with the
    # visiting nurse, and the area's places; and it links to the PDF.
    page.goto(f"{live_site}/{lang}/areas/{register.area.hsds_id}/brochure/")
    check_page(page, lang=lang, js=js)
    programme = page.locator("table.programme")
    expect(programme).to_contain_text(register.cafe_title[lang])
    expect(programme).to_contain_text(register.nurse_role[lang], ignore_case=True)
    expect(page.locator("table.places")).to_contain_text(register.meeting_place_name[lang])
    tab_to(page, 'a[href$="/brochure.pdf"]')
