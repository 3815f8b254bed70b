"""The frame of every professional's page: who is logged in (role, place, organisation), the
menu, the logout button, a skip link and the language switch that keeps the page."""

import pytest

from tests.families.html import parse
from tests.professionals import Desk, login_professional
from tests.staff.test_login import DESK, LOGIN

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.staff.urls")]


def test_a_staff_page_shows_who_is_at_work_and_the_menu(client, desk: Desk):
    login_professional(client, desk.aino)

    page = parse(client.get(DESK))

    assert page.find_all("html")[0].get("lang") == "fi"
    who = page.one("staff-who").text
    assert "Terveydenhoitaja, Espoo" in who
    assert "Länsi-Uudenmaan hyvinvointialue" in who
    assert page.link("Saapuneet") == "/fi/staff/inbox/"
    assert page.link("Vastauspohjat") == "/fi/staff/inbox/templates/"
    assert page.link("Palaute") == "/fi/staff/feedback/"
    logout = page.one("logout").parent
    assert logout.tag == "form" and logout.get("method") == "post"
    assert logout.get("action") == "/fi/staff/logout/"
    assert page.one("logout").text == "Kirjaudu ulos"
    assert page.link("Siirry sisältöön") == "#main"
    assert page.by_id("main").tag == "main"
    assert page.one("language-sv").get("href") == "/sv/staff-test/desk/"


def test_the_page_loads_its_styles_and_htmx(client, desk: Desk):
    login_professional(client, desk.aino)

    page = parse(client.get(DESK))

    styles = [link.get("href") for link in page.find_all("link", rel="stylesheet")]
    assert any(href.endswith("staff/staff.css") for href in styles)
    scripts = page.find_all("script")
    assert any(s.get("src", "").endswith("vendor/htmx/htmx.min.js") for s in scripts)
    assert all("defer" in s.attrs for s in scripts if s.get("src"))


def test_the_frame_speaks_swedish(client, desk: Desk):
    login_professional(client, desk.aino)

    page = parse(client.get("/sv/staff-test/desk/"))

    assert page.find_all("html")[0].get("lang") == "sv"
    assert "Hälsovårdare, Esbo" in page.one("staff-who").text
    assert page.one("logout").text == "Logga ut"
    assert page.link("Inkorg") == "/sv/staff/inbox/"
    assert page.one("language-fi").get("href") == "/fi/staff-test/desk/"


def test_the_login_page_has_no_menu_and_labels_every_field(client):
    page = parse(client.get(LOGIN))

    assert page.by_testid("logout") == []
    assert [nav.get("aria-label") for nav in page.find_all("nav")] == ["Kieli"]
    for field in ("username", "password"):
        field_id = f"id_{field}"
        assert len(page.find_all("label", **{"for": field_id})) == 1
        assert page.by_id(field_id).get("aria-describedby") == f"error-{field}"
    assert len(page.find_all("main")) == 1
    assert len(page.find_all("h1")) == 1
