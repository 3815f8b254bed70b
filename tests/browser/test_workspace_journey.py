"""Intake at a meeting place, in a real browser on a phone, keyboard first, in Finnish and
Swedish: Hanna, a family worker at the NGO's family café, registers a family she met there,
opens a process of many services, becomes the family's own worker and adds an action to the
plan. Each page is checked with axe-core and must fit a 375 px screen."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from perhekeskus.clients.models import Person
from perhekeskus.processes.models import ClientProcess, Kind, OwnWorkerHandover
from perhekeskus.staff.models import Professional
from tests.browser.conftest import (
    axe_violations,
    fits_the_phone,
    phone_page,
    professional_logs_in,
    tab_to,
)
from tests.clients.codes import code_for
from tests.clients.conftest import identity_keys  # noqa: F401
from tests.referrals.around import professional

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("reference_data", "audit_log_emptied_afterwards", "identity_keys"),
]

MOTHER_BORN = date(1994, 9, 17)
WORDS = {
    "fi": "Äiti kertoo, ettei jaksa: vauva herää monta kertaa yössä.",
    "sv": "Mamman berättar att hon inte orkar: bebisen vaknar många gånger per natt.",
}
ACTION = {"fi": "Kotikäynti ja unikoulun suunnittelu", "sv": "Hembesök och planering av sömnskola"}
TEXTS = {
    "fi": {"new": "Uusi perhe", "own": "Perheen omatyöntekijä on", "done": "Perhe kirjattiin"},
    "sv": {
        "new": "Ny familj",
        "own": "Familjens egen arbetstagare är",
        "done": "Familjen registrerades",
    },
}


@pytest.fixture(autouse=True)
def _no_device_pause(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def hanna(network) -> Professional:
    return professional("hanna", network.ngo, Professional.Role.FAMILY_WORKER, network.espoo)


def type_into(page: Any, selector: str, text: str) -> None:
    """Reach the field with the keyboard and type, as a keyboard user does."""
    tab_to(page, selector)
    page.keyboard.type(text)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_hanna_takes_in_a_family_met_at_the_meeting_place(browser, live_site, hanna, lang):
    page = phone_page(browser, lang)
    try:
        professional_logs_in(page, live_site, lang, hanna)

        page.goto(f"{live_site}/{lang}/workspace/")
        fits_the_phone(page)
        tab_to(page, "[data-testid=intake-link]")
        page.keyboard.press("Enter")
        page.wait_for_url("**/workspace/intake/")
        assert page.get_attribute("html", "lang") == lang
        assert TEXTS[lang]["new"] in page.inner_text("h1")
        fits_the_phone(page)

        # The family and its safety instruction, by keyboard.
        type_into(page, "#id_family_name", "Korhonen")
        # The first member, the mother, with her identity code.
        type_into(page, "#id_member-0-given_names", "Sanna")
        type_into(page, "#id_member-0-family_name", "Korhonen")
        page.select_option("#id_member-0-relation", "guardian")
        page.fill("#id_member-0-date_of_birth", MOTHER_BORN.isoformat())
        page.fill("#id_member-0-identity_code", code_for(MOTHER_BORN, 402))
        page.fill("#id_member-0-phone", "050 765 4321")
        # The baby, without a code yet.
        page.fill("#id_member-1-given_names", "Aada")
        page.fill("#id_member-1-family_name", "Korhonen")
        page.select_option("#id_member-1-relation", "child")
        baby_born = timezone.localdate() - timedelta(days=120)
        page.fill("#id_member-1-date_of_birth", baby_born.isoformat())
        # How the matter came: the meeting place, many services.
        page.select_option("#id_door", "meeting_place")
        page.select_option("#id_kind", Kind.MANY_SERVICES)
        type_into(page, "#id_support_need_words", WORDS[lang])
        page.click(".ws-choices summary")
        page.check("input[name=support_needs][value=exhaustion]")
        tab_to(page, "[data-testid=intake-submit]")
        page.keyboard.press("Enter")

        page.wait_for_url("**/workspace/processes/*/")
        process = ClientProcess.objects.get(family__name="Korhonen")
        assert process.kind == Kind.MANY_SERVICES and process.organisation == hanna.organisation
        assert process.support_need_words == WORDS[lang]
        assert TEXTS[lang]["done"] in page.inner_text("[data-testid=messages]")
        assert "Korhonen" in page.inner_text("h1")
        fits_the_phone(page)

        # Hanna becomes the family's own worker.
        page.select_option("#id_worker", str(hanna.pk))
        tab_to(page, "[data-testid=own-worker-submit]")
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-testid=handover]")
        assert TEXTS[lang]["own"] in page.inner_text("[data-testid=own-worker-section]")
        assert OwnWorkerHandover.objects.filter(process=process, to_worker=hanna).exists()

        # An action for the plan, due the day after tomorrow.
        tab_to(page, "[data-testid=actions] summary")
        page.keyboard.press("Enter")
        type_into(page, "#id_what", ACTION[lang])
        page.select_option("#id_who", str(hanna.pk))
        page.fill("#id_due_on", (timezone.localdate() + timedelta(days=2)).isoformat())
        tab_to(page, "[data-testid=action-submit]")
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-testid=plan-action]")
        assert ACTION[lang] in page.inner_text("[data-testid=plan-action]")
        fits_the_phone(page)

        # The family page leads to recording a consent on its own page, also on a phone:
        # Sanna lets her contact details be shared with Hanna's organisation for referrals.
        page.goto(f"{live_site}/{lang}/workspace/families/{process.family_id}/")
        assert page.locator("[data-testid=consent-form]").count() == 0
        fits_the_phone(page)
        tab_to(page, "[data-testid=consent-new-link]")
        page.keyboard.press("Enter")
        page.wait_for_url("**/consents/")
        assert page.get_attribute("html", "lang") == lang
        fits_the_phone(page)
        assert axe_violations(page) == []
        sanna = str(Person.objects.get(given_names="Sanna", family_name="Korhonen").pk)
        page.select_option("#id_person", sanna)
        page.select_option("#id_given_by", sanna)
        page.check("input[name=categories][value=contact]")
        page.select_option("#id_recipient", str(hanna.organisation_id))
        page.select_option("#id_purpose", "referral")
        page.fill("#id_valid_until", (timezone.localdate() + timedelta(days=90)).isoformat())
        tab_to(page, "[data-testid=consent-submit]")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/workspace/families/{process.family_id}/")
        assert "Sanna Korhonen" in page.inner_text("[data-testid=consent]")

        # Back on the caseload the family is there, with the reminder for its own worker.
        page.goto(f"{live_site}/{lang}/workspace/")
        assert "Korhonen" in page.inner_text("[data-testid=caseload]")
        assert ACTION[lang] in page.inner_text("[data-testid=reminders]")
        fits_the_phone(page)
    finally:
        page.context.close()
