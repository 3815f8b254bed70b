"""The cooperation network, in a real browser on a phone, in Finnish and Swedish: Maija, the
family centre coordinator of the West Uusimaa county, records the cooperation agreement of the
Leppävaara area (parties, period, a commitment with its responsible contact, the review date and
the signed document), then names the parish's contact person and a deputy in the area's
contact-person network and sees them on the area's network page. Keyboard first; each page is
checked with axe-core and must fit a 375 px screen.

Texts are compared through gettext; elements are found by id and test id."""

from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import pgettext

from perhekeskus.cooperation.models import Agreement, ContactAssignment
from perhekeskus.network.models import Organisation
from perhekeskus.staff.models import Professional
from tests.browser.conftest import fits_the_phone, phone_page, professional_logs_in, tab_to
from tests.cooperation.building import PDF
from tests.referrals.around import professional

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("reference_data", "audit_log_emptied_afterwards"),
]


@pytest.fixture(autouse=True)
def _no_device_pause(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def documents(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    signed = tmp_path / "allekirjoitettu-sopimus.pdf"
    signed.write_bytes(PDF)
    return signed


@pytest.fixture
def people(network):
    parish = Organisation.objects.create(
        sector=Organisation.Sector.PARISH,
        county=network.west_uusimaa,
        municipality=network.espoo,
        name="Leppävaaran seurakunta",
        name_fi="Leppävaaran seurakunta",
        name_sv="Alberga församling",
        name_en="Leppävaara parish",
    )
    maija = professional("maija", network.county_org, Professional.Role.COORDINATOR, network.espoo)
    pia = professional("pia", parish, Professional.Role.FAMILY_WORKER, network.espoo)
    return maija, pia, parish


def submit(page, testid: str) -> None:
    tab_to(page, f"[data-testid={testid}]")
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_coordinator_records_an_agreement_and_its_contact_persons(
    browser, live_site, network, people, documents, lang
):
    maija, pia, parish = people
    area = network.espoo_area
    with translation.override(lang):
        area_name = area.name
        parish_name = parish.name
        in_force = pgettext("agreement", "in force")
    page = phone_page(browser, lang)
    try:
        professional_logs_in(page, live_site, lang, maija)

        # From the leaders' navigation to the cooperation network, and a new agreement.
        tab_to(page, "[data-testid=nav-cooperation]")
        page.keyboard.press("Enter")
        page.wait_for_url("**/leading/cooperation/")
        assert page.get_attribute("html", "lang") == lang
        fits_the_phone(page)
        submit(page, "agreement-new")
        page.wait_for_url("**/agreements/new/")
        fits_the_phone(page)

        # The agreement: its name, the area it covers, the period, the review date, in force.
        page.fill("#id_title", "Leppävaaran perhekeskuksen yhteistyösopimus")
        page.fill("#id_purpose", "Perhekahvilat ja jalkautuva työ yhdessä.")
        page.check(f"input[name=areas][value='{area.pk}']")
        page.fill("#id_starts_on", "2026-01-01")
        page.fill("#id_ends_on", "2027-12-31")
        page.fill("#id_review_on", "2027-06-30")
        page.select_option("#id_status", "in_force")
        submit(page, "agreement-submit")
        page.wait_for_selector("[data-testid=agreement-title]")
        agreement = Agreement.objects.get()
        assert page.url.endswith(f"/agreements/{agreement.pk}/")
        assert page.inner_text("[data-testid=agreement-status]") == in_force
        assert area_name in page.inner_text("[data-testid=agreement-areas]")

        # The parties: the county and the parish.
        for organisation in (network.county_org, parish):
            page.select_option("#id_party-organisation", str(organisation.pk))
            submit(page, "party-submit")
            page.wait_for_selector("[data-testid=messages]")
        assert page.locator("[data-testid=party]").count() == 2

        # The parish's commitment, with the contact responsible for it.
        parish_party = agreement.parties.get(organisation=parish)
        page.select_option("#id_commitment-party", str(parish_party.pk))
        page.fill("#id_commitment-text", "Seurakunta pitää perhekahvilaa tiistaisin.")
        page.fill("#id_commitment-name", "Sanna Seurakunta")
        page.fill("#id_commitment-phone", "040 123 4567")
        submit(page, "commitment-submit")
        commitment = page.locator("[data-testid=commitment]")
        assert "tiistaisin" in commitment.inner_text()
        assert "Sanna Seurakunta" in commitment.inner_text()

        # The signed agreement as a PDF.
        page.set_input_files("#id_document-file", str(documents))
        submit(page, "document-submit")
        link = page.locator("[data-testid=document-link]")
        assert link.inner_text() == documents.name
        fits_the_phone(page)
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename == documents.name

        # To the area's network: the parish's contact role, Pia as its contact, and a deputy.
        page.click("[data-testid=agreement-areas] a")
        page.wait_for_selector("[data-testid=area-title]")
        assert area_name in page.inner_text("[data-testid=area-title]")
        page.select_option("#id_role-organisation", str(parish.pk))
        page.select_option("#id_role-kind", "parish")
        submit(page, "role-submit")
        page.wait_for_selector("[data-testid=gap]")  # a role without a person is a gap
        page.select_option(
            "#id_assign-role", page.locator("#id_assign-role option").nth(1).get_attribute("value")
        )
        page.check("input[name=assign-standing][value=contact]")
        page.select_option("#id_assign-professional", str(pia.pk))
        page.fill("#id_assign-valid_from", "2026-01-01")
        submit(page, "assign-submit")
        page.wait_for_selector("[data-testid=gaps-none]")
        page.select_option(
            "#id_assign-role", page.locator("#id_assign-role option").nth(1).get_attribute("value")
        )
        page.check("input[name=assign-standing][value=deputy]")
        page.fill("#id_assign-name", "Pekka Pappila")
        page.fill("#id_assign-phone", "040 765 4321")
        page.fill("#id_assign-valid_from", "2026-01-01")
        submit(page, "assign-submit")

        row = page.locator("[data-testid=role]")
        assert row.count() == 1
        assert parish_name in row.locator("[data-testid=role-organisation]").inner_text()
        assert "Pia" in row.locator("[data-testid=role-contact]").inner_text()
        assert row.locator("[data-testid=deputy]").inner_text().startswith("Pekka Pappila")
        fits_the_phone(page)
        assert ContactAssignment.objects.filter(role__area=area).count() == 2
        assert ContactAssignment.objects.get(professional=pia).valid_from == date(2026, 1, 1)
    finally:
        page.context.close()
