"""Data maintainers' main journeys in a real browser, keyboard only, in Finnish and Swedish,
with an accessibility check of each page they pass through."""

from typing import Any

import pytest
from django.utils import timezone

from perhekeskus.network.models import ChangeRecord, Service
from tests.browser.conftest import axe_violations
from tests.personas import PASSWORD

# Data migrations load the reference data (counties, municipalities …); a transactional test
# flushes the database, so the data is serialised and restored around each test.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TAB_LIMIT = 250
# Django's own markup with known findings, left out of the checks (not ours to fix here):
# tabular inlines label inputs only by the column heading, and the filter_horizontal widget's
# help icons carry an aria-label on a span without a role.
DJANGO_TABULAR_INLINES = ".inline-group .tabular"
DJANGO_OWN_MARKUP = (DJANGO_TABULAR_INLINES, ".selector .help-tooltip")


def focused(page: Any) -> dict[str, str]:
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            return {id: e.id || '', text: (e.innerText || e.value || '').trim(), tag: e.tagName};
        }"""
    )


def tab_to(page: Any, *, element_id: str = "", text: str = "") -> None:
    """Press Tab until the wanted element has the focus, as a keyboard user would."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        now = focused(page)
        if (element_id and now["id"] == element_id) or (text and now["text"] == text):
            return
    raise AssertionError(f"Tab never reached {element_id or text!r}")


def log_in(page: Any, base: str, *, lang: str, username: str) -> None:
    page.goto(f"{base}/{lang}/admin/login/")
    tab_to(page, element_id="id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("#site-name")
    assert page.url.rstrip("/").endswith(f"/{lang}/admin")


def assert_page_accessible(page: Any, *, lang: str) -> None:
    assert page.get_attribute("html", "lang") == lang
    assert page.locator("main").count() == 1
    assert page.locator("h1").count() >= 1
    unlabelled = page.evaluate(
        """(skip) => [...document.querySelectorAll(
                '#content-main input, #content-main select, #content-main textarea')]
            .filter(e => e.type !== 'hidden' && e.type !== 'submit' && e.type !== 'button'
                         && e.offsetParent !== null && !e.closest(skip))
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                         && !e.getAttribute('aria-labelledby') && !e.title)
            .map(e => e.name || e.id)""",
        DJANGO_TABULAR_INLINES,
    )
    assert unlabelled == []
    assert axe_violations(page, exclude=DJANGO_OWN_MARKUP) == []


def test_ngo_maintainer_edits_the_swedish_name_with_the_keyboard_and_sees_it_in_the_history(
    live_site, page, reference_data, network, personas
):
    cafe = network.family_cafe
    log_in(page, live_site, lang="fi", username="sari")
    assert_page_accessible(page, lang="fi")

    page.goto(f"{live_site}/fi/admin/network/service/")
    assert_page_accessible(page, lang="fi")
    tab_to(page, text=cafe.name_fi)
    page.keyboard.press("Enter")
    page.wait_for_selector("#id_name_sv")
    assert_page_accessible(page, lang="fi")

    tab_to(page, element_id="id_name_sv")
    page.keyboard.press("Control+A")
    page.keyboard.type("Familjecafé Bubblan i Alberga")
    page.keyboard.press("Enter")
    page.wait_for_selector(".messagelist .success")
    assert Service.objects.get(pk=cafe.pk).name_sv == "Familjecafé Bubblan i Alberga"

    tab_to(page, text=cafe.name_fi)
    page.keyboard.press("Enter")
    history = page.locator(".change-history")
    history.wait_for()
    assert "Muutoshistoria" in history.inner_text()
    row = history.locator("tr", has_text="nimi [sv]")
    assert "Familjecafé Bubblan" in row.inner_text()
    assert "Familjecafé Bubblan i Alberga" in row.inner_text()
    assert "Sari" in row.inner_text()
    assert ChangeRecord.objects.filter(object_id=str(cafe.pk), actor=personas.sari).exists()


def test_county_maintainer_marks_a_service_verified_in_swedish(
    live_site, page, reference_data, network, personas
):
    clinic = network.child_health_clinic
    Service.objects.filter(pk=clinic.pk).update(last_verified_at=None)
    log_in(page, live_site, lang="sv", username="leena")
    assert "Tjänster" in page.locator("#content-main").inner_text()
    assert_page_accessible(page, lang="sv")

    page.goto(f"{live_site}/sv/admin/network/service/{clinic.pk}/change/")
    assert_page_accessible(page, lang="sv")
    tab_to(page, text="Markera som granskad i dag")
    page.keyboard.press("Enter")
    page.wait_for_selector(".messagelist .success")
    assert "granskad i dag" in page.locator(".messagelist").inner_text()

    clinic.refresh_from_db()
    assert clinic.last_verified_at == timezone.localdate()
    assert clinic.last_verified_by == personas.leena
