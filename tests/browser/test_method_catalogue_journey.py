"""The method catalogue in a real browser on a phone, in Finnish and Swedish: Aino, a public
health nurse in Espoo, searches the catalogue with an inflected compound ("lasten
puheeksiotto"), opens Lapset puheeksi, finds Hanna at the family café in her area trained in
it (Mikko in Vantaa one link further), and starts a referral of the Virtanen family naming the
method, to Mikko's organisation. Each page is checked with axe-core and must fit a 375 px
screen."""

from typing import Any

import pytest

from perhekeskus.methods.catalogue import catalogue_load
from perhekeskus.methods.models import Method, MethodTraining
from perhekeskus.methods.search import index_reset
from perhekeskus.referrals.models import Referral
from tests.browser.conftest import fits_the_phone, phone_page, professional_logs_in, tab_to
from tests.clients.conftest import identity_keys, virtanen  # noqa: F401
from tests.methods.conftest import years_ago
from tests.referrals.around import BASIC, around  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("reference_data", "audit_log_emptied_afterwards"),
]

WORDS = {
    "fi": {
        "name": "Lapset puheeksi",
        "near": "alueellasi",
        "elsewhere": "muualla",
        "reason": "Perhe toivoo Lapset puheeksi -keskustelua Liisan koulunkäynnistä.",
        "sent": "lähetetty",
    },
    "sv": {
        "name": "Lapset puheeksi (Let's Talk about Children)",
        "near": "i ditt område",
        "elsewhere": "på annat håll",
        "reason": "Familjen önskar ett Lapset puheeksi-samtal om Liisas skolgång.",
        "sent": "skickad",
    },
}


@pytest.fixture(autouse=True)
def _no_device_pause(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def lapset_puheeksi(reference_data, around) -> Method:  # noqa: F811
    """The catalogue (a flushed database gets it again); Hanna (Espoo, the NGO) and Mikko
    (Vantaa) are trained in Lapset puheeksi."""
    catalogue_load()
    index_reset()
    method = Method.objects.get(code="lapset-puheeksi")
    MethodTraining.objects.create(
        method=method, professional=around.hanna, trained_on=years_ago(2), certificate="LP"
    )
    MethodTraining.objects.create(method=method, professional=around.mikko, trained_on=years_ago(1))
    around.hanna.user.last_name = "Harju"
    around.hanna.user.save()
    return method


def press(page: Any, selector: str) -> None:
    """Reach the control with the keyboard and press it, as a keyboard user does."""
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_a_professional_finds_who_is_trained_and_refers_to_them(
    browser,
    live_site,
    around,  # noqa: F811
    lapset_puheeksi,
    lang,
):
    around.consent([around.virtanen.teen, around.virtanen.baby], [BASIC])
    words = WORDS[lang]
    aino = phone_page(browser, lang)
    try:
        professional_logs_in(aino, live_site, lang, around.aino)

        # The catalogue is in the staff menu.
        press(aino, "[data-testid=nav-methods]")
        aino.wait_for_url(f"**/{lang}/workspace/methods/")
        assert aino.get_attribute("html", "lang") == lang
        fits_the_phone(aino)

        # A Finnish search: an inflected word and a compound no dictionary knows.
        tab_to(aino, "#id_q")
        aino.keyboard.type("lasten puheeksiotto")
        press(aino, "[data-testid=search-submit]")
        first = aino.locator("[data-testid=method-hit]").first
        assert first.get_attribute("data-code") == "lapset-puheeksi"
        assert "puheeksi otto" in aino.inner_text("[data-testid=corrections]")
        fits_the_phone(aino)

        # The method's page: Hanna in the area; Mikko elsewhere, one link away.
        press(aino, "[data-code=lapset-puheeksi] h3 a")
        assert aino.inner_text("[data-testid=method-name]") == words["name"]
        trained = aino.inner_text("[data-testid=trained]")
        assert "Hanna Harju" in trained and words["near"] in trained
        assert "Mikko" not in trained
        fits_the_phone(aino)
        assert words["elsewhere"] in aino.inner_text("[data-testid=show-everywhere]")
        press(aino, "[data-testid=show-everywhere]")
        assert "Mikko" in aino.inner_text("[data-testid=trained]")
        fits_the_phone(aino)

        # Refer a family to someone trained: the family, then the referral with the method.
        press(aino, "[data-testid=refer-trained]")
        fits_the_phone(aino)
        press(aino, "[data-testid=refer-family]")
        assert aino.locator("#id_method").input_value() == str(lapset_puheeksi.pk)
        panel = aino.inner_text("[data-testid=method-trained]")
        assert "Hanna Harju" in panel and "Mikko" in panel
        fits_the_phone(aino)
        press(
            aino,
            f"[data-organisation='{around.vantaa.pk}'] [data-testid=refer-to-organisation]",
        )
        assert aino.locator("#id_to_organisation").input_value() == str(around.vantaa.pk)
        assert aino.locator("#id_method").input_value() == str(lapset_puheeksi.pk)
        tab_to(aino, "#id_reason")
        aino.keyboard.type(words["reason"])
        for person in (around.virtanen.teen, around.virtanen.baby):
            aino.check(f"input[name=persons][value='{person.pk}']")
        aino.check("input[name=shared_categories][value=basic]")
        press(aino, "[data-testid=check-consents]")
        fits_the_phone(aino)
        press(aino, "[data-testid=send-referral]")
        referral = Referral.objects.get()
        aino.wait_for_url(f"**/{lang}/workspace/referrals/{referral.pk}/")
        assert referral.method == lapset_puheeksi
        assert aino.inner_text("[data-testid=referral-status]").strip() == words["sent"]
        assert words["name"] in aino.inner_text("[data-testid=referral-method]")
        fits_the_phone(aino)
    finally:
        aino.context.close()
