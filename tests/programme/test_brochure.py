"""A meeting-place coordinator prints the area's brochure for the notice board."""

import shutil
import subprocess
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from perhekeskus.programme.selectors import programme_brochure
from tests.programme.conftest import CLOSED_TUESDAY, Programme
from tests.programme.helpers import pdf_page_count, text

pytestmark = pytest.mark.django_db


def brochure_url(programme: Programme, language: str, suffix: str) -> str:
    return f"/{language}/areas/{programme.network.espoo_area.hsds_id}/{suffix}"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_brochure_is_a_pdf_with_pages(client, programme, language):
    response = client.get(brochure_url(programme, language, "brochure.pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert pdf_page_count(response.content) >= 1
    assert f'-{language}.pdf"' in response["Content-Disposition"]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fi", ["Viikko-ohjelma", "Tiistai", "Vauvakahvila", "Terveydenhoitaja"]),
        ("sv", ["Veckoprogram", "Tisdag", "Babycafé", "Hälsovårdare"]),
    ],
)
def test_the_printed_pdf_reads_in_the_language_of_the_address(
    client, programme, tmp_path, language, words
):
    pdf = tmp_path / "brochure.pdf"
    pdf.write_bytes(client.get(brochure_url(programme, language, "brochure.pdf")).content)

    printed = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    for word in words:
        assert word in printed
    assert "Luonnostapahtuma" not in printed


def test_the_finnish_brochure_has_services_places_and_the_weekly_programme(client, programme):
    page = text(client.get(brochure_url(programme, "fi", "brochure/")).content.decode())

    assert "Leppävaaran perhekeskusalue" in page
    assert "Viikko-ohjelma" in page
    assert "Tiistai 10.00–12.00 Vauvakahvila · 0–6 v · suomi, ruotsi joka viikko" in page
    assert "Terveydenhoitaja lastenneuvolasta (kuun ensimmäinen tiistai)" in page
    assert "Torstai 13.00–14.30 Leikkiryhmä ruotsiksi" in page
    assert "ilmoittautuminen pakollinen" in page
    assert "Palvelut" in page
    assert "Lastenneuvola, Leppävaara" in page
    assert "Perhekahvila Kupla" in page
    assert "Hevosenkenkä 3, 02600" in page
    assert "ma 8.00–16.00" in page
    assert "Tulostettu" in page
    assert "Palvelujen tiedot on tarkistettu 1.9.2026." in page
    assert "Perheneuvola (luonnos)" not in page  # a draft service
    assert "Tikkurila" not in page  # another area
    assert "Luonnostapahtuma" not in page  # a draft activity


def test_the_swedish_brochure_is_in_swedish(client, programme):
    page = text(client.get(brochure_url(programme, "sv", "brochure/")).content.decode())

    assert "Alberga familjecentralområde" in page
    assert "Veckoprogram" in page
    assert "Tisdag" in page
    assert "Babycafé" in page
    assert "Hälsovårdare från barnrådgivningen" in page
    assert "Barnrådgivningen, Alberga" in page
    assert "Tjänster" in page


def test_the_weekly_programme_says_when_the_cafe_is_not_held(programme):
    now = datetime.combine(date(2026, 12, 3), time(9), ZoneInfo("Europe/Helsinki"))
    with translation.override("fi"):
        brochure = programme_brochure(area_id=programme.network.espoo_area.hsds_id, now=now)

    tuesdays = {day.weekday: day for day in brochure.programme}[1]
    cafe = next(slot for slot in tuesdays.slots if slot.activity.title == "Vauvakahvila")
    assert cafe.every == 1
    assert cafe.not_on == (CLOSED_TUESDAY,)
    assert brochure.programme_start == date(2026, 11, 30)
    assert [group.code for group in brochure.groups] == ["health", "network"]
    assert brochure.service_count == 2
