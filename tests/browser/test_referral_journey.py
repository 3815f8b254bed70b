"""A referral's journey in a real browser on a phone, in Finnish and Swedish: Aino in Espoo
checks the consents and sends a referral of Liisa and Eino Virtanen to family work in Vantaa;
Kalle there receives it, accepts it, records the first contact and completes it, while Aino
sees each state change on her own page. Each page is checked with axe-core and must fit a
375 px screen."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from perhekeskus.referrals.models import Referral
from tests.browser.conftest import fits_the_phone, phone_page, professional_logs_in, tab_to
from tests.clients.conftest import identity_keys, virtanen  # noqa: F401
from tests.referrals.around import BASIC, around  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("reference_data", "audit_log_emptied_afterwards"),
]

REASON = {
    "fi": "Liisa ei ole käynyt koulussa kolmeen viikkoon ja vanhemmat ovat väsyneitä.",
    "sv": "Liisa har inte gått i skolan på tre veckor och föräldrarna är utmattade.",
}
STATES = {
    "fi": {
        "sent": "lähetetty",
        "received": "vastaanotettu",
        "accepted": "hyväksytty",
        "first_contact": "ensikontakti otettu",
        "completed": "valmis",
        "covered": "Suostumukset kattavat kaiken",
    },
    "sv": {
        "sent": "skickad",
        "received": "mottagen",
        "accepted": "godkänd",
        "first_contact": "första kontakt tagen",
        "completed": "slutförd",
        "covered": "Samtyckena täcker allt",
    },
}


@pytest.fixture(autouse=True)
def _no_device_pause(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def status_of(page: Any) -> str:
    return page.inner_text("[data-testid=referral-status]").strip()


def press(page: Any, selector: str) -> None:
    """Reach the button with the keyboard and press it, as a keyboard user does."""
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_a_referral_is_sent_received_accepted_and_completed(
    browser,
    live_site,
    around,  # noqa: F811
    lang,
):
    around.consent([around.virtanen.teen, around.virtanen.baby], [BASIC])
    words = STATES[lang]
    aino = phone_page(browser, lang)
    kalle = phone_page(browser, lang)
    try:
        # Aino writes the referral, checks the consents and sends it.
        professional_logs_in(aino, live_site, lang, around.aino)
        aino.goto(f"{live_site}/{lang}/workspace/referrals/new/{around.virtanen.family.pk}/")
        assert aino.get_attribute("html", "lang") == lang
        fits_the_phone(aino)
        aino.select_option("#id_to_organisation", str(around.vantaa.pk))
        aino.select_option("#id_to_service", str(around.family_work.pk))
        tab_to(aino, "#id_reason")
        aino.keyboard.type(REASON[lang])
        for person in (around.virtanen.teen, around.virtanen.baby):
            aino.check(f"input[name=persons][value='{person.pk}']")
        aino.check("input[name=shared_categories][value=basic]")
        press(aino, "[data-testid=check-consents]")
        assert words["covered"] in aino.inner_text("[data-testid=consents-complete]")
        assert aino.locator("[data-testid=consent-covered]").count() == 2
        fits_the_phone(aino)
        press(aino, "[data-testid=send-referral]")
        referral = Referral.objects.get()
        aino.wait_for_url(f"**/{lang}/workspace/referrals/{referral.pk}/")
        assert status_of(aino) == words["sent"]
        fits_the_phone(aino)

        # Kalle finds it among the incoming referrals and takes each step.
        professional_logs_in(kalle, live_site, lang, around.kalle)
        kalle.goto(f"{live_site}/{lang}/workspace/referrals/")
        fits_the_phone(kalle)
        tab_to(kalle, f"[data-testid=inbox-row] a[href$='/referrals/{referral.pk}/']")
        with kalle.expect_navigation():
            kalle.keyboard.press("Enter")
        assert REASON[lang] in kalle.inner_text("[data-testid=reason]")
        assert "Liisa Virtanen" in kalle.inner_text("[data-testid=receiver-view]")
        fits_the_phone(kalle)
        press(kalle, "[data-testid=do-receive]")
        assert status_of(kalle) == words["received"]

        first_contact_by = timezone.localdate() + timedelta(days=5)
        kalle.fill("#id_accept-first_contact_by", first_contact_by.isoformat())
        fits_the_phone(kalle)
        press(kalle, "[data-testid=do-accept]")
        assert status_of(kalle) == words["accepted"]

        # Aino sees the referral accepted, with the date of the first contact.
        aino.reload()
        assert status_of(aino) == words["accepted"]
        assert aino.locator("[data-testid=first-contact-due]").count() == 1
        assert aino.locator("[data-testid=step-withdraw]").count() == 0

        press(kalle, "[data-testid=do-first_contact]")
        assert status_of(kalle) == words["first_contact"]
        press(kalle, "[data-testid=do-complete]")
        assert status_of(kalle) == words["completed"]
        fits_the_phone(kalle)

        aino.reload()
        assert status_of(aino) == words["completed"]
        steps = aino.locator("[data-testid=timeline-step]")
        assert steps.count() == 5
        fits_the_phone(aino)
        aino.goto(f"{live_site}/{lang}/workspace/referrals/sent/")
        assert words["completed"] in aino.inner_text("[data-testid=sent-row]").lower()
        fits_the_phone(aino)
    finally:
        aino.context.close()
        kalle.context.close()
